/** Discord-sized chunks: the shared splitter with Discord's 2,000-character content limit. */
import { splitText } from '../../src/core/split-text.js';

export { openFence } from '../../src/core/split-text.js';

/** Discord's hard limit for `content`. */
export const DISCORD_MAX_CHARS = 2000;

/** Split `text` into Discord messages of at most `max` characters (default 2,000). */
export function splitMessage(text: string, max = DISCORD_MAX_CHARS): string[] {
  return splitText(text, max);
}
