/**
 * An {@link AgentSet} seen as one step per agent: `(ctx, input) => result`. Agent declarations and
 * the tier policy work on steps (one shape for every agent); the pipeline keeps the role-shaped
 * `AgentSet`. {@link stepsOf} and {@link agentSetOf} convert between the two without changing anything.
 */
import type {
  AgentContext,
  AgentSet,
  EscalationPlan,
  EscalationReason,
  GuardrailResult,
  QaVerdict,
  ReplyKind,
  RoutingDecision,
  SpecialistAnswer,
} from './agents.js';

/** One agent's work on one turn. */
export type AgentStep<I, O> = (ctx: AgentContext, input: I) => Promise<O>;

/** Input of the escalation planner. */
export interface EscalationInput {
  routing: RoutingDecision;
  /** The reason the pipeline suggests. */
  hint?: EscalationReason;
}

/** Input of synthesis (same as `SynthesisAgent.compose`). */
export interface SynthesisInput {
  routing: RoutingDecision;
  kind: ReplyKind;
  answer?: SpecialistAnswer;
  escalation?: EscalationPlan;
}

/** Output of synthesis. */
export interface SynthesisResult {
  text: string;
  tier: string;
}

/** Input of QA (same as `QaAgent.review`). */
export interface QaInput {
  routing: RoutingDecision;
  reply: string;
  kind: ReplyKind;
  answer?: SpecialistAnswer;
}

/** Every agent of a turn by name, with its input and output. */
export interface AgentSteps {
  guardrail: AgentStep<undefined, GuardrailResult>;
  router: AgentStep<undefined, RoutingDecision>;
  technical: AgentStep<RoutingDecision, SpecialistAnswer>;
  billing: AgentStep<RoutingDecision, SpecialistAnswer>;
  product: AgentStep<RoutingDecision, SpecialistAnswer>;
  escalation: AgentStep<EscalationInput, EscalationPlan>;
  synthesis: AgentStep<SynthesisInput, SynthesisResult>;
  qa: AgentStep<QaInput, QaVerdict>;
}

/** Names of the agents of a turn. */
export type AgentName = keyof AgentSteps;

/** The agents of a turn, in the order the pipeline meets them. */
export const AGENT_NAMES = [
  'guardrail',
  'router',
  'technical',
  'billing',
  'product',
  'escalation',
  'synthesis',
  'qa',
] as const satisfies readonly AgentName[];

/** Input of agent `N`'s step. */
export type StepInput<N extends AgentName> = Parameters<AgentSteps[N]>[1];
/** Result of agent `N`'s step. */
export type StepOutput<N extends AgentName> = Awaited<ReturnType<AgentSteps[N]>>;

/** The steps of an agent set (each calls the set's agent; nothing else). */
export function stepsOf(set: AgentSet): AgentSteps {
  const { specialists: s } = set;
  return {
    guardrail: (ctx) => set.guardrail.check(ctx),
    router: (ctx) => set.router.route(ctx),
    technical: (ctx, routing) => s.technical.answer(ctx, routing),
    billing: (ctx, routing) => s.billing.answer(ctx, routing),
    product: (ctx, routing) => s.product.answer(ctx, routing),
    escalation: (ctx, { routing, hint }) => set.escalation.plan(ctx, routing, hint),
    synthesis: (ctx, input) => set.synthesis.compose(ctx, input),
    qa: (ctx, input) => set.qa.review(ctx, input),
  };
}

/** The agent set the pipeline runs, from one step per agent and what `describe()` reports. */
export function agentSetOf(steps: AgentSteps, describe: AgentSet['describe']): AgentSet {
  return {
    guardrail: { check: (ctx) => steps.guardrail(ctx, undefined) },
    router: { route: (ctx) => steps.router(ctx, undefined) },
    specialists: {
      technical: { department: 'technical', answer: (ctx, routing) => steps.technical(ctx, routing) },
      billing: { department: 'billing', answer: (ctx, routing) => steps.billing(ctx, routing) },
      product: { department: 'product', answer: (ctx, routing) => steps.product(ctx, routing) },
    },
    escalation: { plan: (ctx, routing, hint) => steps.escalation(ctx, { routing, hint }) },
    synthesis: { compose: (ctx, input) => steps.synthesis(ctx, input) },
    qa: { review: (ctx, input) => steps.qa(ctx, input) },
    describe,
  };
}
