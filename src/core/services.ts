/**
 * Service contracts: what the HTTP layer, pipeline, staff side and CLI use. Implementations live in
 * src/queue, src/bus, src/conversations and src/escalations; src/app wires them into a process.
 */
import type { EscalationReason, Priority } from './agents.js';
import type { Queryable } from './database.js';
import type { Channel } from './messages.js';

/** Minimal structured logger. */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Job names and payloads. */
export interface JobPayloads {
  turn: { messageId: string; conversationId: string };
  deliver: { deliveryId: string };
}
export type JobName = keyof JobPayloads;

/** Queue with one interface for BullMQ (REDIS_URL) and the in-process queue (embedded). */
export interface JobQueue {
  readonly kind: 'bullmq' | 'memory';
  /** Enqueue; `jobId` de-duplicates (same id twice = one job while it is known to the queue). */
  add<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: { jobId?: string; delayMs?: number },
  ): Promise<void>;
  /** Start processing jobs of `name`. */
  process<N extends JobName>(name: N, handler: (payload: JobPayloads[N]) => Promise<void>, concurrency: number): void;
  /** Jobs waiting + active (for health and bench). */
  depth(): Promise<number>;
  /**
   * Payloads of the jobs of `name` someone will still run (waiting, delayed, active): the sweeper
   * compares them with unfinished work in the database to find work whose job is gone.
   */
  pending<N extends JobName>(name: N, limit?: number): Promise<JobPayloads[N][]>;
  /** True when the queue answers within `timeoutMs` (default 1.5 s). */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Stop taking jobs; active jobs get `graceMs` (default 30 s) to finish, then are handed back. */
  close(graceMs?: number): Promise<void>;
}

/** Events published on the bus (in-process EventEmitter, or Redis pub/sub across processes). */
export type BusEvent =
  | { type: 'message'; conversationId: string; message: PublicMessage }
  | { type: 'typing'; conversationId: string; on: boolean }
  | { type: 'status'; conversationId: string; status: ConversationStatus; text?: string }
  | {
      type: 'escalation';
      escalationId: string;
      conversationId: string;
      event: string;
      status: string;
      /** `replied` only: where the staff reply was written (console | slack | discord). */
      source?: string;
    };

/** Pub/sub for live updates (widget SSE, staff console, staff channels). */
export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(handler: (event: BusEvent) => void): () => void;
  /**
   * `handler` runs each time the bus is back after an outage (Redis pub/sub keeps nothing, so events
   * published meanwhile are gone): live streams catch up from the database. Returns an unsubscribe.
   */
  onReconnect(handler: () => void): () => void;
  close(): Promise<void>;
}

export type ConversationStatus = 'bot' | 'waiting_human' | 'human' | 'resolved';

/** A message as clients (widget, console) see it. */
export interface PublicMessage {
  id: string;
  conversationId: string;
  seq: number;
  role: 'customer' | 'bot' | 'staff' | 'system';
  text: string;
  authorName: string | null;
  createdAt: string;
  attachments: unknown[];
  /** Bot and system messages: answer | uncertain | handoff | declined | blocked | clarify | notice. */
  kind?: string;
  /** Bot messages: the knowledge-base articles quoted (`[{ id, title, url? }]`, empty when none). */
  sources?: Array<{ id: string; title: string; url?: string }>;
}

/** Options for posting a message that must reach the customer (bot, staff or system). */
export interface PostReplyInput {
  conversationId: string;
  role: 'bot' | 'staff' | 'system';
  text: string;
  authorId?: string;
  authorName?: string;
  /** The customer message this answers (bot replies: at most one per customer message). */
  replyTo?: string;
  routing?: unknown;
  qa?: unknown;
  meta?: Record<string, unknown>;
  /** Mark the `replyTo` customer message processed in the same statement (pipeline turns). */
  markProcessed?: boolean;
  /** With `markProcessed`: earlier customer messages of the same burst, answered by this reply too. */
  mergedIds?: string[];
}

/** Conversations: store inbound once, post replies through the outbox. */
export interface ConversationService {
  /** Find/create customer + conversation, store the message once (per channel event id), queue the turn. */
  receive(
    msg: import('./messages.js').InboundMessage,
  ): Promise<{ stored: boolean; messageId: string; conversationId: string }>;
  /**
   * Store a reply and its delivery row atomically (one statement), then queue the delivery unless
   * `dispatch: false` (the caller delivers itself). Returns null when a bot reply for `replyTo`
   * already exists or the conversation is unknown. With `tx` the rows are written in the caller's
   * transaction and nothing is queued (dispatch after the commit).
   */
  postReply(
    input: PostReplyInput,
    options?: { dispatch?: boolean; tx?: Queryable },
  ): Promise<{ messageId: string; deliveryId: string } | null>;
  /** Messages after `afterSeq`, oldest first. */
  history(conversationId: string, options?: { afterSeq?: number; limit?: number }): Promise<PublicMessage[]>;
  /** The conversation's latest message seq (0 when it has none): where a live stream starts. */
  latestSeq(conversationId: string): Promise<number>;
  setStatus(conversationId: string, status: 'bot' | 'human', tx?: Queryable): Promise<void>;
  /** Queue a delivery (the delivery worker sends it). */
  dispatch(deliveryId: string): Promise<void>;
  /** Create a conversation for a customer (widget sessions); idempotent per (channel, conversationKey). */
  open(input: {
    channel: Channel;
    customerExternalId: string;
    customerName?: string;
    conversationKey: string;
    replyTarget?: Record<string, string>;
  }): Promise<{ conversationId: string; customerId: string }>;
  /** Load one conversation row. */
  get(conversationId: string): Promise<ConversationRow | null>;
}

/** A conversation row as the runtime sees it. */
export interface ConversationRow {
  id: string;
  customerId: string;
  channel: Channel;
  externalKey: string;
  replyTarget: Record<string, string>;
  status: 'bot' | 'human';
  contextSince: string;
  createdAt: string;
}

/** Input to open an escalation. */
export interface OpenEscalationInput {
  conversationId: string;
  reason: EscalationReason;
  priority?: Priority;
  department?: string;
  summary: string;
  /** Handoff packet: customer, channel, summary, what was tried, sentiment, reason. */
  packet: Record<string, unknown>;
}

/** What {@link EscalationService.openIn} wrote (`created` false: the conversation already had one). */
export interface OpenedEscalation {
  escalation: Escalation;
  created: boolean;
  /** Delivery row of the customer's waiting notice (created only). */
  noticeDeliveryId?: string;
}

/** An escalation row. */
export interface Escalation {
  id: string;
  conversationId: string;
  status: 'open' | 'claimed' | 'resolved' | 'cancelled';
  reason: string;
  priority: Priority;
  department: string | null;
  assigneeId: string | null;
  summary: string;
  packet: Record<string, unknown>;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstResponseAt: string | null;
  claimedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Options of {@link EscalationService.reply}. */
export interface StaffReplyOptions {
  /** Where the staff member wrote the reply: console (staff console / API, default) | slack | discord. */
  source?: string;
}

/** Escalation lifecycle (src/escalations). */
export interface EscalationService {
  /** Open one (idempotent: returns the active one when the conversation already has it). */
  open(input: OpenEscalationInput): Promise<Escalation>;
  /**
   * Open one inside the caller's transaction (escalation, its first event, status `human` and the
   * customer's waiting notice with its delivery row), so it commits with the reply or not at all.
   * Call {@link EscalationService.announce} after the commit.
   */
  openIn(tx: Queryable, input: OpenEscalationInput): Promise<OpenedEscalation>;
  /** After the commit of {@link EscalationService.openIn}: queue the notice, publish, log. */
  announce(opened: OpenedEscalation): Promise<Escalation>;
  activeFor(conversationId: string): Promise<Escalation | null>;
  get(id: string): Promise<Escalation | null>;
  claim(id: string, staffId: string): Promise<Escalation>;
  /** `options.source`: where the reply was written (console | slack | discord; default console). */
  reply(id: string, staffId: string, text: string, options?: StaffReplyOptions): Promise<{ messageId: string }>;
  resolve(id: string, staffId: string, note?: string): Promise<Escalation>;
  release(id: string, staffId: string): Promise<Escalation>;
  /** Tell staff a customer wrote while a human owns the conversation. */
  customerMessageWhileHuman(conversationId: string, messageId: string): Promise<void>;
}
