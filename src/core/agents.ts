import type { CustomerMemory } from './memory.js';
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
  /** Bot turns: what kind of reply it was (answer, uncertain, ...). */
  kind?: string;
  /** Bot turns: ids of the articles it cited. */
  sources?: string[];
}

/** A knowledge-base article as agents see it. */
export interface KbArticle {
  id: string;
  title: string;
  body: string;
  department: string;
  /** Search rank from retrieval (higher is better), when it came from a search. */
  score?: number;
  /** Public link of the article (front matter `url`), when it has one. */
  url?: string | null;
  /** The passage of the body that matched the question best, when it came from a search. */
  passage?: string;
}

/**
 * How strong the knowledge base's evidence is for a question:
 * `confident` — one article clearly answers it; `ambiguous` — two articles are about equally
 * likely; `weak` — the closest article may help but is not a sure match; `none` — nothing close.
 */
export type EvidenceLevel = 'confident' | 'ambiguous' | 'weak' | 'none';

/** What retrieval found for one question. */
export interface Retrieval {
  /** Best first, at most `limit`. */
  candidates: KbArticle[];
  evidence: EvidenceLevel;
}

/** Options for a knowledge-base search. */
export interface KbSearchOptions {
  /** The router's department: a soft prior, never a filter. */
  department?: string;
  limit?: number;
  /** Articles the conversation was just about (follow-ups lean towards them). */
  topicIds?: string[];
}

/** Retrieval the agents may use (implemented in src/kb). */
export interface KnowledgeBase {
  /** Articles with at least weak evidence, best first. */
  search(query: string, options?: KbSearchOptions): Promise<KbArticle[]>;
  /** Ranked candidates plus how strong the evidence is. */
  retrieve(query: string, options?: KbSearchOptions): Promise<Retrieval>;
}

/** A knowledge base with no articles (for agents that never search, eval and tests). */
export const EMPTY_KNOWLEDGE_BASE: KnowledgeBase = {
  search: async () => [],
  retrieve: async () => ({ candidates: [], evidence: 'none' }),
};

/** Who the assistant speaks for (configuration, or derived from the knowledge base). */
export interface Brand {
  /** Company or product name (`BRAND_NAME`); empty = say "the support assistant". */
  name: string;
  /** The assistant's name (`ASSISTANT_NAME`). */
  assistantName: string;
  /** What it helps with (`SUPPORT_TOPICS`, or the KB's most common topics). */
  topics: string[];
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
  /** Who the assistant speaks for (default: no name, generic topics). */
  brand?: Brand;
  /** What is remembered of the customer from earlier conversations (absent: nothing known). */
  memory?: CustomerMemory;
}

/** An article a reply quotes, as customers see it. */
export interface ReplySource {
  id: string;
  title: string;
  url?: string;
}

/** A specialist's draft answer. */
export interface SpecialistAnswer {
  text: string;
  /**
   * `answer`: grounded in the KB; `uncertain`: the KB does not clearly answer it (says so, offers
   * a person); `clarify`: asks the customer for details. Default `answer`.
   */
  outcome?: 'answer' | 'uncertain' | 'clarify';
  /** How strong the retrieval evidence was, when the answer came from a search. */
  evidence?: EvidenceLevel;
  /** Article ids the answer is grounded in. */
  citations: string[];
  /** The cited articles with title and link (for the customer). */
  sources?: ReplySource[];
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
export type ReplyKind = 'answer' | 'uncertain' | 'escalation' | 'out_of_scope' | 'guardrail' | 'clarify';

/** What customers' clients see as a bot message's `kind` (public contract). */
export type PublicReplyKind = 'answer' | 'uncertain' | 'handoff' | 'declined' | 'blocked' | 'clarify' | 'notice';

/** Map an internal reply kind to the public one. */
export function publicKind(kind: ReplyKind): PublicReplyKind {
  const map: Record<ReplyKind, PublicReplyKind> = {
    answer: 'answer',
    uncertain: 'uncertain',
    escalation: 'handoff',
    out_of_scope: 'declined',
    guardrail: 'blocked',
    clarify: 'clarify',
  };
  return map[kind];
}

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

/** Every agent the pipeline needs for a turn (local set, or the tiered set of src/tiers). */
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
