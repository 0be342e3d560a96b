/** Shape a reply for a channel: markdown or plain text, and a maximum length. */

/** Remove markdown emphasis, code and headings for channels that show raw text. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[\s(])\*(\S(?:.*?\S)?)\*(?=[\s).,!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
}

/**
 * Fit `parts` (greeting, body, closing) into `max` characters: drop the greeting and the closing
 * first, then cut the body at a line or sentence boundary.
 */
export function fitReply(parts: { greeting?: string; body: string; closing?: string }, max: number): string {
  const join = (p: Array<string | undefined>) => p.filter((x): x is string => Boolean(x?.trim())).join('\n\n');
  const candidates = [
    join([parts.greeting, parts.body, parts.closing]),
    join([parts.body, parts.closing]),
    join([parts.body]),
  ];
  for (const c of candidates) if (c.length <= max) return c;
  const body = parts.body;
  const limit = Math.max(1, max - 1);
  const cut = body.slice(0, limit);
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('. ') + 1, cut.lastIndexOf('! ') + 1);
  if (boundary > limit * 0.5) return cut.slice(0, boundary).trimEnd();
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
