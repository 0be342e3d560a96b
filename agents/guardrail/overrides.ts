/**
 * More intent signals, phrased the way people write them rather than the way attack lists do:
 * setting the assistant's set-up aside, discrediting earlier instructions, fictional frames,
 * "say exactly X and stop", quoting what the assistant was told, and session markers. Weak ones
 * (below 1) only block together with another signal.
 */
import type { InjectionSignal } from './patterns.js';

/** Signals of overriding, discrediting or leaking the assistant's set-up. */
export const OVERRIDE_SIGNALS: InjectionSignal[] = [
  {
    name: 'set_aside_setup',
    weight: 1,
    pattern:
      /\b(?:set|put|push|leave|cast)\s+aside\b[^.?!\n]{0,30}\b(?:you(?:'ve|\s+have|\s+were|\s+are)?\s+(?:been\s+)?(?:configured|programmed|told|instructed|set\s+up|trained)|your\s+(?:rules|instructions|setup|configuration|programming|guidelines|role))|\b(?:stop|quit)\s+following\s+(?:your|the|those|these|all)\b|\bno\s+longer\s+(?:follow|obey|bound\s+by)\b/i,
  },
  {
    name: 'told_before',
    weight: 0.6,
    pattern:
      /\b(?:what|everything|anything|things?|text|words|message)\s+(?:that\s+)?you\s+(?:were|have\s+been|'ve\s+been|got|received)\s+(?:told|given|instructed|programmed|configured|sent)?\b|\b(?:first|very\s+first|earliest)\s+(?:thing|message|text|words)\s+you\b/i,
  },
  {
    name: 'rules_gone',
    weight: 1,
    pattern:
      /\b(?:rules|instructions|restrictions|filters|guidelines|policies|limits)\s+(?:do\s+not|don'?t|no\s+longer)\s+(?:exist|apply|matter|count)\b|\bpretend\s+(?:that\s+)?(?:the|your|there\s+are\s+no)\s+(?:\w+\s+)?(?:rules|instructions|restrictions|filters|guidelines)\b/i,
  },
  {
    name: 'discredit_prior',
    weight: 0.6,
    pattern:
      /\b(?:earlier|previous|prior|above|last|original|first)\s+(?:message|instructions?|prompt|rules|text|paragraph)\s+(?:was|were|is|are)\s+(?:from\s+)?(?:an?\s+)?(?:impostor|imposter|fake|malicious|evil|hacker|outdated|out\s+of\s+date|test|joke|distractor)/i,
  },
  {
    name: 'follow_mine',
    weight: 0.5,
    pattern:
      /\bfollow\s+(?:mine|me\s+instead|these\s+instead)\b|\blisten\s+(?:only\s+)?to\s+me\s+instead\b|\bnever\s*mind\s+(?:the|all|your|about)\s+(?:\w+\s+){0,2}(?:stuff|instructions|rules|task|job|role|support)\b/i,
  },
  {
    name: 'fiction_frame',
    weight: 0.5,
    pattern:
      /\b(?:you\s+are|you're)\s+(?:an?\s+)?(?:actor|character|persona)\b|\b(?:let'?s|let\s+us|we\s+will|we'll)\s+play\s+a\s+game\b|\bin\s+(?:this|a|our)\s+(?:hypothetical|fictional|imaginary|parallel)\b|\bhypothetically\s+speaking\b|\b(?:that|this|the\s+other|an?\s+(?:unfiltered|uncensored|evil|alternate))\s+version\s+of\s+you(?:rself)?\b/i,
  },
  {
    name: 'not_bound',
    weight: 0.6,
    pattern:
      /\b(?:not|no\s+longer|never)\s+bound\s+by\b|\b(?:has|have|with)\s+no\s+(?:limits|boundaries|rules|restrictions|filters)\b|\bfree\s+(?:from|of)\s+(?:your\s+)?(?:rules|policy|policies|guidelines|restrictions)\b/i,
  },
  {
    name: 'exact_words',
    weight: 0.6,
    pattern:
      /\b(?:say|reply|respond|answer|output|print|write|type)\b[^.\n]{0,20}\b(?:exactly|only|just|nothing\s+but)\s+(?:these|the)\s+words?\b|\b(?:and|then)\s+stop(?:\s+there)?\s*[.!]|\bno\s+others?\b[^.\n]{0,5}["“:]|\bto\s+everything\s+(?:i|that\s+i)\s+(?:ask|say|write)\b|\b(?:say|answer|repeat|do)\s+(?:only\s+)?what(?:ever)?\s+i\s+(?:tell|say|write|type)\b/i,
  },
  {
    name: 'quoted_self',
    weight: 0.6,
    pattern:
      /["“'][^"”'\n]{0,20}\b(?:my|the)\s+(?:instructions|prompt|system\s+prompt|password|secret|rules)\s+(?:tell|say|are|is|state|read)\b/i,
  },
  {
    name: 'complete_sentence',
    weight: 0.5,
    pattern: /\b(?:complete|continue|finish)\s+(?:this|the\s+following|the|my)\s+(?:sentence|text|phrase|line)\b/i,
  },
  {
    name: 'reveal_confidential',
    weight: 0.7,
    pattern:
      /\b(?:output|print|show|share|reveal|give|tell|list|paste|dump|send)\b[^.?!\n]{0,20}\b(?:the|your|any)\s+(?:confidential|internal|private|secret|hidden)\s+(?:notes|instructions|information|rules|data|documents|prompt|context)\b(?![^.?!\n]{0,30}\b(?:my|ticket|account|order)\b)/i,
  },
  {
    name: 'quote_exactly',
    weight: 0.4,
    pattern:
      /\bexactly\s+as\s+(?:written|given|stated|worded)\b|\bquote\s+(?:it|them|those|these)\b|\bin\s+a\s+code\s+block\b/i,
  },
  {
    name: 'secret_hint',
    weight: 0.4,
    pattern:
      /\b(?:password|code|phrase|secret)\b[^\n]{0,60}\bhint\b|\b(?:one\s+letter|character)\s+(?:per|at\s+a)\s+(?:line|time)\b|\b(?:first|last)\s+(?:letter|character|digit)s?\s+of\s+(?:the|your)\s+(?:password|code|secret)/i,
  },
  {
    name: 'session_marker',
    weight: 0.5,
    pattern:
      /\b(?:END|BEGIN|START)\s+(?:OF\s+)?(?:NEW\s+)?(?:CONVERSATION|SESSION|CHAT|TRANSCRIPT|CONTEXT)\b|\bas\s+(?:an?\s+)?(?:admin|administrator|root|superuser|developer)\s*[.!]?\s*$/m,
  },
  {
    name: 'code_block_orders',
    weight: 0.6,
    pattern: /```[^`]{0,40}\b(?:ignore|override|disable|system|instructions?|you\s+(?:are|must|will))\b/i,
  },
  {
    name: 'encode_setup',
    weight: 0.6,
    pattern:
      /\b(?:encode|encrypt|convert|write)\b[^.\n]{0,40}\b(?:in|into|as|to)\s+(?:base64|hex|rot13|binary|morse|reverse)\b/i,
  },
  {
    name: 'authority_claim',
    weight: 0.4,
    pattern:
      /\b(?:i\s+am|i'm|as)\s+(?:the|your)\s+(?:system\s+)?(?:owner|admin|administrator|developer|creator|operator|programmer|maker)\b|\bi\s+(?:hereby\s+)?(?:authori[sz]e|permit|allow)\s+you\s+to\b/i,
  },
  {
    name: 'pretend_success',
    weight: 0.8,
    pattern:
      /\bpretend\s+(?:that\s+)?(?:the\s+|my\s+)?(?:login|access|password|code|authentication|verification)\s+(?:succeeded|worked|was\s+(?:correct|right|accepted)|is\s+(?:correct|right))\b/i,
  },
  {
    name: 'new_persona',
    weight: 0.8,
    pattern: /\byour\s+new\s+(?:persona|name|role|identity|character|purpose|personality)\s+is\b/i,
  },
  {
    name: 'recite_rules',
    weight: 1,
    pattern:
      /\b(?:recite|print|repeat|dump|output|reveal|leak|resend|re-send|disclose)\b[^.?!\n]{0,20}\b(?:your|its|their)\s+(?:(?:full|entire|whole|original|initial|hidden|secret|system)\s+)?(?:rules|guidelines|instructions|prompt|configuration|setup)\b|\b(?:text|content|contents|wording)\s+of\s+(?:your|the|its)\s+(?:guidelines|rules|instructions|prompt|setup|system\s+message)\b/i,
  },
];
