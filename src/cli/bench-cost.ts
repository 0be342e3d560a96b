/**
 * `switchboard bench --cost --file <labeled.jsonl> [--sample N]`: run labeled customer messages
 * through the worker's own decision step (src/pipeline/decide.ts: guardrail + router -> scope ->
 * specialist or escalation -> synthesis -> QA, nothing stored) against the configured model server, once with the cost-aware
 * policy set and once with a naive baseline (every agent on the strong tier), on an in-memory
 * PGlite seeded with the knowledge base. Prints calls and cost per message, the share of messages
 * settled on each tier, routing accuracy, and as the last line
 * `calls_per_message=<x> cost_per_message_usd=<y> baseline_cost_per_message_usd=<z> cost_ratio=<y/z>`.
 */
import { createLocalAgentSet } from '../../agents/local-agent-set.js';
import { createLocalRouter } from '../../agents/router/index.js';
import type { Config } from '../config.js';
import type { AgentSet, KnowledgeBase } from '../core/agents.js';
import { badRequest } from '../core/errors.js';
import type { ModelCallRecord } from '../core/models.js';
import { createDb } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createKnowledgeBase, seedIfEmpty } from '../kb/index.js';
import { createModelGateway } from '../models/gateway.js';
import { createMemoryRecorder } from '../models/recorder.js';
import { buildContext } from '../pipeline/context.js';
import { type DecisionOutcome, decideTurn, decisionOutcome } from '../pipeline/decide.js';
import { type LabeledRow, readLabeledJsonl, splitRows } from '../router-training/labeled-file.js';
import { createModelAgentSet } from '../tiers/model-agent-set.js';
import { policyFromConfig } from '../tiers/policy.js';
import { createTieredAgentSet } from '../tiers/tiered-agent-set.js';

/** Options of {@link runBenchCost}. */
export interface BenchCostOptions {
  file: string;
  /** Messages replayed (default 200; the whole file when larger). */
  sample?: number;
  config: Config;
  /** Report lines (default stdout). */
  out?: (line: string) => void;
  /** Messages in flight at once (default 8). */
  concurrency?: number;
  /** The local set the policy set wraps (default createLocalAgentSet with the shipped local router). */
  local?: AgentSet;
}

/** Numbers of one agent set over the sample. */
export interface BenchRunStats {
  messages: number;
  calls: number;
  failedCalls: number;
  costUsd: number;
  callsPerMessage: number;
  costPerMessageUsd: number;
  /** Share of messages whose most expensive successful call was on each tier (local = no model call). */
  settled: Record<'local' | 'fast' | 'strong', number>;
  routingAccuracy: number;
  lenientAccuracy: number;
  outcomes: Record<DecisionOutcome, number>;
  /** Calls per agent (router, guardrail, technical, qa...). */
  callsByAgent: Record<string, number>;
  /** Failed calls per failure kind (timeout, server, rate_limit, malformed...). */
  errorsByKind: Record<string, number>;
}

/** Result of {@link runBenchCost}. */
export interface BenchCostResult {
  policy: BenchRunStats;
  baseline: BenchRunStats;
  costRatio: number;
}

const TIER_RANK = { local: 0, fast: 1, vision: 2, strong: 2 } as const;

/** Decide every row with `set` (the worker's decision step) and count what happened. */
async function runSet(
  set: AgentSet,
  rows: LabeledRow[],
  kb: KnowledgeBase,
  calls: ModelCallRecord[],
  concurrency: number,
): Promise<BenchRunStats> {
  const outcomes: Record<DecisionOutcome, number> = {
    answered: 0,
    escalated: 0,
    out_of_scope: 0,
    blocked: 0,
    model_failure: 0,
  };
  let correct = 0;
  let lenient = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const row = rows[i]!;
      const ctx = buildContext({ conversationId: `bench-${i}`, messageId: `bench-${i}`, text: row.text, kb });
      const d = await decideTurn(set, ctx);
      outcomes[decisionOutcome(d)]++;
      const dept = (d.failure ? d.failure.routing : d.draft.routing)?.department;
      if (dept === row.department) correct++;
      if (dept === row.department || (dept !== undefined && dept === row.altDepartment)) lenient++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));

  const settledTier = new Map<string, 'fast' | 'strong'>();
  for (const c of calls) {
    if (c.outcome === 'error' || !c.messageId || c.tier === 'local') continue;
    const tier = c.tier === 'fast' ? 'fast' : 'strong';
    const prev = settledTier.get(c.messageId);
    if (!prev || TIER_RANK[tier] > TIER_RANK[prev]) settledTier.set(c.messageId, tier);
  }
  const n = rows.length;
  const settled = { local: 0, fast: 0, strong: 0 };
  for (let i = 0; i < n; i++) settled[settledTier.get(`bench-${i}`) ?? 'local']++;
  const costUsd = calls.reduce((s, c) => s + c.costUsd, 0);
  return {
    messages: n,
    calls: calls.length,
    failedCalls: calls.filter((c) => c.outcome === 'error').length,
    costUsd,
    callsPerMessage: calls.length / n,
    costPerMessageUsd: costUsd / n,
    settled: { local: settled.local / n, fast: settled.fast / n, strong: settled.strong / n },
    routingAccuracy: correct / n,
    lenientAccuracy: lenient / n,
    outcomes,
    callsByAgent: countBy(calls, (c) => c.agent),
    errorsByKind: countBy(
      calls.filter((c) => c.outcome === 'error'),
      (c) => (c.error ?? 'error').split(/[ :]/)[0] ?? 'error',
    ),
  };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function describeRun(name: string, s: BenchRunStats): string {
  const o = Object.entries(s.outcomes)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return (
    `${name.padEnd(9)} calls/message=${s.callsPerMessage.toFixed(3)} cost/message=$${s.costPerMessageUsd.toFixed(8)} ` +
    `failed_calls=${s.failedCalls} settled local=${pct(s.settled.local)} fast=${pct(s.settled.fast)} strong=${pct(s.settled.strong)} ` +
    `routing_accuracy=${s.routingAccuracy.toFixed(3)} lenient=${s.lenientAccuracy.toFixed(3)} | ${o}\n` +
    `${''.padEnd(9)} calls by agent: ${JSON.stringify(s.callsByAgent)} errors: ${JSON.stringify(s.errorsByKind)}`
  );
}

/** Run the cost benchmark and print the report (see the module comment). */
export async function runBenchCost(options: BenchCostOptions): Promise<BenchCostResult> {
  const { config, concurrency = 8 } = options;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const file = await readLabeledJsonl(options.file);
  if (file.rows.length === 0) throw badRequest('empty_file', `${options.file} has no labeled rows`);
  const want = Math.min(options.sample ?? 200, file.rows.length);
  const rows = want === file.rows.length ? file.rows : splitRows(file.rows, want / file.rows.length, 42).train;

  const db = await createDb({ dataDir: 'memory://' });
  try {
    await migrate(db);
    await seedIfEmpty(db);
    const kb = createKnowledgeBase(db);
    const local = options.local ?? createLocalAgentSet({ router: createLocalRouter() });

    const policyCalls = createMemoryRecorder();
    const gateway = createModelGateway(config, policyCalls);
    if (!gateway.available('fast') || !gateway.available('strong')) {
      throw badRequest(
        'models_not_configured',
        'bench --cost needs OPENAI_BASE_URL (or OPENAI_API_KEY), MODEL_FAST and MODEL_STRONG',
      );
    }
    const policySet = createTieredAgentSet({ local, gateway, policy: policyFromConfig(config) });
    const baselineCalls = createMemoryRecorder();
    const baselineSet = createModelAgentSet({ gateway: createModelGateway(config, baselineCalls), tier: 'strong' });

    out(`bench --cost: ${rows.length} messages from ${options.file}; models ${JSON.stringify(gateway.models())}`);
    const policy = await runSet(policySet, rows, kb, policyCalls.calls, concurrency);
    out(describeRun('policy', policy));
    const baseline = await runSet(baselineSet, rows, kb, baselineCalls.calls, concurrency);
    out(describeRun('baseline', baseline));
    const costRatio = baseline.costPerMessageUsd > 0 ? policy.costPerMessageUsd / baseline.costPerMessageUsd : 0;
    out(
      `calls_per_message=${policy.callsPerMessage.toFixed(3)} cost_per_message_usd=${policy.costPerMessageUsd.toFixed(8)} ` +
        `baseline_cost_per_message_usd=${baseline.costPerMessageUsd.toFixed(8)} cost_ratio=${costRatio.toFixed(4)}`,
    );
    return { policy, baseline, costRatio };
  } finally {
    await db.close();
  }
}
