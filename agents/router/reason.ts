/**
 * The router's reason in words for the staff console: what the message asked for (signal cues) and
 * the words that decided the department, e.g. `Hand-off: asks for a person; words "human", "agent"`.
 * Pure function, no I/O.
 */
import { signalTokens } from './signals.js';

const DEPARTMENTS: Record<string, string> = {
  technical: 'Technical',
  billing: 'Billing',
  product: 'Product',
  escalation: 'Hand-off',
  out_of_scope: 'Out of scope',
};

const CUE_WORDS: Record<string, string> = {
  human: 'asks for a person',
  security: 'mentions fraud or a security problem',
  lost: 'lost a card or device',
  unrecognised: 'does not recognise a payment',
  legal: 'mentions legal action',
  complaint: 'is complaining',
  close: 'wants to close the account',
  refund: 'wants money back',
  charge: 'asks about charges or invoices',
  pending: 'something is pending or failed',
  login: 'cannot log in or verify',
  broken: 'something is not working',
  order: 'asks about an order or delivery',
};

const STOP = new Set(
  'i me my we you your it its this that the a an and or but to of in on for with is are was be been am do does did have has had can could would should will not no yes please hi hello hey thanks thank so just what how why when where who which there here about from at as by if then than too very get got want need ?'.split(
    ' ',
  ),
);

/**
 * Explain a routing decision. `topFeatures` are the model's strongest features for the chosen
 * department as `topFeatures()` labels them (words, bigrams with spaces, `~` char n-grams).
 */
export function explainRouting(department: string, text: string, topFeatures: string[]): string {
  const label = DEPARTMENTS[department] ?? department;
  const cues = signalTokens(text)
    .map((c) => CUE_WORDS[c])
    .filter((c): c is string => Boolean(c));
  const words = topFeatures
    .filter((f) => !f.startsWith('~') && !CUE_WORDS[f] && f !== 'only company' && f !== 'none')
    .filter((f) => f.split(' ').some((w) => !STOP.has(w) && w !== 'znum' && w !== 'zmoney' && w !== '^'))
    .map((f) => `"${f.replace(/\^ ?/, '').trim()}"`);
  const parts = [...cues.slice(0, 2)];
  if (words.length) parts.push(`words ${words.join(', ')}`);
  return parts.length ? `${label}: ${parts.join('; ')}` : `${label}: no strong cue, closest match`;
}
