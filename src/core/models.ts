/** Model tiers, cheapest first. `local` is offline, free and deterministic. */
export const MODEL_TIERS = ['local', 'fast', 'strong', 'vision'] as const;
export type ModelTierName = (typeof MODEL_TIERS)[number];

/** One recorded model call (stored in model_calls). */
export interface ModelCallRecord {
  conversationId?: string;
  messageId?: string;
  agent: string;
  tier: ModelTierName;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
  cacheHit: boolean;
  /** ok | error | fallback */
  outcome: 'ok' | 'error' | 'fallback';
  error?: string;
}

/** Sink for model call records (the runtime writes them to Postgres). */
export interface ModelCallRecorder {
  record(call: ModelCallRecord): void | Promise<void>;
}

/** A recorder that drops everything (tests, offline tools). */
export const nullRecorder: ModelCallRecorder = { record() {} };
