/**
 * One customer turn: handoff check -> guardrail + router (in parallel) -> specialist or escalation
 * -> synthesis -> QA -> reply + outbox row (+ escalation) in one transaction -> immediate delivery.
 */
import type {
  AgentContext,
  AgentSet,
  Brand,
  ChannelLimits,
  EscalationPlan,
  EscalationReason,
  KnowledgeBase,
  ModelCallRecorder,
  QaVerdict,
  ReplyKind,
  RoutingDecision,
  SpecialistAnswer,
} from '../core/index.js';
import { isSwitchboardError, publicKind } from '../core/index.js';
import type { ConversationService, EscalationService, EventBus, Logger } from '../core/services.js';
import type { Db } from '../db/db.js';
import type { AnswerCache, CachedReply } from '../learning/answer-cache.js';
import { buildContext, loadHistory, mergeBurst } from './context.js';
import { buildPacket } from './packet.js';
import { decideScope } from './scope.js';
import { type ConversationTurn, runInConversationOrder } from './turn-lease.js';
import { markMessagesProcessed } from './turn-queries.js';

/** Dependencies of the turn processor. */
export interface TurnDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  agents: AgentSet;
  kb: KnowledgeBase;
  /** Who the assistant speaks for. */
  brand?: () => Promise<Brand>;
  recorder: ModelCallRecorder;
  conversations: ConversationService;
  escalations: EscalationService;
  limitsFor(channel: string): ChannelLimits;
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
      const history = await loadHistory(db, conv, burst[0] ?? message);
      const ctx = buildContext({
        conv,
        message,
        history,
        limits: deps.limitsFor(conv.channel),
        kb: deps.kb,
        recorder: deps.recorder,
        brand: await deps.brand?.(),
      });
      // The answer cache serves only a first question without context (no history, one message).
      const cache = history.length === 0 && burst.length === 1 ? deps.answerCache : undefined;
      const query = { text: message.text, limits: ctx.limits };
      const hit = cache ? await cache.lookup(query).catch(() => null) : null;
      const { draft, verdict, text, escalation } = await (hit ? replay(hit.reply) : decide(agents, ctx)).catch(
        (err) => {
          // Any agent failure (models down, a bug in a rule): an honest message and a human, never silence.
          const failed = modelFailure(err, log);
          return { draft: failed, verdict: failedVerdict, text: failed.text, escalation: failed.escalation };
        },
      );
      if (hooks.delayMs) await new Promise((r) => setTimeout(r, hooks.delayMs));
      // A frozen worker whose lease expired must not answer what its successor now answers.
      if (!(await stillOwner())) return 'lease_lost';
      const opening = escalation && {
        conversationId: conv.id,
        reason: escalation.reason,
        priority: escalation.priority,
        department: draft.routing.department,
        summary: escalation.summary,
        packet: buildPacket({ conv, history, text: message.text, routing: draft.routing, plan: escalation, draft }),
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
            meta: replyMeta(draft, escalation !== undefined),
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

const failedVerdict: QaVerdict = { action: 'escalate', issues: ['pipeline_error'], tier: 'none' };

/** Draft, review and (when QA says so) escalate: everything a turn decides before writing. */
async function decide(agents: AgentSet, ctx: AgentContext) {
  const draft = await draftReply(agents, ctx);
  const verdict = await agents.qa.review(ctx, {
    routing: draft.routing,
    reply: draft.text,
    kind: draft.kind,
    answer: draft.answer,
  });
  let text = verdict.action === 'revise' && verdict.revisedText ? verdict.revisedText : draft.text;
  let escalation = draft.escalation;
  if (verdict.action === 'escalate' && !escalation) {
    escalation = await agents.escalation.plan(ctx, draft.routing, 'qa_escalated');
    text = escalation.customerMessage;
  }
  return { draft, verdict, text, escalation };
}

/** A cached answer as a turn's decision (no agent runs). */
async function replay(r: CachedReply) {
  const draft: Draft = { routing: r.routing, kind: 'answer', text: r.text, answer: r.answer, tiers: ['cache'] };
  return { draft, verdict: r.qa, text: r.text, escalation: undefined as EscalationPlan | undefined };
}

/** What the reply row records for clients (public `kind` and `sources`) and for stats. */
function replyMeta(draft: Draft, escalated: boolean) {
  const kind = escalated ? 'handoff' : publicKind(draft.kind);
  const sources = kind === 'answer' || kind === 'uncertain' ? (draft.answer?.sources ?? []) : [];
  return {
    kind,
    internalKind: draft.kind,
    sources,
    citations: sources.map((s) => s.id),
    evidence: draft.answer?.evidence,
    tiers: draft.tiers,
  };
}

/** A reply before QA. */
export interface Draft {
  routing: RoutingDecision;
  kind: ReplyKind;
  text: string;
  answer?: SpecialistAnswer;
  escalation?: EscalationPlan;
  tiers: string[];
}

async function draftReply(agents: AgentSet, ctx: AgentContext): Promise<Draft> {
  const [guard, routing] = await Promise.all([agents.guardrail.check(ctx), agents.router.route(ctx)]);
  const tiers = [guard.tier, routing.tier];
  if (!guard.allowed) {
    const out = await agents.synthesis.compose(ctx, { routing, kind: 'guardrail' });
    return { routing, kind: 'guardrail', text: out.text, tiers: [...tiers, out.tier] };
  }
  const escalate = async (hint?: EscalationReason, answer?: SpecialistAnswer): Promise<Draft> => {
    const plan = await agents.escalation.plan(ctx, routing, hint);
    const out = await agents.synthesis.compose(ctx, { routing, kind: 'escalation', escalation: plan });
    return {
      routing,
      kind: 'escalation',
      text: out.text,
      escalation: plan,
      answer,
      tiers: [...tiers, plan.tier, out.tier],
    };
  };
  const scope = await decideScope(ctx, routing);
  if (scope.route === 'escalate') return escalate(scope.reason);
  if (scope.route === 'decline') {
    const out = await agents.synthesis.compose(ctx, { routing, kind: 'out_of_scope' });
    return { routing, kind: 'out_of_scope', text: out.text, tiers: [...tiers, out.tier] };
  }
  const answer = await agents.specialists[scope.department].answer(ctx, routing);
  if (answer.needsHuman) return escalate('low_confidence', answer);
  const kind: ReplyKind = answer.outcome === 'uncertain' || answer.outcome === 'clarify' ? answer.outcome : 'answer';
  const out = await agents.synthesis.compose(ctx, { routing, kind, answer });
  return { routing, kind, text: out.text, answer, tiers: [...tiers, answer.tier, out.tier] };
}

/** Every model failed: an honest message and an escalation, never silence. */
function modelFailure(err: unknown, log: Logger): Draft {
  log.error('turn failed, escalating', { err, code: isSwitchboardError(err) ? err.code : undefined });
  const routing: RoutingDecision = {
    department: 'escalation',
    confidence: 0,
    complexity: 'complex',
    language: 'en',
    sentiment: 'neutral',
    reason: 'the assistant could not produce an answer',
    tier: 'none',
  };
  const text =
    "I'm sorry, I can't answer that reliably right now. I've passed your message to our support team and a person will follow up here.";
  return {
    routing,
    kind: 'escalation',
    text,
    tiers: [],
    escalation: {
      reason: 'model_failure',
      priority: 'high',
      summary: 'Automatic answer failed',
      customerMessage: text,
      tier: 'none',
    },
  };
}
