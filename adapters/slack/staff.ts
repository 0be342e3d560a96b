/**
 * The Slack side of the staff channel: posts handoff packets (Block Kit) to SLACK_STAFF_CHANNEL,
 * re-renders them on lifecycle changes, and turns packet-thread replies and button clicks into
 * StaffInboundHandlers calls. Results that need the staff member's attention ("claim first") come
 * back as ephemeral messages.
 */
import type { webApi } from '@slack/bolt';
import type {
  HandoffPacket,
  StaffActionEvent,
  StaffChannel,
  StaffInboundHandlers,
  StaffReplyEvent,
  StaffThreadRef,
} from '../../src/core/staff-channel.js';
import { packetBlocks, packetFallbackText, STAFF_ACTIONS } from './blocks.js';
import { slackCall } from './client.js';
import { escapeMrkdwn } from './format.js';
import { SLACK_STAFF_REFUSAL, type SlackStaffAuthorizer } from './staff-auth.js';

/** Options for {@link createSlackStaffChannel}. */
export interface SlackStaffChannelOptions {
  client: webApi.WebClient;
  channelId: string;
  mode: 'relay' | 'alerts';
  /** Display name lookup (users.info, cached by the adapter). */
  userName?: (userId: string) => Promise<string | undefined>;
  /** Who may act (see staff-auth.ts); refused users get an ephemeral note and nothing changes. */
  authorize: SlackStaffAuthorizer;
  log: { warn(msg: string, data?: Record<string, unknown>): void };
}

/** A Slack StaffChannel plus the entry points the adapter's Bolt listeners call. */
export interface SlackStaffChannel extends StaffChannel {
  readonly channelId: string;
  /** A human wrote in a thread of the staff channel. */
  handleReply(reply: StaffReplyEvent): Promise<void>;
  /** A packet button was clicked. */
  handleAction(action: {
    actionId: string;
    value: string;
    userId: string;
    userName?: string;
    /** Team id the payload says the clicking user belongs to. */
    teamId?: string;
    channelId?: string;
    messageTs?: string;
  }): Promise<void>;
}

const ACTION_BY_ID: Record<string, StaffActionEvent['action']> = {
  [STAFF_ACTIONS.claim]: 'claim',
  [STAFF_ACTIONS.resolve]: 'resolve',
  [STAFF_ACTIONS.release]: 'release',
};

/** Create the Slack staff channel. */
export function createSlackStaffChannel(options: SlackStaffChannelOptions): SlackStaffChannel {
  const { client, channelId, mode, log } = options;
  let handlers: StaffInboundHandlers | undefined;

  /** True when `userId` may act; otherwise tells them (ephemeral) and logs the refusal. */
  async function allowed(userId: string, teamId: string | undefined, threadTs?: string): Promise<boolean> {
    const r = await options.authorize(userId, teamId);
    if (r.ok) return true;
    log.warn('slack staff action refused', { userId, reason: r.reason });
    await ephemeral(userId, SLACK_STAFF_REFUSAL, threadTs);
    return false;
  }

  async function ephemeral(userId: string, text: string, threadTs?: string): Promise<void> {
    try {
      await slackCall('chat.postEphemeral', () =>
        client.chat.postEphemeral({
          channel: channelId,
          user: userId,
          text,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      );
    } catch (err) {
      log.warn('slack staff note failed', { error: String(err) });
    }
  }

  return {
    platform: 'slack',
    mode,
    channelId,
    listen(h) {
      handlers = h;
    },
    async postPacket(packet: HandoffPacket): Promise<StaffThreadRef> {
      const r = await slackCall('chat.postMessage', () =>
        client.chat.postMessage({
          channel: channelId,
          text: packetFallbackText(packet),
          blocks: packetBlocks(packet, mode) as never,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      return { platform: 'slack', channelId: r.channel ?? channelId, threadId: String(r.ts) };
    },
    async updatePacket(ref, packet) {
      await slackCall('chat.update', () =>
        client.chat.update({
          channel: ref.channelId,
          ts: ref.threadId,
          text: packetFallbackText(packet),
          blocks: packetBlocks(packet, mode) as never,
        }),
      );
    },
    async postUpdate(ref, text) {
      await slackCall('chat.postMessage', () =>
        client.chat.postMessage({
          channel: ref.channelId,
          thread_ts: ref.threadId,
          text: escapeMrkdwn(text).replace(/@(channel|here|everyone)\b/gi, '@\u200B$1'),
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
    },
    async handleReply(reply) {
      if (!handlers || mode === 'alerts') return;
      if (!(await allowed(reply.userId, undefined, reply.threadId))) return;
      const withName = { ...reply, userName: reply.userName ?? (await options.userName?.(reply.userId)) };
      const result = await handlers.onStaffReply(withName);
      if (!result.ok && result.message) await ephemeral(reply.userId, result.message, reply.threadId);
    },
    async handleAction(a) {
      const action = ACTION_BY_ID[a.actionId];
      if (!handlers || !action || !a.value) return;
      if (!(await allowed(a.userId, a.teamId, a.messageTs))) return;
      const event: StaffActionEvent = {
        platform: 'slack',
        action,
        escalationId: a.value,
        userId: a.userId,
        userName: a.userName ?? (await options.userName?.(a.userId)),
      };
      if (a.channelId && a.messageTs) event.ref = { platform: 'slack', channelId: a.channelId, threadId: a.messageTs };
      const result = await handlers.onStaffAction(event);
      if (!result.ok && result.message) await ephemeral(a.userId, result.message, a.messageTs);
    },
  };
}
