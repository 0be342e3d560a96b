/**
 * Live pushes that survive (issue 11.3) on real Postgres: message events carry `id: <seq>`; a
 * client reconnecting with `Last-Event-ID` (or `?lastEventId=`) gets exactly what it missed; when the
 * bus says it reconnected, an open stream re-reads what was written meanwhile and sends it once.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConversationStream } from '../adapters/widget/events.js';
import { createMemoryBus } from '../src/bus/memory-bus.js';
import type { EventBus } from '../src/core/services.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { openSse, type SseEvent } from './helpers/sse.js';
import { waitFor } from './helpers/wait.js';

let testDb: TestDb;
let t: TestRuntime;

beforeAll(async () => {
  testDb = await createPostgresTestDb();
  t = await startTestRuntime({ DATABASE_URL: testDb.url, WIDGET_RATE_LIMITS: 'off', KB_ENCODER: 'off' });
});

afterAll(async () => {
  await t?.runtime.stop({ graceMs: 500 });
  await testDb?.drop();
});

const messages = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'message').map((e) => ({ id: e.id, m: JSON.parse(e.data) }));

async function ask(token: string, text: string, clientMessageId: string) {
  const sent = await t.api('/v1/widget/messages', { token, body: { text, clientMessageId } });
  expect(sent.status).toBe(202);
  return waitFor(
    async () =>
      (
        await testDb.db.query<{ seq: string }>("SELECT seq FROM messages WHERE reply_to = $1 AND role = 'bot'", [
          sent.body.messageId,
        ])
      ).rows[0],
    { timeoutMs: 20_000, what: 'bot reply' },
  );
}

describe('resumable widget event stream', () => {
  it('ids are message seqs; Last-Event-ID (header or query) replays exactly what was missed', async () => {
    const s = await t.api('/v1/widget/sessions', { body: {} });
    const auth = { authorization: `Bearer ${s.body.token}` };
    const first = openSse(`${t.url}/v1/widget/events`, { headers: auth });
    await first.opened;
    const reply1 = await ask(s.body.token, 'How do I reset my password?', 'a');
    await waitFor(() => messages(first.events).length >= 1, { what: 'first reply pushed' });
    first.close();
    const [pushed] = messages(first.events);
    expect(pushed!.id).toBe(String(reply1.seq));
    expect(pushed!.m.seq).toBe(Number(reply1.seq));

    // While no stream is open: a second reply.
    const reply2 = await ask(s.body.token, 'And how do I download my invoices?', 'b');
    const resumed = openSse(`${t.url}/v1/widget/events`, { headers: { ...auth, 'last-event-id': pushed!.id! } });
    await waitFor(() => messages(resumed.events).length >= 1, { what: 'missed reply replayed' });
    await new Promise((r) => setTimeout(r, 300));
    resumed.close();
    expect(messages(resumed.events).map((e) => e.m.seq)).toEqual([Number(reply2.seq)]);

    // Query form (a fresh EventSource with a ticket): same replay; customer messages are not events.
    const ticket = await t.api('/v1/widget/events/ticket', { method: 'POST', token: s.body.token });
    const viaQuery = openSse(`${t.url}/v1/widget/events?ticket=${ticket.body.ticket}&lastEventId=0`);
    await waitFor(() => messages(viaQuery.events).length >= 2, { what: 'history replayed' });
    await new Promise((r) => setTimeout(r, 300));
    viaQuery.close();
    expect(messages(viaQuery.events).map((e) => e.m.seq)).toEqual([Number(reply1.seq), Number(reply2.seq)]);

    const bad = await fetch(`${t.url}/v1/widget/events?lastEventId=abc`, { headers: auth });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_cursor');
  }, 60_000);

  it('after the bus reconnects, an open stream sends what was written meanwhile, once', async () => {
    const { conversations } = t.runtime;
    const c = await conversations.open({ channel: 'widget', customerExternalId: 'w_bus', conversationKey: 'bus' });
    // A bus whose reconnect the test triggers (Redis restarts are in test/faults).
    const local = createMemoryBus();
    const handlers = new Set<() => void>();
    const bus: EventBus = {
      ...local,
      onReconnect: (h) => {
        handlers.add(h);
        return () => handlers.delete(h);
      },
    };
    const app = express();
    app.get('/events', (req, res) =>
      openConversationStream(req, res, { conversationId: c.conversationId, bus, conversations }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    try {
      const stream = openSse(url);
      await stream.opened;
      await waitFor(() => handlers.size === 1, { what: 'stream registered' });
      // Written and "published" while the bus was down: nobody heard it.
      const lost = await conversations.postReply({
        conversationId: c.conversationId,
        role: 'system',
        text: 'lost push',
      });
      const row = (await conversations.history(c.conversationId)).find((m) => m.id === lost!.messageId)!;
      for (const h of handlers) h();
      await waitFor(() => messages(stream.events).length >= 1, { what: 'caught up' });
      // The late live copy of the same message is not sent twice.
      await bus.publish({ type: 'message', conversationId: c.conversationId, message: row });
      for (const h of handlers) h();
      await new Promise((r) => setTimeout(r, 300));
      stream.close();
      expect(messages(stream.events).map((e) => e.m.text)).toEqual(['lost push']);
      expect(messages(stream.events)[0]!.id).toBe(String(row.seq));
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 30_000);
});
