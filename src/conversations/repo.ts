/**
 * Repository of the conversation aggregate: customers, conversations and their messages. Every
 * function takes a {@link Queryable}, so a caller can pass a transaction. No business rules here
 * (see service.ts); the hot-path single-statement writes are in sql.ts.
 */
import type { Queryable } from '../db/db.js';
import { type ConversationDbRow, MESSAGE_COLUMNS, type MessageDbRow } from './rows.js';
import { LATEST_SEQ_SQL, POST_REPLY_SQL, RECEIVE_SQL, UPSERT_CUSTOMER_SQL } from './sql.js';

/** A stored message's id and conversation. */
export interface MessageRef {
  id: string;
  conversation_id: string;
}

/** Values of {@link insertInboundMessage} (see RECEIVE_SQL). */
export interface InboundRow {
  channel: string;
  customerExternalId: string;
  customerName: string | null;
  conversationKey: string;
  replyTarget: object;
  eventId: string;
  text: string;
  attachments: unknown[];
  sentAt: Date;
}

/**
 * Upsert customer + conversation and insert the customer message unless its (channel, event id)
 * exists: the new message, or null for a duplicate. One statement.
 */
export async function insertInboundMessage(q: Queryable, m: InboundRow): Promise<MessageRef | null> {
  const r = await q.query<MessageRef>(RECEIVE_SQL, [
    m.channel,
    m.customerExternalId,
    m.customerName,
    m.conversationKey,
    JSON.stringify(m.replyTarget),
    m.eventId,
    m.text,
    JSON.stringify(m.attachments),
    m.sentAt,
  ]);
  return r.rows[0] ?? null;
}

/** The message stored for a channel event id, if any. */
export async function findMessageByEvent(q: Queryable, channel: string, eventId: string): Promise<MessageRef | null> {
  const r = await q.query<MessageRef>(
    'SELECT id, conversation_id FROM messages WHERE channel = $1 AND external_id = $2',
    [channel, eventId],
  );
  return r.rows[0] ?? null;
}

/** Values of {@link insertReply} (see POST_REPLY_SQL), already serialized for the statement. */
export interface ReplyRow {
  conversationId: string;
  role: string;
  text: string;
  authorId: string | null;
  authorName: string | null;
  replyTo: string | null;
  routing: string | null;
  qa: string | null;
  meta: string;
  markProcessed: boolean;
  mergedIds: string[];
}

/** Insert a reply and its delivery row (outbox); null when the customer message already has a bot reply. */
export async function insertReply(
  q: Queryable,
  m: ReplyRow,
): Promise<{ message_id: string; delivery_id: string } | null> {
  const r = await q.query<{ message_id: string; delivery_id: string }>(POST_REPLY_SQL, [
    m.conversationId,
    m.role,
    m.text,
    m.authorId,
    m.authorName,
    m.replyTo,
    m.routing,
    m.qa,
    m.meta,
    m.markProcessed,
    m.mergedIds,
  ]);
  return r.rows[0] ?? null;
}

/** Messages of a conversation after `afterSeq`, oldest first, at most `limit`. */
export async function listMessages(
  q: Queryable,
  conversationId: string,
  afterSeq: number,
  limit: number,
): Promise<MessageDbRow[]> {
  const r = await q.query<MessageDbRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [conversationId, afterSeq, limit],
  );
  return r.rows;
}

/** The latest message seq of a conversation (0 when it has none). */
export async function latestSeq(q: Queryable, conversationId: string): Promise<number> {
  const r = await q.query<{ seq: string | null }>(LATEST_SEQ_SQL, [conversationId]);
  return Number(r.rows[0]?.seq ?? 0);
}

/** Set who owns the conversation; handing it back to the bots from a human starts a new context window. */
export async function updateConversationStatus(q: Queryable, conversationId: string, status: 'bot' | 'human') {
  await q.query(
    `UPDATE conversations SET status = $2, updated_at = now(),
       context_since = CASE WHEN $2 = 'bot' AND status = 'human' THEN now() ELSE context_since END
     WHERE id = $1`,
    [conversationId, status],
  );
}

/** Start a fresh context window now (earlier messages no longer reach the agents). */
export async function resetConversationContext(q: Queryable, conversationId: string): Promise<void> {
  await q.query('UPDATE conversations SET context_since = now(), updated_at = now() WHERE id = $1', [conversationId]);
}

/** The one customer upsert (see UPSERT_CUSTOMER_SQL); returns the customer id. */
export async function upsertCustomer(
  q: Queryable,
  c: { channel: string; externalId: string; displayName: string | null },
): Promise<string> {
  const r = await q.query<{ id: string }>(UPSERT_CUSTOMER_SQL, [c.channel, c.externalId, c.displayName]);
  return r.rows[0]!.id;
}

/** Find or create the conversation of `key` on `channel`; returns its id. */
export async function upsertConversation(
  q: Queryable,
  c: { customerId: string; channel: string; key: string; replyTarget: object },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO conversations (customer_id, channel, external_key, reply_target) VALUES ($1, $2, $3, $4)
     ON CONFLICT (channel, external_key) DO UPDATE SET updated_at = now()
     RETURNING id`,
    [c.customerId, c.channel, c.key, JSON.stringify(c.replyTarget)],
  );
  return r.rows[0]!.id;
}

/** One conversations row, or null. */
export async function selectConversation(q: Queryable, conversationId: string): Promise<ConversationDbRow | null> {
  const r = await q.query<ConversationDbRow>('SELECT * FROM conversations WHERE id = $1', [conversationId]);
  return r.rows[0] ?? null;
}

/** The customer id of a conversation, or null. */
export async function customerIdOf(q: Queryable, conversationId: string): Promise<string | null> {
  const r = await q.query<{ customer_id: string }>('SELECT customer_id FROM conversations WHERE id = $1', [
    conversationId,
  ]);
  return r.rows[0]?.customer_id ?? null;
}

/** A conversation with its customer (staff views, handoff packets). */
export interface ConversationCustomerRow {
  id: string;
  channel: string;
  status: string;
  customer_id: string;
  display_name: string | null;
  external_id: string;
}

/** Load a conversation joined with its customer, or null. */
export async function selectConversationCustomer(
  q: Queryable,
  conversationId: string,
): Promise<ConversationCustomerRow | null> {
  const r = await q.query<ConversationCustomerRow>(
    `SELECT c.id, c.channel, c.status, c.customer_id, cu.display_name, cu.external_id
     FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
    [conversationId],
  );
  return r.rows[0] ?? null;
}

/** The raw facts of the public conversation status (see status.ts). */
export interface StatusFactsRow {
  status: 'bot' | 'human';
  esc: 'open' | 'claimed' | 'resolved' | 'cancelled' | null;
  wrote: boolean;
}

/** The conversation's owner, its latest escalation's status and whether the customer wrote since it was resolved. */
export async function selectStatusFacts(q: Queryable, conversationId: string): Promise<StatusFactsRow | null> {
  const r = await q.query<StatusFactsRow>(
    `SELECT c.status, e.status AS esc,
            coalesce(e.resolved_at IS NOT NULL AND EXISTS (
              SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.role = 'customer'
                AND m.created_at > e.resolved_at), false) AS wrote
     FROM conversations c
     LEFT JOIN LATERAL (
       SELECT status, resolved_at FROM escalations WHERE conversation_id = c.id ORDER BY created_at DESC LIMIT 1
     ) e ON true
     WHERE c.id = $1`,
    [conversationId],
  );
  return r.rows[0] ?? null;
}

/** True when the conversation got a wait acknowledgement (system notice `wait_ack`) after `since`. */
export async function hasWaitAckSince(q: Queryable, conversationId: string, since: Date): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM messages WHERE conversation_id = $1 AND role = 'system' AND meta->>'notice' = 'wait_ack'
       AND created_at > $2 LIMIT 1`,
    [conversationId, since],
  );
  return r.rowCount > 0;
}

/** One message with its internal routing decision and QA verdict (staff view). */
export interface TranscriptRow {
  id: string;
  seq: string | number;
  role: 'customer' | 'bot' | 'staff' | 'system';
  text: string;
  author_name: string | null;
  routing: unknown;
  qa: unknown;
  created_at: Date | string;
}

/** The last `limit` messages of a conversation with routing and QA, oldest first. */
export async function selectTranscript(q: Queryable, conversationId: string, limit = 500): Promise<TranscriptRow[]> {
  const r = await q.query<TranscriptRow>(
    `SELECT id, seq, role, text, author_name, routing, qa, created_at FROM (
       SELECT * FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT ${Math.floor(limit)}) m ORDER BY seq`,
    [conversationId],
  );
  return r.rows;
}

/** The last `limit` customer lines of a conversation, newest first. */
export async function recentCustomerTexts(q: Queryable, conversationId: string, limit = 3): Promise<string[]> {
  const r = await q.query<{ text: string; seq: string | number }>(
    `SELECT text, seq FROM messages WHERE conversation_id = $1 AND role = 'customer' ORDER BY seq DESC LIMIT ${Math.floor(limit)}`,
    [conversationId],
  );
  return r.rows.map((row) => row.text);
}

/** A customer or staff line (with the staff reply's source) after a seq, for staff-channel threads. */
export interface ThreadLineRow {
  seq: string | number;
  role: string;
  text: string;
  author_name: string | null;
  source: string | null;
}

/** Customer and staff lines after `afterSeq`, oldest first, at most `limit`. */
export async function customerAndStaffLinesAfter(
  q: Queryable,
  conversationId: string,
  afterSeq: number,
  limit = 20,
): Promise<ThreadLineRow[]> {
  const r = await q.query<ThreadLineRow>(
    `SELECT seq, role, text, author_name, meta->>'source' AS source FROM messages
      WHERE conversation_id = $1 AND role IN ('customer', 'staff') AND seq > $2
      ORDER BY seq LIMIT ${Math.floor(limit)}`,
    [conversationId, afterSeq],
  );
  return r.rows;
}
