/**
 * `switchboard bench`: starts the app (embedded, or on DATABASE_URL + REDIS_URL when set), drives
 * concurrent widget conversations over real HTTP with the configured agents (local tier by
 * default), and reports throughput, latency from message accepted to reply stored, and peak memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRuntime } from '../app/create-runtime.js';
import type { Config } from '../config.js';
import { SwitchboardError } from '../core/errors.js';
import { createLogger } from '../runtime/logger.js';
import type { Metrics } from '../runtime/metrics.js';
import { BENCH_MESSAGES } from './bench-messages.js';

/** Options for {@link runBench}. */
export interface BenchOptions {
  /** Total customer messages (default 3000). */
  messages: number;
  /** Concurrent customers, each waiting for its reply before writing again (default 32). */
  concurrency: number;
  out: (line: string) => void;
  progress: (line: string) => void;
}

/** Result numbers of a bench run. */
export interface BenchResult {
  messagesPerS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rssMb: number;
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Run the bench; prints the report and returns the exit code. */
export async function runBench(config: Config, options: BenchOptions): Promise<number> {
  const r = await bench(config, options);
  options.out(`messages_per_s=${r.messagesPerS.toFixed(1)} p50_ms=${r.p50Ms} p95_ms=${r.p95Ms} rss_mb=${r.rssMb}`);
  return 0;
}

/** The measurement itself (also used by tests with small numbers). */
export async function bench(config: Config, options: BenchOptions): Promise<BenchResult> {
  const tmp = config.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
  const runtime = await createRuntime(
    {
      ...config,
      PORT: 0,
      HOST: '127.0.0.1',
      DATA_DIR: tmp ?? config.DATA_DIR,
      WORKER_CONCURRENCY: Math.max(config.WORKER_CONCURRENCY, 16),
      // The bench is one client on a trusted machine: the public widget's abuse limits would stop it.
      WIDGET_RATE_LIMITS: 'off',
      MODEL_TOKENS_PER_CUSTOMER_PER_DAY: 0,
    },
    { log: createLogger('warn'), queuePrefix: `bench-${Date.now()}` },
  );
  const { url } = await runtime.start();
  const mode = `${runtime.db.kind} + ${runtime.queue.kind} queue, agents: ${runtime.agents.describe().tiers.join('/')}`;
  options.progress(`bench: ${options.messages} messages, ${options.concurrency} concurrent customers (${mode})`);
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const waiters = new Map<string, (storedAt: number) => void>();
  const unsubscribe = runtime.bus.subscribe((e) => {
    if (e.type === 'message' && e.message.role === 'bot')
      waiters.get(e.conversationId)?.(Date.parse(e.message.createdAt));
  });
  const latencies: number[] = [];
  let sent = 0;
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  const progressTimer = setInterval(
    () => options.progress(`  ${done}/${options.messages} replies (${failed} failed)`),
    2000,
  );

  const customer = async (i: number) => {
    const session = (await post(`${url}/v1/widget/sessions`, {})) as { token: string; conversationId: string };
    while (sent < options.messages) {
      sent++;
      const text = BENCH_MESSAGES[(i + sent) % BENCH_MESSAGES.length]!;
      const reply = new Promise<number>((resolve) => {
        const timer = setTimeout(() => resolve(Number.NaN), 30_000);
        waiters.set(session.conversationId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      const acceptedAt = Date.now();
      await post(`${url}/v1/widget/messages`, { text }, session.token);
      const storedAt = await reply;
      if (Number.isNaN(storedAt)) failed++;
      else latencies.push(Math.max(0, storedAt - acceptedAt));
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, (_, i) => customer(i)));
  } finally {
    clearInterval(progressTimer);
    clearInterval(rssTimer);
    unsubscribe();
  }
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const result: BenchResult = {
    messagesPerS: latencies.length / seconds,
    p50Ms: pct(latencies, 0.5),
    p95Ms: pct(latencies, 0.95),
    p99Ms: pct(latencies, 0.99),
    rssMb: Math.round(peakRss / 1024 / 1024),
  };
  options.out(`mode: ${mode}`);
  options.out(
    `replies: ${latencies.length}/${options.messages} in ${seconds.toFixed(1)} s (${failed} without a reply in 30 s)`,
  );
  options.out(
    `latency accepted -> reply stored: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, max ${latencies.at(-1) ?? 0} ms`,
  );
  options.out(`turn time in the worker (p50/p95 from the /metrics histogram): ${await turnQuantiles(runtime.metrics)}`);
  options.out(`peak rss: ${result.rssMb} MB`);
  await runtime.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  return result;
}

async function turnQuantiles(metrics: Metrics): Promise<string> {
  const get = async (q: number) => {
    const ms = await metrics.quantileMs('turn_ms', q);
    return ms === null ? '?' : String(Math.round(ms));
  };
  return `${await get(0.5)} / ${await get(0.95)} ms`;
}

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new SwitchboardError('bench_request_failed', `${url} -> ${res.status} ${await res.text()}`);
  return res.json();
}
