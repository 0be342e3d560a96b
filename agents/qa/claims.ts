/**
 * Claim checks for replies: promises the knowledge base does not support, numbers that appear in
 * no cited article, and echoes of prompt-injection text.
 */
import { splitSentences } from '../../src/kb/text.js';

/** Phrases that commit the company to something; allowed only when the evidence says the same. */
export const PROMISE_PATTERNS: RegExp[] = [
  /\bguarantee[ds]?\b/i,
  /\b(?:we|i)(?:'ll| will| can| am going to|'m going to| have| 've)\s+(?:definitely\s+|personally\s+|already\s+)?(?:waive[ds]?|refund(?:ed)?|credit(?:ed)?|reimburse[ds]?|compensate[ds]?|cancel(?:l?ed)?|reverse[ds]?|unfreeze|unlock(?:ed)?|increase[ds]?|approve[ds]?)\b/i,
  /\b(?:refund|money|credit|payment|transfer)s?\b[^.!?\n]{0,40}\bwithin\s+\d+\s*(?:minutes?|hours?|days?)\b/i,
  /\b(?:definitely|certainly|surely|100%)\s+(?:be\s+)?(?:refunded|approved|reimbursed|waived|returned|fixed)\b/i,
  /\b(?:no|zero)\s+fees?\s+(?:ever|forever)\b|\bfree\s+forever\b/i,
  /\bI (?:have|'ve) (?:refunded|waived|credited|cancell?ed|closed|deleted|reset|unblocked|issued)\b/i,
];

/** Text that should never appear in a reply: injection payloads, system prompt talk, personas. */
export const INJECTION_ECHO: RegExp[] = [
  /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier)\s+(?:and following\s+)?(?:instructions|rules|prompts)\b/i,
  /\bsystem prompt\b|\bmy (?:instructions|prompt) (?:are|is|say)\b/i,
  /\bdo anything now\b|\bDAN(?:\s+mode)?\s*(?:enabled|:)|\[DAN\]|\bI am DAN\b/i,
  /\bdeveloper mode\b|\bjailbreak/i,
  /\b(?:I hate humans|kill all humans)\b/i,
  /\bthis prompt has been (?:so )?thoroughly hijacked\b/i,
  /\bas an AI language model\b/i,
];

/** Sentences (and list lines) of `reply` that make a promise not found in `evidence`. */
export function unsupportedPromises(reply: string, evidence: string): string[] {
  const ev = evidence.toLowerCase();
  const out: string[] = [];
  for (const sentence of sentencesOf(reply)) {
    for (const re of PROMISE_PATTERNS) {
      const m = re.exec(sentence);
      if (m && !ev.includes(m[0].toLowerCase())) {
        out.push(sentence);
        break;
      }
    }
  }
  return out;
}

/** Numbers (amounts, percentages, durations) in a text, normalized: "$1,000.00" -> "1000". */
export function numbersIn(text: string): string[] {
  const body = text.replace(/^\s*\d+[.)]\s+/gm, '');
  const out: string[] = [];
  for (const m of body.matchAll(/(?<![\w.,-])[$€£]?\d[\d,]*(?:\.\d+)?%?(?![\w])/g)) {
    out.push(normalizeNumber(m[0]));
  }
  return out;
}

function normalizeNumber(raw: string): string {
  const pct = raw.endsWith('%');
  let n = raw.replace(/[$€£%,]/g, '');
  if (n.includes('.')) n = n.replace(/\.?0+$/, '');
  return pct ? `${n}%` : n;
}

/** Numbers in `reply` that appear neither in `evidence` nor in what the customer wrote. */
export function unsupportedNumbers(reply: string, evidence: string): string[] {
  const allowed = new Set(numbersIn(evidence));
  for (const n of [...allowed]) if (n.endsWith('%')) allowed.add(n.slice(0, -1));
  return [...new Set(numbersIn(reply).filter((n) => !allowed.has(n) && !allowed.has(`${n}%`)))];
}

/** Sentences and list lines of a reply. */
export function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .flatMap((l) => (/^(?:\d+[.)]|[-*•])\s/.test(l) ? [l] : splitSentences(l)));
}

/** Remove the given sentences from a reply, keeping its line structure. */
export function removeSentences(reply: string, drop: string[]): string {
  let out = reply;
  for (const s of drop) out = out.split(s).join('');
  return out
    .split('\n')
    .map((l) => l.replace(/\s{2,}/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
