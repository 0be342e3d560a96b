/**
 * The Discord side of the staff channel (shared relay in src/staff-channels): a handoff packet is a
 * message in DISCORD_STAFF_CHANNEL with Claim / Resolve / Release buttons and a thread started from
 * it. Button clicks arrive as gateway interactions; `!claim`, `!resolve`, `!release` typed in the
 * packet thread do the same. Other human messages in the thread are staff replies for the customer.
 */
import { ButtonStyle, ComponentType, type Interaction, MessageFlags } from 'discord.js';
import type {
  HandoffPacket,
  StaffActionEvent,
  StaffChannel,
  StaffInboundHandlers,
  StaffResult,
  StaffThreadRef,
} from '../../src/core/staff-channel.js';
import { escapeDiscordText as esc } from './escape.js';
import type { MessageView } from './inbound.js';
import type { DiscordOutbound } from './outbound.js';
import { NO_MENTIONS } from './outbound.js';

/** custom_id prefix of packet buttons: `sb:<action>:<escalationId>`. */
const PREFIX = 'sb';
const ACTIONS = ['claim', 'resolve', 'release'] as const;

/** A Discord StaffChannel plus the entry points the adapter's gateway listeners call. */
export interface DiscordStaffChannel extends StaffChannel {
  readonly channelId: string;
  /** A human wrote in a thread of the staff channel. */
  handleThreadMessage(m: MessageView): Promise<void>;
  /** A button was clicked (any interaction is offered; others are ignored). */
  handleInteraction(interaction: Interaction): Promise<void>;
}

/** Parse `sb:<action>:<escalationId>`. */
export function parseCustomId(id: string): { action: StaffActionEvent['action']; escalationId: string } | null {
  const [prefix, action, escalationId] = id.split(':');
  if (prefix !== PREFIX || !escalationId || !ACTIONS.includes(action as never)) return null;
  return { action: action as StaffActionEvent['action'], escalationId };
}

function line(label: string, value: string | undefined): string | null {
  return value ? `**${label}:** ${value}` : null;
}

/** Packet text (≤ 2,000 chars, Discord markdown). */
export function packetText(p: HandoffPacket, mode: 'relay' | 'alerts'): string {
  const due = Date.parse(p.slaDueAt);
  const status = p.status === 'claimed' && p.assigneeName ? `claimed by ${p.assigneeName}` : p.status;
  const parts = [
    `🆘 **Handoff** · priority **${p.priority}** · ${status}${Number.isNaN(due) ? '' : ` · first response due <t:${Math.floor(due / 1000)}:R>`}`,
    line('Customer', `${esc(p.customerName, true)} (${esc(p.customerChannel)})`),
    line('Reason', esc(p.reason, true)),
    line('Sentiment', esc(p.sentiment, true)),
    line('Summary', esc(p.summary.slice(0, 600))),
    p.tried.length
      ? `**Tried:**\n${p.tried
          .slice(0, 5)
          .map((t) => `- ${esc(t.slice(0, 160), true)}`)
          .join('\n')}`
      : null,
    p.memory?.length
      ? `**Earlier conversations:**\n${p.memory
          .slice(0, 4)
          .map((t) => `- ${esc(t.slice(0, 160), true)}`)
          .join('\n')}`
      : null,
    p.recentCustomerLines.length
      ? `**Customer said:**\n${p.recentCustomerLines
          .slice(-4)
          .map((l) => `> ${esc(l.slice(0, 200), true)}`)
          .join('\n')}`
      : null,
    mode === 'relay'
      ? '_Claim, then reply in this thread: your messages go to the customer. `!claim` / `!resolve` / `!release` work too._'
      : '_Alerts only: answer the customer from the staff console._',
  ];
  const text = parts.filter(Boolean).join('\n');
  return text.length > 2000 ? `${text.slice(0, 1995)}…` : text;
}

function buttons(p: HandoffPacket) {
  const closed = p.status === 'resolved' || p.status === 'cancelled';
  const button = (action: (typeof ACTIONS)[number], label: string, style: ButtonStyle, disabled: boolean) => ({
    type: ComponentType.Button,
    custom_id: `${PREFIX}:${action}:${p.escalationId}`,
    label,
    style,
    disabled,
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button('claim', 'Claim', ButtonStyle.Primary, closed || p.status === 'claimed'),
        button('resolve', 'Resolve', ButtonStyle.Success, closed),
        button('release', 'Release', ButtonStyle.Secondary, closed || p.status !== 'claimed'),
      ],
    },
  ];
}

/** Create the Discord staff channel on `channelId`. */
export function createDiscordStaffChannel(options: {
  outbound: DiscordOutbound;
  channelId: string;
  mode?: 'relay' | 'alerts';
  /** DISCORD_STAFF_ROLE: only members with this role may act; unset -> every staff action is refused. */
  staffRoleId?: string;
  log: { warn(msg: string, data?: Record<string, unknown>): void };
}): DiscordStaffChannel {
  const { outbound, channelId, log } = options;
  const mode = options.mode ?? 'relay';
  let handlers: StaffInboundHandlers | undefined;
  /** thread id -> escalation id (for `!claim` in a thread; rebuilt from the packet buttons after restarts). */
  const escalationByThread = new Map<string, string>();

  async function escalationOf(threadId: string): Promise<string | undefined> {
    const known = escalationByThread.get(threadId);
    if (known) return known;
    const packet = await outbound.getMessage(channelId, threadId).catch(() => undefined);
    const rows = (packet?.components ?? []) as Array<{ components?: Array<{ custom_id?: string }> }>;
    for (const row of rows) {
      for (const c of row.components ?? []) {
        const parsed = c.custom_id ? parseCustomId(c.custom_id) : null;
        if (parsed) {
          escalationByThread.set(threadId, parsed.escalationId);
          return parsed.escalationId;
        }
      }
    }
    return undefined;
  }

  async function note(threadId: string, text: string, replyTo?: string): Promise<void> {
    const body: Record<string, unknown> = { content: text, allowed_mentions: NO_MENTIONS };
    if (replyTo) body.message_reference = { message_id: replyTo, fail_if_not_exists: false };
    await outbound.post(threadId, body).catch((err) => log.warn('discord staff note failed', { err }));
  }

  const { staffRoleId } = options;
  /** May a member with these roles act? Refusals are logged (no customer text). */
  function isStaff(userId: string, roleIds: readonly string[] | undefined): boolean {
    const ok = Boolean(staffRoleId && roleIds?.includes(staffRoleId));
    if (!ok)
      log.warn('discord staff action refused', { userId, reason: staffRoleId ? 'missing_role' : 'no_staff_role' });
    return ok;
  }
  const REFUSAL = staffRoleId
    ? 'Only members with the support staff role can act on handoffs here, so nothing was changed.'
    : 'Staff actions from Discord are turned off until an admin sets DISCORD_STAFF_ROLE, so nothing was changed.';

  const describe = (r: StaffResult, fallback: string) => (r.ok ? fallback : (r.message ?? `Not done (${r.code}).`));

  return {
    platform: 'discord',
    mode,
    channelId,
    listen(h) {
      handlers = h;
    },
    async postPacket(packet) {
      const message = await outbound.post(channelId, {
        content: packetText(packet, mode),
        components: buttons(packet),
        allowed_mentions: NO_MENTIONS,
      });
      const name = `Handoff: ${packet.customerName}`.slice(0, 90);
      const threadId = await outbound.startThread(channelId, message.id, name);
      escalationByThread.set(threadId, packet.escalationId);
      return { platform: 'discord', channelId, threadId };
    },
    async updatePacket(ref: StaffThreadRef, packet) {
      await outbound.editMessage(ref.channelId, ref.threadId, {
        content: packetText(packet, mode),
        components: buttons(packet),
        allowed_mentions: NO_MENTIONS,
      });
    },
    async postUpdate(ref, text) {
      await outbound.post(ref.threadId, { content: esc(text).slice(0, 2000), allowed_mentions: NO_MENTIONS });
    },
    async handleThreadMessage(m) {
      if (!handlers) return;
      const command = m.content.trim().match(/^!(claim|resolve|release)\b/i);
      if ((command || mode === 'relay') && !isStaff(m.authorId, m.authorRoleIds)) {
        await note(m.channelId, REFUSAL, m.id);
        return;
      }
      if (command) {
        const escalationId = await escalationOf(m.channelId);
        if (!escalationId) return;
        const action = command[1]!.toLowerCase() as StaffActionEvent['action'];
        const ref = { platform: 'discord', channelId, threadId: m.channelId };
        const r = await handlers.onStaffAction({
          platform: 'discord',
          action,
          escalationId,
          userId: m.authorId,
          userName: m.authorName,
          ref,
        });
        if (!r.ok) await note(m.channelId, describe(r, ''), m.id);
        return;
      }
      if (mode === 'alerts') return;
      const r = await handlers.onStaffReply({
        platform: 'discord',
        channelId,
        threadId: m.channelId,
        eventId: m.id,
        userId: m.authorId,
        userName: m.authorName,
        text: m.content,
      });
      if (!r.ok && r.message) await note(m.channelId, r.message, m.id);
    },
    async handleInteraction(interaction) {
      if (!handlers || !interaction.isButton()) return;
      const parsed = parseCustomId(interaction.customId);
      if (!parsed) return;
      await interaction.deferUpdate();
      const user = interaction.user;
      const member = interaction.member;
      const roles = member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
      if (!isStaff(user.id, roles)) {
        await interaction
          .followUp({ content: REFUSAL, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } })
          .catch((err) => log.warn('discord staff follow-up failed', { err }));
        return;
      }
      const r = await handlers.onStaffAction({
        platform: 'discord',
        action: parsed.action,
        escalationId: parsed.escalationId,
        userId: user.id,
        userName: user.globalName ?? user.username,
        ref: { platform: 'discord', channelId, threadId: interaction.message.id },
      });
      if (!r.ok) {
        await interaction
          .followUp({ content: describe(r, ''), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } })
          .catch((err) => log.warn('discord staff follow-up failed', { err }));
      }
    },
  };
}
