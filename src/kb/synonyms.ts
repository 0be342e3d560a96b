/**
 * Everyday support vocabulary: the words customers use for what help articles call something
 * else ("money back" for a refund, "purchase" for an order, "access key" for a password).
 * Written for this project, for customer support in general, not for one company. Used to expand
 * a question's lexical terms (never the articles'), so BM25 also finds the article's wording.
 */
import { contentTerms } from './text.js';

const GROUPS: string[][] = [
  ['order', 'purchase', 'buy', 'bought'],
  ['refund', 'reimburse', 'reimbursement', 'money back', 'repay'],
  ['cancel', 'cancellation', 'stop', 'terminate', 'call off'],
  ['account', 'profile', 'user'],
  ['password', 'passcode', 'access key', 'credentials', 'pin', 'login details'],
  ['login', 'log in', 'sign in', 'signin'],
  ['signup', 'sign up', 'register', 'registration', 'create account', 'open account'],
  ['delete', 'remove', 'close', 'erase', 'deactivate'],
  ['change', 'update', 'modify', 'edit', 'switch'],
  ['ship', 'shipping', 'delivery', 'deliver', 'dispatch', 'arrive', 'arrival', 'courier', 'parcel', 'package'],
  ['track', 'tracking', 'status', 'where is'],
  ['invoice', 'bill', 'receipt', 'billing'],
  ['pay', 'payment', 'charge', 'charged', 'card', 'checkout'],
  ['subscription', 'plan', 'membership', 'subscribe'],
  ['price', 'pricing', 'cost', 'fee', 'fees', 'how much', 'rate'],
  ['contact', 'reach', 'talk', 'speak', 'call', 'phone', 'email'],
  ['complaint', 'complain', 'claim', 'dissatisfied', 'unhappy'],
  ['address', 'location'],
  ['return', 'send back', 'exchange'],
  ['newsletter', 'mailing list', 'unsubscribe', 'emails'],
  ['error', 'bug', 'broken', 'not working', 'fails', 'crash'],
  ['discount', 'coupon', 'promo', 'voucher', 'promotion', 'code'],
  ['wrong', 'incorrect', 'mistake', 'error'],
];

/** Stemmed term -> the stemmed terms of its group (without itself). */
const EXPANSIONS: Map<string, string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const group of GROUPS) {
    const stems = [...new Set(group.flatMap((w) => contentTerms(w)))];
    for (const s of stems) {
      const set = map.get(s) ?? new Set<string>();
      for (const o of stems) if (o !== s) set.add(o);
      map.set(s, set);
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]));
})();

/** Extra terms for a question's stemmed terms (distinct, not already present). */
export function expandTerms(terms: string[]): string[] {
  const have = new Set(terms);
  const out = new Set<string>();
  for (const t of have) for (const e of EXPANSIONS.get(t) ?? []) if (!have.has(e)) out.add(e);
  return [...out];
}
