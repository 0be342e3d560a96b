/**
 * Process metrics on prom-client, rendered in Prometheus text format at `GET /metrics`.
 *
 * Each runtime has its own registry (tests run several runtimes in one process). Counters and
 * histograms are declared once in {@link COUNTERS} / {@link HISTOGRAMS} with their help text and label
 * names; every name is exported with the `switchboard_` prefix. Default process metrics
 * (`process_*`, `nodejs_*`) are collected unless turned off.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelCallRecord } from '../core/index.js';

const PREFIX = 'switchboard_';

/** Counters: name (without prefix) -> help and label names. */
export const COUNTERS = {
  messages_received_total: { help: 'Inbound customer messages handed to the runtime.', labels: ['channel'] },
  turns_total: { help: 'Pipeline turns finished, by outcome.', labels: ['outcome'] },
  replies_total: {
    help: 'Replies stored for a customer, by role and kind (answer|uncertain|handoff|declined|blocked|clarify|notice).',
    labels: ['role', 'kind'],
  },
  escalation_events_total: {
    help: 'Escalation lifecycle events (opened, claimed, replied, released, reassigned, resolved).',
    labels: ['event'],
  },
  deliveries_total: { help: 'Delivery attempts, by outcome (sent|skipped|retry|failed).', labels: ['outcome'] },
  delivery_retries_total: { help: 'Deliveries handed back to the queue for another attempt.', labels: [] },
  model_calls_total: { help: 'Model calls, by tier and outcome (ok|error|fallback).', labels: ['tier', 'outcome'] },
  model_tokens_total: { help: 'Model tokens, by tier and direction (in|out).', labels: ['tier', 'direction'] },
  model_cost_usd_total: { help: 'Model spend in US dollars, by tier.', labels: ['tier'] },
  model_budget_refusals_total: { help: 'Model calls refused by the daily budget, by scope.', labels: ['scope'] },
  feedback_total: {
    help: 'Platform reactions on our replies, by channel and whether recorded.',
    labels: ['channel', 'recorded'],
  },
} as const satisfies Record<string, { help: string; labels: readonly string[] }>;

/** Latency histograms: the name callers observe (milliseconds) -> exported name (seconds) and help. */
export const HISTOGRAMS = {
  turn_ms: { name: 'turn_duration_seconds', help: 'Time a worker spends on one turn.', labels: [] },
  delivery_ms: { name: 'delivery_duration_seconds', help: 'Time one delivery attempt takes.', labels: [] },
  model_call_ms: { name: 'model_call_duration_seconds', help: 'Latency of one model call, by tier.', labels: ['tier'] },
} as const satisfies Record<string, { name: string; help: string; labels: readonly string[] }>;

/** Buckets (seconds) shared by the latency histograms. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

type Labels = Record<string, string>;

/** Options of {@link createMetrics}. */
export interface CreateMetricsOptions {
  /** Read for the `switchboard_queue_depth` gauge at each scrape (unset: the gauge stays 0). */
  queueDepth?: () => Promise<number>;
  /** Collect prom-client's default process metrics (default true). */
  defaultMetrics?: boolean;
}

/** The metrics of one runtime. */
export interface Metrics {
  readonly registry: Registry;
  /** Content type of {@link Metrics.render} (Prometheus text format 0.0.4). */
  readonly contentType: string;
  /** Add `by` (default 1) to a counter of {@link COUNTERS} (an unknown name becomes a new counter). */
  inc(name: string, labels?: Labels, by?: number): void;
  /** Record a duration in milliseconds in a histogram of {@link HISTOGRAMS}. */
  observe(name: keyof typeof HISTOGRAMS, ms: number, labels?: Labels): void;
  /** Count one model call (calls, tokens, cost and latency by tier). */
  modelCall(call: ModelCallRecord): void;
  /** Estimate quantile `q` (0..1) of a histogram in milliseconds, as `histogram_quantile` would; null when empty. */
  quantileMs(name: keyof typeof HISTOGRAMS, q: number): Promise<number | null>;
  /** Everything in Prometheus text format. */
  render(): Promise<string>;
}

/** Create the metrics registry of a runtime. */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const counters = new Map<string, Counter<string>>();
  const counter = (name: string, labels: Labels): Counter<string> => {
    let c = counters.get(name);
    if (!c) {
      const known = (COUNTERS as Record<string, { help: string; labels: readonly string[] }>)[name];
      c = new Counter({
        name: `${PREFIX}${name}`,
        help: known?.help ?? name.replace(/_/g, ' '),
        labelNames: [...(known?.labels ?? Object.keys(labels))],
        registers: [registry],
      });
      counters.set(name, c);
    }
    return c;
  };
  for (const [name] of Object.entries(COUNTERS)) counter(name, {});
  const histograms = new Map<string, Histogram<string>>();
  for (const [key, h] of Object.entries(HISTOGRAMS)) {
    histograms.set(
      key,
      new Histogram({
        name: `${PREFIX}${h.name}`,
        help: h.help,
        labelNames: [...h.labels],
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
    );
  }
  const { queueDepth } = options;
  new Gauge({
    name: `${PREFIX}queue_depth`,
    help: 'Jobs waiting or running in the queue (-1 when the queue does not answer).',
    registers: [registry],
    async collect() {
      if (queueDepth) this.set(await queueDepth().catch(() => -1));
    },
  });

  const metrics: Metrics = {
    registry,
    contentType: registry.contentType,
    inc(name, labels = {}, by = 1) {
      counter(name, labels).inc(labels, by);
    },
    observe(name, ms, labels = {}) {
      histograms.get(name)?.observe(labels, Math.max(0, ms) / 1000);
    },
    modelCall(call) {
      const tier = call.tier;
      metrics.inc('model_calls_total', { tier, outcome: call.outcome });
      if (call.tokensIn) metrics.inc('model_tokens_total', { tier, direction: 'in' }, call.tokensIn);
      if (call.tokensOut) metrics.inc('model_tokens_total', { tier, direction: 'out' }, call.tokensOut);
      if (call.costUsd) metrics.inc('model_cost_usd_total', { tier }, call.costUsd);
      metrics.observe('model_call_ms', call.latencyMs, { tier });
    },
    async quantileMs(name, q) {
      const h = histograms.get(name);
      if (!h) return null;
      const values = (await h.get()).values;
      const buckets = values
        .filter((v) => v.metricName?.endsWith('_bucket'))
        .map((v) => ({ le: Number(v.labels.le), count: v.value }))
        .sort((a, b) => a.le - b.le);
      return histogramQuantile(buckets, q);
    },
    render: () => registry.metrics(),
  };
  return metrics;
}

/**
 * Quantile from cumulative buckets (`le` in seconds, +Inf last), interpolated linearly inside the
 * bucket like Prometheus' `histogram_quantile`; in milliseconds, null when there are no samples.
 */
export function histogramQuantile(buckets: Array<{ le: number; count: number }>, q: number): number | null {
  const total = buckets.at(-1)?.count ?? 0;
  if (!total) return null;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.count >= rank) {
      if (!Number.isFinite(b.le)) return prevLe * 1000;
      const inBucket = b.count - prevCount;
      const fraction = inBucket ? (rank - prevCount) / inBucket : 1;
      return (prevLe + (b.le - prevLe) * fraction) * 1000;
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe * 1000;
}
