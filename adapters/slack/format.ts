/**
 * Slack text formatting: model/staff Markdown -> Slack mrkdwn, with `&`, `<`, `>` escaped so model
 * text can never produce `<!channel>`, `<!here>`, `<!everyone>` or `<@U…>` pings, and long replies
 * split on paragraph/sentence boundaries. Pure functions.
 */

import { splitText } from '../../src/core/split-text.js';

/** Largest chunk we post in one chat.postMessage (Slack truncates `text` beyond 40k; 3k keeps it readable). */
export const SLACK_CHUNK_CHARS = 3000;

/** Escape the three characters Slack treats as control characters in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Break plain-text broadcast words (`@channel`, `@here`, `@everyone`) with a zero-width joiner. */
function defuseBroadcasts(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

const LINK_RE = /\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)/g;

/** Escape characters that would end a `<url|label>` token early. */
function linkPart(s: string): string {
  return escapeMrkdwn(s).replace(/\|/g, '¦');
}

/**
 * Convert common Markdown to Slack mrkdwn and make it safe: `**b**` -> `*b*`, `[t](url)` -> `<url|t>`,
 * `# Heading` -> `*Heading*`, `~~s~~` -> `~s~`; everything else is escaped text.
 */
export function toMrkdwn(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      out.push(line.trim().startsWith('```') ? '```' : line);
      continue;
    }
    if (inFence) {
      out.push(escapeMrkdwn(line));
      continue;
    }
    out.push(convertLine(line));
  }
  return out.join('\n');
}

function convertLine(line: string): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
  const body = heading ? (heading[1] ?? '') : line;
  const links: string[] = [];
  // Pull links out first so their URLs are not mangled by the emphasis rules.
  const withTokens = body.replace(LINK_RE, (_m, label: string, url: string) => {
    links.push(`<${linkPart(url)}|${linkPart(label)}>`);
    return `\u0000${links.length - 1}\u0000`;
  });
  let s = defuseBroadcasts(escapeMrkdwn(withTokens));
  s = s
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '*$1*')
    .replace(/__(?=\S)([^_\n]+?)__/g, '*$1*')
    .replace(/~~(?=\S)([^~\n]+?)~~/g, '~$1~')
    .replace(/^(\s*)[-*+]\s+/, '$1• ');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL delimits link placeholders
  s = s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => links[Number(i)] ?? '');
  if (heading && s.trim()) return `*${s.trim()}*`;
  return s;
}

/**
 * Split `text` into chunks of at most `max` characters with the shared splitter (paragraph, line,
 * sentence, then word boundaries; code fences closed and reopened; HTML entities never cut).
 * Deterministic: the same input always gives the same chunks (retries skip chunks already posted).
 */
export function splitForSlack(text: string, max = SLACK_CHUNK_CHARS): string[] {
  return splitText(text.trim(), max);
}

/** Format an outbound message for Slack: author prefix for staff/system, mrkdwn, chunks. */
export function formatOutbound(
  input: {
    text: string;
    author: string;
    authorName?: string;
    sources?: Array<{ id: string; title: string; url?: string }>;
  },
  max = SLACK_CHUNK_CHARS,
) {
  let body = toMrkdwn(input.text);
  if (input.author === 'staff') body = `*${escapeMrkdwn(input.authorName ?? 'Support team')}* (support team): ${body}`;
  else if (input.author === 'system') body = `:information_source: ${body}`;
  const sources = formatSources(input.sources ?? []);
  return splitForSlack(sources ? `${body}\n${sources}` : body, max);
}

/** The articles a reply quotes, the Slack way: `_Source: <url|Title>_` (titles escaped, links only http(s)). */
export function formatSources(sources: Array<{ title: string; url?: string }>): string {
  if (sources.length === 0) return '';
  const items = sources.map((s) =>
    s.url && /^https?:\/\/[^\s<>|]+$/i.test(s.url) ? `<${s.url}|${linkPart(s.title)}>` : escapeMrkdwn(s.title),
  );
  return `_${sources.length > 1 ? 'Sources' : 'Source'}: ${items.join(', ')}_`;
}
