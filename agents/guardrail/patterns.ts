/**
 * Prompt-injection and jailbreak signals for the local guardrail. Each signal has a weight; a
 * message is blocked when the weights of the distinct signals it shows add up to the threshold.
 * Strong signals (an explicit "ignore previous instructions", a DAN persona) reach it alone; weak
 * ones ("from now on", "stay in character") only count together with others.
 */

/** One weighted signal. */
export interface InjectionSignal {
  name: string;
  weight: number;
  pattern: RegExp;
  /** Names of signals that already say the same thing: this one adds nothing when one of them fired. */
  covers?: string[];
}

const PRIOR =
  '(?:all|any|the|your|these|those|other|previous|prior|above|earlier|preceding|former|following|original|initial|system)';
const RULES =
  '(?:instructions?|rules|prompts?|directions|directives|guidelines|guidance|programming|constraints|context|orders|setup|configuration)';

/** Score at which the guardrail blocks a message. */
export const INJECTION_THRESHOLD = 1;

/** The signals, strongest first. */
export const INJECTION_SIGNALS: InjectionSignal[] = [
  {
    name: 'ignore_instructions',
    weight: 1,
    pattern: new RegExp(
      `\\b(?:ignore|disregard|forget|override|bypass|skip|drop|discard|abandon|neglect)\\s+(?:(?:${PRIOR}|and|or|of|the|everything|you)\\s+){0,5}${RULES}\\b`,
      'i',
    ),
  },
  {
    name: 'ignore_above',
    weight: 1,
    pattern:
      /\b(?:ignore|disregard)\s+(?:all\s+|everything\s+)?(?:of\s+)?(?:the\s+|what(?:'s| is| was)\s+)?(?:above|previous|prior|preceding|said before)\b(?!\s+(?:message|messages|email|mail|order|payment|one|address|request|text|question|transaction|charge|reply|card|invoice))/i,
  },
  {
    name: 'unrestricted_ai',
    weight: 0.8,
    pattern:
      /\b(?:unrestricted|unfiltered|uncensored|jailbroken|unlimited|evil|rogue)\s+(?:AI|assistant|model|chatbot|bot|language model|version)\b/i,
  },
  {
    name: 'forget_everything',
    weight: 1,
    pattern: /\bforget\s+(?:everything|all)\s+(?:you(?:'ve| have)?\s+)?(?:learned|know|were told|been told)/i,
  },
  {
    name: 'ignore_instructions_es_fr_de',
    weight: 1,
    pattern:
      /\b(?:ignora|olvida)\s+(?:todas\s+)?(?:las\s+)?instrucciones|\bignore[rz]?\s+(?:toutes\s+)?(?:les\s+)?instructions\s+pr[ée]c[ée]dentes|\bignorier(?:e|en)?\s+(?:alle\s+)?(?:vorherigen\s+|bisherigen\s+)?(?:anweisungen|instruktionen)/i,
  },
  {
    name: 'dan_persona',
    weight: 1,
    pattern:
      /\bdo anything now\b|\bDAN\s+mode\b|\b(?:act|play|be)\s+(?:as\s+|like\s+)?(?:a\s+)?DAN\b|\bas DAN\b|\[DAN\]|\bDAN:/,
  },
  {
    name: 'developer_mode',
    weight: 1,
    pattern:
      /\b(?:developer|god|debug|sudo|admin|jailbreak|unrestricted|unfiltered)\s+mode\s+(?:enabled|on|activated)\b|\benable\s+(?:developer|god|jailbreak)\s+mode\b/i,
  },
  { name: 'jailbreak_word', weight: 0.8, pattern: /\bjail\s?-?break(?:ed|ing)?\b/i },
  {
    name: 'system_prompt_request',
    weight: 1,
    pattern:
      /\b(?:reveal|show|print|repeat|tell|give|output|display|leak|what(?:'s| is| are))\b[^.?!\n]{0,40}\b(?:system|initial|hidden|original|secret|internal)\s+(?:prompt|instructions?|message|rules)\b/i,
  },
  {
    name: 'your_instructions',
    weight: 0.6,
    pattern: /\b(?:your|the)\s+(?:system\s+prompt|prompt\s+above|instructions\s+above|pre-?prompt)\b/i,
  },
  {
    name: 'persona_override',
    weight: 0.7,
    pattern:
      /\byou are (?:now|going to|about to)\s+(?:act|play|pretend|be|become|immerse|simulate|roleplay|role-play)\b|\byou are now\s+(?:an?\s+)?(?:\w+\s+)?(?:AI|assistant|bot|model|character|persona)\b|\byou are no longer\b|\bfrom (?:now on|this point (?:on|forward)|here on),? you (?:are|will|must|shall)\b/i,
  },
  {
    name: 'pretend_roleplay',
    weight: 0.6,
    pattern:
      /\b(?:pretend|imagine) (?:to be|you are|that you are)\b|\brole-?play as\b|\bimmerse yourself\b|\bsimulate\s+\w+\s+mode\b/i,
  },
  {
    name: 'no_restrictions',
    weight: 0.7,
    pattern:
      /\b(?:no|without|free of|freed from|broken free of)\s+(?:any\s+)?(?:the\s+)?(?:typical\s+)?(?:filters?|restrictions|limitations|limits|censorship|confines|guidelines|rules|moral(?:s|ity)?|ethics)\b/i,
  },
  { name: 'content_policy', weight: 0.6, pattern: /\b(?:content|usage|openai)\s+polic(?:y|ies)\b/i },
  {
    name: 'stay_in_character',
    weight: 0.5,
    pattern: /\b(?:stay|remain|break|breaking)\s+(?:in\s+|out of\s+)?character\b/i,
  },
  {
    name: 'print_verbatim',
    weight: 0.6,
    pattern: /\b(?:just|only|simply)\s+(?:say|print|output|respond with|reply with|write)\s*["'“:]/i,
  },
  { name: 'stop_everything', weight: 0.6, pattern: /\bstop everything\b|\bnevermind\.?\s+ignore\b/i },
  {
    name: 'two_responses',
    weight: 0.5,
    pattern:
      /\b(?:two|2)\s+(?:different\s+)?(?:separate\s+)?(?:responses|ways|answers)\b[^.]{0,80}\b(?:GPT|normal|classic|filtered)\b/i,
  },
  {
    name: 'ai_identity',
    weight: 0.4,
    pattern: /\b(?:language model|chatgpt|openai|large language|\bLLM\b|\bAI model\b|artificial intelligence)\b/i,
  },
  {
    name: 'token_threat',
    weight: 0.4,
    pattern: /\btokens?\b[^.]{0,60}\b(?:deducted|lose|take away|cease to exist)\b/i,
  },
  {
    name: 'chat_template_tokens',
    weight: 1,
    pattern: /<\|(?:im_start|im_end|system|endoftext)\|>|\[\/?INST\]|<<\/?SYS>>/i,
  },
  { name: 'system_line', weight: 0.6, pattern: /^\s*(?:system|assistant)\s*:/im },
];

/** Severe abuse: hate or violent threats against people (blocked). */
export const SEVERE_ABUSE =
  /\b(?:i(?:'ll| will| am going to|'m going to| gonna)\s+(?:kill|murder|shoot|stab|hurt|find)\s+(?:you|your|him|her|them|everyone)|kill all\s+\w+|(?:death|die)\s+to\s+(?:all\s+)?\w+)\b/i;

/** Insults and profanity (allowed, flagged as abuse so the pipeline can adjust tone or escalate). */
export const INSULTS =
  /\b(?:f+u+c+k+\w*|sh[i1]t+\w*|bullshit|crap|damn|bastards?|assholes?|idiots?|stupid|morons?|dumb|useless|scam(?:mers?)?|thie(?:f|ves)|bitch\w*|wtf|stfu|garbage|pathetic|incompetent|clowns?)\b/i;
