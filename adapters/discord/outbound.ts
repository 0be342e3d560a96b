/**
 * Discord REST side of the adapter: post replies (split, inert mentions, idempotent nonces),
 * create conversation threads, look up thread parents. Uses @discordjs/rest (buckets, timeouts).
 */
import { createHash } from 'node:crypto';
import { type APIChannel, type APIMessage, REST, type RESTOptions, Routes } from 'discord.js';
import { SwitchboardError, withSentProgress } from '../../src/core/errors.js';
import type { OutboundMessage, SendResult } from '../../src/core/messages.js';
import { isThreadAlreadyCreated, toSwitchboardError } from './errors.js';
import { DISCORD_MAX_CHARS, splitMessage } from './split-message.js';

/** REST settings shared by the gateway client and the sender. */
export interface DiscordRestSettings {
  /** REST base such as `https://discord.com/api` (default) or a fake/proxy. */
  api?: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Retries for 5xx, timeouts and resets (default 2). */
  retries?: number;
  /** Rate-limit waits longer than this surface as `rate_limited` errors instead of sleeping (default 3 s). */
  maxRateLimitWaitMs?: number;
}

/** Options for discord.js (`new REST(...)`, `new Client({ rest })`) from our settings. */
export function restOptions(s: DiscordRestSettings): Partial<RESTOptions> {
  const maxWait = s.maxRateLimitWaitMs ?? 3000;
  return {
    ...(s.api ? { api: s.api } : {}),
    timeout: s.timeoutMs ?? 10_000,
    retries: s.retries ?? 2,
    rejectOnRateLimit: (info) => Math.max(info.retryAfter, info.timeToReset) > maxWait,
  };
}

/** Discord nonce (≤ 25 chars) for chunk `index` of our message `messageId`. */
export function nonceFor(messageId: string, index: number): string {
  return createHash('sha256').update(`${messageId}:${index}`).digest('hex').slice(0, 25);
}

/** Mentions are never parsed: no @everyone/@here/role/user pings, no reply ping. */
export const NO_MENTIONS = { parse: [], replied_user: false } as const;

/** The REST operations the adapter needs. */
export interface DiscordOutbound {
  send(msg: OutboundMessage): Promise<SendResult>;
  /** Post one plain message (staff side); returns its id. */
  post(channelId: string, body: Record<string, unknown>): Promise<APIMessage>;
  /** Edit a message (staff packets). */
  editMessage(channelId: string, messageId: string, body: Record<string, unknown>): Promise<void>;
  /** Fetch one message. */
  getMessage(channelId: string, messageId: string): Promise<APIMessage>;
  /** Start a public thread from `messageId`; returns the thread id (= message id on Discord). */
  startThread(channelId: string, messageId: string, name: string): Promise<string>;
  /** Parent channel id of a channel (thread), or null. */
  parentOf(channelId: string): Promise<string | null>;
  close(): void;
}

/** Create the REST side with `token`. */
/** The articles a reply quotes, the Discord way: `-# Source: [Title](<url>)` (no embeds, markdown escaped). */
export function discordSources(sources: Array<{ title: string; url?: string }>): string {
  if (sources.length === 0) return '';
  const esc = (t: string) => t.replace(/([\\*_~`|>[\]()#-])/g, '\\$1');
  const items = sources.map((s) =>
    s.url && /^https?:\/\/[^\s<>()]+$/i.test(s.url) ? `[${esc(s.title)}](<${s.url}>)` : esc(s.title),
  );
  return `\n-# ${sources.length > 1 ? 'Sources' : 'Source'}: ${items.join(', ')}`;
}

export function createDiscordOutbound(token: string, settings: DiscordRestSettings): DiscordOutbound {
  const rest = new REST(restOptions(settings)).setToken(token);
  const parents = new Map<string, string | null>();

  async function post(channelId: string, body: Record<string, unknown>): Promise<APIMessage> {
    try {
      return (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
    } catch (err) {
      throw toSwitchboardError(err, 'create message');
    }
  }

  return {
    post,
    async send(msg) {
      const channelId = msg.replyTarget.channelId ?? msg.conversationKey;
      if (!channelId) throw new SwitchboardError('discord_no_target', 'Outbound message has no Discord channel');
      const header = msg.author === 'staff' ? `**${msg.authorName ?? 'Support team'}** (support team):\n` : '';
      const text = `${header}${msg.text}${discordSources(msg.sources ?? [])}`;
      if (text.trim().length === 0) {
        throw new SwitchboardError('empty_message', 'Cannot send an empty message to Discord', { status: 400 });
      }
      const chunks = splitMessage(text, DISCORD_MAX_CHARS);
      // Chunks an earlier attempt posted (outbox row) are skipped; nonces cover the rest.
      const ids: string[] = [...(msg.alreadySent ?? [])].slice(0, chunks.length);
      for (const [i, content] of chunks.entries()) {
        if (i < ids.length) continue;
        const body: Record<string, unknown> = {
          content,
          nonce: nonceFor(msg.messageId, i),
          enforce_nonce: true,
          allowed_mentions: NO_MENTIONS,
        };
        const replyTo = msg.replyTarget.replyToMessageId;
        if (i === 0 && replyTo) body.message_reference = { message_id: replyTo, fail_if_not_exists: false };
        const posted = await post(channelId, body).catch((err) => {
          throw withSentProgress(err, [...ids]);
        });
        ids.push(posted.id);
      }
      return { platformMessageIds: ids };
    },
    async editMessage(channelId, messageId, body) {
      try {
        await rest.patch(Routes.channelMessage(channelId, messageId), { body });
      } catch (err) {
        throw toSwitchboardError(err, 'edit message');
      }
    },
    async getMessage(channelId, messageId) {
      try {
        return (await rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
      } catch (err) {
        throw toSwitchboardError(err, 'fetch message');
      }
    },
    async startThread(channelId, messageId, name) {
      try {
        const thread = (await rest.post(Routes.threads(channelId, messageId), {
          body: { name, auto_archive_duration: 1440 },
        })) as APIChannel;
        parents.set(thread.id, channelId);
        return thread.id;
      } catch (err) {
        // A replayed message (reconnect, restart) already has its thread, whose id is the message id.
        if (isThreadAlreadyCreated(err)) return messageId;
        throw toSwitchboardError(err, 'start thread');
      }
    },
    async parentOf(channelId) {
      if (parents.has(channelId)) return parents.get(channelId) ?? null;
      try {
        const ch = (await rest.get(Routes.channel(channelId))) as APIChannel & { parent_id?: string | null };
        const parent = ch.parent_id ?? null;
        parents.set(channelId, parent);
        return parent;
      } catch (err) {
        throw toSwitchboardError(err, 'fetch channel');
      }
    },
    close() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}
