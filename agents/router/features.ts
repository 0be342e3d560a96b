/**
 * Text features of the local router: normalized word unigrams and bigrams, word-bounded character
 * n-grams (3..5, robust to typos), and hand-written signal tokens (`!human`, `!fraud`...) that mark
 * strong cues. Pure functions, no I/O.
 */
import { signalTokens } from './signals.js';

/** Lowercase, strip accents and apostrophes, map digits and amounts to placeholders. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[$€£¥]\s?\d[\d,.]*/g, ' zmoney ')
    .replace(/\d+/g, ' znum ')
    .replace(/[^a-z0-9?!\s]+/g, ' ')
    .replace(/([?!])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Word tokens of normalized text (punctuation other than ? dropped). */
export function wordTokens(normalized: string): string[] {
  return normalized.split(' ').filter((t) => t !== '' && t !== '!');
}

/**
 * Feature counts of one message. Keys are prefixed by block: `w:` words, `b:` bigrams,
 * `c:` char n-grams, `s:` signals.
 */
export function extractFeatures(text: string): Map<string, number> {
  const norm = normalizeText(text);
  const words = wordTokens(norm);
  const out = new Map<string, number>();
  const add = (k: string, v = 1) => out.set(k, (out.get(k) ?? 0) + v);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(`w:${w}`);
    add(`b:${i === 0 ? '^' : words[i - 1]!}_${w}`);
    if (w.length >= 3 && w !== '?') {
      const padded = ` ${w} `;
      for (let n = 3; n <= 5; n++) {
        for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`);
      }
    }
  }
  for (const s of signalTokens(text)) add(`s:${s}`);
  return out;
}

/** Block weights applied after per-block tf-idf (words matter more than char n-grams). */
export const BLOCK_WEIGHTS: Record<string, number> = { w: 1, b: 0.8, c: 0.6, s: 1.2 };
