import type { Channel } from '../core/index.js';
import type { ConversationRow, PublicMessage } from '../core/services.js';

/** Raw messages row (subset used by clients). */
export interface MessageDbRow {
  id: string;
  conversation_id: string;
  seq: string | number;
  role: PublicMessage['role'];
  text: string;
  author_name: string | null;
  created_at: Date | string;
  attachments: unknown[] | null;
  meta?: Record<string, unknown> | null;
}

/** Map a messages row to the public shape. */
export function toPublicMessage(r: MessageDbRow): PublicMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    seq: Number(r.seq),
    role: r.role,
    text: r.text,
    authorName: r.author_name,
    createdAt: new Date(r.created_at).toISOString(),
    attachments: r.attachments ?? [],
    ...publicMeta(r.role, r.meta),
  };
}

/**
 * The public `kind` and `sources` of a message (contract: every bot message has both; system
 * notices are `notice`). Older rows without a stored public kind are mapped from the internal one.
 */
export function publicMeta(
  role: string,
  meta: Record<string, unknown> | null | undefined,
): { kind?: string; sources?: Array<{ id: string; title: string; url?: string }> } {
  if (role === 'system') return { kind: 'notice', sources: [] };
  if (role !== 'bot') return {};
  const raw = typeof meta?.kind === 'string' ? meta.kind : 'notice';
  const kind = LEGACY_KINDS[raw] ?? raw;
  const sources = Array.isArray(meta?.sources)
    ? (meta.sources as Array<{ id: string; title: string; url?: string }>)
    : [];
  return { kind, sources };
}

const LEGACY_KINDS: Record<string, string> = {
  escalation: 'handoff',
  out_of_scope: 'declined',
  guardrail: 'blocked',
};

/** Raw conversations row. */
export interface ConversationDbRow {
  id: string;
  customer_id: string;
  channel: string;
  external_key: string;
  reply_target: Record<string, string> | null;
  status: 'bot' | 'human';
  context_since: Date | string | number;
  created_at: Date | string;
}

/** Map a conversations row. */
export function toConversation(r: ConversationDbRow): ConversationRow {
  const since = r.context_since;
  return {
    id: r.id,
    customerId: r.customer_id,
    channel: r.channel as Channel,
    externalKey: r.external_key,
    replyTarget: r.reply_target ?? {},
    status: r.status,
    contextSince: timestampText(since),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export const MESSAGE_COLUMNS = 'id, conversation_id, seq, role, text, author_name, created_at, attachments, meta';

/** Text form of a timestamp column that may hold -infinity (parsed differently by pg and PGlite). */
function timestampText(v: Date | string | number): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '-infinity' : v.toISOString();
  if (typeof v === 'number') return Number.isFinite(v) ? new Date(v).toISOString() : '-infinity';
  return String(v);
}
