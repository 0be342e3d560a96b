import type { ChannelLimits } from './messages.js';
import type { ModelCallRecorder } from './models.js';

/** Departments the router can choose. */
export const DEPARTMENTS = ['technical', 'billing', 'product', 'escalation', 'out_of_scope'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export type Complexity = 'simple' | 'complex';
export type Sentiment = 'positive' | 'neutral' | 'negative' | 'angry';

/** What the router decided about one customer message. */
export interface RoutingDecision {
  department: Department;
  /** 0..1 */
  confidence: number;
  complexity: Complexity;
  /** ISO 639-1 code, e.g. "en". */
  language: string;
  sentiment: Sentiment;
  reason: string;
  /** Which tier produced the decision (local, fast, strong). */
  tier: string;
}

/** One turn of history an agent can see (no channel identity). */
export interface HistoryTurn {
  role: 'customer' | 'bot' | 'staff' | 'system';
  text: string;
}

/** A knowledge-base article as agents see it. */
export interface KbArticle {
  id: string;
  title: string;
  body: string;
  department: string;
  /** Search rank from retrieval (higher is better), when it came from a search. */
  score?: number;
}

/** Retrieval the agents may use (implemented in src/kb). */
export interface KnowledgeBase {
  search(query: string, options?: { department?: string; limit?: number }): Promise<KbArticle[]>;
}

/** Input every agent gets for a turn. */
export interface AgentContext {
  conversationId: string;
  messageId: string;
  text: string;
  history: HistoryTurn[];
  limits: ChannelLimits;
  kb: KnowledgeBase;
  /** Records model calls for cost accounting. */
  recorder: ModelCallRecorder;
}

/** A specialist's draft answer. */
export interface SpecialistAnswer {
  text: string;
  /** Article ids the answer is grounded in. */
  citations: string[];
  /** 0..1: how well the knowledge base supports the answer. */
  grounding: number;
  /** The specialist thinks a human should take over. */
  needsHuman: boolean;
  tier: string;
}

export type QaAction = 'approve' | 'revise' | 'escalate';

/** The QA agent's verdict on a reply, stored with the reply. */
export interface QaVerdict {
  action: QaAction;
  issues: string[];
  /** Revised text when action is revise (the reply that will be sent). */
  revisedText?: string;
  tier: string;
}

/** Result of the input guardrail (runs beside routing). */
export interface GuardrailResult {
  allowed: boolean;
  /** Why it tripped: prompt_injection, abuse, too_long, irrelevant... */
  reason?: string;
  tier: string;
}

/** Why a conversation went to a human. */
export const ESCALATION_REASONS = [
  'customer_request',
  'qa_escalated',
  'low_confidence',
  'angry_customer',
  'security_incident',
  'model_failure',
  'legal_threat',
  'other',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** What the escalation agent decides (the pipeline opens the escalation row). */
export interface EscalationPlan {
  reason: EscalationReason;
  priority: Priority;
  /** Short summary for the handoff packet. */
  summary: string;
  /** What the bot tells the customer. */
  customerMessage: string;
  tier: string;
}

/** What kind of reply synthesis is writing. */
export type ReplyKind = 'answer' | 'escalation' | 'out_of_scope' | 'guardrail' | 'clarify';

/** Input guardrail (prompt injection, abuse, irrelevance). Runs in parallel with routing. */
export interface GuardrailAgent {
  check(ctx: AgentContext): Promise<GuardrailResult>;
}
/** Routing agent. */
export interface RouterAgent {
  route(ctx: AgentContext): Promise<RoutingDecision>;
}
/** Technical / billing / product agent. */
export interface SpecialistAgent {
  readonly department: 'technical' | 'billing' | 'product';
  answer(ctx: AgentContext, routing: RoutingDecision): Promise<SpecialistAnswer>;
}
/** Escalation agent. */
export interface EscalationAgent {
  plan(ctx: AgentContext, routing: RoutingDecision, hint?: EscalationReason): Promise<EscalationPlan>;
}
/** Synthesis: one reply in the customer's language, tone and channel format. */
export interface SynthesisAgent {
  compose(
    ctx: AgentContext,
    input: { routing: RoutingDecision; kind: ReplyKind; answer?: SpecialistAnswer; escalation?: EscalationPlan },
  ): Promise<{ text: string; tier: string }>;
}
/** QA: reviews every reply before it is sent. */
export interface QaAgent {
  review(
    ctx: AgentContext,
    input: { routing: RoutingDecision; reply: string; kind: ReplyKind; answer?: SpecialistAnswer },
  ): Promise<QaVerdict>;
}

/** Every agent the pipeline needs for a turn (local set, or the model-orchestrated set). */
export interface AgentSet {
  guardrail: GuardrailAgent;
  router: RouterAgent;
  specialists: Record<'technical' | 'billing' | 'product', SpecialistAgent>;
  escalation: EscalationAgent;
  synthesis: SynthesisAgent;
  qa: QaAgent;
  /** Which tiers this set may use, for /healthz. */
  describe(): { tiers: string[]; models: Record<string, string> };
}
