/**
 * The widget HTTP API: sessions, messages, history, server-sent events and feedback.
 * Contract: ../shared/ARCHITECTURE.md (HTTP section).
 */
import express, { Router } from 'express';
import { z } from 'zod';
import type { WidgetAdapter } from '../../adapters/widget/index.js';
import { recordFeedback } from '../conversations/feedback-repo.js';
import { loadConversationStatus } from '../conversations/status.js';
import { badRequest, SwitchboardError } from '../core/index.js';
import type { AbuseLimits } from '../limits/index.js';
import type { Runtime } from '../runtime/runtime.js';
import { openConversationStream, resumeCursor } from './conversation-stream.js';
import { route } from './errors.js';
import { assertValidText } from './text-guard.js';
import { createWidgetAuth } from './widget-auth.js';
import { addWidgetSessionRoutes } from './widget-session-routes.js';

/** Options for {@link createWidgetRouter}. */
export interface WidgetRouterOptions {
  runtime: Runtime;
  adapter: WidgetAdapter;
  /** Abuse limits and the daily model budget (src/limits). */
  limits: AbuseLimits;
}

/** Mount at `/v1/widget`. */
export function createWidgetRouter({ runtime, adapter, limits }: WidgetRouterOptions): Router {
  const { config, db, conversations, bus, log } = runtime;
  const auth = createWidgetAuth(db, {
    ttlMs: config.WIDGET_SESSION_TTL_HOURS * 3_600_000,
    allowedOrigins: config.WIDGET_ALLOWED_ORIGINS,
  });
  const maxChars = config.MAX_MESSAGE_CHARS;
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

  addWidgetSessionRoutes(r, { runtime, auth, limits: limits.widget });

  r.post(
    '/messages',
    route(async (req, res) => {
      const session = await auth.verify(req);
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
      await limits.widget.message(session.conversationId, req.ip ?? 'unknown');
      await limits.budget.assertCustomer(`widget:${session.customerExternalId}`);
      const handlers = adapter.handlers;
      if (!handlers)
        throw new SwitchboardError('not_ready', 'The widget channel is starting; try again.', {
          status: 503,
          isRetryable: true,
        });
      const inbound = adapter.normalize({
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
      const session = await auth.verify(req);
      const after = req.query.after === undefined ? 0 : Number(req.query.after);
      if (!Number.isInteger(after) || after < 0)
        throw badRequest('invalid_cursor', '`after` must be a non-negative integer cursor.');
      const messages = await conversations.history(session.conversationId, { afterSeq: after, limit: 200 });
      // One status vocabulary with the event stream: bot | waiting_human | human | resolved.
      const status = (await loadConversationStatus(db, session.conversationId)) ?? 'bot';
      res.json({ messages, cursor: messages.at(-1)?.seq ?? after, status });
    }),
  );

  r.get(
    '/events',
    route(async (req, res) => {
      const session = await auth.verify(req, { allowTicket: true });
      resumeCursor(req); // a malformed ?lastEventId= is a 400 before a stream slot is taken
      const release = await limits.widget.openStream(session.conversationId);
      req.on('close', release);
      openConversationStream(req, res, { conversationId: session.conversationId, bus, conversations, log });
    }),
  );

  r.post(
    '/feedback',
    route(async (req, res) => {
      const session = await auth.verify(req);
      const body = parse(feedbackBody, req.body);
      const rating = body.rating === 'up' ? 1 : body.rating === 'down' ? -1 : body.rating;
      const recorded = await recordFeedback(db, {
        target: { messageId: body.messageId, conversationId: session.conversationId },
        channel: 'widget',
        rater: session.customerExternalId,
        rating,
        raw: String(body.rating),
      });
      if (!recorded)
        throw new SwitchboardError('message_not_found', 'No such reply in this conversation.', { status: 404 });
      res.status(200).json({ ok: true });
    }),
  );
  return r;
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
