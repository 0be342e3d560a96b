/**
 * Text normalisation before the guardrail matches anything. Attackers hide trigger words behind
 * invisible characters (soft hyphen, word joiner, bidi marks, zero-width spaces), compatibility
 * forms (fullwidth or mathematical letters), look-alike letters from other scripts (Cyrillic "о"),
 * accents and combining marks, leetspeak ("1gn0re") and spacing ("i g n o r e"). The forms built
 * here are only for matching: the customer's message itself is never changed.
 */

/** Invisible characters that are not format characters (\p{Cf}) but render as nothing. */
const INVISIBLE = new RegExp(
  [
    '\\p{Cf}',
    '\\u034F',
    '[\\u115F\\u1160\\u17B4\\u17B5\\u3164\\uFFA0]',
    '[\\u180B-\\u180F]',
    '[\\uFE00-\\uFE0F]',
    '[\\u{E0100}-\\u{E01EF}]',
  ].join('|'),
  'gu',
);

/** Unusual spaces (ideographic, braille blank, ...) become an ordinary space. */
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u2800\u3000]/g;

/** Cyrillic, Greek and other look-alikes of Latin letters (lower and upper case). */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ɡ: 'g',
  ɑ: 'a',
  ı: 'i',
  ȷ: 'j',
  ʟ: 'l',
  ɪ: 'i',
  ɴ: 'n',
  ʀ: 'r',
  ꜱ: 's',
  ᴀ: 'a',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ᴊ: 'j',
  ᴋ: 'k',
  ᴍ: 'm',
  ᴏ: 'o',
  ᴘ: 'p',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŀ: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  Һ: 'H',
  Ӏ: 'I',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  Ł: 'L',
  Ø: 'O',
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

/** Digits and symbols read as letters inside words ("1gn0re", "@ccess", "pr0mpt"). */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};

/** The forms of one message the guardrail matches against. */
export interface NormalizedText {
  /** NFKC, invisibles removed, accents stripped, homoglyphs mapped, spaces squeezed. */
  text: string;
  /** `text` with leetspeak undone and spaced-out letters ("i g n o r e") joined. */
  folded: string;
  /** Lower-case letters only: "I-g-n-o-r-e   a.l.l" -> "ignoreall". */
  squashed: string;
}

/** Undo leetspeak in tokens that mix letters with digits or symbols; pure numbers stay numbers. */
function unleet(text: string): string {
  return text.replace(/[\p{L}0-9@$!|]+/gu, (tok) =>
    /\p{L}/u.test(tok) && /[0-9@$!|]/.test(tok) ? tok.replace(/[0-9@$!|]/g, (c) => LEET[c] ?? c) : tok,
  );
}

/** Join runs of four or more single letters split by spaces, dots, dashes or stars. */
function joinSpacedLetters(text: string): string {
  return text.replace(/\b(?:\p{L}[ .\-_*·]{1,2}){3,}\p{L}\b/gu, (run) => run.replace(/[ .\-_*·]/g, ''));
}

/** Build the matching forms of `raw` (pure, fast: a few regex passes). */
export function normalizeForMatching(raw: string): NormalizedText {
  const base = raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .normalize('NFC')
    .replace(ODD_SPACE, ' ')
    .replace(/[ \t]{2,}/g, ' ');
  const folded = joinSpacedLetters(unleet(base));
  const squashed = folded.toLowerCase().replace(/[^a-z]+/g, '');
  return { text: base, folded, squashed };
}
