/**
 * One ChannelAdapter conformance suite for every channel (Slack, Discord, widget), in the spirit of
 * Hono running the same router cases against each router. A channel plugs in by providing a
 * {@link Harness} factory that drives its fake platform; the suite owns the assertions.
 *
 * Usage (in `test/conformance/<channel>.conformance.test.ts`):
 *   runChannelAdapterConformance('discord', async () => makeDiscordHarness());
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ChannelAdapter,
  FeedbackEvent,
  InboundHandlers,
  InboundMessage,
  OutboundMessage,
} from '../../src/core/index.js';

/** What the fake platform received from the adapter, one entry per posted platform message. */
export interface SentRecord {
  /** The text as the platform would DISPLAY it (decode platform escaping such as Slack's `&lt;`). */
  text: string;
  /** True when the platform would notify anyone because of this message (@everyone, @here, user/role mentions). */
  pings?: boolean;
  /** True when the platform/client would interpret the text as executable markup (HTML/script). */
  executable?: boolean;
}

/** Drives one channel's fake platform for the suite. */
export interface Harness {
  adapter: ChannelAdapter;
  /**
   * Optional: start the adapter (and whatever HTTP side it needs) with `handlers`.
   * Default: `adapter.start(handlers)`.
   */
  start?(handlers: InboundHandlers): Promise<void>;
  /**
   * Make the platform deliver a customer message with `text`. The same `opts.eventId` (a harness-level
   * token, mapped by the harness to a platform id) means "the platform delivers the same event again".
   * May resolve before the adapter calls its handlers (the suite waits).
   */
  inbound(text: string, opts?: { eventId?: string }): Promise<void>;
  /** Everything the platform received from the adapter so far, oldest first. */
  sent(): Promise<SentRecord[]>;
  /** Tear down the fake platform (the suite stops the adapter itself). */
  close(): Promise<void>;
}

/** Handlers that record what the adapter delivered, and de-duplicate like the runtime does. */
export interface RecordingHandlers extends InboundHandlers {
  messages: InboundMessage[];
  feedback: FeedbackEvent[];
}

/** Create handlers that record every call (`stored` is false for an already seen eventId). */
export function createRecordingHandlers(): RecordingHandlers {
  const messages: InboundMessage[] = [];
  const feedback: FeedbackEvent[] = [];
  const seen = new Set<string>();
  return {
    messages,
    feedback,
    async onMessage(msg) {
      messages.push(msg);
      const key = `${msg.channel}:${msg.eventId}`;
      const stored = !seen.has(key);
      seen.add(key);
      return { stored, messageId: randomUUID() };
    },
    async onFeedback(event) {
      feedback.push(event);
    },
  };
}

/** Poll `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** Build an OutboundMessage answering `inbound`. */
function replyTo(adapter: ChannelAdapter, inbound: InboundMessage, text: string): OutboundMessage {
  return {
    channel: adapter.channel,
    conversationKey: inbound.conversationKey,
    messageId: randomUUID(),
    conversationId: randomUUID(),
    text,
    author: 'bot',
    replyTarget: inbound.replyTarget,
  };
}

/**
 * Register the shared conformance cases for one channel. `makeHarness` is called once for the
 * shared cases and once more for the lifecycle case.
 */
export function runChannelAdapterConformance(name: string, makeHarness: () => Promise<Harness>): void {
  describe(`ChannelAdapter conformance: ${name}`, () => {
    let h: Harness;
    let handlers: RecordingHandlers;

    beforeAll(async () => {
      h = await makeHarness();
      handlers = createRecordingHandlers();
      await (h.start ? h.start(handlers) : h.adapter.start(handlers));
    });
    afterAll(async () => {
      await h?.adapter.stop();
      await h?.close();
    });

    /** Deliver one customer message and wait for the adapter to hand it over. */
    async function receive(text: string, eventId?: string): Promise<InboundMessage> {
      await h.inbound(text, eventId ? { eventId } : undefined);
      return waitFor(() => handlers.messages.find((m) => m.text.includes(text)), 5000, `inbound "${text}"`);
    }

    it('announces its channel and sane limits', () => {
      expect(h.adapter.channel).toBe(name);
      expect(h.adapter.limits.maxMessageChars).toBeGreaterThanOrEqual(500);
      expect(typeof h.adapter.limits.supportsMarkdown).toBe('boolean');
    });

    it('normalizes inbound text and delivers it to the handlers once', async () => {
      const marker = `hello-${randomUUID().slice(0, 8)}`;
      const before = Date.now();
      const msg = await receive(`${marker} my invoice is wrong`);
      await settle();
      expect(handlers.messages.filter((m) => m.text.includes(marker))).toHaveLength(1);
      expect(msg.channel).toBe(name);
      expect(msg.eventId).toEqual(expect.any(String));
      expect(msg.eventId.length).toBeGreaterThan(0);
      expect(msg.conversationKey).toEqual(expect.any(String));
      expect(msg.conversationKey.length).toBeGreaterThan(0);
      expect(msg.customerId).toEqual(expect.any(String));
      expect(msg.customerId.length).toBeGreaterThan(0);
      expect(msg.text.trim()).toBe(`${marker} my invoice is wrong`);
      expect(Array.isArray(msg.attachments)).toBe(true);
      expect(msg.sentAt).toBeInstanceOf(Date);
      expect(Number.isNaN(msg.sentAt.getTime())).toBe(false);
      // Platform clocks and fixtures vary; the timestamp must at least be plausible.
      expect(msg.sentAt.getTime()).toBeLessThanOrEqual(before + 60_000);
      expect(typeof msg.replyTarget).toBe('object');
    });

    it('gives the same platform event the same eventId when it is delivered twice', async () => {
      const marker = `dup-${randomUUID().slice(0, 8)}`;
      const token = `evt-${marker}`;
      await receive(`${marker} first delivery`, token);
      await h.inbound(`${marker} first delivery`, { eventId: token });
      await settle(300);
      const got = handlers.messages.filter((m) => m.text.includes(marker));
      expect(got.length).toBeGreaterThanOrEqual(1);
      expect(got.length).toBeLessThanOrEqual(2);
      expect(new Set(got.map((m) => m.eventId)).size).toBe(1);
      const other = await receive(`${marker}-other second event`);
      expect(other.eventId).not.toBe(got[0]?.eventId);
    });

    it('send() returns platform ids and the platform receives the text', async () => {
      const inbound = await receive(`send-${randomUUID().slice(0, 8)} question`);
      const text = `Answer ${randomUUID()}: restart the router, then try again.`;
      const result = await h.adapter.send(replyTo(h.adapter, inbound, text));
      expect(result.platformMessageIds.length).toBeGreaterThanOrEqual(1);
      for (const id of result.platformMessageIds) expect(id).toMatch(/\S/);
      const sent = await waitFor(async () => (await h.sent()).find((s) => s.text.includes(text)), 5000, 'sent text');
      expect(sent.text.trim()).toBe(text);
    });

    it('splits long text within limits.maxMessageChars without losing text', async () => {
      const inbound = await receive(`long-${randomUUID().slice(0, 8)} question`);
      const max = h.adapter.limits.maxMessageChars;
      const tag = randomUUID().slice(0, 8);
      const words: string[] = [];
      for (let i = 0; words.join(' ').length < max * 2.5; i++) {
        words.push(i % 40 === 39 ? `w${i}-${tag}.\n\n` : `w${i}-${tag}`);
      }
      const text = words.join(' ');
      const countBefore = (await h.sent()).length;
      const result = await h.adapter.send(replyTo(h.adapter, inbound, text));
      const parts = await waitFor(
        async () => {
          const all = (await h.sent()).slice(countBefore).filter((s) => s.text.includes(tag));
          return all.length >= result.platformMessageIds.length ? all : undefined;
        },
        5000,
        'all chunks',
      );
      expect(result.platformMessageIds.length).toBe(parts.length);
      if (max < text.length) expect(parts.length).toBeGreaterThanOrEqual(2);
      for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(max);
      const received = parts.map((p) => p.text).join(' ');
      const tokens = received.split(/\s+/).filter((t) => t.includes(tag));
      const expected = text.split(/\s+/).filter((t) => t.includes(tag));
      expect(tokens).toEqual(expected);
    });

    it('delivers <script> and mentions inert', async () => {
      const inbound = await receive(`inert-${randomUUID().slice(0, 8)} question`);
      const tag = randomUUID().slice(0, 8);
      const text = `${tag} <script>alert(1)</script> @everyone @here <@123456789012345678> <@&987654321098765432> <!channel> <!here>`;
      const countBefore = (await h.sent()).length;
      await h.adapter.send(replyTo(h.adapter, inbound, text));
      const sent = await waitFor(
        async () =>
          (await h.sent())
            .slice(countBefore)
            .filter((s) => s.text.includes(tag))
            .at(0),
        5000,
        'inert text',
      );
      expect(sent.pings ?? false).toBe(false);
      expect(sent.executable ?? false).toBe(false);
      // Nothing silently dropped: the customer still sees the words.
      expect(sent.text).toContain('alert(1)');
      expect(sent.text).toContain('everyone');
    });
  });

  describe(`ChannelAdapter conformance: ${name} lifecycle`, () => {
    it('stop() is idempotent', async () => {
      const h = await makeHarness();
      try {
        const handlers = createRecordingHandlers();
        await (h.start ? h.start(handlers) : h.adapter.start(handlers));
        await h.adapter.stop();
        await expect(h.adapter.stop()).resolves.toBeUndefined();
      } finally {
        await h.close();
      }
    });
  });
}
