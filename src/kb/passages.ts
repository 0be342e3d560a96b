/**
 * Split an article into passages a reply can quote and the retriever can score: one per heading
 * section, paragraphs grouped up to about `maxWords`, a list kept with the sentence that
 * introduces it. Every passage knows its heading (the article title when there is none).
 */

/** One quotable piece of an article. */
export interface Passage {
  articleId: string;
  /** 0-based position in the article. */
  index: number;
  /** The section heading (or the article title). */
  heading: string;
  text: string;
}

/** Options for {@link splitPassages}. */
export interface SplitPassagesOptions {
  /** Soft word limit per passage (default 90): paragraphs are grouped until it is reached. */
  maxWords?: number;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const isList = (line: string) => /^\s*(?:[-*+•]|\d+[.)])\s/.test(line);

/** Paragraph blocks of a section; a list and the line before it that ends with ":" stay together. */
function blocks(lines: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) out.push(cur.join('\n'));
    cur = [];
  };
  for (const line of lines) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const prev = cur.at(-1);
    // A list that follows a paragraph without a blank line starts a new block unless introduced by ":".
    if (prev !== undefined && isList(line) && !isList(prev) && !prev.trim().endsWith(':')) flush();
    cur.push(line);
  }
  flush();
  // Join an introducing line ("To reset it:") with the list block after it.
  for (let i = out.length - 2; i >= 0; i--) {
    const next = out[i + 1] ?? '';
    if ((out[i] ?? '').trim().endsWith(':') && isList(next.split('\n')[0] ?? '')) {
      out.splice(i, 2, `${out[i]}\n${next}`);
    }
  }
  return out;
}

/** Split `article` into passages (at least one). */
export function splitPassages(
  article: { id: string; title: string; body: string },
  options: SplitPassagesOptions = {},
): Passage[] {
  const { maxWords = 90 } = options;
  const sections: Array<{ heading: string; lines: string[] }> = [{ heading: article.title, lines: [] }];
  let fence = false;
  for (const line of article.body.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*```/.test(line)) fence = !fence;
    const h = fence ? null : /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    if (h) sections.push({ heading: (h[1] ?? '').trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  const passages: Passage[] = [];
  for (const section of sections) {
    let cur: string[] = [];
    let n = 0;
    const flush = () => {
      if (!cur.length) return;
      passages.push({
        articleId: article.id,
        index: passages.length,
        heading: section.heading,
        text: cur.join('\n\n'),
      });
      cur = [];
      n = 0;
    };
    for (const block of blocks(section.lines)) {
      const w = words(block);
      if (n > 0 && n + w > maxWords) flush();
      cur.push(block);
      n += w;
    }
    flush();
  }
  if (passages.length === 0)
    passages.push({ articleId: article.id, index: 0, heading: article.title, text: article.title });
  return passages;
}
