import { type InboundMessage, SwitchboardError } from '../core/index.js';
import type { ConversationService, EventBus, JobQueue, Logger, PostReplyInput } from '../core/services.js';
import type { Db, Queryable } from '../db/db.js';
import { type ConversationDbRow, MESSAGE_COLUMNS, type MessageDbRow, toConversation, toPublicMessage } from './rows.js';
import { LATEST_SEQ_SQL, POST_REPLY_SQL, RECEIVE_SQL } from './sql.js';

/** Dependencies of {@link createConversationService}. */
export interface ConversationServiceDeps {
  db: Db;
  queue: JobQueue;
  bus: EventBus;
  log: Logger;
}

/**
 * Conversations: customers + conversations found or created per platform key, inbound messages
 * stored once per (channel, eventId), replies written with their delivery row (outbox).
 */
export function createConversationService(deps: ConversationServiceDeps): ConversationService {
  const { db, queue, log } = deps;

  const upsertConversation = async (
    q: Queryable,
    input: { channel: string; customerExternalId: string; customerName?: string; key: string; target: object },
  ) => {
    const c = await q.query<{ id: string }>(
      `INSERT INTO customers (channel, external_id, display_name) VALUES ($1, $2, $3)
       ON CONFLICT (channel, external_id) DO UPDATE SET display_name = COALESCE(EXCLUDED.display_name, customers.display_name)
       RETURNING id`,
      [input.channel, input.customerExternalId, input.customerName ?? null],
    );
    const customerId = c.rows[0]!.id;
    const conv = await q.query<{ id: string }>(
      `INSERT INTO conversations (customer_id, channel, external_key, reply_target) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel, external_key) DO UPDATE SET updated_at = now()
       RETURNING id`,
      [customerId, input.channel, input.key, JSON.stringify(input.target)],
    );
    return { customerId, conversationId: conv.rows[0]!.id };
  };

  const service: ConversationService = {
    async receive(msg: InboundMessage) {
      const ins = await db.query<{ id: string; conversation_id: string }>(RECEIVE_SQL, [
        msg.channel,
        msg.customerId,
        msg.customerName ?? null,
        msg.conversationKey,
        JSON.stringify(msg.replyTarget),
        msg.eventId,
        msg.text,
        JSON.stringify(msg.attachments),
        msg.sentAt,
      ]);
      const row = ins.rows[0];
      if (row) {
        await queue.add('turn', { messageId: row.id, conversationId: row.conversation_id }, { jobId: row.id });
        return { stored: true, messageId: row.id, conversationId: row.conversation_id };
      }
      // Duplicate delivery (platform retry, reconnect replay): the first copy is the message.
      const existing = await db.query<{ id: string; conversation_id: string }>(
        'SELECT id, conversation_id FROM messages WHERE channel = $1 AND external_id = $2',
        [msg.channel, msg.eventId],
      );
      const first = existing.rows[0];
      if (!first)
        throw new SwitchboardError(
          'inbound_not_stored',
          `message ${msg.channel}:${msg.eventId} was neither stored nor found`,
          {
            status: 503,
            isRetryable: true,
          },
        );
      log.debug('duplicate inbound ignored', { channel: msg.channel, eventId: msg.eventId });
      return { stored: false, messageId: first.id, conversationId: first.conversation_id };
    },

    async postReply(input: PostReplyInput, options: { dispatch?: boolean; tx?: Queryable } = {}) {
      const r = await (options.tx ?? db).query<{ message_id: string; delivery_id: string }>(POST_REPLY_SQL, [
        input.conversationId,
        input.role,
        input.text,
        input.authorId ?? null,
        input.authorName ?? null,
        input.replyTo ?? null,
        input.routing === undefined ? null : JSON.stringify(input.routing),
        input.qa === undefined ? null : JSON.stringify(input.qa),
        JSON.stringify(input.meta ?? {}),
        input.markProcessed === true,
        input.mergedIds ?? [],
      ]);
      const row = r.rows[0];
      if (!row) return null;
      const written = { messageId: row.message_id, deliveryId: row.delivery_id };
      // Inside a caller's transaction the row is not visible yet: the caller dispatches after commit.
      if (options.dispatch !== false && !options.tx) await service.dispatch(written.deliveryId);
      return written;
    },

    async dispatch(deliveryId) {
      await queue.add('deliver', { deliveryId }, { jobId: deliveryId });
    },

    async history(conversationId, options = {}) {
      const r = await db.query<MessageDbRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [conversationId, options.afterSeq ?? 0, Math.min(options.limit ?? 200, 500)],
      );
      return r.rows.map(toPublicMessage);
    },

    async latestSeq(conversationId) {
      const r = await db.query<{ seq: string | null }>(LATEST_SEQ_SQL, [conversationId]);
      return Number(r.rows[0]?.seq ?? 0);
    },

    async setStatus(conversationId, status, tx) {
      const q = tx ?? db;
      await q.query(
        `UPDATE conversations SET status = $2, updated_at = now(),
           context_since = CASE WHEN $2 = 'bot' AND status = 'human' THEN now() ELSE context_since END
         WHERE id = $1`,
        [conversationId, status],
      );
    },

    async open(input) {
      return db.transaction((tx) =>
        upsertConversation(tx, {
          channel: input.channel,
          customerExternalId: input.customerExternalId,
          customerName: input.customerName,
          key: input.conversationKey,
          target: input.replyTarget ?? {},
        }),
      );
    },

    async get(conversationId) {
      const r = await db.query<ConversationDbRow>('SELECT * FROM conversations WHERE id = $1', [conversationId]);
      return r.rows[0] ? toConversation(r.rows[0]) : null;
    },
  };
  return service;
}
