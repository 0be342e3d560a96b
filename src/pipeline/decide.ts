/**
 * The decision step of a customer turn, and the only one: guardrail + router (in parallel) -> scope
 * (src/pipeline/scope.ts: the knowledge base's evidence decides answer / decline / escalate) ->
 * specialist or escalation plan -> synthesis -> QA (-> an escalation when QA says so).
 *
 * Pure: an agent set and an AgentContext in, a {@link Decision} out; nothing is stored. The worker
 * (turn.ts, and through it `chat` and `eval answers`), `bench --cost` and the staff AI draft run it.
 */
import type {
  AgentContext,
  AgentSet,
  EscalationPlan,
  EscalationReason,
  QaVerdict,
  ReplyKind,
  RoutingDecision,
  SpecialistAnswer,
} from '../core/index.js';
import { isSwitchboardError, publicKind } from '../core/index.js';
import type { Logger } from '../core/services.js';
import { decideScope, type ScopeDecision } from './scope.js';

/** A reply before QA. */
export interface Draft {
  routing: RoutingDecision;
  kind: ReplyKind;
  text: string;
  answer?: SpecialistAnswer;
  escalation?: EscalationPlan;
  /** Tier of each step that ran (local, fast, strong, none, cache). */
  tiers: string[];
}

/** Everything a turn decides before writing: the draft, QA's verdict, the text sent, the escalation. */
export interface Decision {
  draft: Draft;
  verdict: QaVerdict;
  /** The reply the customer gets (QA's revision, or the escalation's message when QA escalated). */
  text: string;
  escalation?: EscalationPlan;
  /** Set when an agent failed and the decision is the honest fallback ({@link decideTurn}). */
  failure?: { code: string; routing?: RoutingDecision };
}

/** Options of {@link decide}. */
export interface DecideOptions {
  /** Where the turn goes once routed (default {@link decideScope}). */
  scope?: (ctx: AgentContext, routing: RoutingDecision) => Promise<ScopeDecision>;
  /**
   * False when a person already owns the conversation (the staff AI draft): no escalation is
   * planned, an unsure specialist's answer is still drafted, QA's escalate keeps the text. Default true.
   */
  handOff?: boolean;
}

/** Draft, review and (when QA says so and `handOff`) escalate. Throws when an agent fails. */
export async function decide(agents: AgentSet, ctx: AgentContext, options: DecideOptions = {}): Promise<Decision> {
  const handOff = options.handOff ?? true;
  const draft = await draftReply(agents, ctx, options);
  const verdict = await agents.qa.review(ctx, {
    routing: draft.routing,
    reply: draft.text,
    kind: draft.kind,
    answer: draft.answer,
  });
  let text = verdict.action === 'revise' && verdict.revisedText ? verdict.revisedText : draft.text;
  let escalation = draft.escalation;
  if (verdict.action === 'escalate' && !escalation && handOff) {
    escalation = await agents.escalation.plan(ctx, draft.routing, 'qa_escalated');
    text = escalation.customerMessage;
  }
  return { draft, verdict, text, escalation };
}

/**
 * {@link decide} that never throws: when an agent fails (models down, a bug in a rule) the decision
 * is an honest message and an escalation ({@link modelFailure}), with `failure` saying why and the
 * router's decision when routing had finished.
 */
export async function decideTurn(
  agents: AgentSet,
  ctx: AgentContext,
  options: DecideOptions & { log?: Pick<Logger, 'error'> } = {},
): Promise<Decision> {
  const seen: { routing?: RoutingDecision } = {};
  const watched: AgentSet = {
    ...agents,
    router: {
      async route(c) {
        seen.routing = await agents.router.route(c);
        return seen.routing;
      },
    },
  };
  try {
    return await decide(watched, ctx, options);
  } catch (err) {
    const code = isSwitchboardError(err) ? err.code : 'agent_error';
    options.log?.error('turn failed, escalating', { err, code });
    const draft = modelFailure();
    return {
      draft,
      verdict: FAILED_VERDICT,
      text: draft.text,
      escalation: draft.escalation,
      failure: { code, ...(seen.routing ? { routing: seen.routing } : {}) },
    };
  }
}

/** QA's verdict on a failed turn. */
const FAILED_VERDICT: QaVerdict = { action: 'escalate', issues: ['pipeline_error'], tier: 'none' };

/** How a decision ends, in the words of `bench --cost`. */
export type DecisionOutcome = 'answered' | 'escalated' | 'out_of_scope' | 'blocked' | 'model_failure';

/** Classify a decision (model_failure > escalated > blocked > out_of_scope > answered). */
export function decisionOutcome(d: Decision): DecisionOutcome {
  if (d.failure) return 'model_failure';
  if (d.escalation) return 'escalated';
  if (d.draft.kind === 'guardrail') return 'blocked';
  if (d.draft.kind === 'out_of_scope') return 'out_of_scope';
  return 'answered';
}

/** What the reply row records for clients (public `kind` and `sources`) and for stats. */
export function replyMeta(d: Pick<Decision, 'draft' | 'escalation'>) {
  const { draft } = d;
  const kind = d.escalation ? 'handoff' : publicKind(draft.kind);
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

/** The reply before QA: guardrail + router -> scope -> specialist, escalation or decline -> synthesis. */
export async function draftReply(agents: AgentSet, ctx: AgentContext, options: DecideOptions = {}): Promise<Draft> {
  const handOff = options.handOff ?? true;
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
  const scope = await (options.scope ?? decideScope)(ctx, routing);
  if (scope.route === 'escalate') return escalate(scope.reason);
  if (scope.route === 'decline') {
    const out = await agents.synthesis.compose(ctx, { routing, kind: 'out_of_scope' });
    return { routing, kind: 'out_of_scope', text: out.text, tiers: [...tiers, out.tier] };
  }
  const answer = await agents.specialists[scope.department].answer(ctx, routing);
  if (answer.needsHuman && handOff) return escalate('low_confidence', answer);
  const kind: ReplyKind = answer.outcome === 'uncertain' || answer.outcome === 'clarify' ? answer.outcome : 'answer';
  const out = await agents.synthesis.compose(ctx, { routing, kind, answer });
  return { routing, kind, text: out.text, answer, tiers: [...tiers, answer.tier, out.tier] };
}

/** Every model failed: an honest message and an escalation (reason model_failure), never silence. */
export function modelFailure(): Draft {
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
