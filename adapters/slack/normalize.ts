/**
 * Slack event -> what Switchboard should do with it (customer message, staff reply, feedback, or
 * ignore with a reason). Pure: no I/O, so every fixture can be checked in a unit test.
 */
import type { Attachment, FeedbackEvent, InboundMessage } from '../../src/core/index.js';
import type { StaffReplyEvent } from '../../src/core/staff-channel.js';

/** Who the bot is (from auth.test). */
export interface SlackIdentity {
  botUserId: string;
  botId?: string;
  teamId?: string;
}

/** Routing facts the adapter knows from config. */
export interface SlackRouting {
  identity: SlackIdentity;
  /** Channels where every message is a customer message. */
  supportChannels: ReadonlySet<string>;
  /** The staff channel (packets + staff threads); never treated as a customer channel. */
  staffChannel?: string;
}

/** Decision for one Slack event. */
export type SlackDecision =
  | {
      kind: 'customer';
      message: InboundMessage;
      /** True when the only reason to answer is "reply in a thread": answer only if it is our thread. */
      needsThreadCheck: boolean;
    }
  | { kind: 'staff_reply'; reply: StaffReplyEvent }
  | { kind: 'feedback'; feedback: FeedbackEvent }
  | { kind: 'ignore'; reason: string };

/** The subset of Slack message/app_mention fields we read. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  bot_profile?: unknown;
  text?: string;
  ts?: string;
  thread_ts?: string;
  hidden?: boolean;
  files?: SlackFile[];
  user_profile?: { display_name?: string; real_name?: string; name?: string };
  reaction?: string;
  item_user?: string;
  item?: { type?: string; channel?: string; ts?: string };
}

interface SlackFile {
  url_private?: string;
  url_private_download?: string;
  permalink?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  original_w?: number;
  original_h?: number;
}

/** Message subtypes that carry a human's new message. Everything else (edits, deletes, joins…) is ignored. */
const CUSTOMER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

const POSITIVE = new Set(['+1', 'thumbsup', 'white_check_mark', 'heavy_check_mark', 'heart', 'tada', 'star', 'clap']);
const NEGATIVE = new Set(['-1', 'thumbsdown', 'x', 'no_entry', 'angry', 'rage', 'disappointed', 'confused']);

/** Map a reaction name (skin tones stripped) to a rating. */
export function reactionRating(reaction: string): -1 | 0 | 1 {
  const base = reaction.split('::')[0] ?? reaction;
  if (POSITIVE.has(base)) return 1;
  if (NEGATIVE.has(base)) return -1;
  return 0;
}

/**
 * Slack's wire text -> plain text for the agents: drop the bot's own mention, render other mentions,
 * channel links and URLs readably, and unescape `&amp;`, `&lt;`, `&gt;`.
 */
export function slackTextToPlain(text: string, botUserId: string): string {
  return text
    .replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), '')
    .replace(/<@([A-Z0-9]+)\|([^>]+)>/g, '@$2')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<#([A-Z0-9]+)\|([^>]*)>/g, (_m, id: string, name: string) => `#${name || id}`)
    .replace(/<!(here|channel|everyone)(\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]+)>/g, '$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** Slack files -> attachments (URLs need the bot token to fetch). */
export function filesToAttachments(files: SlackFile[] | undefined): Attachment[] {
  return (files ?? []).flatMap((f) => {
    const url = f.url_private ?? f.url_private_download ?? f.permalink;
    if (!url) return [];
    const a: Attachment = { url };
    if (f.name ?? f.title) a.name = f.name ?? f.title;
    if (f.mimetype) a.contentType = f.mimetype;
    if (typeof f.size === 'number') a.sizeBytes = f.size;
    if (typeof f.original_w === 'number') a.width = f.original_w;
    if (typeof f.original_h === 'number') a.height = f.original_h;
    return [a];
  });
}

/** Slack `ts` ("1595926230.009600") -> Date. */
export function tsToDate(ts: string | undefined): Date {
  const n = Number(ts);
  return Number.isFinite(n) && n > 0 ? new Date(Math.round(n * 1000)) : new Date();
}

/**
 * Decide what to do with one Events API event (`message`, `app_mention`, `reaction_added`, …).
 * The event id is `channel:ts` so the `message` and `app_mention` events Slack sends for the same
 * post are one conversation turn, and retries are duplicates.
 */
export function decideSlackEvent(event: SlackMessageEvent, routing: SlackRouting): SlackDecision {
  const { identity } = routing;
  if (event.type === 'reaction_added') return decideReaction(event, identity);
  if (event.type !== 'message' && event.type !== 'app_mention') return { kind: 'ignore', reason: 'event_type' };
  if (event.bot_id || event.bot_profile || event.subtype === 'bot_message') return { kind: 'ignore', reason: 'bot' };
  if (!CUSTOMER_SUBTYPES.has(event.subtype) || event.hidden) return { kind: 'ignore', reason: 'subtype' };
  if (!event.user || !event.channel || !event.ts) return { kind: 'ignore', reason: 'incomplete' };
  if (event.user === identity.botUserId) return { kind: 'ignore', reason: 'self' };

  const { channel, ts, user } = event;
  const inThread = Boolean(event.thread_ts && event.thread_ts !== ts);
  if (routing.staffChannel && channel === routing.staffChannel) {
    if (event.type !== 'message' || !inThread) return { kind: 'ignore', reason: 'staff_channel' };
    return {
      kind: 'staff_reply',
      reply: {
        platform: 'slack',
        channelId: channel,
        threadId: event.thread_ts as string,
        eventId: `${channel}:${ts}`,
        userId: user,
        text: slackTextToPlain(event.text ?? '', identity.botUserId),
      },
    };
  }

  const rawText = event.text ?? '';
  const isDm = event.channel_type === 'im' || channel.startsWith('D');
  const mentioned = event.type === 'app_mention' || rawText.includes(`<@${identity.botUserId}`);
  const supportChannel = routing.supportChannels.has(channel);
  if (!isDm && !mentioned && !supportChannel && !inThread) return { kind: 'ignore', reason: 'not_addressed' };

  const text = slackTextToPlain(rawText, identity.botUserId);
  const attachments = filesToAttachments(event.files);
  if (!text && attachments.length === 0) return { kind: 'ignore', reason: 'empty' };
  const threadTs = event.thread_ts ?? ts;
  const profile = event.user_profile;
  const name = profile?.display_name || profile?.real_name || profile?.name || undefined;
  const message: InboundMessage = {
    channel: 'slack',
    eventId: `${channel}:${ts}`,
    conversationKey: `${channel}:${threadTs}`,
    customerId: user,
    text,
    attachments,
    sentAt: tsToDate(ts),
    replyTarget: { channel, threadTs },
  };
  if (name) message.customerName = name;
  return { kind: 'customer', message, needsThreadCheck: !isDm && !mentioned && !supportChannel };
}

function decideReaction(event: SlackMessageEvent, identity: SlackIdentity): SlackDecision {
  const item = event.item;
  if (item?.type !== 'message' || !item.channel || !item.ts) return { kind: 'ignore', reason: 'reaction_item' };
  if (!event.user || event.user === identity.botUserId) return { kind: 'ignore', reason: 'self' };
  if (event.item_user !== identity.botUserId) return { kind: 'ignore', reason: 'not_our_message' };
  return {
    kind: 'feedback',
    feedback: {
      channel: 'slack',
      platformMessageId: `${item.channel}:${item.ts}`,
      rating: reactionRating(event.reaction ?? ''),
      raw: event.reaction ?? '',
      userId: event.user,
    },
  };
}
