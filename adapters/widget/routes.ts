/**
 * The widget HTTP API, owned by the widget adapter: sessions, messages, history, server-sent events
 * and feedback under `/v1/widget`. Inbound messages go to the same `InboundHandlers.onMessage` as
 * every channel; everything else goes through the runtime's `WidgetPorts` (src/core/widget-ports.ts).
 * Contract: ../shared/ARCHITECTURE.md (HTTP section).
 */
import express, { Router } from 'express';
import { z } from 'zod';
import {
  assertValidText,
  badRequest,
  type InboundHandlers,
  type InboundMessage,
  SwitchboardError,
  type WidgetPorts,
} from '../../src/core/index.js';
import { widgetCors } from './cors.js';
import { openConversationStream, resumeCursor } from './events.js';
import { route } from './route.js';
import { addWidgetSessionRoutes } from './session-routes.js';

/** Options for {@link createWidgetRouter}. */
export interface WidgetRouterOptions {
  ports: WidgetPorts;
  /** The adapter's handlers (undefined until it is started: 503 `not_ready`). */
  handlers(): InboundHandlers | undefined;
  /** The adapter's normalizer for a widget POST. */
  normalize(input: {
    conversationId: string;
    conversationKey: string;
    customerId: string;
    text: string;
    clientMessageId?: string;
  }): InboundMessage;
}

/** The widget API as one middleware for the app's root (routes under `/v1/widget`, with CORS). */
export function createWidgetRouter({ ports, handlers: currentHandlers, normalize }: WidgetRouterOptions): Router {
  const { limits } = ports;
  const maxChars = ports.maxMessageChars;
  const messageBody = z.object({
    text: z.string({ error: 'text is required and must be a string' }),
    clientMessageId: z.string().min(1).max(100).optional(),
    conversationId: z.string().optional(),
  });
  const feedbackBody = z.object({
    messageId: z.string().uuid({ error: 'messageId must be a message id' }),
    rating: z.union([z.literal('up'), z.literal('down'), z.literal(1), z.literal(-1), z.literal(0)]),
  });
  const r = Router();
  r.use(express.json({ limit: '32kb' }));
  // Tokens and transcripts must not sit in shared or browser caches (the event stream sets its own).
  r.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  addWidgetSessionRoutes(r, ports);

  r.post(
    '/messages',
    route(async (req, res) => {
      const session = await ports.authenticate(req);
      const body = parse(messageBody, req.body);
      if (body.conversationId && body.conversationId !== session.conversationId) {
        throw new SwitchboardError('conversation_not_found', 'No such conversation for this session.', { status: 404 });
      }
      assertValidText(body.text);
      if (body.clientMessageId) assertValidText(body.clientMessageId, 'clientMessageId');
      const text = body.text.trim();
      if (!text) throw badRequest('empty_message', 'Message text is empty.');
      if (text.length > maxChars) {
        throw new SwitchboardError(
          'message_too_long',
          `Message is ${text.length} characters; the limit is ${maxChars}.`,
          { status: 413 },
        );
      }
      // Limits before anything is stored: per session and IP, then the daily model budget.
      await limits.message(session.conversationId, req.ip ?? 'unknown');
      await limits.budget(`widget:${session.customerExternalId}`);
      const handlers = currentHandlers();
      if (!handlers)
        throw new SwitchboardError('not_ready', 'The widget channel is starting; try again.', {
          status: 503,
          isRetryable: true,
        });
      const inbound = normalize({
        conversationId: session.conversationId,
        conversationKey: session.conversationKey,
        customerId: session.customerExternalId,
        text,
        clientMessageId: body.clientMessageId,
      });
      const result = await handlers.onMessage(inbound);
      res.status(202).json({ messageId: result.messageId, duplicate: !result.stored });
    }),
  );

  r.get(
    '/messages',
    route(async (req, res) => {
      const session = await ports.authenticate(req);
      const after = req.query.after === undefined ? 0 : Number(req.query.after);
      if (!Number.isInteger(after) || after < 0)
        throw badRequest('invalid_cursor', '`after` must be a non-negative integer cursor.');
      const messages = await ports.conversations.history(session.conversationId, { afterSeq: after, limit: 200 });
      // One status vocabulary with the event stream: bot | waiting_human | human | resolved.
      const status = (await ports.status(session.conversationId)) ?? 'bot';
      res.json({ messages, cursor: messages.at(-1)?.seq ?? after, status });
    }),
  );

  r.get(
    '/events',
    route(async (req, res) => {
      const session = await ports.authenticate(req, { allowTicket: true });
      resumeCursor(req); // a malformed ?lastEventId= is a 400 before a stream slot is taken
      const release = await limits.openStream(session.conversationId);
      req.on('close', release);
      openConversationStream(req, res, {
        conversationId: session.conversationId,
        bus: ports.bus,
        conversations: ports.conversations,
        log: ports.log,
      });
    }),
  );

  r.post(
    '/feedback',
    route(async (req, res) => {
      const session = await ports.authenticate(req);
      const body = parse(feedbackBody, req.body);
      const rating = body.rating === 'up' ? 1 : body.rating === 'down' ? -1 : body.rating;
      const recorded = await ports.recordFeedback({
        messageId: body.messageId,
        conversationId: session.conversationId,
        rater: session.customerExternalId,
        rating,
        raw: String(body.rating),
      });
      if (!recorded)
        throw new SwitchboardError('message_not_found', 'No such reply in this conversation.', { status: 404 });
      res.status(200).json({ ok: true });
    }),
  );

  const root = Router();
  root.use('/v1/widget', widgetCors(ports.allowedOrigins), r);
  return root;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object')
    throw badRequest('invalid_body', 'Send a JSON object body.');
  const out = schema.safeParse(body);
  if (!out.success) {
    const first = out.error.issues[0];
    throw badRequest('invalid_body', `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}`);
  }
  return out.data;
}
