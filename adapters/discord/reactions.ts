/** Map a reaction emoji to a feedback rating. */

const POSITIVE = new Set([
  '👍',
  '👍🏻',
  '👍🏼',
  '👍🏽',
  '👍🏾',
  '👍🏿',
  '❤️',
  '♥️',
  '💯',
  '🔥',
  '🎉',
  '✅',
  '🙏',
  '😀',
  '😃',
  '😄',
  '🥳',
  '⭐',
  '🌟',
]);
const NEGATIVE = new Set([
  '👎',
  '👎🏻',
  '👎🏼',
  '👎🏽',
  '👎🏾',
  '👎🏿',
  '❌',
  '😡',
  '😠',
  '😞',
  '🙁',
  '☹️',
  '💩',
  '🤬',
  '😢',
]);

/** +1 for clearly positive emoji, -1 for clearly negative, 0 otherwise (custom emoji included). */
export function ratingFor(emoji: string): -1 | 0 | 1 {
  if (POSITIVE.has(emoji)) return 1;
  if (NEGATIVE.has(emoji)) return -1;
  return 0;
}
