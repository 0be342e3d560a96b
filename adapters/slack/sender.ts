/**
 * Outbound Slack delivery: one OutboundMessage -> one or more chat.postMessage calls in the
 * conversation's thread. Progress is kept per messageId, so when a later chunk hits a 429 the
 * worker's retry posts only the chunks that are still missing (no duplicates, nothing dropped).
 */
import type { webApi } from '@slack/bolt';
import { type OutboundMessage, type SendResult, SwitchboardError, withSentProgress } from '../../src/core/index.js';
import { slackCall } from './client.js';
import { formatOutbound, SLACK_CHUNK_CHARS } from './format.js';

/** Options for {@link createSlackSender}. */
export interface SlackSenderOptions {
  client: webApi.WebClient;
  chunkChars?: number;
  /** Called after a reply is posted in a thread (the adapter remembers it as "our thread"). */
  onPosted?: (channel: string, threadTs: string) => void;
  /** How many in-flight messages to remember progress for (default 5,000). */
  maxTracked?: number;
}

/** Where a reply goes: replyTarget `{channel, threadTs}`, else the conversation key `channel:ts`. */
export function slackTarget(msg: Pick<OutboundMessage, 'replyTarget' | 'conversationKey'>): {
  channel: string;
  threadTs: string;
} {
  const [keyChannel, keyTs] = msg.conversationKey.split(':');
  const channel = msg.replyTarget.channel ?? keyChannel;
  const threadTs = msg.replyTarget.threadTs ?? msg.replyTarget.thread_ts ?? keyTs;
  if (!channel || !threadTs) {
    throw new SwitchboardError('slack_bad_target', `No Slack channel/thread for conversation ${msg.conversationKey}`, {
      status: 400,
    });
  }
  return { channel, threadTs };
}

/** Create the send function of the Slack adapter. */
export function createSlackSender(options: SlackSenderOptions) {
  const { client, chunkChars = SLACK_CHUNK_CHARS, maxTracked = 5000 } = options;
  /** messageId -> platform ids of chunks already posted. */
  const progress = new Map<string, string[]>();

  return async function send(msg: OutboundMessage): Promise<SendResult> {
    const { channel, threadTs } = slackTarget(msg);
    const chunks = formatOutbound(msg, chunkChars);
    if (chunks.length === 0) return { platformMessageIds: [] };
    let posted = progress.get(msg.messageId);
    if (!posted || (msg.alreadySent?.length ?? 0) > posted.length) {
      // Progress of earlier attempts: this process's memory, or the outbox row (any worker).
      posted = [...(msg.alreadySent ?? [])];
      if (progress.size >= maxTracked) {
        const oldest = progress.keys().next().value;
        if (oldest !== undefined) progress.delete(oldest);
      }
      progress.set(msg.messageId, posted);
    }
    for (let i = posted.length; i < chunks.length; i++) {
      const text = chunks[i] as string;
      const r = await slackCall('chat.postMessage', () =>
        client.chat.postMessage({
          channel,
          thread_ts: threadTs,
          text,
          mrkdwn: true,
          unfurl_links: false,
          unfurl_media: false,
        }),
      ).catch((err) => {
        throw withSentProgress(err, [...(posted ?? [])]);
      });
      posted.push(`${r.channel ?? channel}:${r.ts}`);
    }
    progress.delete(msg.messageId);
    options.onPosted?.(channel, threadTs);
    return { platformMessageIds: [...posted] };
  };
}
