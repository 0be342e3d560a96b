/**
 * Daily model budgets (OWASP LLM10): tokens (in + out) per customer and for everyone together per
 * UTC day, counted from every recorded model call (Redis when REDIS_URL is set, so ingress and
 * worker processes share the count). Checked at the widget API before a message is stored (429
 * `budget_exceeded` with a clear message) and by the model gateway before each paid call (the
 * agents then fall back to the free local tier). The first refusal of the day per key is logged
 * for staff (warn per customer, error for the global budget) and counted in /metrics.
 */
import type { Config } from '../config.js';
import { SwitchboardError } from '../core/errors.js';
import type { ModelCallRecord, ModelCallRecorder } from '../core/models.js';
import type { Logger } from '../core/services.js';
import type { CustomerKeyLookup } from './customer-store.js';
import type { LimiterStore } from './limiter-store.js';

/** Budget figures for the staff stats. */
export interface ModelBudgetDescription {
  tokensPerCustomerPerDay: number;
  tokensPerDay: number;
  usedToday: number;
}

/** The daily model budget. */
export interface ModelBudget {
  /** Throws 429 `budget_exceeded` when `customerKey` (`channel:externalId`) or everyone is over budget. */
  assertCustomer(customerKey: string): Promise<void>;
  /** The same for a conversation's customer (the gateway's check before a paid call). */
  assertConversation(conversationId: string | undefined): Promise<void>;
  /** Count `tokens` against the conversation's customer and the global budget. */
  spend(conversationId: string | undefined, tokens: number): Promise<void>;
  describe(): Promise<ModelBudgetDescription>;
}

/** Options of {@link createModelBudget}. */
export interface ModelBudgetOptions {
  config: Pick<Config, 'MODEL_TOKENS_PER_CUSTOMER_PER_DAY' | 'MODEL_TOKENS_PER_DAY'>;
  store: LimiterStore;
  customerOf: CustomerKeyLookup;
  log: Logger;
  /** Called on each refusal (metrics). */
  onRefused?: (scope: 'customer' | 'global') => void;
  /** Clock (tests). */
  now?: () => number;
}

const DAY_MS = 86_400_000;
// Large enough that penalty() never trips rate-limiter-flexible; the budgets compare consumedPoints.
const NO_CAP = Number.MAX_SAFE_INTEGER;

/** Create the budget. Limits of 0 are off. */
export function createModelBudget(options: ModelBudgetOptions): ModelBudget {
  const { store, customerOf, log } = options;
  const perCustomer = options.config.MODEL_TOKENS_PER_CUSTOMER_PER_DAY;
  const global = options.config.MODEL_TOKENS_PER_DAY;
  const now = options.now ?? Date.now;
  const counter = store.limiter({ name: 'model-tokens', points: NO_CAP, durationS: 2 * 86_400 });
  const alerted = new Set<string>();
  const day = () => new Date(now()).toISOString().slice(0, 10);
  const untilMidnight = () => DAY_MS - (now() % DAY_MS);
  const used = async (key: string) => (await counter.get(`${day()}:${key}`))?.consumedPoints ?? 0;

  function refuse(scope: 'customer' | 'global', key: string): SwitchboardError {
    options.onRefused?.(scope);
    const mark = `${day()}:${scope}:${key}`;
    if (!alerted.has(mark)) {
      if (alerted.size > 10_000) alerted.clear();
      alerted.add(mark);
      if (scope === 'global')
        log.error('daily model budget reached: paid model calls stop until midnight UTC', { limit: global });
      else log.warn('customer reached the daily model budget', { customer: key, limit: perCustomer });
    }
    const hours = Math.max(1, Math.ceil(untilMidnight() / 3_600_000));
    const message =
      scope === 'global'
        ? `Our assistant has reached its usage limit for today. Please try again in about ${hours} h, or contact us another way.`
        : `You have reached today's limit for the assistant in this chat. Please try again in about ${hours} h.`;
    return new SwitchboardError('budget_exceeded', message, { status: 429, retryAfterMs: untilMidnight() });
  }

  async function assertCustomer(customerKey: string): Promise<void> {
    if (global > 0 && (await used('*')) >= global) throw refuse('global', '*');
    if (perCustomer > 0 && (await used(`c:${customerKey}`)) >= perCustomer) throw refuse('customer', customerKey);
  }

  return {
    assertCustomer,
    async assertConversation(conversationId) {
      const key = conversationId ? await customerOf(conversationId).catch(() => undefined) : undefined;
      if (key) return assertCustomer(key);
      if (global > 0 && (await used('*')) >= global) throw refuse('global', '*');
    },
    async spend(conversationId, tokens) {
      if (!(tokens > 0)) return;
      const points = Math.round(tokens);
      await counter.penalty(`${day()}:*`, points);
      const key = conversationId ? await customerOf(conversationId) : undefined;
      if (key) await counter.penalty(`${day()}:c:${key}`, points);
    },
    async describe() {
      return { tokensPerCustomerPerDay: perCustomer, tokensPerDay: global, usedToday: await used('*') };
    },
  };
}

/** Wrap a recorder so every recorded call also counts against the budget (never throws). */
export function meteredRecorder(recorder: ModelCallRecorder, budget: ModelBudget, log: Logger): ModelCallRecorder {
  return {
    record(call: ModelCallRecord) {
      budget
        .spend(call.conversationId, call.tokensIn + call.tokensOut)
        .catch((err) => log.warn('model budget not updated', { err }));
      return recorder.record(call);
    },
  };
}
