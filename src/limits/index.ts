/**
 * Abuse limits and budgets of a process: widget limits + daily model budget on one limiter store
 * (Redis when REDIS_URL is set, memory otherwise).
 */
import type { Config } from '../config.js';
import type { Logger } from '../core/services.js';
import type { Queryable } from '../db/db.js';
import { createCustomerKeyLookup } from './customer-store.js';
import { createLimiterStore, type LimiterStore } from './limiter-store.js';
import { createModelBudget, type ModelBudget, type ModelBudgetDescription } from './model-budget.js';
import { createWidgetLimits, type WidgetLimits, type WidgetLimitsDescription } from './widget-limits.js';

export { meteredRecorder } from './model-budget.js';
export { consumeOrThrow } from './widget-limits.js';
export type { ModelBudget, WidgetLimits };

/** What the staff stats show. */
export interface LimitsDescription {
  widget: WidgetLimitsDescription;
  modelBudget: ModelBudgetDescription;
}

/** The limits of one process. */
export interface AbuseLimits {
  /** Where the counters live (other limits, e.g. staff login throttling, may share it). */
  store: LimiterStore;
  widget: WidgetLimits;
  budget: ModelBudget;
  describe(): Promise<LimitsDescription>;
  close(): Promise<void>;
}

/** Options of {@link createAbuseLimits}. */
export interface AbuseLimitsOptions {
  config: Config;
  db: Queryable;
  log: Logger;
  /** Counter key prefix (tests and bench use a unique one). */
  prefix?: string;
  /** Called on each budget refusal (metrics). */
  onBudgetRefused?: (scope: 'customer' | 'global') => void;
}

/** Create the limits for a runtime. */
export function createAbuseLimits(options: AbuseLimitsOptions): AbuseLimits {
  const { config, db, log } = options;
  const store = createLimiterStore({ redisUrl: config.REDIS_URL, prefix: options.prefix });
  const widget = createWidgetLimits(config, store);
  const budget = createModelBudget({
    config,
    store,
    customerOf: createCustomerKeyLookup(db),
    log,
    onRefused: options.onBudgetRefused,
  });
  return {
    store,
    widget,
    budget,
    async describe() {
      return { widget: widget.describe(), modelBudget: await budget.describe() };
    },
    close: () => store.close(),
  };
}
