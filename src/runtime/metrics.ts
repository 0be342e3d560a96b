/** In-process counters and latency summaries, rendered in Prometheus text format at /metrics. */
export interface Metrics {
  inc(name: string, labels?: Record<string, string>, by?: number): void;
  observe(name: string, ms: number): void;
  render(extra?: Record<string, number>): string;
}

const MAX_SAMPLES = 2048;

/** Create a metrics registry. */
export function createMetrics(): Metrics {
  const counters = new Map<string, number>();
  const samples = new Map<string, number[]>();
  const key = (name: string, labels?: Record<string, string>) =>
    labels && Object.keys(labels).length
      ? `${name}{${Object.entries(labels)
          .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
          .join(',')}}`
      : name;
  return {
    inc(name, labels, by = 1) {
      const k = key(name, labels);
      counters.set(k, (counters.get(k) ?? 0) + by);
    },
    observe(name, ms) {
      const list = samples.get(name) ?? [];
      list.push(ms);
      if (list.length > MAX_SAMPLES) list.splice(0, list.length - MAX_SAMPLES);
      samples.set(name, list);
    },
    render(extra = {}) {
      const lines: string[] = [];
      for (const [k, v] of counters) lines.push(`switchboard_${k} ${v}`);
      for (const [name, list] of samples) {
        const sorted = [...list].sort((a, b) => a - b);
        for (const q of [0.5, 0.95, 0.99]) {
          const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
          lines.push(`switchboard_${name}{quantile="${q}"} ${v}`);
        }
        lines.push(`switchboard_${name}_count ${list.length}`);
      }
      for (const [k, v] of Object.entries(extra)) lines.push(`switchboard_${k} ${v}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
