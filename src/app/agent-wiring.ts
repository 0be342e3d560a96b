/**
 * Choose the agent set: local (offline) by default; when a model is configured, the tiered set
 * (src/tiers: local first, a model tier when an agent's declaration asks for one).
 */
import { createLocalAgentSet } from '../../agents/local-agent-set.js';
import { createLearningRouter, kbTrainingRows } from '../../agents/router/index.js';
import type { Config } from '../config.js';
import type { AgentSet, ModelCallRecorder } from '../core/index.js';
import type { Logger } from '../core/services.js';
import type { Db } from '../db/db.js';
import type { SearchableKnowledgeBase } from '../kb/index.js';
import type { Drafter } from '../learning/suggestions.js';
import { loadLatestRouterModel, loadOperatorExamples, OPERATOR_WEIGHT } from '../router-training/store.js';

/** True when a model endpoint is configured (fast or strong tier). */
export function modelsConfigured(config: Config): boolean {
  return Boolean(config.OPENAI_BASE_URL || config.OPENAI_API_KEY) && Boolean(config.MODEL_FAST || config.MODEL_STRONG);
}

/** Options of {@link createAgents} beyond configuration. */
export interface CreateAgentsOptions {
  /** Checked before each paid model call (the daily model budget); throwing skips the call. */
  admit?: (req: { agent: string; conversationId?: string }) => Promise<void>;
  /** The knowledge base the router learns (the operator's articles, not the demo). */
  kb?: SearchableKnowledgeBase;
}

/** Build the agent set for a runtime. */
export async function createAgents(
  config: Config,
  db: Db,
  recorder: ModelCallRecorder,
  log: Logger,
  options: CreateAgentsOptions = {},
): Promise<AgentSet> {
  const model = await loadLatestRouterModel(db);
  const { kb } = options;
  const router = createLearningRouter({
    initial: model,
    // The operator's own articles (+ their `router train` history); the demo is covered by the shipped examples.
    rows: async () => {
      if (!kb) return null;
      const s = await kb.retriever.state();
      const articles = s.index.articles.filter((a) => a.source !== 'demo');
      if (articles.length === 0) return null;
      const operator = await loadOperatorExamples(db);
      return {
        key: `${s.version}:${operator.length}`,
        rows: [...kbTrainingRows(articles), ...operator.map((r) => ({ ...r, weight: OPERATOR_WEIGHT }))],
      };
    },
    onError: (err) => log.warn('router could not learn the knowledge base', { err }),
  });
  await router.refresh();
  const local = createLocalAgentSet({ router });
  if (!modelsConfigured(config)) return local;
  // LangChain loads only when a model is configured.
  const { createModelGateway } = await import('../models/gateway.js');
  const { createTieredAgentSet } = await import('../tiers/tiered-agent-set.js');
  const { policyFromConfig } = await import('../tiers/policy.js');
  const gateway = createModelGateway(config, recorder, { admit: options.admit });
  return createTieredAgentSet({
    local,
    gateway,
    policy: policyFromConfig(config),
    onDegraded: (step, err) => log.warn('model step degraded to a cheaper tier', { step, err }),
  });
}

/**
 * The drafter of suggested articles: a fast-tier model writing `{ title, body }` when a model is
 * configured (src/learning/model-drafter.ts), else undefined (offline drafts). Its calls are
 * admitted and recorded like the agents' (daily budget, model_calls).
 */
export async function createArticleDrafter(
  config: Config,
  recorder: ModelCallRecorder,
  options: Pick<CreateAgentsOptions, 'admit'> = {},
): Promise<Drafter | undefined> {
  if (!modelsConfigured(config)) return undefined;
  const { createModelGateway } = await import('../models/gateway.js');
  const { createModelDrafter } = await import('../learning/model-drafter.js');
  const gateway = createModelGateway(config, recorder, { admit: options.admit });
  return createModelDrafter({ gateway, brand: config.BRAND_NAME });
}
