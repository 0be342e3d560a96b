/**
 * Small, dependency-free text helpers shared by the knowledge base and the local agents:
 * tokenizing, a light English stemmer, stop words, sentence/step splitting and overlap scoring.
 */

/** English stop words (plus support filler) ignored when matching questions to text. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below
  between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
  few for from further had hadn't has hasn't have haven't having he her here hers herself him himself his how
  i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most my myself no nor not of off on
  once only or other ought our ours ourselves out over own same she should so some such than that that's the
  their theirs them themselves then there there's these they this those through to too under until up very was
  wasn't we were weren't what what's when where which while who whom why with won't would wouldn't you you'd
  you'll you're you've your yours yourself yourselves im ive dont cant wont hi hello hey please thanks thank
  need want get got just also still really help know like would could one tell way use using`
    .split(/\s+/)
    .filter(Boolean),
);

const SUFFIXES: Array<[string, string]> = [
  ['ational', 'ate'],
  ['ization', 'ize'],
  ['fulness', 'ful'],
  ['iveness', 'ive'],
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ments', ''],
  ['ment', ''],
  ['ness', ''],
  ['ings', ''],
  ['ing', ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['edly', ''],
  ['ed', ''],
  ['ly', ''],
  ['es', ''],
  ['s', ''],
];

/** A light suffix-stripping stemmer: "declined" and "declines" both become "declin". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      if (suffix === 's' && (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is'))) continue;
      w = w.slice(0, w.length - suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Lower-cased word tokens (letters, digits, apostrophes inside words). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** Stemmed content terms of a text, stop words removed, in order (duplicates kept). */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !STOP_WORDS.has(t) && (t.length > 1 || /\d/.test(t)))
    .map(stem);
}

/** Distinct stemmed content terms. */
export function termSet(text: string): Set<string> {
  return new Set(contentTerms(text));
}

/** A unit of an article a reply can quote: a sentence, a list item, or a heading. */
export interface TextUnit {
  text: string;
  /** Index of the block (paragraph or list) the unit belongs to. */
  block: number;
  kind: 'sentence' | 'step' | 'bullet' | 'heading';
}

/** Split a markdown body into quotable units, keeping list items whole. */
export function splitUnits(body: string): TextUnit[] {
  const units: TextUnit[] = [];
  let block = 0;
  let lastKind: TextUnit['kind'] | 'blank' = 'blank';
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) {
      block++;
      lastKind = 'blank';
      continue;
    }
    let kind: TextUnit['kind'];
    let text = line;
    if (/^#{1,6}\s/.test(line)) {
      kind = 'heading';
      text = line.replace(/^#+\s*/, '');
    } else if (/^\d+[.)]\s/.test(line)) kind = 'step';
    else if (/^[-*+]\s/.test(line)) kind = 'bullet';
    else kind = 'sentence';
    if (kind !== lastKind || kind === 'heading') block++;
    lastKind = kind;
    if (kind === 'sentence') {
      for (const s of splitSentences(text)) units.push({ text: s, block, kind });
    } else units.push({ text, block, kind });
  }
  return units;
}

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });
/** A piece ending in one of these abbreviations continues in the next piece. */
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|approx|incl|no|nr|fig|ca|cf|p\.m|a\.m|mr|mrs|ms|dr|st)\.$/i;
/** Spans that must never be cut: URLs, e-mail addresses, inline code, file names and versions. */
const PROTECTED =
  /`[^`\n]+`|\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]|\bwww\.[^\s<>()]+[^\s<>().,;:!?'"]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b\w+(?:\.\w+)+\b/g;

/**
 * Split prose into sentences with `Intl.Segmenter`. URLs, e-mail addresses, code spans, dotted
 * names and numbers ("v2.5", "example.com") stay whole, and a piece that starts mid-sentence
 * (lower case, or punctuation) is joined to the sentence before it.
 */
export function splitSentences(text: string): string[] {
  const kept: string[] = [];
  const masked = text.replace(PROTECTED, (m) => {
    kept.push(m);
    return `\uE000${kept.length - 1}\uE001`;
  });
  const out: string[] = [];
  for (const { segment } of SENTENCES.segment(masked)) {
    const s = segment.trim().replace(/\uE000(\d+)\uE001/g, (_m, i: string) => kept[Number(i)] ?? '');
    if (!s) continue;
    const prev = out.at(-1);
    const joins =
      prev !== undefined && (/^[\p{Ll},;:)\]]/u.test(s) || !/[.!?:…"')\]]$/.test(prev) || ABBREVIATION.test(prev));
    if (prev !== undefined && joins) out[out.length - 1] = `${prev} ${s}`;
    else out.push(s);
  }
  return out.length ? out : [text.trim()];
}

/** Fraction (0..1) of `query` terms found in `text` (stemmed, stop words ignored). */
export function overlap(query: Set<string>, text: string): number {
  if (query.size === 0) return 0;
  const terms = termSet(text);
  let hit = 0;
  for (const t of query) if (terms.has(t)) hit++;
  return hit / query.size;
}

/** Collapse whitespace and cut to `max` characters at a word boundary, adding an ellipsis. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/[ \t]+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
