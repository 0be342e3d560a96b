/**
 * Escalation lifecycle on real Postgres (and the same suite on embedded PGlite): every transition, the event log, the handoff state of the
 * conversation, customer notices, SLA due times and two concurrent claims (exactly one wins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../src/bus/memory-bus.js';
import { configWith } from '../src/config.js';
import { createConversationService } from '../src/conversations/service.js';
import type { BusEvent, ConversationService } from '../src/core/services.js';
import { createEscalationService, NOTICES, type StaffEscalationService } from '../src/escalations/service.js';
import { slaDueTimes } from '../src/escalations/sla.js';
import { createMemoryQueue } from '../src/queue/memory-queue.js';
import { createStaffUser } from '../src/staff/auth.js';
import { createPgliteTestDb, createPostgresTestDb, type TestDb } from './helpers/db.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
function defineSuite(backend: 'postgres' | 'pglite') {
  let testDb: TestDb;
  let svc: StaffEscalationService;
  let conversations: ConversationService;
  const events: BusEvent[] = [];
  let alice: string;
  let bob: string;
  let admin: string;
  let n = 0;

  async function newConversation(): Promise<string> {
    n += 1;
    const r = await conversations.receive({
      channel: 'widget',
      eventId: `evt-${n}-${Date.now()}`,
      conversationKey: `conv-${n}-${Date.now()}`,
      customerId: `cust-${n}`,
      customerName: `Customer ${n}`,
      text: 'I want to talk to a human please',
      attachments: [],
      sentAt: new Date(),
      replyTarget: {},
    });
    return r.conversationId;
  }

  const open = async (priority?: 'low' | 'normal' | 'high' | 'urgent') =>
    svc.open({
      conversationId: await newConversation(),
      reason: 'customer_request',
      priority,
      department: 'billing',
      summary: 'Customer asked for a human',
      packet: { summary: 'Customer asked for a human', sentiment: 'neutral' },
    });

  const convStatus = async (id: string) =>
    (await testDb.db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [id])).rows[0]?.status;
  const systemTexts = async (id: string) =>
    (
      await testDb.db.query<{ text: string }>(
        `SELECT text FROM messages WHERE conversation_id = $1 AND role = 'system' ORDER BY seq`,
        [id],
      )
    ).rows.map((r) => r.text);
  const eventTypes = async (id: string) => (await svc.events(id)).map((e) => e.type);

  beforeAll(async () => {
    testDb = backend === 'postgres' ? await createPostgresTestDb() : await createPgliteTestDb();
    const config = configWith({
      DATABASE_URL: testDb.url,
      SLA_FIRST_RESPONSE_MINUTES: '20',
      SLA_RESOLUTION_MINUTES: '240',
    });
    const bus = createMemoryBus();
    bus.subscribe((e) => events.push(e));
    const queue = createMemoryQueue(silent);
    conversations = createConversationService({ db: testDb.db, queue, bus, log: silent });
    svc = createEscalationService({ db: testDb.db, bus, conversations, config, log: silent });
    alice = (await createStaffUser(testDb.db, { email: 'alice@example.com', password: 'password-a', name: 'Alice' }))
      .id;
    bob = (await createStaffUser(testDb.db, { email: 'bob@example.com', password: 'password-b', name: 'Bob' })).id;
    admin = (
      await createStaffUser(testDb.db, {
        email: 'root@example.com',
        password: 'password-r',
        name: 'Root',
        role: 'admin',
      })
    ).id;
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  describe(`escalation lifecycle (${backend})`, () => {
    it('open: sets status human, SLA due times from config, opened event, notice and bus events; idempotent', async () => {
      const before = Date.now();
      const e = await open();
      expect(e.status).toBe('open');
      expect(e.reason).toBe('customer_request');
      expect(e.department).toBe('billing');
      const fr = new Date(e.firstResponseDueAt).getTime() - new Date(e.createdAt).getTime();
      const rs = new Date(e.resolutionDueAt).getTime() - new Date(e.createdAt).getTime();
      expect(Math.abs(fr - 20 * 60_000)).toBeLessThan(5_000);
      expect(Math.abs(rs - 240 * 60_000)).toBeLessThan(5_000);
      expect(new Date(e.createdAt).getTime()).toBeGreaterThanOrEqual(before - 5_000);
      expect(await convStatus(e.conversationId)).toBe('human');
      expect(await eventTypes(e.id)).toEqual(['opened']);
      expect(await systemTexts(e.conversationId)).toEqual([NOTICES.waiting]);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'status', conversationId: e.conversationId, status: 'waiting_human' }),
      );
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'escalation', escalationId: e.id, event: 'opened' }),
      );

      const again = await svc.open({
        conversationId: e.conversationId,
        reason: 'angry_customer',
        summary: 'x',
        packet: {},
      });
      expect(again.id).toBe(e.id);
      expect(await eventTypes(e.id)).toEqual(['opened']);
      expect((await svc.activeFor(e.conversationId))?.id).toBe(e.id);
      expect((await svc.get(e.id))?.id).toBe(e.id);
      expect(await svc.get('not-a-uuid')).toBeNull();
    });

    it('concurrent opens of one conversation create exactly one escalation', async () => {
      const conversationId = await newConversation();
      const input = { conversationId, reason: 'qa_escalated' as const, summary: 's', packet: {} };
      const results = await Promise.all(Array.from({ length: 5 }, () => svc.open(input)));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      const count = await testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM escalations WHERE conversation_id = $1',
        [conversationId],
      );
      expect(count.rows[0]?.n).toBe(1);
    });

    it('SLA due times scale with priority', () => {
      const t0 = new Date('2026-01-01T00:00:00Z');
      const sla = { firstResponse: 30, resolution: 1440 };
      expect(slaDueTimes(t0, sla, 'normal').firstResponseDueAt.toISOString()).toBe('2026-01-01T00:30:00.000Z');
      expect(slaDueTimes(t0, sla, 'normal').resolutionDueAt.toISOString()).toBe('2026-01-02T00:00:00.000Z');
      expect(slaDueTimes(t0, sla, 'urgent').firstResponseDueAt.toISOString()).toBe('2026-01-01T00:07:30.000Z');
      expect(slaDueTimes(t0, sla, 'high').resolutionDueAt.toISOString()).toBe('2026-01-01T12:00:00.000Z');
      expect(slaDueTimes(t0, sla, 'low').firstResponseDueAt.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    });

    it('two concurrent claims: exactly one wins, the loser gets 409 already_claimed', async () => {
      const e = await open();
      const results = await Promise.allSettled([svc.claim(e.id, alice), svc.claim(e.id, bob)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'already_claimed', status: 409 });
      expect(await eventTypes(e.id)).toEqual(['opened', 'claimed']);
    });

    it('claim -> reply -> resolve: notices, first_response_at, conversation back to bots with fresh context', async () => {
      const e = await open();
      await expect(svc.resolve(e.id, alice)).rejects.toMatchObject({ code: 'not_claimed', status: 409 });
      await expect(svc.reply(e.id, alice, 'hi')).rejects.toMatchObject({ code: 'not_claimed', status: 409 });
      const claimed = await svc.claim(e.id, alice);
      expect(claimed.status).toBe('claimed');
      expect(claimed.assigneeId).toBe(alice);
      expect(claimed.claimedAt).not.toBeNull();
      expect(claimed.firstResponseAt).toBeNull();
      await expect(svc.claim(e.id, bob)).rejects.toMatchObject({ code: 'already_claimed', status: 409 });
      await expect(svc.reply(e.id, bob, 'let me')).rejects.toMatchObject({ code: 'not_assignee', status: 403 });
      await expect(svc.resolve(e.id, bob)).rejects.toMatchObject({ code: 'not_assignee', status: 403 });
      await expect(svc.reply(e.id, alice, '   ')).rejects.toMatchObject({ code: 'empty_reply', status: 400 });

      const { messageId } = await svc.reply(e.id, alice, 'Hello, Alice here.');
      const msg = await testDb.db.query<{ role: string; author_name: string; text: string }>(
        'SELECT role, author_name, text FROM messages WHERE id = $1',
        [messageId],
      );
      expect(msg.rows[0]).toEqual({ role: 'staff', author_name: 'Alice', text: 'Hello, Alice here.' });
      const delivery = await testDb.db.query('SELECT 1 FROM deliveries WHERE message_id = $1', [messageId]);
      expect(delivery.rows).toHaveLength(1);
      const afterReply = await svc.get(e.id);
      expect(afterReply?.firstResponseAt).not.toBeNull();
      await svc.reply(e.id, alice, 'Second reply');
      expect((await svc.get(e.id))?.firstResponseAt).toBe(afterReply?.firstResponseAt);

      const before = (
        await testDb.db.query<{ infinite: boolean }>(
          `SELECT context_since = '-infinity' AS infinite FROM conversations WHERE id = $1`,
          [e.conversationId],
        )
      ).rows[0]?.infinite;
      expect(before).toBe(true);
      const resolved = await svc.resolve(e.id, alice, 'refunded');
      expect(resolved.status).toBe('resolved');
      expect(resolved.resolvedAt).not.toBeNull();
      const note = await testDb.db.query('SELECT resolution_note FROM escalations WHERE id = $1', [e.id]);
      expect(note.rows[0]).toEqual({ resolution_note: 'refunded' });
      const conv = await testDb.db.query<{ status: string; context_since: Date }>(
        'SELECT status, context_since FROM conversations WHERE id = $1',
        [e.conversationId],
      );
      expect(conv.rows[0]?.status).toBe('bot');
      // Bots start fresh: context_since moved to the resolution time.
      const since = new Date(conv.rows[0]!.context_since).getTime();
      expect(Math.abs(since - new Date(resolved.resolvedAt!).getTime())).toBeLessThan(2_000);
      expect(await systemTexts(e.conversationId)).toEqual([NOTICES.waiting, NOTICES.joined('Alice'), NOTICES.resolved]);
      expect(await eventTypes(e.id)).toEqual(['opened', 'claimed', 'replied', 'replied', 'resolved']);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'status', conversationId: e.conversationId, status: 'resolved' }),
      );
      expect(await svc.activeFor(e.conversationId)).toBeNull();

      await expect(svc.resolve(e.id, alice)).rejects.toMatchObject({ code: 'escalation_closed', status: 409 });
      await expect(svc.claim(e.id, alice)).rejects.toMatchObject({ code: 'escalation_closed', status: 409 });
      await expect(svc.release(e.id, alice)).rejects.toMatchObject({ code: 'escalation_closed', status: 409 });
      // The conversation can escalate again after resolution.
      const next = await svc.open({ conversationId: e.conversationId, reason: 'other', summary: 'again', packet: {} });
      expect(next.id).not.toBe(e.id);
    });

    it('release returns the escalation to the queue; only the assignee or an admin may release', async () => {
      const e = await open();
      await expect(svc.release(e.id, alice)).rejects.toMatchObject({ code: 'not_claimed', status: 409 });
      await svc.claim(e.id, alice);
      await expect(svc.release(e.id, bob)).rejects.toMatchObject({ code: 'not_assignee', status: 403 });
      const released = await svc.release(e.id, alice);
      expect(released.status).toBe('open');
      expect(released.assigneeId).toBeNull();
      expect(await convStatus(e.conversationId)).toBe('human');
      const reclaimed = await svc.claim(e.id, bob);
      expect(reclaimed.assigneeId).toBe(bob);
      const byAdmin = await svc.release(e.id, admin);
      expect(byAdmin.status).toBe('open');
      expect(await eventTypes(e.id)).toEqual(['opened', 'claimed', 'released', 'claimed', 'released']);
    });

    it('reassign: assignee or admin only; open escalations only by an admin', async () => {
      const e = await open();
      await expect(svc.reassign(e.id, alice, bob)).rejects.toMatchObject({ code: 'not_assignee', status: 403 });
      const assigned = await svc.reassign(e.id, admin, alice);
      expect(assigned).toMatchObject({ status: 'claimed', assigneeId: alice });
      await expect(svc.reassign(e.id, bob, bob)).rejects.toMatchObject({ code: 'not_assignee', status: 403 });
      const moved = await svc.reassign(e.id, alice, bob);
      expect(moved.assigneeId).toBe(bob);
      await expect(svc.reassign(e.id, bob, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
        code: 'unknown_staff',
      });
      const ev = await svc.events(e.id);
      expect(ev.map((x) => x.type)).toEqual(['opened', 'reassigned', 'reassigned']);
      expect(ev[2]).toMatchObject({ actorId: alice, actor: 'staff', data: { assigneeId: bob } });
    });

    it('cancel: open by any staff, claimed by assignee/admin; conversation back to bots', async () => {
      const e = await open();
      const cancelled = await svc.cancel(e.id, bob, 'false alarm');
      expect(cancelled.status).toBe('cancelled');
      expect(await convStatus(e.conversationId)).toBe('bot');
      expect((await systemTexts(e.conversationId)).at(-1)).toBe(NOTICES.cancelled);
      await expect(svc.cancel(e.id, bob)).rejects.toMatchObject({ code: 'escalation_closed', status: 409 });

      const e2 = await open();
      await svc.claim(e2.id, alice);
      await expect(svc.cancel(e2.id, bob)).rejects.toMatchObject({ code: 'not_assignee', status: 403 });
      expect((await svc.cancel(e2.id, admin)).status).toBe('cancelled');
    });

    it('customer messages while human are logged and published; unknown ids are 404', async () => {
      const e = await open();
      const before = events.length;
      await svc.customerMessageWhileHuman(e.conversationId, '11111111-1111-1111-1111-111111111111');
      expect(await eventTypes(e.id)).toEqual(['opened', 'customer_message']);
      expect(events.slice(before)).toContainEqual(
        expect.objectContaining({ type: 'escalation', escalationId: e.id, event: 'customer_message', status: 'open' }),
      );
      await expect(svc.claim('00000000-0000-0000-0000-000000000000', alice)).rejects.toMatchObject({ status: 404 });
      await expect(svc.claim('nope', alice)).rejects.toMatchObject({ status: 404 });
      await expect(svc.claim(e.id, 'nope')).rejects.toMatchObject({ status: 403 });
    });

    it('list is sorted by SLA urgency and filters by status, priority and reason', async () => {
      const urgent = await open('urgent');
      const low = await open('low');
      const list = await svc.list({ status: 'open' });
      const ids = list.map((x) => x.id);
      expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(low.id));
      for (let i = 1; i < list.length; i++) {
        expect(new Date(list[i - 1]!.firstResponseDueAt).getTime()).toBeLessThanOrEqual(
          new Date(list[i]!.firstResponseDueAt).getTime(),
        );
      }
      expect((await svc.list({ priority: 'urgent' })).map((x) => x.id)).toEqual([urgent.id]);
      expect((await svc.list({ reason: 'qa_escalated' })).every((x) => x.reason === 'qa_escalated')).toBe(true);
      expect((await svc.list({ status: 'resolved' })).every((x) => x.status === 'resolved')).toBe(true);
    });
  });
}

defineSuite('postgres');
defineSuite('pglite');
