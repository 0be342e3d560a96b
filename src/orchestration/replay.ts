/**
 * Replay one customer message through a whole agent chain (guardrail + router -> specialist or
 * escalation -> synthesis -> QA), the way the pipeline does, without storing anything.
 * Used by `bench --cost` to compare agent sets on the same messages.
 */
import type {
  AgentContext,
  AgentSet,
  EscalationPlan,
  ReplyKind,
  RoutingDecision,
  SpecialistAnswer,
} from '../core/agents.js';
import { isSwitchboardError } from '../core/errors.js';

/** How a replayed turn ended. */
export type ReplayOutcome = 'answered' | 'escalated' | 'out_of_scope' | 'blocked' | 'model_failure';

/** Result of {@link replayTurn}. */
export interface ReplayResult {
  outcome: ReplayOutcome;
  /** The router's decision (undefined when the turn failed before routing finished). */
  routing?: RoutingDecision;
  reply?: string;
  error?: string;
}

/** Run one message through `agents`. Never throws: a failed chain is outcome `model_failure`. */
export async function replayTurn(agents: AgentSet, ctx: AgentContext): Promise<ReplayResult> {
  let routing: RoutingDecision | undefined;
  try {
    const [guard, decided] = await Promise.all([agents.guardrail.check(ctx), agents.router.route(ctx)]);
    routing = decided;
    const r = decided;
    let kind: ReplyKind;
    let answer: SpecialistAnswer | undefined;
    let plan: EscalationPlan | undefined;
    if (!guard.allowed) kind = 'guardrail';
    else if (r.department === 'escalation') kind = 'escalation';
    else if (r.department === 'out_of_scope') kind = 'out_of_scope';
    else {
      answer = await agents.specialists[r.department].answer(ctx, r);
      kind = answer.needsHuman ? 'escalation' : 'answer';
    }
    if (kind === 'escalation')
      plan = await agents.escalation.plan(ctx, r, answer?.needsHuman ? 'low_confidence' : undefined);
    const draft = await agents.synthesis.compose(ctx, { routing: r, kind, answer, escalation: plan });
    const verdict = await agents.qa.review(ctx, { routing: r, reply: draft.text, kind, answer });
    let reply = verdict.action === 'revise' && verdict.revisedText ? verdict.revisedText : draft.text;
    if (verdict.action === 'escalate' && !plan) {
      plan = await agents.escalation.plan(ctx, r, 'qa_escalated');
      reply = plan.customerMessage;
    }
    const outcome: ReplayOutcome = plan
      ? 'escalated'
      : kind === 'guardrail'
        ? 'blocked'
        : kind === 'out_of_scope'
          ? 'out_of_scope'
          : 'answered';
    return { outcome, routing, reply };
  } catch (err) {
    return { outcome: 'model_failure', routing, error: isSwitchboardError(err) ? err.code : String(err) };
  }
}
