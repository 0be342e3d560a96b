/** /metrics on prom-client: valid Prometheus text format, histograms with _sum, counts past 2,048. */
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createMetrics, histogramQuantile } from '../src/runtime/metrics.js';

const family = (families: ParsedFamily[], name: string) => {
  const f = families.find((x) => x.name === name);
  if (!f) throw new Error(`metric ${name} missing`);
  return f;
};

describe('metrics', () => {
  it('renders parseable text with # TYPE lines, histogram _sum and counts past 2,048', async () => {
    let depth = 7;
    const metrics = createMetrics({ queueDepth: async () => depth });
    for (let i = 0; i < 3000; i++) metrics.observe('turn_ms', 100 + (i % 10));
    metrics.observe('delivery_ms', 40);
    for (let i = 0; i < 2500; i++) metrics.inc('messages_received_total', { channel: 'widget' });
    metrics.inc('replies_total', { role: 'bot', kind: 'answer' });
    metrics.inc('replies_total', { role: 'bot', kind: 'handoff' });
    metrics.inc('escalation_events_total', { event: 'opened' });
    metrics.inc('delivery_retries_total');
    metrics.modelCall({
      agent: 'specialist',
      tier: 'fast',
      model: 'm',
      tokensIn: 120,
      tokensOut: 30,
      costUsd: 0.002,
      latencyMs: 800,
      cacheHit: false,
      outcome: 'ok',
    });

    const text = await metrics.render();
    expect(text).toMatch(/^# TYPE switchboard_turn_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE switchboard_messages_received_total counter$/m);
    expect(text).toMatch(/^switchboard_turn_duration_seconds_sum \d/m);
    const families = parsePrometheusTextFormat(text);

    const turn = family(families, 'switchboard_turn_duration_seconds');
    expect(turn.type).toBe('HISTOGRAM');
    expect(Number(turn.metrics[0]?.count)).toBe(3000);
    expect(Number(turn.metrics[0]?.sum)).toBeCloseTo(3000 * 0.1045, 3);
    expect(Number(turn.metrics[0]?.buckets?.['0.25'])).toBe(3000);

    const received = family(families, 'switchboard_messages_received_total');
    expect(received.type).toBe('COUNTER');
    expect(received.metrics).toEqual([{ value: '2500', labels: { channel: 'widget' } }]);

    const replies = family(families, 'switchboard_replies_total').metrics;
    expect(replies.map((m) => m.labels?.kind).sort()).toEqual(['answer', 'handoff']);
    expect(family(families, 'switchboard_escalation_events_total').metrics[0]?.value).toBe('1');
    expect(family(families, 'switchboard_delivery_retries_total').metrics[0]?.value).toBe('1');
    expect(family(families, 'switchboard_model_tokens_total').metrics).toContainEqual({
      value: '120',
      labels: { tier: 'fast', direction: 'in' },
    });
    expect(Number(family(families, 'switchboard_model_cost_usd_total').metrics[0]?.value)).toBeCloseTo(0.002);
    expect(family(families, 'switchboard_model_call_duration_seconds').type).toBe('HISTOGRAM');

    const gauge = family(families, 'switchboard_queue_depth');
    expect(gauge.type).toBe('GAUGE');
    expect(gauge.metrics[0]?.value).toBe('7');
    depth = 3;
    expect(await metrics.render()).toMatch(/^switchboard_queue_depth 3$/m);

    // Default process metrics.
    expect(family(families, 'process_cpu_user_seconds_total').type).toBe('COUNTER');
    expect(families.some((f) => f.name.startsWith('nodejs_'))).toBe(true);
  });

  it('estimates quantiles from the histogram buckets', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    expect(await metrics.quantileMs('turn_ms', 0.5)).toBeNull();
    for (let i = 0; i < 100; i++) metrics.observe('turn_ms', i < 90 ? 30 : 700);
    const p50 = await metrics.quantileMs('turn_ms', 0.5);
    const p95 = await metrics.quantileMs('turn_ms', 0.95);
    expect(p50).toBeGreaterThan(25);
    expect(p50).toBeLessThanOrEqual(50);
    expect(p95).toBeGreaterThan(500);
    expect(p95).toBeLessThanOrEqual(1000);
    expect(histogramQuantile([{ le: Number.POSITIVE_INFINITY, count: 0 }], 0.5)).toBeNull();
  });

  it('a counter it does not know is created on first use', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.inc('widget_sessions_total', { origin: 'demo' }, 2);
    expect(await metrics.render()).toMatch(/^switchboard_widget_sessions_total\{origin="demo"\} 2$/m);
  });
});
