/**
 * Text a customer sends must be storable and printable: no NUL characters (Postgres text cannot
 * hold them) and no lone UTF-16 surrogates (not valid Unicode). Refused with 400 `invalid_text`
 * before any work, so nothing is stored or retried.
 */
import { badRequest } from './errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what we look for
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` has no NUL and no lone surrogate. */
export function isValidText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Throw 400 `invalid_text` naming `field` when `text` is not valid. */
export function assertValidText(text: string, field = 'text'): void {
  if (!isValidText(text))
    throw badRequest(
      'invalid_text',
      `${field} contains characters that cannot be stored (NUL or unpaired surrogates); remove them and try again.`,
    );
}

/** `text` with NUL removed and lone surrogates replaced by U+FFFD (platform messages we must not drop). */
export function sanitizeText(text: string): string {
  return isValidText(text) ? text : text.replace(NUL, '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}
