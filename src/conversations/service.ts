import { type InboundMessage, SwitchboardError } from '../core/index.js';
import type { ConversationService, EventBus, JobQueue, Logger, PostReplyInput } from '../core/services.js';
import type { Db, Queryable } from '../db/db.js';
import {
  findMessageByEvent,
  insertInboundMessage,
  insertReply,
  latestSeq,
  listMessages,
  selectConversation,
  updateConversationStatus,
  upsertConversation as upsertConversationRow,
  upsertCustomer,
} from './repo.js';
import { toConversation, toPublicMessage } from './rows.js';

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
    const customerId = await upsertCustomer(q, {
      channel: input.channel,
      externalId: input.customerExternalId,
      displayName: input.customerName ?? null,
    });
    const conversationId = await upsertConversationRow(q, {
      customerId,
      channel: input.channel,
      key: input.key,
      replyTarget: input.target,
    });
    return { customerId, conversationId };
  };

  const service: ConversationService = {
    async receive(msg: InboundMessage) {
      const row = await insertInboundMessage(db, {
        channel: msg.channel,
        customerExternalId: msg.customerId,
        customerName: msg.customerName ?? null,
        conversationKey: msg.conversationKey,
        replyTarget: msg.replyTarget,
        eventId: msg.eventId,
        text: msg.text,
        attachments: msg.attachments,
        sentAt: msg.sentAt,
      });
      if (row) {
        await queue.add('turn', { messageId: row.id, conversationId: row.conversation_id }, { jobId: row.id });
        return { stored: true, messageId: row.id, conversationId: row.conversation_id };
      }
      // Duplicate delivery (platform retry, reconnect replay): the first copy is the message.
      const first = await findMessageByEvent(db, msg.channel, msg.eventId);
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
      const row = await insertReply(options.tx ?? db, {
        conversationId: input.conversationId,
        role: input.role,
        text: input.text,
        authorId: input.authorId ?? null,
        authorName: input.authorName ?? null,
        replyTo: input.replyTo ?? null,
        routing: input.routing === undefined ? null : JSON.stringify(input.routing),
        qa: input.qa === undefined ? null : JSON.stringify(input.qa),
        meta: JSON.stringify(input.meta ?? {}),
        markProcessed: input.markProcessed === true,
        mergedIds: input.mergedIds ?? [],
      });
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
      const rows = await listMessages(db, conversationId, options.afterSeq ?? 0, Math.min(options.limit ?? 200, 500));
      return rows.map(toPublicMessage);
    },

    async latestSeq(conversationId) {
      return latestSeq(db, conversationId);
    },

    async setStatus(conversationId, status, tx) {
      await updateConversationStatus(tx ?? db, conversationId, status);
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
      const row = await selectConversation(db, conversationId);
      return row ? toConversation(row) : null;
    },
  };
  return service;
}
