/**
 * A conversation's live event stream (server-sent events) that survives disconnects (issue 11.3).
 *
 * Every `message` event carries `id: <seq>` (the message's sequence number, the same cursor as
 * `GET /v1/widget/messages?after=`). A client that reconnects with `Last-Event-ID` (header, sent by
 * EventSource on its own reconnects) or `?lastEventId=` (a fresh EventSource, or a client without
 * EventSource) first gets the messages it missed, read from Postgres, then live events. When the
 * event bus was disconnected (Redis restart: pub/sub keeps nothing), the stream re-reads the
 * messages after the last one it sent. Catch-up and live events go through one queue, so they are
 * written in order and each message once. `typing` and `status` are live only (no id, no replay).
 */
import type { Request, Response } from 'express';
import { badRequest } from '../../src/core/index.js';
import type { BusEvent, ConversationService, EventBus, Logger, PublicMessage } from '../../src/core/services.js';

/** Options for {@link openConversationStream}. */
export interface ConversationStreamOptions {
  conversationId: string;
  bus: Pick<EventBus, 'subscribe' | 'onReconnect'>;
  conversations: Pick<ConversationService, 'history' | 'latestSeq'>;
  log?: Logger;
  /** Comment heartbeat interval (default 15 s). */
  heartbeatMs?: number;
}

/** Messages read per catch-up query. */
const PAGE = 200;
/** Message ids remembered to drop a live copy of a message already replayed. */
const REMEMBER = 500;

/**
 * The client's resume cursor: the `Last-Event-ID` header, else `?lastEventId=` (undefined when
 * neither is set). A malformed query value is a 400 `invalid_cursor`; a malformed header is ignored.
 */
export function resumeCursor(req: Request): number | undefined {
  const header = req.get('last-event-id');
  if (header !== undefined && /^\d+$/.test(header.trim())) return Number(header.trim());
  const q = req.query.lastEventId;
  if (q === undefined || q === '') return undefined;
  if (typeof q !== 'string' || !/^\d+$/.test(q))
    throw badRequest('invalid_cursor', '`lastEventId` must be a non-negative integer (a message seq).');
  return Number(q);
}

/**
 * Serve the conversation's events on `res` until the client goes away. Call after authorising the
 * request; throws (before anything is written) only for a malformed `?lastEventId=`.
 */
export function openConversationStream(req: Request, res: Response, options: ConversationStreamOptions): void {
  const { conversationId, bus, conversations, log } = options;
  const cursor = resumeCursor(req);
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');

  let closed = false;
  let lastSeq = cursor ?? 0;
  const sent = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  /** Run writes one after the other (catch-up reads finish before later live events are written). */
  const enqueue = (step: () => Promise<void> | void) => {
    chain = chain.then(async () => {
      if (!closed) await step();
    });
    chain = chain.catch((err) => log?.warn('event stream step failed', { conversationId, err }));
  };

  const sendMessage = (m: PublicMessage) => {
    if (m.seq > lastSeq) lastSeq = m.seq;
    if (m.role === 'customer' || sent.has(m.id)) return;
    sent.add(m.id);
    if (sent.size > REMEMBER) sent.delete(sent.values().next().value as string);
    res.write(`id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`);
  };

  const catchUp = async () => {
    for (;;) {
      const missed = await conversations.history(conversationId, { afterSeq: lastSeq, limit: PAGE });
      for (const m of missed) sendMessage(m);
      if (missed.length < PAGE || closed) return;
    }
  };

  const onEvent = (event: BusEvent) => {
    if (event.type === 'escalation' || event.conversationId !== conversationId) return;
    if (event.type === 'message') {
      enqueue(() => sendMessage(event.message));
      return;
    }
    const data = event.type === 'typing' ? { on: event.on } : { status: event.status, text: event.text };
    enqueue(() => void res.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`));
  };

  const unsubscribe = bus.subscribe(onEvent);
  const offReconnect = bus.onReconnect(() => enqueue(catchUp));
  // Resume: replay what the client missed. Fresh: live from the conversation's latest message.
  if (cursor !== undefined) enqueue(catchUp);
  else
    enqueue(async () => {
      lastSeq = Math.max(lastSeq, await conversations.latestSeq(conversationId));
    });

  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  req.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    offReconnect();
  });
}
