/**
 * "Resolved by the bot" is honest: only a grounded answer that nobody took over, nobody rated
 * "Not helpful" and the customer did not come back about counts. Same rows on Postgres and PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { computeStaffStats } from '../src/staff/stats.js';
import { createPgliteTestDb, createPostgresTestDb, type TestDb } from './helpers/db.js';

describe.each([
  ['Postgres', createPostgresTestDb],
  ['PGlite', createPgliteTestDb],
])('bot resolutions on %s', (_name, create) => {
  let t: TestDb;
  let db: Db;
  let n = 0;

  async function customer(): Promise<string> {
    n += 1;
    const r = await db.query<{ id: string }>(
      `INSERT INTO customers (channel, external_id) VALUES ('widget', $1) RETURNING id`,
      [`stats-${n}`],
    );
    return r.rows[0]!.id;
  }
  async function conversation(customerId?: string, createdAt = new Date()): Promise<string> {
    n += 1;
    const r = await db.query<{ id: string }>(
      `INSERT INTO conversations (customer_id, channel, external_key, created_at) VALUES ($1, 'widget', $2, $3) RETURNING id`,
      [customerId ?? (await customer()), `conv-${n}`, createdAt],
    );
    return r.rows[0]!.id;
  }
  async function say(conv: string, role: string, kind?: string, at = new Date()): Promise<string> {
    const r = await db.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, role, channel, text, meta, created_at)
       VALUES ($1, $2, 'widget', 'x', $3, $4) RETURNING id`,
      [conv, role, kind ? { kind } : {}, at],
    );
    return r.rows[0]!.id;
  }
  /** A customer question and one bot reply of `kind`. */
  async function exchange(kind: string, conv?: string): Promise<{ conv: string; reply: string }> {
    const c = conv ?? (await conversation());
    await say(c, 'customer');
    return { conv: c, reply: await say(c, 'bot', kind) };
  }
  const resolved = async () => (await computeStaffStats(db)).botResolved;

  beforeAll(async () => {
    t = await create();
    db = t.db;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('a grounded, unrated answer with no return is a bot resolution', async () => {
    await exchange('answer');
    expect(await resolved()).toBe(1);
    const s = await computeStaffStats(db);
    expect(s.conversations).toBe(1);
    expect(s.botResolutionRate).toBe(1);
    expect(s.returnWindowHours).toBe(48);
  });

  it('declined, uncertain, clarify, blocked and legacy internal kinds are not', async () => {
    for (const kind of ['declined', 'uncertain', 'clarify', 'blocked', 'out_of_scope', 'guardrail'])
      await exchange(kind);
    expect(await resolved()).toBe(1);
  });

  it('a handed-off conversation is not, even when the bot answered after the hand-off', async () => {
    const handed = await exchange('handoff');
    await db.query(
      `INSERT INTO escalations (conversation_id, status, reason, first_response_due_at, resolution_due_at)
       VALUES ($1, 'open', 'customer_request', now(), now())`,
      [handed.conv],
    );
    const back = await exchange('handoff');
    await db.query(
      `INSERT INTO escalations (conversation_id, status, reason, first_response_due_at, resolution_due_at, resolved_at)
       VALUES ($1, 'resolved', 'customer_request', now(), now(), now())`,
      [back.conv],
    );
    await exchange('answer', back.conv);
    expect(await resolved()).toBe(1);
  });

  it('a rated-down answer is not', async () => {
    const rated = await exchange('answer');
    await db.query(
      `INSERT INTO feedback (message_id, conversation_id, channel, rater, rating) VALUES ($1, $2, 'widget', 'c', -1)`,
      [rated.reply, rated.conv],
    );
    expect(await resolved()).toBe(1);
    // A "Helpful" rating keeps the answer a resolution.
    const liked = await exchange('answer');
    await db.query(
      `INSERT INTO feedback (message_id, conversation_id, channel, rater, rating) VALUES ($1, $2, 'widget', 'c', 1)`,
      [liked.reply, liked.conv],
    );
    expect(await resolved()).toBe(2);
  });

  it('a customer who comes back (same conversation or a new one within the window) is not', async () => {
    const wroteAgain = await exchange('answer');
    await say(wroteAgain.conv, 'customer'); // still unanswered
    const who = await customer();
    const earlier = new Date(Date.now() - 3 * 3_600_000);
    const first = await conversation(who, earlier);
    await say(first, 'customer', undefined, earlier);
    await say(first, 'bot', 'answer', new Date(earlier.getTime() + 1000));
    const second = await conversation(who); // came back three hours later
    await say(second, 'customer');
    await say(second, 'bot', 'uncertain');
    expect(await resolved()).toBe(2);
    // Outside the window the first answer stands.
    expect((await computeStaffStats(db, { returnWindowHours: 1 })).botResolved).toBe(3);
  });
});
