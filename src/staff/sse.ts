/**
 * Server-sent events for the staff console, fed from the runtime bus: escalation lifecycle
 * events, conversation status changes and new messages. A comment heartbeat every 15 s keeps
 * proxies from closing the stream. When the bus was disconnected (Redis restart: events published
 * meanwhile are gone) the stream sends `resync`: the console reloads what it shows from the API.
 */
import type { Request, Response } from 'express';
import type { BusEvent, EventBus } from '../core/services.js';

/** Heartbeat interval. */
export const SSE_HEARTBEAT_MS = 15_000;

/** Stream bus events to one staff client until it disconnects. */
export function streamStaffEvents(req: Request, res: Response, bus: EventBus): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 2000\n\n');
  res.write(`event: ready\ndata: {}\n\n`);

  const send = (event: BusEvent) => {
    if (event.type === 'typing') return;
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const unsubscribe = bus.subscribe(send);
  const offReconnect = bus.onReconnect(() => res.write(`event: resync\ndata: {}\n\n`));
  const heartbeat = setInterval(() => res.write(': ping\n\n'), SSE_HEARTBEAT_MS);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    offReconnect();
  };
  req.on('close', close);
  res.on('error', close);
}
