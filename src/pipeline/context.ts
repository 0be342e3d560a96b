/**
 * The agent context of a turn: one builder ({@link buildContext}) and one loader for stored
 * conversations ({@link loadContext}); the burst a turn answers ({@link mergeBurst}).
 */
import { SwitchboardError } from '../core/errors.js';
import {
  type AgentContext,
  type Brand,
  type ChannelLimits,
  type CustomerMemory,
  EMPTY_KNOWLEDGE_BASE,
  type HistoryTurn,
  type KnowledgeBase,
  type ModelCallRecorder,
  nullRecorder,
} from '../core/index.js';
import type { ConversationRow } from '../core/services.js';
import type { Queryable } from '../db/db.js';
import { type CustomerMemoryRecord, loadCustomerMemory } from '../learning/memory-store.js';
import type { Runtime } from '../runtime/runtime.js';
import { loadHistory, type TurnMessage } from './context-queries.js';

export type { TurnMessage } from './context-queries.js';

/**
 * The message a turn answers for a burst (issue 11.1): the latest one, carrying the text of the
 * burst's messages, oldest first, as many of the latest as fit in `maxChars` (default 4000, the
 * guardrail's size limit), so one reply considers all of them.
 */
export function mergeBurst(burst: TurnMessage[], maxChars = 4000): TurnMessage {
  const latest = burst[burst.length - 1];
  if (!latest) throw new SwitchboardError('empty_burst', 'mergeBurst: empty burst');
  const texts: string[] = [];
  let size = 0;
  for (let i = burst.length - 1; i >= 0; i--) {
    const text = burst[i]!.text;
    if (texts.length && size + text.length + 1 > maxChars) break;
    texts.unshift(text);
    size += text.length + 1;
  }
  return { ...latest, text: texts.join('\n') };
}

/**
 * What an agent context is built from: the turn's ids and text, and any other field of
 * {@link AgentContext}; `history` (default none: a first question), `limits` (default
 * {@link DEFAULT_LIMITS}), `kb` (default empty: nothing can be quoted) and `recorder` (default:
 * nowhere) have defaults, optional fields (brand, ...) are left out when undefined.
 */
export type ContextInput = Pick<AgentContext, 'conversationId' | 'messageId' | 'text'> & Partial<AgentContext>;

/** Limits of a context without a channel (bench, eval): 4000 characters, Markdown. */
export const DEFAULT_LIMITS: ChannelLimits = { maxMessageChars: 4000, supportsMarkdown: true };

/**
 * Build an agent context — the only place one is built: the worker, the staff AI draft,
 * `bench --cost` and `eval` all call this.
 */
export function buildContext(input: ContextInput): AgentContext {
  const { history = [], limits = DEFAULT_LIMITS, kb = EMPTY_KNOWLEDGE_BASE, recorder = nullRecorder, ...rest } = input;
  const optional = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return { ...(optional as typeof rest), history, limits, kb, recorder };
}

/** What loading a conversation's agent context needs: the runtime's knowledge base, recorder, brand, limits. */
export interface ContextSources {
  db: Queryable;
  kb: KnowledgeBase;
  recorder: ModelCallRecorder;
  /** Who the assistant speaks for. */
  brand?: () => Promise<Brand>;
  /** The formatting limits of a channel. */
  limitsFor(channel: string): ChannelLimits;
}

/** Limits of a channel without an adapter in this process: 4000 characters, plain text. */
const UNKNOWN_CHANNEL_LIMITS: ChannelLimits = { maxMessageChars: 4000, supportsMarkdown: false };

/** A runtime's context sources: its knowledge base, recorder and brand, and each channel adapter's limits. */
export function contextSources(
  runtime: Pick<Runtime, 'db' | 'kb' | 'recorder' | 'brand' | 'adapters'>,
): ContextSources {
  return {
    db: runtime.db,
    kb: runtime.kb,
    recorder: runtime.recorder,
    brand: runtime.brand,
    limitsFor: (channel) => runtime.adapters.get(channel as never)?.limits ?? UNKNOWN_CHANNEL_LIMITS,
  };
}

/** A loaded context and the history it holds. */
export interface LoadedContext {
  ctx: AgentContext;
  history: HistoryTurn[];
}

const withoutId = ({ customerId: _, ...memory }: CustomerMemoryRecord): CustomerMemory => memory;

/**
 * The context loader of a stored conversation (worker turns and staff AI drafts): the history since
 * the conversation's context reset, before `first` (default `message`), answering `message`, and
 * the customer's memory of earlier conversations.
 */
export async function loadContext(
  sources: ContextSources,
  conv: ConversationRow,
  message: TurnMessage,
  first: TurnMessage = message,
): Promise<LoadedContext> {
  const [history, brand, memory] = await Promise.all([
    loadHistory(sources.db, conv, first),
    sources.brand?.(),
    // Customer memory (computed on read): a turn still runs without it.
    loadCustomerMemory(sources.db, conv.customerId, { onlyBeyond: conv.id }).catch(() => null),
  ]);
  const ctx = buildContext({
    conversationId: conv.id,
    messageId: message.id,
    text: message.text,
    history,
    limits: sources.limitsFor(conv.channel),
    kb: sources.kb,
    recorder: sources.recorder,
    brand,
    memory: memory ? withoutId(memory) : undefined,
  });
  return { ctx, history };
}
