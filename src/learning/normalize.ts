/**
 * Customer wordings made safe and comparable: personal data and long numbers stripped (order
 * numbers, card numbers, emails, phones, keys, people's names), case and punctuation folded.
 */
import { findSecrets, redact } from '../../agents/qa/secrets.js';
import { contentTerms } from '../kb/text.js';

/** A question with personal data removed (kept readable); empty when nothing is left. */
export function stripPersonalData(text: string): string {
  const redacted = redact(text, findSecrets(text));
  return (
    redacted
      .replace(/\[redacted [^\]]+\]/g, ' ')
      .replace(/#?\b[A-Z]{0,3}-?\d{5,}\b/gi, '#')
      // People's names: after a title ("Mr. Jones"), or two capitalised words after from/for/of/by.
      .replace(/\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+)?/gu, ' ')
      .replace(/\b(from|for|of|by)\s+[A-Z][\p{L}'-]+\s+[A-Z][\p{L}'-]+\b/gu, '$1 ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The comparison key of a question: lower case, letters and digits only, single spaces. */
export function normalizeQuestion(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A wording worth learning: 2 to 40 content words, at most 300 characters after stripping. */
export function learnableWording(text: string): string | null {
  const clean = stripPersonalData(text);
  const n = contentTerms(clean).length;
  return clean.length <= 300 && n >= 2 && n <= 40 ? clean : null;
}
