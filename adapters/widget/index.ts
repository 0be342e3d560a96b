/**
 * Web widget channel. Like Slack, the adapter owns its HTTP: `httpMiddleware` serves the widget API
 * under `/v1/widget` (routes.ts, session-routes.ts, events.ts) on the runtime's `WidgetPorts`, and
 * hands each customer message to `handlers.onMessage`; outbound replies are pushed to the customer's
 * open event streams.
 */
import { randomUUID } from 'node:crypto';
import {
  type HttpChannelAdapter,
  type HttpMiddleware,
  type InboundHandlers,
  type InboundMessage,
  type OutboundMessage,
  type SendResult,
  splitText,
  type WidgetPorts,
} from '../../src/core/index.js';
import type { PublicMessage } from '../../src/core/services.js';
import { createWidgetRouter } from './routes.js';

/** A message pushed to widget clients (bot, staff or system; same shape as the history API). */
export interface WidgetPush {
  conversationId: string;
  message: PublicMessage & { role: 'bot' | 'staff' | 'system' };
}

/** Options for {@link createWidgetAdapter}. */
export interface WidgetAdapterOptions {
  /** Push a delivered message to the customer's live connections (event bus). */
  push(event: WidgetPush): Promise<void>;
  /** Longest message a customer may send (default 4000). */
  maxMessageChars?: number;
  /** The runtime side of the widget API; without it the adapter serves no HTTP (tests of `send`). */
  ports?: WidgetPorts;
}

/** The widget adapter plus its inbound normalizer. */
export interface WidgetAdapter extends HttpChannelAdapter {
  /** Build the normalized message for a widget POST. */
  normalize(input: {
    conversationId: string;
    conversationKey: string;
    customerId: string;
    text: string;
    clientMessageId?: string;
  }): InboundMessage;
  /** Handlers set by start(); the widget API calls `handlers.onMessage`. */
  readonly handlers: InboundHandlers | undefined;
}

/** Create the widget channel adapter. */
export function createWidgetAdapter(options: WidgetAdapterOptions): WidgetAdapter {
  let handlers: InboundHandlers | undefined;
  const maxChars = options.maxMessageChars ?? 4000;
  const normalize: WidgetAdapter['normalize'] = (input) => ({
    channel: 'widget',
    eventId: input.clientMessageId ? `${input.conversationId}:${input.clientMessageId}` : randomUUID(),
    conversationKey: input.conversationKey,
    customerId: input.customerId,
    text: input.text,
    attachments: [],
    sentAt: new Date(),
    replyTarget: {},
  });
  const httpMiddleware = options.ports
    ? (createWidgetRouter({ ports: options.ports, handlers: () => handlers, normalize }) as HttpMiddleware)
    : undefined;
  return {
    channel: 'widget',
    httpMiddleware,
    limits: { maxMessageChars: maxChars, supportsMarkdown: false },
    get handlers() {
      return handlers;
    },
    async start(h) {
      handlers = h;
    },
    async stop() {
      handlers = undefined;
    },
    normalize,
    async send(msg: OutboundMessage): Promise<SendResult> {
      // Very long replies become several bubbles; history (GET /messages) keeps the whole text.
      const parts = splitText(msg.text, maxChars);
      const ids = parts.map((_, i) => (i === 0 ? msg.messageId : `${msg.messageId}:${i}`));
      for (const [i, text] of parts.entries()) {
        await options.push({
          conversationId: msg.conversationId,
          message: {
            id: ids[i]!,
            conversationId: msg.conversationId,
            seq: msg.seq ?? 0,
            role: msg.author,
            text,
            authorName: msg.authorName ?? null,
            createdAt: msg.createdAt ?? new Date().toISOString(),
            attachments: [],
            ...(msg.kind ? { kind: msg.kind } : {}),
            // Sources go with the last bubble of a split reply (under the whole answer).
            ...(msg.kind ? { sources: i === parts.length - 1 ? (msg.sources ?? []) : [] } : {}),
          },
        });
      }
      return { platformMessageIds: ids };
    },
  };
}
