/**
 * Escaping of customer text placed in Discord messages staff read: markdown is shown literally,
 * masked links (`[text](https://...)`) cannot hide their target, and mentions (`@everyone`,
 * `<@id>`, `<@&role>`, `<#channel>`) are broken up. Messages also carry `allowed_mentions` with no
 * parse, so nobody is pinged even if something slips through.
 */

/** Inline markdown, masked-link brackets and `<...>` tokens (mentions, timestamps). */
const INLINE = /[\\`*_~|[\]<]/g;
/** Block markdown at a line start: headings, quotes, lists. */
const LINE_START = /^(\s*)([#>-])/gm;

/** Customer text as literal Discord text (one line breaks into spaces when `singleLine`). */
export function escapeDiscordText(text: string, singleLine = false): string {
  const flat = singleLine ? text.replace(/\s*\n\s*/g, ' ') : text;
  return flat
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, '$1\\$2')
    .replace(/@(everyone|here)\b/gi, '@\u200B$1');
}
