/**
 * Model endpoints per tier, built from Config: the tier's primary model on OPENAI_BASE_URL,
 * then its fallbacks (MODEL_*_FALLBACKS) on FALLBACK_BASE_URL (or the primary server when unset).
 */
import { type Config, ConfigError } from '../config.js';
import type { ModelTier } from './types.js';

/** One model on one server, with its prices (USD per 1M tokens). */
export interface ModelEndpoint {
  tier: ModelTier;
  model: string;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  priceInPer1M: number;
  priceOutPer1M: number;
  /** Position in the tier's chain (0 = primary). */
  index: number;
}

/** Parse `MODEL_PRICES` entries (`model=in/out`) into a map; bad entries throw. */
export function parseModelPrices(entries: string[]): Map<string, { in: number; out: number }> {
  const prices = new Map<string, { in: number; out: number }>();
  for (const entry of entries) {
    const m = /^(.+)=([\d.]+)\/([\d.]+)$/.exec(entry.trim());
    if (!m) throw new ConfigError(`MODEL_PRICES: bad entry "${entry}" (expected model=in/out)`);
    prices.set(m[1]!.trim(), { in: Number(m[2]), out: Number(m[3]) });
  }
  return prices;
}

/** Build the per-tier chains of endpoints from configuration (empty chain = tier off). */
export function buildModelChains(config: Config): Record<ModelTier, ModelEndpoint[]> {
  const prices = parseModelPrices(config.MODEL_PRICES);
  const tierPrices = {
    fast: { in: config.PRICE_FAST_INPUT_PER_1M, out: config.PRICE_FAST_OUTPUT_PER_1M },
    strong: { in: config.PRICE_STRONG_INPUT_PER_1M, out: config.PRICE_STRONG_OUTPUT_PER_1M },
    vision: { in: config.PRICE_STRONG_INPUT_PER_1M, out: config.PRICE_STRONG_OUTPUT_PER_1M },
  };
  const build = (tier: ModelTier, primary: string | undefined, fallbacks: string[]): ModelEndpoint[] => {
    const chain: ModelEndpoint[] = [];
    const add = (model: string, fallback: boolean) => {
      const p = prices.get(model) ?? tierPrices[tier];
      chain.push({
        tier,
        model,
        baseUrl: fallback ? (config.FALLBACK_BASE_URL ?? config.OPENAI_BASE_URL) : config.OPENAI_BASE_URL,
        apiKey: fallback ? (config.FALLBACK_API_KEY ?? config.OPENAI_API_KEY) : config.OPENAI_API_KEY,
        priceInPer1M: p.in,
        priceOutPer1M: p.out,
        index: chain.length,
      });
    };
    if (primary) add(primary, false);
    for (const f of fallbacks) add(f, true);
    return chain;
  };
  return {
    fast: build('fast', config.MODEL_FAST, config.MODEL_FAST_FALLBACKS),
    strong: build('strong', config.MODEL_STRONG, config.MODEL_STRONG_FALLBACKS),
    vision: build('vision', config.MODEL_VISION, []),
  };
}

/** Cost in USD of one call. */
export function callCostUsd(
  endpoint: Pick<ModelEndpoint, 'priceInPer1M' | 'priceOutPer1M'>,
  tokensIn: number,
  tokensOut: number,
): number {
  return (tokensIn * endpoint.priceInPer1M + tokensOut * endpoint.priceOutPer1M) / 1_000_000;
}
