/**
 * Decide whether a Discord message is a customer message for Switchboard and normalize it.
 * Pure functions over a small view of the message, so they are easy to test without a gateway.
 */
import type { Attachment, InboundMessage } from '../../src/core/messages.js';

/** The parts of a discord.js Message the decision needs (built by {@link describeMessage}). */
export interface MessageView {
  id: string;
  channelId: string;
  guildId: string | null;
  /** discord.js MessageType (0 default, 19 reply). */
  type: number;
  content: string;
  authorId: string;
  authorName: string;
  /** Role ids of the author in the guild (empty in DMs or when the gateway sent no member). */
  authorRoleIds?: string[];
  authorIsBot: boolean;
  isSystem: boolean;
  isWebhook: boolean;
  isDm: boolean;
  isThread: boolean;
  /** Parent channel of a thread (null when unknown). */
  parentId: string | null;
  threadOwnerId: string | null;
  mentionsBot: boolean;
  repliesToBot: boolean;
  createdAt: Date;
  attachments: Attachment[];
}

/** Who the bot is and where it listens. */
export interface ListenContext {
  botId: string;
  supportChannels: ReadonlySet<string>;
  staffChannel?: string;
}

/** What to do with a message. */
export type InboundDecision =
  | { action: 'ignore'; reason: string }
  /** Deliver as-is: DMs (key = DM channel id) and threads (key = thread id). */
  | { action: 'deliver'; conversationKey: string; targetChannelId: string }
  /** Create a thread from this message first; the thread id becomes the conversation key. */
  | { action: 'start-thread'; channelId: string };

const DEFAULT_TYPE = 0;
const REPLY_TYPE = 19;

/** Decide what to do with one message. */
export function decide(m: MessageView, ctx: ListenContext): InboundDecision {
  if (m.authorId === ctx.botId) return { action: 'ignore', reason: 'own message' };
  if (m.authorIsBot || m.isWebhook) return { action: 'ignore', reason: 'bot or webhook author' };
  if (m.isSystem || (m.type !== DEFAULT_TYPE && m.type !== REPLY_TYPE)) return { action: 'ignore', reason: 'system' };
  if (m.isDm) return { action: 'deliver', conversationKey: m.channelId, targetChannelId: m.channelId };
  const staff = ctx.staffChannel;
  if (staff && (m.channelId === staff || m.parentId === staff)) return { action: 'ignore', reason: 'staff channel' };
  const addressed = m.mentionsBot || m.repliesToBot;
  if (m.isThread) {
    const ours = (m.parentId !== null && ctx.supportChannels.has(m.parentId)) || m.threadOwnerId === ctx.botId;
    if (ours || addressed) return { action: 'deliver', conversationKey: m.channelId, targetChannelId: m.channelId };
    return { action: 'ignore', reason: 'thread outside support channels' };
  }
  if (ctx.supportChannels.has(m.channelId) || addressed) return { action: 'start-thread', channelId: m.channelId };
  return { action: 'ignore', reason: 'not a support channel and not addressed to the bot' };
}

/** Remove `<@botId>` / `<@!botId>` mentions and tidy whitespace. */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** A thread name (1–100 chars) for a customer's first message. */
export function threadName(m: MessageView, botId: string): string {
  const text = stripBotMention(m.content, botId).replace(/\s+/g, ' ').trim();
  const base = text.length > 0 ? `${m.authorName}: ${text}` : `Support for ${m.authorName}`;
  return base.length > 90 ? `${base.slice(0, 89).trimEnd()}…` : base;
}

/** Build the normalized InboundMessage. */
export function toInbound(
  m: MessageView,
  botId: string,
  conversationKey: string,
  targetChannelId: string,
): InboundMessage {
  const replyTarget: Record<string, string> = { channelId: targetChannelId, sourceChannelId: m.channelId };
  if (m.guildId) replyTarget.guildId = m.guildId;
  replyTarget.messageId = m.id;
  return {
    channel: 'discord',
    eventId: m.id,
    conversationKey,
    customerId: m.authorId,
    customerName: m.authorName,
    text: stripBotMention(m.content, botId),
    attachments: m.attachments,
    sentAt: m.createdAt,
    replyTarget,
  };
}
