/**
 * The runtime side of the widget channel: implements the `WidgetPorts` the widget adapter's routes
 * call (adapters/widget/routes.ts) from the token service, the conversation service, the event bus,
 * the feedback repository and the abuse limits.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { recordFeedback } from '../conversations/feedback-repo.js';
import { loadConversationStatus } from '../conversations/status.js';
import type { WidgetPorts } from '../core/index.js';
import type { ConversationService, EventBus, Logger } from '../core/services.js';
import type { Queryable } from '../db/db.js';
import type { AbuseLimits } from '../limits/index.js';
import { withRetry } from '../runtime/retry.js';
import { createWidgetAuth } from './widget-auth.js';
import { verifiedCustomerId } from './widget-identity.js';

/** Options of {@link createWidgetPorts}. */
export interface WidgetPortsOptions {
  config: Pick<
    Config,
    'WIDGET_SESSION_TTL_HOURS' | 'WIDGET_ALLOWED_ORIGINS' | 'WIDGET_IDENTITY_SECRET' | 'MAX_MESSAGE_CHARS'
  >;
  db: Queryable;
  conversations: Pick<ConversationService, 'open' | 'history' | 'latestSeq'>;
  bus: Pick<EventBus, 'subscribe' | 'onReconnect'>;
  /** Abuse limits and the daily model budget (src/limits). */
  limits: Pick<AbuseLimits, 'widget' | 'budget'>;
  log: Logger;
}

/** Create the widget ports of a process. */
export function createWidgetPorts({ config, db, conversations, bus, limits, log }: WidgetPortsOptions): WidgetPorts {
  const auth = createWidgetAuth(db, {
    ttlMs: config.WIDGET_SESSION_TTL_HOURS * 3_600_000,
    allowedOrigins: config.WIDGET_ALLOWED_ORIGINS,
  });
  return {
    allowedOrigins: config.WIDGET_ALLOWED_ORIGINS,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    authenticate: (req, options) => auth.verify(req, options),
    async openSession({ origin, customerName, userId, userHash }) {
      const verified = verifiedCustomerId(config.WIDGET_IDENTITY_SECRET, userId, userHash);
      const customerExternalId = verified ?? `w_${randomUUID()}`;
      const freshKey = randomUUID();
      // A database blip (restart, failover) is ridden out with a bounded retry like POST /messages;
      // the ids are chosen once, so a retried attempt reuses the conversation it may have created.
      const { conversationId, token } = await withRetry(
        async () => {
          // A verified user continues their newest conversation on any device.
          const existing = verified ? await auth.latestConversation(verified) : null;
          const key = existing?.key ?? freshKey;
          const id =
            existing?.id ??
            (
              await conversations.open({
                channel: 'widget',
                customerExternalId,
                customerName,
                conversationKey: key,
              })
            ).conversationId;
          const issued = await auth.issue({ conversationId: id, conversationKey: key, customerExternalId }, origin);
          return { conversationId: id, token: issued };
        },
        { what: 'opening a widget session', log, attempts: 4 },
      );
      return { token, conversationId, verified: Boolean(verified) };
    },
    revokeSession: (session) => auth.revoke(session),
    issueTicket: (session) => auth.ticket(session),
    conversations,
    status: (conversationId) => loadConversationStatus(db, conversationId),
    bus,
    recordFeedback: ({ conversationId, messageId, rater, rating, raw }) =>
      recordFeedback(db, { target: { messageId, conversationId }, channel: 'widget', rater, rating, raw }),
    limits: {
      session: (ip) => limits.widget.session(ip),
      message: (sessionKey, ip) => limits.widget.message(sessionKey, ip),
      openStream: (conversationId) => limits.widget.openStream(conversationId),
      budget: (customerKey) => limits.budget.assertCustomer(customerKey),
    },
    log,
  };
}
