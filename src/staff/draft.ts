/**
 * AI-suggested draft for staff: runs the runtime's specialist agent (the escalation's department,
 * or the router's choice) on the last customer message, for the agent to edit before sending.
 * The draft is never sent by itself.
 */
import type { AgentContext, HistoryTurn, ModelCallRecorder, RoutingDecision } from '../core/index.js';
import type { Escalation } from '../core/services.js';
import type { Db } from '../db/db.js';
import { createKnowledgeBase } from '../kb/knowledge-base.js';
import type { Runtime } from '../runtime/runtime.js';

/** Result of {@link suggestDraft}. */
export interface DraftResult {
  text: string;
  department: 'technical' | 'billing' | 'product';
  citations: string[];
  grounding: number;
  tier: string;
  /** The customer message the draft answers (null when the customer has not written). */
  messageId: string | null;
}

const SPECIALISTS = ['technical', 'billing', 'product'] as const;
type SpecialistName = (typeof SPECIALISTS)[number];
const isSpecialist = (v: unknown): v is SpecialistName => SPECIALISTS.includes(v as SpecialistName);

/** Records draft model calls in model_calls so drafts count in cost reports. */
function dbRecorder(db: Db, log: Runtime['log']): ModelCallRecorder {
  return {
    async record(c) {
      await db
        .query(
          `INSERT INTO model_calls (conversation_id, message_id, agent, tier, model, tokens_in, tokens_out, cost_usd,
             latency_ms, cache_hit, outcome, error) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
          [
            c.conversationId ?? null,
            c.messageId ?? null,
            `staff-draft:${c.agent}`,
            c.tier,
            c.model,
            c.tokensIn,
            c.tokensOut,
            c.costUsd,
            c.latencyMs,
            c.cacheHit,
            c.outcome,
            c.error ?? null,
          ],
        )
        .catch((err) => log.warn('draft model call not recorded', { error: String(err) }));
    },
  };
}

/** Suggest a reply draft for an escalation. */
export async function suggestDraft(runtime: Runtime, escalation: Escalation): Promise<DraftResult> {
  const { db } = runtime;
  const r = await db.query<{ id: string; role: HistoryTurn['role']; text: string }>(
    `SELECT id, role, text FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT 12`,
    [escalation.conversationId],
  );
  const rows = r.rows.reverse();
  const lastCustomerIdx = rows.map((m) => m.role).lastIndexOf('customer');
  const last = lastCustomerIdx >= 0 ? rows[lastCustomerIdx] : undefined;
  const text = last?.text ?? escalation.summary;
  const adapter = [...runtime.adapters.values()][0];
  const ctx: AgentContext = {
    conversationId: escalation.conversationId,
    messageId: last?.id ?? escalation.id,
    text,
    history: rows.slice(0, Math.max(lastCustomerIdx, 0)).map((m) => ({ role: m.role, text: m.text })),
    limits: adapter?.limits ?? { maxMessageChars: 4000, supportsMarkdown: true },
    kb: createKnowledgeBase(db),
    recorder: dbRecorder(db, runtime.log),
  };
  let routing: RoutingDecision;
  try {
    routing = await runtime.agents.router.route(ctx);
  } catch {
    routing = {
      department: 'product',
      confidence: 0,
      complexity: 'simple',
      language: 'en',
      sentiment: 'neutral',
      reason: 'router unavailable for draft',
      tier: 'local',
    };
  }
  const department: SpecialistName = isSpecialist(escalation.department)
    ? escalation.department
    : isSpecialist(routing.department)
      ? routing.department
      : 'product';
  const answer = await runtime.agents.specialists[department].answer(ctx, { ...routing, department });
  return {
    text: answer.text,
    department,
    citations: answer.citations,
    grounding: answer.grounding,
    tier: answer.tier,
    messageId: last?.id ?? null,
  };
}
