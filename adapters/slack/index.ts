/**
 * Slack channel adapter (Bolt 4). Customers talk to the bot by mentioning it, in DMs, or in
 * SLACK_SUPPORT_CHANNELS; each Slack thread is one conversation. Events are verified (signature +
 * ±5 min timestamp), acked at once, normalized and handed to `handlers.onMessage`, which stores them
 * once per `channel:ts`. Replies go back to the thread through `send()`. When SLACK_STAFF_CHANNEL
 * is set the adapter also exposes a `staffChannel` (handoff packets, Claim/Resolve, thread relay).
 */
import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import type { Config } from '../../src/config.js';
import {
  type ChannelLimits,
  type HttpChannelAdapter,
  type HttpMiddleware,
  type InboundHandlers,
  SwitchboardError,
} from '../../src/core/index.js';
import type { Logger } from '../../src/core/services.js';
import { createSlackWebClient, slackCall, slackClientOptions } from './client.js';
import { SLACK_CHUNK_CHARS } from './format.js';
import { silentLog, toBoltLogger } from './logger.js';
import { decideSlackEvent, type SlackIdentity, type SlackMessageEvent, type SlackRouting } from './normalize.js';
import { createSlackSender } from './sender.js';
import { createSlackStaffChannel, type SlackStaffChannel } from './staff.js';
import { createSlackStaffAuthorizer } from './staff-auth.js';
import { createThreadMemory } from './threads.js';
import { createTimestampGuard } from './verify.js';

export { decideSlackEvent } from './normalize.js';

/** Path of the Events API + interactivity endpoint. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Options for {@link createSlackAdapter}. */
export interface SlackAdapterOptions {
  /** The runtime's logger (default: silent); lines carry `component: 'slack'` when the runtime passes it. */
  log?: Logger;
  /** Per-call Web API timeout (default 10 s). */
  timeoutMs?: number;
}

/** The Slack adapter: a ChannelAdapter with an HTTP side and, optionally, a staff channel. */
export interface SlackAdapter extends HttpChannelAdapter {
  readonly staffChannel?: SlackStaffChannel;
  /** The bot identity from auth.test (after start). */
  identity(): SlackIdentity | undefined;
}

/**
 * Create the Slack adapter from config (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET required;
 * SLACK_APP_TOKEN switches to Socket Mode; SLACK_API_URL overrides the Web API base).
 */
export function createSlackAdapter(config: Config, options: SlackAdapterOptions = {}): SlackAdapter {
  const token = config.SLACK_BOT_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!token || !signingSecret) {
    throw new SwitchboardError('slack_not_configured', 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are required.');
  }
  const log = options.log ?? silentLog;
  const clientConfig = { apiUrl: config.SLACK_API_URL, timeoutMs: options.timeoutMs };
  const client = createSlackWebClient({ token, ...clientConfig });
  let identity: SlackIdentity | undefined;
  let handlers: InboundHandlers | undefined;
  let identityReady: Promise<SlackIdentity> | undefined;
  const routing = (): SlackRouting | undefined =>
    identity && {
      identity,
      supportChannels: new Set(config.SLACK_SUPPORT_CHANNELS),
      staffChannel: config.SLACK_STAFF_CHANNEL,
    };

  const names = new Map<string, string | undefined>();
  async function userName(userId: string): Promise<string | undefined> {
    if (names.has(userId)) return names.get(userId);
    try {
      const r = await slackCall('users.info', () => client.users.info({ user: userId }));
      const p = r.user?.profile;
      const name = p?.display_name || p?.real_name || r.user?.real_name || r.user?.name || undefined;
      if (names.size > 10_000) names.clear();
      names.set(userId, name);
      return name;
    } catch (err) {
      log.debug('slack users.info failed', { userId, error: String(err) });
      return undefined;
    }
  }

  const threads = createThreadMemory({ client, identity: () => identity });
  const sender = createSlackSender({ client, onPosted: (c, t) => threads.remember(c, t) });
  const staffChannel = config.SLACK_STAFF_CHANNEL
    ? createSlackStaffChannel({
        client,
        channelId: config.SLACK_STAFF_CHANNEL,
        mode: config.SLACK_STAFF_MODE,
        userName,
        authorize: createSlackStaffAuthorizer({
          client,
          teamId: () => identity?.teamId,
          allowedUsers: config.SLACK_STAFF_USERS,
          log,
        }),
        log,
      })
    : undefined;

  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const receiver = socketMode
    ? undefined
    : new ExpressReceiver({
        signingSecret,
        endpoints: SLACK_EVENTS_PATH,
        processBeforeResponse: false,
        logger: toBoltLogger(log),
      });
  const app = new App({
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.SLACK_APP_TOKEN }),
    authorize: async () => {
      const id = await (identityReady ?? Promise.reject(new Error('Slack adapter not started')));
      return { botToken: token, botId: id.botId, botUserId: id.botUserId, teamId: id.teamId };
    },
    ignoreSelf: false, // decideSlackEvent does self/bot detection (bot_id, bot_message, bot user id)
    convoStore: false,
    clientOptions: slackClientOptions(clientConfig),
    logger: toBoltLogger(log),
  });

  async function onEvent(event: SlackMessageEvent): Promise<void> {
    const r = routing();
    if (!r || !handlers) return;
    const decision = decideSlackEvent(event, r);
    try {
      if (decision.kind === 'customer') {
        const { message } = decision;
        const [channel, threadTs] = [message.replyTarget.channel as string, message.replyTarget.threadTs as string];
        if (decision.needsThreadCheck && !(await threads.isOurs(channel, threadTs))) return;
        threads.remember(channel, threadTs);
        if (!message.customerName) {
          const name = await userName(message.customerId);
          if (name) message.customerName = name;
        }
        await handlers.onMessage(message);
      } else if (decision.kind === 'feedback') {
        await handlers.onFeedback?.(decision.feedback);
      } else if (decision.kind === 'staff_reply') {
        await staffChannel?.handleReply(decision.reply);
      } else {
        log.debug('slack event ignored', { type: event.type, subtype: event.subtype, reason: decision.reason });
      }
    } catch (err) {
      log.error('slack event handling failed', { type: event.type, error: String(err) });
    }
  }

  app.event('message', async ({ event }) => onEvent(event as unknown as SlackMessageEvent));
  app.event('app_mention', async ({ event }) => onEvent(event as unknown as SlackMessageEvent));
  app.event('reaction_added', async ({ event }) => onEvent(event as unknown as SlackMessageEvent));
  app.event('member_joined_channel', async ({ event }) => {
    if (identity && event.user === identity.botUserId)
      log.info('slack bot added to channel', { channel: event.channel });
  });
  app.action(/^sb_(claim|resolve|release)$/, async ({ ack, body, action }) => {
    await ack();
    const a = action as { action_id?: string; value?: string };
    const b = body as {
      user: { id: string; name?: string; username?: string; team_id?: string };
      channel?: { id?: string };
      container?: { channel_id?: string; message_ts?: string };
      message?: { ts?: string };
    };
    try {
      await staffChannel?.handleAction({
        actionId: a.action_id ?? '',
        value: a.value ?? '',
        userId: b.user.id,
        teamId: b.user.team_id,
        channelId: b.channel?.id ?? b.container?.channel_id,
        messageTs: b.container?.message_ts ?? b.message?.ts,
      });
    } catch (err) {
      log.error('slack staff action failed', { error: String(err) });
    }
  });
  // Interactive payloads we do not own are acknowledged, so Slack never shows an error.
  app.action(/^(?!sb_(claim|resolve|release)$)/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  app.error(async (err) => {
    log.error('slack bolt error', { error: String(err) });
  });

  let httpMiddleware: HttpMiddleware | undefined;
  if (receiver) {
    const router = express.Router();
    router.use(createTimestampGuard([SLACK_EVENTS_PATH]));
    router.use(receiver.router);
    httpMiddleware = router as unknown as HttpMiddleware;
  }

  const limits: ChannelLimits = { maxMessageChars: SLACK_CHUNK_CHARS, supportsMarkdown: true };
  let started = false;

  return {
    channel: 'slack',
    limits,
    httpMiddleware,
    staffChannel,
    identity: () => identity,
    async start(h) {
      handlers = h;
      if (started) return;
      started = true;
      identityReady = slackCall('auth.test', () => client.auth.test()).then((r) => {
        if (!r.user_id) throw new SwitchboardError('slack_auth_failed', 'auth.test returned no user_id');
        identity = { botUserId: r.user_id, botId: r.bot_id, teamId: r.team_id };
        return identity;
      });
      identityReady.catch(() => {});
      const id = await identityReady;
      log.info('slack adapter started', { botUserId: id.botUserId, socketMode });
      if (socketMode) await app.start();
    },
    async stop() {
      if (!started) return;
      started = false;
      handlers = undefined;
      if (socketMode) await app.stop().catch(() => {});
    },
    send: sender,
  };
}
