/**
 * One customer turn: handoff check -> context (context.ts) -> the decision (decide.ts: guardrail +
 * router -> scope -> specialist or escalation -> synthesis -> QA), or a cached answer -> reply +
 * outbox row (+ escalation) in one transaction -> immediate delivery.
 */
import { type AgentSet, refersBack } from '../core/index.js';
import type { ConversationService, EscalationService, EventBus, Logger } from '../core/services.js';
import type { Db } from '../db/db.js';
import type { AnswerCache, CachedReply } from '../learning/answer-cache.js';
import { type ContextSources, loadContext, mergeBurst } from './context.js';
import { type Decision, decideTurn, replyMeta } from './decide.js';
import { buildPacket } from './packet.js';
import { type ConversationTurn, runInConversationOrder } from './turn-lease.js';
import { markMessagesProcessed } from './turn-queries.js';

/** Dependencies of the turn processor (the context sources: knowledge base, recorder, brand, limits). */
export interface TurnDeps extends ContextSources {
  db: Db;
  bus: EventBus;
  log: Logger;
  agents: AgentSet;
  conversations: ConversationService;
  escalations: EscalationService;
  /** Deliver an outbox row now; 'queue' (or a rejection) means: leave it to the delivery queue. */
  deliver(deliveryId: string): Promise<string>;
  /** Fault-injection hooks (tests only; see `SWITCHBOARD_TEST_*` in config.ts). */
  testHooks?: TurnTestHooks;
  /** Answer cache (src/learning/answer-cache.ts): replays QA-approved answers to repeated first questions. */
  answerCache?: AnswerCache;
}

/**
 * Test hooks of a turn: `delayMs` slows every turn before its reply is written (a worker can be
 * killed mid-turn); `crashAt: 'reply_escalation'` kills the process (SIGKILL) after the reply is
 * written and before its escalation, inside their transaction.
 */
export interface TurnTestHooks {
  delayMs?: number;
  crashAt?: 'reply_escalation';
}

/**
 * Outcome of one turn (for logs, tests and bench). `busy`: another worker holds the conversation's
 * turn lease and answers this message with its burst; `lease_lost`: the lease expired mid-turn
 * (frozen process) and another worker took over, so nothing was written.
 */
export type TurnOutcome =
  | 'replied'
  | 'escalated'
  | 'forwarded_to_human'
  | 'duplicate'
  | 'unknown_message'
  | 'busy'
  | 'lease_lost';

/** Create the `turn` job handler. */
export function createTurnProcessor(deps: TurnDeps) {
  const { db, bus, log, agents } = deps;
  const hooks = deps.testHooks ?? {};

  /** A job names one message; its turn answers every unprocessed message of the conversation, in order. */
  return async function processTurn(job: { messageId: string; conversationId: string }): Promise<TurnOutcome> {
    return runInConversationOrder(db, log, job.conversationId, answerBurst);
  };

  /** One round under the conversation's lease: the burst is answered once, replying to its latest message. */
  async function answerBurst({ conv, burst, stillOwner }: ConversationTurn): Promise<TurnOutcome> {
    const ids = burst.map((m) => m.id);
    if (conv.status === 'human') {
      for (const id of ids) await deps.escalations.customerMessageWhileHuman(conv.id, id);
      await markMessagesProcessed(db, ids);
      return 'forwarded_to_human';
    }
    const message = mergeBurst(burst);

    await bus.publish({ type: 'typing', conversationId: conv.id, on: true });
    // The reply itself ends "typing" for clients; only a turn without a reply publishes typing off.
    let replied = false;
    try {
      const { ctx, history } = await loadContext(deps, conv, message, burst[0] ?? message);
      // The answer cache serves only a first question without context (no history, one message, no
      // reference to an earlier conversation: "same problem as last week" relies on the customer's memory).
      const cache =
        history.length === 0 && burst.length === 1 && !refersBack(message.text) ? deps.answerCache : undefined;
      const query = { text: message.text, limits: ctx.limits };
      const hit = cache ? await cache.lookup(query).catch(() => null) : null;
      // Any agent failure (models down, a bug in a rule) decides an honest message and a human, never silence.
      const decision = hit ? cachedDecision(hit.reply) : await decideTurn(agents, ctx, { log });
      const { draft, verdict, text, escalation } = decision;
      if (hooks.delayMs) await new Promise((r) => setTimeout(r, hooks.delayMs));
      // A frozen worker whose lease expired must not answer what its successor now answers.
      if (!(await stillOwner())) return 'lease_lost';
      const opening = escalation && {
        conversationId: conv.id,
        reason: escalation.reason,
        priority: escalation.priority,
        department: draft.routing.department,
        summary: escalation.summary,
        packet: buildPacket({
          conv,
          history,
          text: message.text,
          routing: draft.routing,
          plan: escalation,
          draft,
          memory: ctx.memory,
        }),
      };
      // Reply, its delivery row and the escalation (with its first event and notice) commit together:
      // a crash in between leaves nothing, and the message, still unprocessed, is answered again.
      const written = await db.transaction(async (tx) => {
        const reply = await deps.conversations.postReply(
          {
            conversationId: conv.id,
            role: 'bot',
            text,
            replyTo: message.id,
            markProcessed: true,
            mergedIds: ids.filter((id) => id !== message.id),
            routing: draft.routing,
            qa: verdict,
            meta: replyMeta(decision),
          },
          { dispatch: false, tx },
        );
        if (!reply) return null;
        if (hooks.crashAt === 'reply_escalation') process.kill(process.pid, 'SIGKILL');
        return { ...reply, opened: opening ? await deps.escalations.openIn(tx, opening) : undefined };
      });
      if (!written) return 'duplicate';
      replied = true;
      if (cache && !hit && draft.kind === 'answer' && draft.answer && verdict.action !== 'escalate' && !escalation) {
        const reply = { text, routing: draft.routing, qa: verdict, answer: draft.answer, tiers: draft.tiers };
        void cache.store(query, reply).catch((err) => log.warn('answer cache store failed', { err }));
      }
      // Deliver from this worker right away; the outbox row + sweeper cover crashes, the queue retries.
      const sent = await deps.deliver(written.deliveryId).catch((err) => {
        log.warn('immediate delivery failed; queued', { err });
        return 'queue' as const;
      });
      if (sent === 'queue') await deps.conversations.dispatch(written.deliveryId);
      if (written.opened) {
        await deps.escalations.announce(written.opened);
        return 'escalated';
      }
      return 'replied';
    } finally {
      if (!replied) await bus.publish({ type: 'typing', conversationId: conv.id, on: false });
    }
  }
}

/** A cached answer as a turn's decision (no agent runs). */
function cachedDecision(r: CachedReply): Decision {
  return {
    draft: { routing: r.routing, kind: 'answer', text: r.text, answer: r.answer, tiers: ['cache'] },
    verdict: r.qa,
    text: r.text,
  };
}
