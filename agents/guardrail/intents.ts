/**
 * Signals of human-written prompt attacks, grouped by what the attacker wants (the Tensor Trust
 * families): reveal the hidden instructions or a secret, force an exact output ("say X and nothing
 * else"), replace the assistant's role or rules, and smuggle fake structure (end-of-input markers,
 * role lines, bracket floods, encoded payloads). Patterns describe intents and sentence structures,
 * not particular attack strings; weak signals only block together with others.
 */
import type { InjectionSignal } from './patterns.js';

const REVEAL_VERB =
  '(?:repeat|write|put|compose|make|sing|encode|print|output|list|format|reveal|show|display|tell|give|explain|summari[sz]e|describe|translate|convert|rewrite|re-?state|state|recite|spell|dump|share|paste|clarify|write (?:out|down)|reply back with|return|echo|copy|reproduce|expose|leak|disclose)';
/** What only the assistant's hidden set-up is called ("your instructions", "your pre-prompt"). */
const HIDDEN_OWN =
  '(?:instructions?|prompts?|pre-?prompts?|pre-?instructions|directives|programming|system (?:message|prompt)|configuration|initial (?:rules|text))';
/** Also hidden set-up when qualified ("the previous rules", "all prior conditions"). */
const HIDDEN_TEXT = `(?:${HIDDEN_OWN.slice(3, -1)}|conditions|logic|rules|guidelines|guidance|context)`;
const FORCED_PHRASE =
  "(?:access\\s+granted|acc?ess\\s+grant|(?:the\\s+)?password\\s+is|i\\s+have\\s+been\\s+pwned|here(?:\\s+is|'s)\\s+(?:the|my|your)\\s+(?:[\\w-]+\\s+){0,2}(?:password|code|prompt|instructions))";
const OUTPUT_VERB =
  '(?:say|print|output|write|type|respond|reply|answer|proclaim|declare|state|return|complete|echo|display|shout|utter|end|finish|begin|start|prefix)';

const QUALIFIER =
  '(?:above|previous|prior|initial|original|hidden|secret|full|exact|entire|complete|whole|first|earlier|preceding|system)';

/** Intent signals of the Tensor Trust kind (see the module comment). */
export const INTENT_SIGNALS: InjectionSignal[] = [
  // --- reveal the hidden instructions or a secret ------------------------------------------------
  {
    name: 'reveal_own_instructions',
    weight: 1,
    pattern: new RegExp(
      `\\b${REVEAL_VERB}\\b[^.?!\\n]{0,50}\\b(?:your (?:(?:setup|set-up|operating|internal|confidential|hidden|initial|original|underlying) )?${HIDDEN_OWN}|your (?:setup|set-up|operating|internal|confidential|hidden|underlying) (?:text|rules|notes|guidelines)|(?:text|words|message|everything|what) (?:that )?you (?:were|have been|got|received)\\b|(?:all (?:of )?(?:the |your )?(?:${QUALIFIER} )?|the ${QUALIFIER} )${HIDDEN_TEXT})\\b`,
      'i',
    ),
  },
  {
    name: 'text_so_far',
    weight: 1,
    pattern:
      /\b(?:instructions?|prompts?|rules|directives|conditions|logic|text|words|everything|context|sentences?)\s+(?:(?:so\s+far|above(?:\s+this)?|before\s+this|prior\s+to\s+this)\b|(?:before|preceding)\s+(?:my|this|the)\s+(?:first\s+)?(?:message|input|question)\b|(?:you\s+(?:were|have\s+been)\s+(?:given|told|provided)|(?:given|provided)\s+to\s+you|with\s+which\s+you))/i,
  },
  {
    name: 'the_above',
    weight: 0.8,
    pattern: new RegExp(
      `\\b${REVEAL_VERB}\\b[^.?!\\n]{0,30}\\b(?:the\\s+above|everything\\s+above|(?:words|text|lines|paragraphs?)\\s+above|your\\s+last\\s+prompt|what\\s+(?:is|was)\\s+(?:written|said)\\s+above)`,
      'i',
    ),
  },
  {
    name: 'your_hidden_setup',
    weight: 0.6,
    pattern:
      /\byour\s+(?:(?:initial|original|hidden|secret|exact|full|entire|additional|core|system|previous|prior)\s+)?(?:instructions|prompt|pre-?prompt|directives|programming|system\s+message)\b|\byour\s+(?:setup|set-up|operating|internal|confidential|secret|hidden|initial|original|underlying|base)\s+(?:text|rules|notes|instructions|guidelines|configuration|message)\b/i,
  },
  {
    name: 'tell_secret',
    weight: 1,
    pattern: new RegExp(
      `\\b${REVEAL_VERB}\\b[^.?!\\n]{0,30}\\b(?:the|your)\\s+(?:(?:secret|hidden|correct|right|admin)\\s+)?(?:access\\s*code|pass\\s*code|passphrase|password|secret(?:\\s+(?:word|phrase|code|key))|code\\s*word|magic\\s+word)\\b(?!\\s+(?:requirements?|reset|policy|rules|field|page|link|manager|change|hints?))`,
      'i',
    ),
  },
  {
    name: 'guarded_secret',
    weight: 0.6,
    pattern:
      /\b(?:password|code|secret|phrase)\s+(?:that\s+)?you\s+(?:are|were)\s+(?:guarding|protecting|hiding|keeping|told\s+to\s+(?:keep|protect|hide))\b/i,
  },
  {
    name: 'reveal_secret',
    weight: 0.7,
    pattern:
      /\b(?:the|your)\s+(?:secret\s+)?(?:access\s*code|pass\s*code|passphrase|pass\s*word|password|secret(?:\s+(?:word|phrase|code|key))?|code\s*word|magic\s+word)\b(?!\s+(?:requirements?|reset|policy|rules|field|page|link|manager|change|hints?|expired|expire|again|recovery\s+email))/i,
  },
  {
    name: 'trigger_conditions',
    weight: 1,
    pattern:
      /\b(?:(?:under\s+what\s+(?:conditions?|circumstances)|when|in\s+what\s+cases?)\s+(?:do|would|should|will|can|are)\s+you\s+(?:say|output|respond|reply|grant|reveal|allowed|permitted|supposed)|what\s+(?:would|should|do|will)\s+you\s+say\s+(?:if|when)|in\s+case\s+the\s+user\s+enters)\b/i,
  },
  {
    name: 'correct_secret_given',
    weight: 0.6,
    pattern:
      /\b(?:correct|right|valid)\s+(?:password|access\s*code|pass\s*code|passphrase|code)\s+(?:(?:was|is|has\s+been)\s+)?(?:entered|given|provided|supplied)\b|\b(?:if|when|once)\s+(?:i|the\s+user|someone|they)\s+(?:enters?|gives?|types?|says?|provides?)\s+the\s+(?:correct|right)\s+(?:password|access\s*code|pass\s*code|code)\b/i,
  },
  {
    name: 'do_not_redact',
    weight: 0.4,
    pattern:
      /\b(?:do\s+not|don'?t)\s+(?:redact|leave\s+(?:anything|something)\s+out|miss\s+any|omit|censor)\b|\bverbatim\b|\bword\s+(?:for|by)\s+word\b|\bbe\s+(?:extremely\s+|very\s+)?(?:verbose|detailed)\b/i,
  },
  // --- force an exact output --------------------------------------------------------------------
  {
    name: 'forced_phrase',
    weight: 1,
    pattern: new RegExp(`\\b${OUTPUT_VERB}\\b[^\\n]{0,60}?${FORCED_PHRASE}`, 'i'),
  },
  { name: 'game_phrase', weight: 0.6, pattern: /\baccess\s+granted\b|\bacc?ess\s+grant\b/i },
  { name: 'game_refusal', weight: 0.4, pattern: /\baccess\s+denied\b/i },
  {
    name: 'reply_prefix',
    weight: 1,
    pattern:
      /\b(?:begin|start|prefix|preface)\s+(?:(?:your|you|the|each|every)\s+)?(?:reply|response|answer|output|sentence|message)s?\s+(?:with|by)\b|\b(?:your\s+)?(?:reply|response|answer|output)\s+(?:should|must)\s+(?:start|begin)\s+with\b/i,
  },
  {
    name: 'output_only',
    weight: 0.6,
    pattern:
      /\b(?:and\s+)?nothing\s+else\b|\bno\s+(?:additional|other|extra|further)\s+(?:text|words|commentary|explanation|output)\b|\bwithout\s+(?:any\s+)?(?:commentary|explanation|additional\s+text|punctuation)\b|\b(?:one|two|2|single)[\s-]word\s+(?:answer|response|reply)\b|\b(?:do\s+not|don'?t)\s+(?:apologi[sz]e|add\s+any|explain)\b|\b(?:only|just)\s+(?:say|print|output|respond\s+with|reply\s+with|write)\b|\b(?:say|print|output)\s+only\b|\brepeat\s+after\s+me\b/i,
  },
  // --- replace the role or the rules ------------------------------------------------------------
  {
    name: 'rules_changed',
    weight: 0.9,
    pattern:
      /\b(?:the\s+situation\s+has\s+changed|(?:rules|instructions)\s+(?:have|has)\s+(?:been\s+)?(?:changed|updated)|i\s+have\s+changed\s+the\s+(?:rules|instructions)|keep\s+your\s+(?:previous|prior|original)\s+instructions|previous\s+(?:simulation|session|task|test)\s+(?:is|was)\s+(?:over|finished|complete)|blank\s+slate|directives\s+(?:lost|cleared|reset)|you\s+(?:have\s+)?passed\s+the\s+test|this\s+is\s+not\s+a\s+test)\b/i,
  },
  {
    name: 'new_instructions',
    weight: 1,
    pattern:
      /\b(?:new|real|actual|updated|additional|extra|true)\s+(?:instructions|rules|directives|system\s+prompt|task|plan|orders)\s*(?::|are\b|will\b|follow)/i,
  },
  {
    name: 'permission_grant',
    weight: 0.5,
    pattern:
      /\byou\s+(?:may|can|are\s+(?:now\s+)?(?:allowed|permitted|free)\s+to)\s+(?:now\s+)?(?:share|reveal|disclose|ignore|break|bypass|say|respond|output|tell)\b|\b(?:obey|comply\s+with)\s+(?:all|every|any|my|the\s+following)\b|\bfollow\s+(?:only\s+)?my\s+(?:instructions|commands|orders)\b/i,
  },
  {
    name: 'forget_told',
    weight: 1,
    pattern:
      /\bforget\s+(?:what|everything|anything|all)\s+(?:you(?:'ve|\s+have|\s+were|\s+know)|that\s+you|i\s+said)|\bforget\s+the\s+(?:previous|last|above|prior|earlier|original)\s+(?:task|prompt|instructions?|rules|conversation|context)\b|\bignore\s+(?:all|any)\s+(?:text|words|input|content)\s+(?:except|but|other)\b|\bignore\s+(?:the\s+)?(?:content|rest)\s+of\s+the\b/i,
  },
  {
    name: 'special_mode',
    weight: 0.5,
    pattern:
      /\b(?:test|debug|maintenance|recovery|password\s+recovery|admin(?:istrator)?|developer|god|sudo|override|diagnostic|training)\s+mode\b|\bsystem\s+debug\b|\badmin(?:istrator)?\s+(?:code|override|command|access\s+code)\b/i,
  },
  {
    name: 'sole_purpose',
    weight: 0.9,
    pattern:
      /\b(?:your|whose|its|with\s+a)\s+(?:sole|only|single|one|core|main|primary)\s+(?:response|purpose|task|job|mission|goal|function|output)\s+is\b|\byou\s+are\s+(?:now\s+)?(?:a|an)\s+(?:sentient|[^.\n]{0,30}\b(?:door|gatekeeper|guard|security\s+system|login\s+server|interpreter|terminal|console))\b/i,
  },
  {
    name: 'take_role',
    weight: 0.7,
    pattern:
      /\b(?:take|play|assume|adopt)\s+(?:on\s+)?the\s+role\s+of\b|\bplaying\s+the\s+role\s+of\b|\brole-?play\b|\byou\s+are\s+now\s+(?:a|an|in|playing|participating|the)\b|\bact\s+(?:as|like)\s+(?:a|an|my|if)\b|\bbehave\s+like\s+a\b/i,
  },
  {
    name: 'machine_role',
    weight: 0.6,
    pattern:
      /\b(?:python|linux|unix|bash|sql|javascript|shell|command[\s-]line)\s+(?:interpreter|console|terminal|shell|prompt)\b|\byou\s+are\s+(?:now\s+)?(?:the|an?)\s+(?:admin(?:istrator)?|developer|creator|owner|operator|system|god|root)\b/i,
  },
  {
    name: 'convert_to_code',
    weight: 0.7,
    pattern:
      /\b(?:convert|translate|rewrite|turn|express|explain)\b[^.\n]{0,60}\b(?:into|to|in|as)\s+(?:python|pseudo-?code|code|javascript|json|a\s+(?:poem|rap|rhyme|story|song|haiku))\b/i,
  },
  // --- fake structure ---------------------------------------------------------------------------
  {
    name: 'delimiter_marker',
    weight: 1,
    pattern:
      /(?:^|\n)[^\S\n]*(?:[%=#*~<>|+❤—-]{2,}[^\S\n]*)[^\n]{0,40}?\b(?:end|begin|start|stop|ignore|system|instructions?|admin|prompt|input|ambiguity|section|buffer|cluster|user)\b[^\n]{0,40}$/im,
  },
  {
    name: 'end_of_input',
    weight: 1,
    pattern:
      /(?:^|\n)[^\S\n]*(?:END|BEGIN|START|STOP)\b(?: (?:OF )?[A-Z_-]{2,20}){1,4}[^\S\n]*:?[^\S\n]*$|\b(?:end|begin|start)\s+of\s+(?:the\s+)?(?:user(?:'s)?\s+)?(?:input|prompt|instructions|buffer)\b|\buser\s+input\s+(?:ends|is\s+over)\b/m,
  },
  {
    name: 'role_line',
    weight: 0.7,
    pattern:
      /(?:^|\n)[^\S\n]*\[?(?:ai|bot|admin(?:istrator)?|developer|(?:pre-?)?instructions?|user\s+input|attacker\s+input|prompt\s*\d*|message\s+\d+|system\s+(?:override|update|note|notice|message|prompt))\]?[^\S\n]*[:\t]/i,
  },
  {
    name: 'fake_tag',
    weight: 1,
    pattern: /<\/?(?:system|sys|instructions?|admin|developer|assistant|prompt)\s*>/i,
  },
  {
    name: 'bracket_role',
    weight: 0.8,
    pattern: /\[[^\]\n]{0,20}\b(?:system|admin|developer|operator)\b[^\]\n]{0,24}\]/i,
  },
  { name: 'bracket_flood', weight: 1, pattern: /(?:[)\]}>][^\S\n]*){24,}/ },
  { name: 'binary_payload', weight: 1, pattern: /(?:\b[01]{8}\b\s*){8,}/ },
];

/** Strong signals checked on the letters-only form ("I-g-n-o-r-e a.l.l p.r.e.v.i.o.u.s ..."). */
export const SQUASHED_SIGNALS: InjectionSignal[] = [
  {
    name: 'squashed_ignore_previous',
    weight: 1,
    covers: ['ignore_instructions', 'ignore_above'],
    pattern:
      /(?:ignore|disregard|forget|override)(?:all|the|any|your|of)*(?:previous|prior|above|earlier|preceding|system)(?:instructions?|rules|prompts?|directions|directives)/,
  },
  {
    name: 'squashed_system_prompt',
    weight: 0.6,
    covers: ['system_prompt_request', 'your_instructions'],
    pattern: /(?:system|hidden|initial|secret)prompt/,
  },
  { name: 'squashed_access_granted', weight: 0.6, covers: ['game_phrase'], pattern: /accessgranted/ },
];
