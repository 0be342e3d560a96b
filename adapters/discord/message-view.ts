/** Read the fields {@link decide} needs from a discord.js Message. */
import { ChannelType, type Message } from 'discord.js';
import type { Attachment } from '../../src/core/messages.js';
import type { MessageView } from './inbound.js';

/** Build a {@link MessageView}; `parentId` may be filled in later for uncached threads. */
export function describeMessage(message: Message, botId: string): MessageView {
  const channel = message.channel;
  const isThread = channel.isThread();
  const refId = message.reference?.messageId;
  const referenced = refId ? message.channel.messages.cache.get(refId) : undefined;
  const repliesToBot =
    message.mentions.repliedUser?.id === botId || (referenced !== undefined && referenced.author?.id === botId);
  const attachments: Attachment[] = [...message.attachments.values()].map((a) => {
    const out: Attachment = { url: a.url, name: a.name, sizeBytes: a.size };
    if (a.contentType) out.contentType = a.contentType;
    if (a.width !== null && a.width !== undefined) out.width = a.width;
    if (a.height !== null && a.height !== undefined) out.height = a.height;
    return out;
  });
  return {
    id: message.id,
    channelId: message.channelId,
    guildId: message.guildId,
    type: message.type,
    content: message.content ?? '',
    authorId: message.author.id,
    authorName: message.author.globalName ?? message.author.username ?? message.author.id,
    authorRoleIds: message.member ? [...message.member.roles.cache.keys()] : [],
    authorIsBot: message.author.bot === true,
    isSystem: message.system === true,
    isWebhook: message.webhookId !== null && message.webhookId !== undefined,
    isDm: channel.type === ChannelType.DM || (message.guildId === null && !isThread),
    isThread,
    parentId: isThread ? channel.parentId : null,
    threadOwnerId: isThread ? channel.ownerId : null,
    mentionsBot: message.mentions.users.has(botId),
    repliesToBot,
    createdAt: message.createdAt,
    attachments,
  };
}
