/**
 * Load driver of the fault suite: widget customers over the public HTTP API (a session on one
 * ingress, the live event stream on the other, so every push crosses the Redis bus), and the audit
 * of what they got against what Postgres holds.
 */
import type { Db } from '../../src/db/db.js';
import { openSse, type SseClient } from '../helpers/sse.js';

/** One widget customer with an open event stream. */
export interface Customer {
  conversationId: string;
  token: string;
  /** Index of the ingress the customer posts to (the stream is on the next one). */
  home: number;
  stream: SseClient;
  sent: number;
}

async function post(url: string, body: unknown, token?: string) {
  // A customer retries what failed (same clientMessageId), a few times, like the widget.
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (res.status < 500 || attempt >= 5) return { status: res.status, body: await res.json() };
    } catch (err) {
      if (attempt >= 5) throw err;
    }
    await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
  }
}

/** Create a session on ingress `i % n` and open its event stream on the next ingress. */
export async function newCustomer(ingresses: string[], i: number): Promise<Customer> {
  const home = i % ingresses.length;
  const s = await post(`${ingresses[home]}/v1/widget/sessions`, {});
  if (s.status !== 201 && s.status !== 200) throw new Error(`session: ${s.status} ${JSON.stringify(s.body)}`);
  const other = ingresses[(home + 1) % ingresses.length];
  const stream = openSse(`${other}/v1/widget/events`, { headers: { authorization: `Bearer ${s.body.token}` } });
  await stream.opened;
  return { conversationId: s.body.conversationId, token: s.body.token, home, stream, sent: 0 };
}

/** Send one message (202 expected). */
export async function say(c: Customer, ingresses: string[], text: string): Promise<void> {
  c.sent++;
  const r = await post(`${ingresses[c.home]}/v1/widget/messages`, { text, clientMessageId: `m${c.sent}` }, c.token);
  if (r.status !== 202) throw new Error(`message: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Bot replies pushed on the customer's stream, in arrival order. */
export function pushedReplies(c: Customer): Array<{ id: string; seq: number; at: number }> {
  return c.stream.events
    .filter((e) => e.event === 'message')
    .map((e) => ({ ...(JSON.parse(e.data) as { id: string; seq: number; role: string }), at: e.at }))
    .filter((m) => m.role === 'bot')
    .map((m) => ({ id: m.id, seq: m.seq, at: m.at }));
}

/** What the audit found (all zero when nothing went wrong). */
export interface AuditResult {
  messages: number;
  replies: number;
  /** Customer messages never processed, failed, or with no reply at or after them. */
  lost: number;
  /** Customer messages with more than one reply, plus replies pushed more than once. */
  duplicated: number;
  /** Replies whose order (by seq) does not follow their messages', or pushed out of seq order. */
  outOfOrder: number;
  /** Replies in Postgres never pushed on the customer's live stream. */
  notPushed: number;
}

/** Compare what customers sent and got with Postgres. */
export async function audit(db: Db, customers: Customer[]): Promise<AuditResult> {
  const ids = customers.map((c) => c.conversationId);
  const rows = await db.query<{
    id: string;
    conversation_id: string;
    seq: string;
    role: string;
    processed: boolean;
    failed: boolean;
    reply_to_seq: string | null;
    replies: string;
  }>(
    `SELECT m.id, m.conversation_id, m.seq, m.role, m.processed_at IS NOT NULL AS processed,
            coalesce((m.meta->>'turnFailed')::boolean, false) AS failed,
            (SELECT c.seq FROM messages c WHERE c.id = m.reply_to) AS reply_to_seq,
            (SELECT count(*) FROM messages b WHERE b.reply_to = m.id AND b.role = 'bot') AS replies
     FROM messages m WHERE m.conversation_id = ANY($1::uuid[]) AND m.role IN ('customer', 'bot')
     ORDER BY m.conversation_id, m.seq`,
    [ids],
  );
  const byConv = new Map<string, typeof rows.rows>();
  for (const r of rows.rows) byConv.set(r.conversation_id, [...(byConv.get(r.conversation_id) ?? []), r]);
  const result: AuditResult = { messages: 0, replies: 0, lost: 0, duplicated: 0, outOfOrder: 0, notPushed: 0 };
  for (const c of customers) {
    const all = byConv.get(c.conversationId) ?? [];
    const bots = all.filter((r) => r.role === 'bot');
    const answeredUpTo = Math.max(0, ...bots.map((b) => Number(b.reply_to_seq ?? 0)));
    for (const m of all.filter((r) => r.role === 'customer')) {
      result.messages++;
      if (!m.processed || m.failed || Number(m.seq) > answeredUpTo) result.lost++;
      if (Number(m.replies) > 1) result.duplicated += Number(m.replies) - 1;
    }
    result.replies += bots.length;
    for (let i = 1; i < bots.length; i++)
      if (Number(bots[i]!.reply_to_seq) <= Number(bots[i - 1]!.reply_to_seq)) result.outOfOrder++;
    const pushed = pushedReplies(c);
    result.duplicated += pushed.length - new Set(pushed.map((p) => p.id)).size;
    for (let i = 1; i < pushed.length; i++) if (pushed[i]!.seq < pushed[i - 1]!.seq) result.outOfOrder++;
    const seen = new Set(pushed.map((p) => p.id));
    result.notPushed += bots.filter((b) => !seen.has(b.id)).length;
  }
  return result;
}

/** Poll until every customer's last message is answered and pushed (or the deadline passes). */
export async function allAnswered(db: Db, customers: Customer[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = await audit(db, customers);
    if (a.lost === 0 && a.notPushed === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
