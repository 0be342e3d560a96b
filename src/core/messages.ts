/**
 * Message contracts shared by every channel, the pipeline and the agents.
 * No I/O lives here.
 */

/** Channels Switchboard speaks. */
export const CHANNELS = ['widget', 'slack', 'discord'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A file or image attached to a customer message (normalized from the platform). */
export interface Attachment {
  /** Platform URL of the file (may need the bot token to fetch). */
  url: string;
  name?: string;
  contentType?: string;
  sizeBytes?: number;
  width?: number;
  height?: number;
}

/**
 * One customer message, normalized from any platform. Adapters build it; the
 * conversation service stores it once per (channel, eventId).
 */
export interface InboundMessage {
  channel: Channel;
  /** Platform event/message id; unique per channel. Retries and duplicates carry the same id. */
  eventId: string;
  /**
   * Platform key of the conversation: Slack `channel:thread_ts`, Discord thread/DM channel id,
   * widget conversation id. One conversation per key.
   */
  conversationKey: string;
  /** Platform user id of the sender. */
  customerId: string;
  customerName?: string;
  text: string;
  attachments: Attachment[];
  /** When the platform says the message was sent. */
  sentAt: Date;
  /** Platform details the adapter needs later to reply (channel id, thread ts, guild id...). */
  replyTarget: Record<string, string>;
}

/** A reply leaving Switchboard, in platform-neutral form. */
export interface OutboundMessage {
  channel: Channel;
  conversationKey: string;
  /** Our message id (stable across retries: adapters use it as an idempotency key / nonce). */
  messageId: string;
  /** Conversation id in our database. */
  conversationId: string;
  text: string;
  /** Who wrote it: the bot, a staff member, or a system notice. */
  author: 'bot' | 'staff' | 'system';
  authorName?: string;
  replyTarget: Record<string, string>;
  /** Conversation order of the message (widget cursors). */
  seq?: number;
  /**
   * Platform ids of the first chunks an earlier attempt already posted (kept on the outbox row).
   * Splitting is deterministic, so adapters skip that many chunks and post only the rest.
   */
  alreadySent?: string[];
  createdAt?: string;
  /** Bot messages: answer | uncertain | handoff | declined | blocked | clarify | notice (public contract). */
  kind?: string;
  /** Bot messages: the knowledge-base articles quoted (empty when none). */
  sources?: Array<{ id: string; title: string; url?: string }>;
}

/** Result of delivering an OutboundMessage. */
export interface SendResult {
  /** Platform ids of what was posted (several when a reply was split). */
  platformMessageIds: string[];
}

/** Formatting limits an adapter announces so agents can shape replies. */
export interface ChannelLimits {
  maxMessageChars: number;
  supportsMarkdown: boolean;
}
