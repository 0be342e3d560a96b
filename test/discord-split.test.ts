import { describe, expect, it } from 'vitest';
import { openFence, splitMessage } from '../adapters/discord/split-message.js';

/** Every chunk has balanced ``` fences. */
function balanced(chunk: string): boolean {
  return openFence(chunk) === null;
}

/** Words of the text, ignoring fence markers that the splitter may add. */
function words(text: string): string[] {
  return text
    .replace(/```[^\s`]*/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

describe('splitMessage', () => {
  it('leaves short text alone', () => {
    expect(splitMessage('hello')).toEqual(['hello']);
  });

  it('splits a 5,000-character answer with a code block into valid chunks', () => {
    const prose = (n: number) =>
      Array.from({ length: n }, (_, i) => `Sentence number ${i} explains one step of the fix.`).join(' ');
    const code = Array.from({ length: 60 }, (_, i) => `  const value${i} = compute(${i}); // line ${i}`).join('\n');
    const text = `${prose(20)}\n\n\`\`\`ts\n${code}\n\`\`\`\n\n${prose(30)}`;
    expect(text.length).toBeGreaterThan(4500);
    const chunks = splitMessage(text);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(balanced(c)).toBe(true);
    }
    // The chunk that continues the code block reopens it with the same language.
    const reopened = chunks.slice(1).filter((c) => c.startsWith('```ts\n'));
    expect(reopened.length).toBeGreaterThanOrEqual(1);
    expect(words(chunks.join('\n'))).toEqual(words(text));
  });

  it('prefers paragraph, then sentence boundaries', () => {
    const para = 'a'.repeat(900);
    const chunks = splitMessage(`${para}\n\n${para}\n\n${para}`);
    expect(chunks).toEqual([`${para}\n\n${para}`, para]);
    const sentences = Array.from({ length: 60 }, (_, i) => `This is sentence ${i}.`).join(' ');
    for (const c of splitMessage(sentences, 200)) expect(c.endsWith('.')).toBe(true);
  });

  it('hard-splits text without any boundary and never breaks surrogate pairs', () => {
    const emoji = '😀'.repeat(1500);
    const chunks = splitMessage(emoji);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(c).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    expect(chunks.join('')).toBe(emoji);
  });

  it('keeps fences balanced when a single code block is longer than the limit', () => {
    const code = Array.from({ length: 400 }, (_, i) => `print(${i})`).join('\n');
    const chunks = splitMessage(`\`\`\`python\n${code}\n\`\`\``, 500);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(500);
      expect(c.startsWith('```python\n')).toBe(true);
      expect(c.endsWith('```')).toBe(true);
    }
    expect(words(chunks.join('\n'))).toEqual(words(code));
  });
});
