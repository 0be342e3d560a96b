/**
 * What the widget adapter (adapters/widget) needs from the runtime to serve its HTTP API: session
 * tokens, history, the live event bus, feedback and abuse limits. The adapter owns the routes and
 * hands inbound messages to `InboundHandlers.onMessage` like every channel; the runtime implements
 * these ports (src/widget-sessions/widget-ports.ts) from its services.
 */
import type { ConversationService, ConversationStatus, EventBus, Logger } from './services.js';

/** A verified widget session. */
export interface WidgetSession {
  conversationId: string;
  /** The conversation's platform key (what the widget adapter puts on inbound messages). */
  conversationKey: string;
  customerExternalId: string;
  /** SHA-256 of the token (identifies the session without revealing it). */
  tokenHash: string;
}

/** The parts of an HTTP request a session is read from (an express `Request` fits). */
export interface WidgetRequest {
  get(name: string): string | undefined;
  readonly query: Record<string, unknown>;
}

/** Input of {@link WidgetPorts.openSession} (the body of `POST /v1/widget/sessions`, checked for text). */
export interface OpenWidgetSessionInput {
  /** The request's Origin (tokens are bound to it when allowed origins are configured). */
  origin?: string;
  customerName?: string;
  /** Identity verification: the host page's user id and its HMAC (unchecked input). */
  userId?: unknown;
  userHash?: unknown;
}

/** Result of {@link WidgetPorts.openSession}. */
export interface OpenWidgetSessionResult {
  token: string;
  conversationId: string;
  /** True when the customer's identity was verified (continues their newest conversation). */
  verified: boolean;
}

/** A customer's rating of a reply in their conversation. */
export interface WidgetFeedbackInput {
  conversationId: string;
  messageId: string;
  rater: string;
  rating: -1 | 0 | 1;
  raw: string;
}

/** Abuse limits the widget routes check before any work; each throws 429 (`rate_limited`, `budget_exceeded`). */
export interface WidgetLimitChecks {
  /** Count a session creation from `ip`. */
  session(ip: string): Promise<void>;
  /** Count a message on `sessionKey` from `ip`. */
  message(sessionKey: string, ip: string): Promise<void>;
  /** Open an event stream on `conversationId`; returns the release. */
  openStream(conversationId: string): Promise<() => void>;
  /** The customer's daily model budget (`customerKey` is `widget:<external id>`). */
  budget(customerKey: string): Promise<void>;
}

/** The runtime side of the widget channel. */
export interface WidgetPorts {
  /** WIDGET_ALLOWED_ORIGINS: empty = any origin. */
  readonly allowedOrigins: string[];
  /** Longest message a customer may send (MAX_MESSAGE_CHARS). */
  readonly maxMessageChars: number;
  /**
   * The request's session: `Authorization: Bearer <token>`, or with `allowTicket` a `?ticket=`.
   * Throws 401 (`missing_token`, `invalid_token`, `token_expired`, `token_revoked`, `invalid_ticket`,
   * `token_in_url`) or 403 `origin_mismatch`.
   */
  authenticate(req: WidgetRequest, options?: { allowTicket?: boolean }): Promise<WidgetSession>;
  /** Verify the identity (if any), open or continue a conversation, issue a token. */
  openSession(input: OpenWidgetSessionInput): Promise<OpenWidgetSessionResult>;
  /** Revoke the session's token (and its tickets). */
  revokeSession(session: WidgetSession): Promise<void>;
  /** A short-lived ticket for `GET /events?ticket=` (EventSource cannot send headers). */
  issueTicket(session: WidgetSession): Promise<{ ticket: string; expiresInSeconds: number }>;
  /** Messages and the latest cursor of a conversation (history and event-stream catch-up). */
  conversations: Pick<ConversationService, 'history' | 'latestSeq'>;
  /** The conversation's status (null when unknown). */
  status(conversationId: string): Promise<ConversationStatus | null>;
  /** Live events for the event stream. */
  bus: Pick<EventBus, 'subscribe' | 'onReconnect'>;
  /** Record a rating; false when the message is not a reply in the conversation. */
  recordFeedback(input: WidgetFeedbackInput): Promise<boolean>;
  limits: WidgetLimitChecks;
  /** Where the event stream reports failed writes. */
  log?: Logger;
}
