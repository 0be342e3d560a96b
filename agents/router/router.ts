/**
 * The offline `local` router: a TF-IDF + logistic-regression classifier trained on the shipped
 * examples at start-up (or a model trained by `switchboard router train`), plus hand-written
 * signals for language, sentiment and complexity.
 */
import type { AgentContext, Department, RouterAgent, RoutingDecision } from '../../src/core/agents.js';
import { loadShippedExamples } from './examples/index.js';
import { detectLanguage } from './language.js';
import { type CompiledModel, compileModel, predict, type RouterModel, topFeatures, trainRouterModel } from './model.js';
import { explainRouting } from './reason.js';
import { detectComplexity, detectSentiment } from './signals.js';

/** Options for {@link createLocalRouter}. */
export interface LocalRouterOptions {
  /** A trained model (e.g. from `loadLatestRouterModel(db)`); default: trained from the shipped examples. */
  model?: RouterModel | null;
}

/** The local router: async `route` for the pipeline and sync `classify` for eval and bench. */
export interface LocalRouter extends RouterAgent {
  classify(text: string): RoutingDecision;
  /** The model in use. */
  readonly model: RouterModel;
}

let shipped: CompiledModel | undefined;

/** The model trained from the shipped examples (trained once per process, ~1 s). */
export function shippedModel(): RouterModel {
  shipped ??= compileModel(trainRouterModel(loadShippedExamples()));
  return shipped.model;
}

/** Create the local router. Without a model it trains on the shipped examples (once per process). */
export function createLocalRouter(options: LocalRouterOptions = {}): LocalRouter {
  let compiled: CompiledModel;
  if (options.model) compiled = compileModel(options.model);
  else {
    shippedModel();
    compiled = shipped!;
  }
  const departments = compiled.model.departments;
  function classify(text: string): RoutingDecision {
    const clean = text.trim();
    if (clean === '') {
      return {
        department: 'out_of_scope',
        confidence: 0,
        complexity: 'simple',
        language: 'en',
        sentiment: 'neutral',
        reason: 'empty message',
        tier: 'local',
      };
    }
    const { probs, vec } = predict(compiled, clean);
    let best = 0;
    for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k;
    const department = departments[best] as Department;
    const top = topFeatures(compiled, vec, best, 5);
    return {
      department,
      confidence: Math.round(probs[best]! * 1000) / 1000,
      complexity: detectComplexity(clean),
      language: detectLanguage(clean),
      sentiment: detectSentiment(clean),
      reason: explainRouting(department, clean, top),
      tier: 'local',
    };
  }
  return {
    model: compiled.model,
    classify,
    async route(ctx: AgentContext) {
      return classify(ctx.text);
    },
  };
}
