/**
 * Hand-written signals for the local router: keyword cues that become features, a sentiment lexicon
 * and a complexity heuristic. Pure functions, no I/O.
 */
import type { Complexity, Sentiment } from '../../src/core/agents.js';

/** Cue name -> pattern; a match adds the feature `s:<name>`. */
const CUES: [string, RegExp][] = [
  [
    'human',
    /\b(human|real person|live (agent|person|chat)|representative|operator|speak (to|with) (someone|somebody|a person)|talk (to|with) (someone|somebody|a person|an agent)|customer (service|support|care)|call ?back|manager|supervisor)\b/i,
  ],
  [
    'security',
    /\b(stolen|stole|theft|fraud\w*|scam\w*|hack(ed|er|ing)?|compromised|phish\w*|unauthori[sz]ed|suspicious|identity theft)\b/i,
  ],
  ['lost', /\b(lost|misplaced|can ?not find|cant find|missing) (my )?(card|phone|wallet|mobile)\b/i],
  [
    'unrecognised',
    /\b(do ?n[o']?t|did ?n[o']?t|never) (recogni[sz]e|authori[sz]e|make|made|buy|bought)\b|\bunrecogni[sz]ed\b|\bnot mine\b|\bdont know (this|that|what)\b/i,
  ],
  ['legal', /\b(lawyer|attorney|legal action|sue|suing|court|ombudsman|regulator|lawsuit)\b/i],
  [
    'complaint',
    /\b(complain\w*|complaint|unacceptable|ridiculous|disgrace\w*|terrible service|worst|fed up|furious)\b/i,
  ],
  ['close', /\b(close|terminate|delete|shut down|cancel) (my |the |this )?(whole )?(account|profile|membership)\b/i],
  ['refund', /\b(refund\w*|money back|reimburs\w*|chargeback)\b/i],
  ['charge', /\b(charged?|charges|fee|fees|invoice\w*|bill|billed|billing|receipt)\b/i],
  [
    'pending',
    /\b(pending|still processing|hasnt arrived|not (arrived|gone through|received)|declined|rejected|reverted|failed)\b/i,
  ],
  ['login', /\b(log ?in|sign ?in|password|passcode|pin|verify|verification|2fa|two.factor|locked out|otp)\b/i],
  ['broken', /\b(error|bug|crash\w*|not working|doesnt work|wont (work|load|open)|broken|stuck|glitch|freez\w*)\b/i],
  ['order', /\b(order\w*|deliver\w*|shipping|shipment|parcel|package|tracking|courier)\b/i],
  ['company', /\b(card|account|app|transfer|payment|top ?up|bank|subscription|plan)\b/i],
];

/** Names of the cues present in `text`. */
export function signalTokens(text: string): string[] {
  const lower = text.toLowerCase().replace(/[’'`]/g, '');
  const out: string[] = [];
  for (const [name, re] of CUES) if (re.test(lower)) out.push(name);
  if (out.length === 0 || (out.length === 1 && out[0] === 'company')) out.push(out.length ? 'only_company' : 'none');
  return out;
}

const ANGRY =
  /\b(furious|outrageous|ridiculous|unacceptable|disgust\w*|pathetic|useless|scam|thieves|rip ?off|worst|hate|sick of|fed up|incompetent|joke|wtf|damn|shit\w*|fuck\w*|crap|lawyer|sue|thanks for nothing|waste of (my )?time|pissed( off)?|livid|outraged|absurd)\b/i;
const NEGATIVE =
  /\b(disappoint\w*|unhappy|annoy\w*|frustrat\w*|upset|angry|bad|poor|terrible|awful|horrible|problem|issue|wrong|broken|not working|doesnt work|still|again|waiting|never|complain\w*|worried|concerned|stolen|fraud|lost|confus\w*|stuck|cant|cannot|unable|failed|error)\b/i;
const POSITIVE =
  /\b(thanks?|thank you|great|awesome|love|excellent|perfect|appreciate\w*|amazing|wonderful|happy|glad|nice|solved|works now|that helped|helpful)\b/i;
/** The last answer did not help: outweighs any "thanks" in the same message. */
const DID_NOT_HELP =
  /\b((did|does|do|has|have|was|is)(nt| not| no) (really |actually )?(help\w*|work\w*|answer\w*|solve\w*|fix\w*|useful|what i (asked|meant|need\w*))|(not|wasnt|isnt) (very |really )?(helpful|useful|it|what i (asked|meant))|no help|didnt help|not (the|an) answer|doesnt answer|that is not (it|right)|thats not (it|right|what i))\b/i;
/** Writing about it again, or demanding action now. */
const REPEAT =
  /\b(second|third|fourth|fifth|2nd|3rd|4th|5th|\d+(st|nd|rd|th)?) time\b|\b(again and again|(several|multiple|many|three|four|five|\d+) times|once again|keep (asking|telling|getting)|already (asked|told|contacted|wrote|explained)|still (not|no|waiting|nothing|havent|hasnt))\b/i;
const URGENT =
  /\b(urgent\w*|asap|immediately|right now|right away|emergency|as soon as possible|straight away|deadline|time.?sensitive|cant wait|critical)\b/i;
/** A demand for action now ("get me a human", "fix it now"); "I want to talk to someone" alone is not. */
const DEMAND = /\b(get me|give me|i demand|now)\b/i;

/** Words of two or more letters written in capitals, other than common acronyms: shouting. */
function shoutedWords(text: string): number {
  const caps = text.match(/\b[A-Z]{2,}\b/g) ?? [];
  return caps.filter(
    (w) => !/^(OK|ID|PIN|FAQ|API|URL|SMS|USD|EUR|GBP|VAT|IBAN|PDF|UK|US|EU|2FA|OTP|IOS|CSV|TV|PC)$/.test(w),
  ).length;
}

/** True when the customer says it is urgent (time pressure), whatever the tone. */
export function detectUrgency(text: string): boolean {
  const lower = text.toLowerCase().replace(/[’'`]/g, '');
  return URGENT.test(lower) || /\bNOW\b/.test(text);
}

/**
 * Sentiment by lexicon: angry (insults, shouting, threats, or a repeated/urgent demand with
 * emphasis) > negative ("did not help" even after "thanks", problems, time pressure) > positive >
 * neutral.
 */
export function detectSentiment(text: string): Sentiment {
  const lower = text.toLowerCase().replace(/[’'`]/g, '');
  const letters = text.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length >= 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.7;
  const emphasis = shoutedWords(text) > 0 || /!{2,}/.test(text);
  if (ANGRY.test(lower) || shouting || /!{3,}/.test(text)) return 'angry';
  const repeat = REPEAT.test(lower);
  const urgent = detectUrgency(text);
  if (repeat && (emphasis || urgent || DEMAND.test(lower))) return 'angry';
  if (emphasis && urgent && (DEMAND.test(lower) || NEGATIVE.test(lower))) return 'angry';
  if (DID_NOT_HELP.test(lower) || repeat || NEGATIVE.test(lower)) return 'negative';
  if (urgent) return 'negative';
  if (POSITIVE.test(lower)) return 'positive';
  return 'neutral';
}

/** Complex when the message is long, asks several questions, or chains several requests. */
export function detectComplexity(text: string): Complexity {
  const words = text.split(/\s+/).filter(Boolean).length;
  const questions = (text.match(/\?/g) ?? []).length;
  const sentences = text.split(/[.!?\n]+/).filter((s) => s.trim().split(/\s+/).length >= 3).length;
  if (words > 60 || questions >= 2 || sentences >= 4) return 'complex';
  if (words > 30 && /\b(also|and also|another thing|additionally|plus|as well as)\b/i.test(text)) return 'complex';
  return 'simple';
}
