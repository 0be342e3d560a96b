/**
 * Answers from the operator's own knowledge base, through the real runtime and widget API, on
 * real Postgres and on PGlite: a non-demo KB (a bike-share help center written for these tests)
 * replaces the demo, its questions are answered with its articles cited, an uncovered question
 * gets an honest `uncertain` reply offering a person, a follow-up is answered in context, and
 * `kind` / `sources` are in the history API.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const KB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/kb-bikeshare');
const KINDS = ['answer', 'uncertain', 'handoff', 'declined', 'blocked', 'clarify', 'notice'];

// biome-ignore lint/suspicious/noExplicitAny: public JSON messages
type Msg = any;

for (const dbKind of ['postgres', 'pglite'] as const) {
  describe(`answers from an imported knowledge base (${dbKind})`, () => {
    let t: TestRuntime;
    let testDb: TestDb | undefined;

    beforeAll(async () => {
      testDb = dbKind === 'postgres' ? await createPostgresTestDb() : undefined;
      t = await startTestRuntime({ DATABASE_URL: testDb?.url, BRAND_NAME: 'PedalPoint' });
      const demo = await t.runtime.kb.list();
      expect(demo.every((a) => a.source === 'demo')).toBe(true);
      const r = await t.runtime.kb.importDir(KB_DIR);
      expect(r.errors).toEqual([]);
      expect(r.imported).toBe(8);
      expect(r.removed.length).toBe(demo.length);
    });
    afterAll(async () => {
      await t?.runtime.stop();
      await testDb?.drop();
    });

    async function session() {
      const s = await t.api('/v1/widget/sessions', { body: {} });
      expect(s.status).toBe(201);
      return s.body.token as string;
    }
    async function ask(token: string, text: string): Promise<Msg> {
      const sent = await t.api('/v1/widget/messages', { body: { text }, token });
      expect(sent.status).toBe(202);
      return waitFor(
        async () => {
          const h = await t.api('/v1/widget/messages', { token });
          const customer = h.body.messages.findLast((m: Msg) => m.role === 'customer');
          const bot = h.body.messages.findLast((m: Msg) => m.role === 'bot');
          return customer?.id === sent.body.messageId && bot && bot.seq > customer.seq ? bot : undefined;
        },
        { timeoutMs: 15_000, what: `a reply to "${text}"` },
      );
    }

    it('replaced the demo articles with the operator’s own', async () => {
      const ids = (await t.runtime.kb.list()).map((a) => a.id);
      expect(ids).toHaveLength(8);
      expect(ids).toContain('unlock-bike');
    });

    it.each([
      ['the lock on the bike won’t open when I scan it', 'unlock-bike'],
      ['how much is a day pass?', 'ride-pricing'],
      ['I was overcharged for my ride yesterday, can I get my money back', 'refund-charges'],
      ['the station is full, where do I leave the bike?', 'end-ride'],
      ['do you take apple pay', 'payment-methods'],
    ])('answers "%s" citing %s', async (question, id) => {
      const reply = await ask(await session(), question);
      expect(reply.kind).toBe('answer');
      expect(reply.sources[0]?.id).toBe(id);
      expect(reply.sources[0]?.title).toBeTruthy();
      expect(reply.text).not.toMatch(/Northwind/);
    });

    it('says it is not certain on an uncovered question and offers a person', async () => {
      const reply = await ask(await session(), 'can I bring my dog in a basket on the bike?');
      expect(['uncertain', 'handoff']).toContain(reply.kind);
      expect(reply.text).toMatch(/person|team|human/i);
    });

    it('declines unrelated questions naming the configured brand, not the demo', async () => {
      const reply = await ask(await session(), 'what is a good recipe for banana bread?');
      expect(['declined', 'uncertain']).toContain(reply.kind);
      expect(reply.sources).toEqual([]);
      if (reply.kind === 'declined') expect(reply.text).toMatch(/PedalPoint/);
    });

    it('understands a follow-up with the previous turn’s topic', async () => {
      const token = await session();
      const first = await ask(token, 'how do I get a refund for a wrong charge?');
      expect(first.kind).toBe('answer');
      expect(first.sources[0].id).toBe('refund-charges');
      const follow = await ask(token, 'and how long does that take?');
      expect(follow.kind).toBe('answer');
      expect(follow.sources[0].id).toBe('refund-charges');
      expect(follow.text).toMatch(/5 business days/);
    });

    it('never declines a question for its language, and says so in that language', async () => {
      for (const [text, word] of [
        ['¿Cómo puedo pedir un reembolso de un cobro incorrecto en mi viaje?', /inglés/],
        ['Wie kann ich mein Konto schließen und meine Mitgliedschaft kündigen?', /Englisch/],
      ] as const) {
        const reply = await ask(await session(), text);
        expect(reply.kind, text).not.toBe('declined');
        if (reply.kind !== 'answer') expect(reply.text).toMatch(word);
      }
    });

    it('asks back on a vague message instead of quoting an unrelated article', async () => {
      const reply = await ask(await session(), "it doesn't work");
      expect(reply.kind).toBe('clarify');
      expect(reply.sources).toEqual([]);
    });

    it('gives every bot message a public kind and sources, links included', async () => {
      const token = await session();
      await ask(token, 'how do I unlock a bike with the app?');
      const h = await t.api('/v1/widget/messages', { token });
      const bots = h.body.messages.filter((m: Msg) => m.role === 'bot');
      expect(bots.length).toBeGreaterThan(0);
      for (const m of bots) {
        expect(KINDS).toContain(m.kind);
        expect(Array.isArray(m.sources)).toBe(true);
      }
      expect(bots[0].sources[0]).toEqual({
        id: 'unlock-bike',
        title: 'Unlock a bike with the app',
        url: 'https://help.pedalpoint.example/unlock',
      });
    });
  });
}
