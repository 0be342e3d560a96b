/**
 * Discord channel adapter: a discord.js gateway client for inbound messages and reactions, and
 * @discordjs/rest for replies. Support channels get one thread per conversation (created from the
 * customer's first message); mentions elsewhere start a thread too; DMs are their own conversation.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Message, Partials, Routes } from 'discord.js';
import type { Config } from '../../src/config.js';
import type { ChannelAdapter, InboundHandlers } from '../../src/core/channel-adapter.js';
import { SwitchboardError } from '../../src/core/errors.js';
import type { ChannelLimits } from '../../src/core/messages.js';
import { decide, type ListenContext, threadName, toInbound } from './inbound.js';
import { describeMessage } from './message-view.js';
import { createDiscordOutbound, type DiscordRestSettings, NO_MENTIONS, restOptions } from './outbound.js';
import { ratingFor } from './reactions.js';
import { DISCORD_MAX_CHARS } from './split-message.js';
import { createDiscordStaffChannel, type DiscordStaffChannel } from './staff.js';

/** Minimal logger (the runtime's Logger fits). */
export interface DiscordLog {
  debug(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
}

/** Options beyond Config. */
export interface DiscordAdapterOptions {
  log?: DiscordLog;
  /** How long start() waits for READY + guilds before failing (default 20 s). */
  readyTimeoutMs?: number;
  /** REST tuning (timeout, retries, longest rate-limit wait absorbed in-process). */
  rest?: Omit<DiscordRestSettings, 'api'>;
}

/** The Discord adapter. */
export interface DiscordAdapter extends ChannelAdapter {
  /** Bot user id, known after start(). */
  readonly botId: string | undefined;
  /** Staff side (handoff packets, Claim/Resolve), present when DISCORD_STAFF_CHANNEL is set. */
  readonly staffChannel?: DiscordStaffChannel;
}

const silentLog: DiscordLog = { debug() {}, warn() {} };

/**
 * Create the Discord adapter from `config` (DISCORD_BOT_TOKEN required; DISCORD_API_URL,
 * DISCORD_GATEWAY_URL, DISCORD_SUPPORT_CHANNELS, DISCORD_STAFF_CHANNEL, DISCORD_STAFF_MODE optional).
 */
export function createDiscordAdapter(config: Config, options: DiscordAdapterOptions = {}): DiscordAdapter {
  const token = config.DISCORD_BOT_TOKEN;
  if (!token) throw new SwitchboardError('config', 'DISCORD_BOT_TOKEN is required for the Discord adapter');
  const log = options.log ?? silentLog;
  const settings: DiscordRestSettings = {
    ...options.rest,
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  };
  const outbound = createDiscordOutbound(token, settings);
  const limits: ChannelLimits = { maxMessageChars: DISCORD_MAX_CHARS, supportsMarkdown: true };
  let client: Client | undefined;
  let ctx: ListenContext | undefined;
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  const staffChannel = config.DISCORD_STAFF_CHANNEL
    ? createDiscordStaffChannel({
        outbound,
        channelId: config.DISCORD_STAFF_CHANNEL,
        mode: config.DISCORD_STAFF_MODE,
        ...(config.DISCORD_STAFF_ROLE ? { staffRoleId: config.DISCORD_STAFF_ROLE } : {}),
        log,
      })
    : undefined;
  if (staffChannel && !config.DISCORD_STAFF_ROLE)
    log.warn(
      'DISCORD_STAFF_ROLE is not set: handoff packets are posted, but Claim/Resolve/replies from Discord are refused',
    );

  async function onMessage(handlers: InboundHandlers, message: Message): Promise<void> {
    if (!ctx) return;
    const view = describeMessage(message, ctx.botId);
    if (view.isThread && view.parentId === null) view.parentId = await outbound.parentOf(view.channelId);
    if (staffChannel && view.isThread && view.parentId === staffChannel.channelId) {
      if (view.authorId !== ctx.botId && !view.authorIsBot && !view.isSystem)
        await staffChannel.handleThreadMessage(view);
      return;
    }
    const decision = decide(view, ctx);
    if (decision.action === 'ignore') {
      log.debug('discord message ignored', { messageId: view.id, reason: decision.reason });
      return;
    }
    if (decision.action === 'deliver') {
      await handlers.onMessage(toInbound(view, ctx.botId, decision.conversationKey, decision.targetChannelId));
      return;
    }
    let threadId: string;
    try {
      threadId = await outbound.startThread(decision.channelId, view.id, threadName(view, ctx.botId));
    } catch (err) {
      // No thread permission (or Discord trouble): answer inline, one conversation per user and channel.
      log.warn('discord thread creation failed; replying inline', { messageId: view.id, err });
      const key = `${decision.channelId}:${view.authorId}`;
      const inbound = toInbound(view, ctx.botId, key, decision.channelId);
      inbound.replyTarget.replyToMessageId = view.id;
      await handlers.onMessage(inbound);
      return;
    }
    await handlers.onMessage(toInbound(view, ctx.botId, threadId, threadId));
  }

  function buildClient(handlers: InboundHandlers): Client {
    const c = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.MessageContent,
        GatewayIntentBits.DirectMessages,
        GatewayIntentBits.GuildMessageReactions,
        GatewayIntentBits.DirectMessageReactions,
      ],
      partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User],
      allowedMentions: NO_MENTIONS,
      rest: restOptions(settings),
    });
    const gatewayUrl = config.DISCORD_GATEWAY_URL;
    if (gatewayUrl) {
      // discord.js asks GET /gateway/bot for the gateway URL; a configured URL (proxy) wins.
      const get = c.rest.get.bind(c.rest);
      c.rest.get = async (route, opts) => {
        const data = await get(route, opts);
        return route === Routes.gatewayBot() ? { ...(data as object), url: gatewayUrl } : data;
      };
    }
    c.on(Events.MessageCreate, (message) => {
      onMessage(handlers, message).catch((err) => log.warn('discord inbound failed', { messageId: message.id, err }));
    });
    c.on(Events.MessageReactionAdd, (reaction, user) => {
      const botId = ctx?.botId;
      if (!handlers.onFeedback || !botId || user.id === botId || user.bot) return;
      const author = reaction.message.author?.id;
      if (author && author !== botId) return;
      const raw = reaction.emoji.id ? `<:${reaction.emoji.name}:${reaction.emoji.id}>` : (reaction.emoji.name ?? '');
      handlers
        .onFeedback({
          channel: 'discord',
          platformMessageId: reaction.message.id,
          rating: ratingFor(raw),
          raw,
          userId: user.id,
        })
        .catch((err) => log.warn('discord feedback failed', { err }));
    });
    c.on(Events.InteractionCreate, (interaction) => {
      staffChannel
        ?.handleInteraction(interaction)
        .catch((err) => log.warn('discord interaction failed', { id: interaction.id, err }));
    });
    c.on(Events.Error, (err) => log.warn('discord client error', { err }));
    c.on(Events.ShardResume, (id, replayed) => log.debug('discord gateway resumed', { shard: id, replayed }));
    return c;
  }

  return {
    channel: 'discord',
    limits,
    get botId() {
      return ctx?.botId;
    },
    ...(staffChannel ? { staffChannel } : {}),
    async start(handlers) {
      if (state !== 'idle') throw new SwitchboardError('adapter_state', `Discord adapter cannot start when ${state}`);
      state = 'running';
      const c = buildClient(handlers);
      client = c;
      const timeoutMs = options.readyTimeoutMs ?? 20_000;
      // Learn who we are synchronously on READY, before any queued MESSAGE_CREATE is emitted.
      c.once(Events.ClientReady, (ready) => {
        ctx = {
          botId: ready.user.id,
          supportChannels: new Set(config.DISCORD_SUPPORT_CHANNELS),
          ...(config.DISCORD_STAFF_CHANNEL ? { staffChannel: config.DISCORD_STAFF_CHANNEL } : {}),
        };
      });
      const ready = once(c, Events.ClientReady, { signal: AbortSignal.timeout(timeoutMs) });
      try {
        await c.login(token);
        await ready;
      } catch (err) {
        await c.destroy().catch(() => {});
        state = 'stopped';
        outbound.close();
        throw new SwitchboardError(
          'discord_connect_failed',
          `Could not connect to the Discord gateway: ${String(err)}`,
          {
            isRetryable: true,
            cause: err,
          },
        );
      }
      if (!ctx) throw new SwitchboardError('discord_connect_failed', 'Discord READY carried no bot user');
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      const c = client;
      client = undefined;
      await c?.destroy();
      outbound.close();
    },
    send: (msg) => outbound.send(msg),
  };
}
