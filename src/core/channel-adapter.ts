import type { Channel, ChannelLimits, InboundMessage, OutboundMessage, SendResult } from './messages.js';

/** A feedback signal from a platform (reaction, thumbs up/down in the widget). */
export interface FeedbackEvent {
  channel: Channel;
  /** Platform message id the feedback is about (our delivery's platform id), or our message id for the widget. */
  platformMessageId: string;
  /** +1 positive, -1 negative, 0 neutral/unknown. */
  rating: -1 | 0 | 1;
  raw: string;
  userId: string;
}

/** What an adapter calls when something arrives. Implemented by the runtime (src/conversations). */
export interface InboundHandlers {
  /** Store the message once and queue the turn. Must resolve quickly (platform acks wait on it). */
  onMessage(msg: InboundMessage): Promise<{ stored: boolean; messageId: string }>;
  /** Record feedback on a reply. */
  onFeedback?(event: FeedbackEvent): Promise<void>;
}

/**
 * One channel = one adapter. Adapters translate and send; they never route, store or call a model.
 */
export interface ChannelAdapter {
  readonly channel: Channel;
  readonly limits: ChannelLimits;
  /** Connect to the platform and start delivering inbound messages to `handlers`. */
  start(handlers: InboundHandlers): Promise<void>;
  /** Disconnect. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Deliver a reply. Must be idempotent per `msg.messageId` where the platform allows it.
   * Throws `SwitchboardError` (code `rate_limited` with `retryAfterMs`, or retryable/non-retryable).
   */
  send(msg: OutboundMessage): Promise<SendResult>;
}

/** Node-style HTTP middleware (kept structural so core does not import express). */
export type HttpMiddleware = (req: unknown, res: unknown, next: (err?: unknown) => void) => void;

/** Adapters that receive webhooks over HTTP (Slack Events API) expose a middleware the app mounts at `/`. */
export interface HttpChannelAdapter extends ChannelAdapter {
  readonly httpMiddleware?: HttpMiddleware;
}
