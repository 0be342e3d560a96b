/**
 * Split a reply into platform-sized messages (shared by every channel adapter): prefer paragraph,
 * then line, then sentence, then word boundaries; keep ``` code fences balanced by closing an open
 * fence at the end of a chunk and reopening it (same language) at the start of the next one.
 * Pure function, no I/O.
 */

const CLOSE = '\n```';
const MAX_LANG = 20;

/** The opener (```lang) of a fence left open at the end of `text`, or null when all fences are closed. */
export function openFence(text: string): string | null {
  let open: string | null = null;
  for (const m of text.matchAll(/```([^\s`]*)/g)) {
    if (open === null) {
      const lang = m[1] ?? '';
      open = `\`\`\`${lang.length <= MAX_LANG ? lang : ''}`;
    } else {
      open = null;
    }
  }
  return open;
}

/** Best cut position in `text` (exclusive end of the chunk), at most `budget`. */
function findCut(text: string, budget: number): number {
  const window = text.slice(0, budget);
  const min = Math.floor(budget * 0.4);
  const candidates: Array<() => number> = [
    () => {
      const i = window.lastIndexOf('\n\n');
      return i >= min ? i + 2 : -1;
    },
    () => {
      const i = window.lastIndexOf('\n');
      return i >= min ? i + 1 : -1;
    },
    () => {
      let best = -1;
      for (const m of window.matchAll(/[.!?。！？][)"'\]]*\s/g)) best = m.index + m[0].length;
      return best >= min ? best : -1;
    },
    () => {
      const i = window.lastIndexOf(' ');
      return i >= min ? i + 1 : -1;
    },
  ];
  let cut = budget;
  for (const c of candidates) {
    const at = c();
    if (at > 0) {
      cut = at;
      break;
    }
  }
  // Never cut through a ``` marker or a surrogate pair.
  for (const k of [cut - 2, cut - 1]) {
    if (k > 0 && text.startsWith('```', k)) {
      cut = k;
      break;
    }
  }
  // Never cut through an HTML entity (Slack escapes &, <, > before splitting) or a surrogate pair.
  const amp = text.lastIndexOf('&', cut - 1);
  if (
    amp >= 0 &&
    cut - amp < 6 &&
    !text.slice(amp, cut).includes(';') &&
    /^&[a-z#0-9]*;/i.test(text.slice(amp, amp + 8))
  )
    cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return Math.max(1, cut);
}

/**
 * Split `text` into chunks of at most `max` characters. Whitespace at chunk boundaries may be
 * trimmed; no other text is lost. Code fences stay balanced in every chunk when they are balanced
 * in `text`. Deterministic: the same input always gives the same chunks (retries can skip chunks
 * already posted).
 */
export function splitText(text: string, max: number): string[] {
  if (max < 40) throw new RangeError('max must be at least 40 characters');
  const chunks: string[] = [];
  let rest = text;
  let prefix = '';
  while (rest.length > 0) {
    if (prefix.length + rest.length <= max) {
      chunks.push(prefix + rest);
      break;
    }
    const budget = max - prefix.length - CLOSE.length;
    const cut = findCut(rest, budget);
    const piece = rest.slice(0, cut);
    rest = rest.slice(cut);
    const body = (prefix + piece).trimEnd();
    const fence = openFence(body);
    if (fence) {
      chunks.push(body + CLOSE);
      prefix = `${fence}\n`;
      rest = rest.replace(/^\n/, '');
    } else {
      if (body.trim().length > 0) chunks.push(body);
      prefix = '';
      rest = rest.replace(/^\s+/, '');
    }
  }
  return chunks.filter((c) => c.trim().length > 0);
}
