/**
 * Block Kit rendering of a handoff packet for the staff channel: who, where, why, what was tried,
 * SLA, and Claim / Resolve / Release buttons (action id + escalation id in `value`). Every dynamic
 * string is escaped so customer text cannot ping anyone.
 */
import type { HandoffPacket } from '../../src/core/staff-channel.js';
import { escapeMrkdwn } from './format.js';

/** Action ids of the packet buttons. */
export const STAFF_ACTIONS = { claim: 'sb_claim', resolve: 'sb_resolve', release: 'sb_release' } as const;

const PRIORITY_ICON: Record<string, string> = {
  urgent: ':rotating_light:',
  high: ':red_circle:',
  normal: ':large_yellow_circle:',
  low: ':white_circle:',
};

/** Escape and shorten text for a Block Kit mrkdwn field (3,000 char limit per text object). */
function safe(text: string, max = 2800): string {
  const t = escapeMrkdwn(text).replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Slack date token: renders in each reader's time zone, with an ISO fallback. */
function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return safe(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`;
}

/** Fallback text (notifications, screen readers); Slack reads it as mrkdwn, so it is escaped too. */
export function packetFallbackText(p: HandoffPacket): string {
  return safe(`Handoff (${p.priority}): ${p.customerName} on ${p.customerChannel} — ${p.reason}. ${p.summary}`, 300);
}

function statusLine(p: HandoffPacket, mode: 'relay' | 'alerts'): string {
  const who = p.assigneeName ? ` by *${safe(p.assigneeName, 200)}*` : '';
  const status =
    p.status === 'open'
      ? ':hourglass_flowing_sand: *Open* — waiting for someone to claim it'
      : p.status === 'claimed'
        ? `:raising_hand: *Claimed*${who}`
        : p.status === 'resolved'
          ? `:white_check_mark: *Resolved*${who}`
          : `:no_entry_sign: *${safe(p.status, 50)}*`;
  const hint =
    mode === 'alerts'
      ? 'Alerts only: answer the customer from the staff console.'
      : 'Claim, then reply in this thread: your replies reach the customer on their own channel.';
  return `${status}\n${hint}`;
}

/** Render the packet message blocks. */
export function packetBlocks(p: HandoffPacket, mode: 'relay' | 'alerts'): unknown[] {
  const icon = PRIORITY_ICON[p.priority] ?? ':large_yellow_circle:';
  const blocks: unknown[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `Handoff: ${p.customerName}`.slice(0, 150), emoji: true },
    },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Customer*\n${safe(p.customerName, 200)} (${safe(p.customerId, 100)})` },
        { type: 'mrkdwn', text: `*Channel*\n${safe(p.customerChannel, 50)}` },
        { type: 'mrkdwn', text: `*Reason*\n${safe(p.reason.replace(/_/g, ' '), 100)}` },
        { type: 'mrkdwn', text: `*Priority*\n${icon} ${safe(p.priority, 20)}` },
        { type: 'mrkdwn', text: `*Sentiment*\n${safe(p.sentiment, 50)}` },
        { type: 'mrkdwn', text: `*First response due*\n${slackDate(p.slaDueAt)}` },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: `*Summary*\n${safe(p.summary || '(none)')}` } },
  ];
  if (p.tried.length > 0) {
    const lines = p.tried.slice(0, 8).map((t) => `• ${safe(t, 300)}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*What was tried*\n${lines.join('\n')}` } });
  }
  if (p.memory?.length) {
    const lines = p.memory.slice(0, 6).map((t) => `• ${safe(t, 200)}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Earlier conversations*\n${lines.join('\n')}` } });
  }
  if (p.recentCustomerLines.length > 0) {
    const quoted = p.recentCustomerLines.slice(-3).map((l) => `> ${safe(l, 600).replace(/\n/g, '\n> ')}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Customer said*\n${quoted.join('\n')}` } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: statusLine(p, mode) }] });
  const buttons: unknown[] = [];
  const button = (text: string, actionId: string, style?: 'primary' | 'danger') => ({
    type: 'button',
    text: { type: 'plain_text', text },
    action_id: actionId,
    value: p.escalationId,
    ...(style ? { style } : {}),
  });
  if (p.status === 'open') buttons.push(button('Claim', STAFF_ACTIONS.claim, 'primary'));
  if (p.status === 'open' || p.status === 'claimed') buttons.push(button('Resolve', STAFF_ACTIONS.resolve, 'danger'));
  if (p.status === 'claimed') buttons.push(button('Release', STAFF_ACTIONS.release));
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `sb_packet_${p.escalationId}`, elements: buttons });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Escalation \`${safe(p.escalationId, 64)}\` · conversation \`${safe(p.conversationId, 64)}\``,
      },
    ],
  });
  return blocks;
}
