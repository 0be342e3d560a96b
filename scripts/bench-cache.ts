/**
 * What the answer cache saves (issue 14.5, "Done when"): a stream of customers, each a new widget
 * conversation through the real runtime (models on the fake OpenAI-compatible server of
 * test/fakes, the plausible responder), with ~30% of the questions repeats of an earlier one —
 * half reworded lightly (case, punctuation, a greeting), half another customer's rephrasing of the
 * same article. Run twice on fresh runtimes, ANSWER_CACHE=on and off. Prints model calls and cost
 * per message (model_calls via the staff stats), cache lookups by result, and p50/p95 reply
 * latency of cache hits and of the rest.
 *
 * Usage: npx tsx scripts/bench-cache.ts [--data ../shared/data/faq-dev-shop] [--messages 200] [--repeat 0.3]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime } from '../src/app/create-runtime.js';
import { configWith } from '../src/config.js';
import type { PublicMessage } from '../src/core/services.js';
import { computeStaffStats } from '../src/staff/stats.js';
import { startFakeOpenAI } from '../test/fakes/fake-openai.js';
import { createPlausibleResponder } from '../test/fakes/plausible-responder.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/faq-dev-shop' },
    messages: { type: 'string', default: '200' },
    repeat: { type: 'string', default: '0.3' },
    seed: { type: 'string', default: '5' },
  },
});
const dataDir = path.resolve(values.data);

let state = Number(values.seed) >>> 0;
const random = () => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 4294967296;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;

type Row = { text: string; gold: string };
const rows: Row[] = readFileSync(path.join(dataDir, 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .filter((r) => r.kind === 'answerable' && r.gold);

/** The message stream: firsts, and repeats (light rewording or another rephrasing of the same article). */
function stream(n: number, repeatRate: number): Array<{ text: string; repeat: 'no' | 'light' | 'rephrased' }> {
  const pool = [...rows];
  const asked: Row[] = [];
  const out: Array<{ text: string; repeat: 'no' | 'light' | 'rephrased' }> = [];
  const light = (t: string) =>
    pick([
      (s: string) => `hi, ${s.toLowerCase()}`,
      (s: string) => `${s.replace(/[?.!]+$/, '')}??`,
      (s: string) => s.toUpperCase(),
    ])(t);
  while (out.length < n) {
    if (asked.length && random() < repeatRate) {
      const earlier = pick(asked);
      const others = pool.filter((r) => r.gold === earlier.gold);
      if (random() < 0.5 || others.length === 0) out.push({ text: light(earlier.text), repeat: 'light' });
      else {
        const r = pick(others);
        pool.splice(pool.indexOf(r), 1);
        out.push({ text: r.text, repeat: 'rephrased' });
      }
      continue;
    }
    const r = pool.splice(Math.floor(random() * pool.length), 1)[0] as Row;
    asked.push(r);
    out.push({ text: r.text, repeat: 'no' });
  }
  return out;
}

/** Cache hits so far (exact + semantic) from the Prometheus text. */
const cacheHits = (metrics: string) =>
  [...metrics.matchAll(/^switchboard_answer_cache_lookups_total\{result="hit_\w+"\} (\d+)/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

async function run(cache: 'on' | 'off', messages: ReturnType<typeof stream>) {
  const fake = await startFakeOpenAI({ responder: createPlausibleResponder() });
  const config = configWith({
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'error',
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'k',
    MODEL_FAST: 'fast-model',
    MODEL_STRONG: 'strong-model',
    MODEL_FAST_FALLBACKS: '',
    MODEL_STRONG_FALLBACKS: '',
    ANSWER_CACHE: cache,
  });
  const runtime = await createRuntime(config);
  try {
    await runtime.kb.importDir(path.join(dataDir, 'kb'), { replace: true });
    await runtime.kb.retriever.state();
    await (runtime.agents.router as { refresh?: () => Promise<void> }).refresh?.();
    await runtime.start({ http: false, workers: true });
    const waiting = new Map<string, (m: PublicMessage) => void>();
    runtime.bus.subscribe((e) => {
      if (e.type === 'message' && e.message.role === 'bot') waiting.get(e.conversationId)?.(e.message);
    });
    const latencies: Array<{ ms: number; hit: boolean }> = [];
    let before = 0;
    for (const m of messages) {
      const key = randomUUID();
      const customer = `bench_${key}`;
      const { conversationId } = await runtime.conversations.open({
        channel: 'widget',
        customerExternalId: customer,
        conversationKey: key,
      });
      const reply = new Promise<PublicMessage>((resolve) => waiting.set(conversationId, resolve));
      const started = performance.now();
      await runtime.conversations.receive({
        channel: 'widget',
        eventId: randomUUID(),
        conversationKey: key,
        customerId: customer,
        text: m.text,
        attachments: [],
        sentAt: new Date(),
        replyTarget: {},
      });
      await reply;
      const ms = performance.now() - started;
      waiting.delete(conversationId);
      const hitsNow = cacheHits(await runtime.metrics.render());
      latencies.push({ ms, hit: hitsNow > before });
      before = hitsNow;
    }
    await (runtime.recorder as { flush?: () => Promise<void> }).flush?.();
    await new Promise((r) => setTimeout(r, 500));
    const stats = await computeStaffStats(runtime.db, { days: 1 });
    const metrics = await runtime.metrics.render();
    const lookups = [...metrics.matchAll(/^switchboard_answer_cache_lookups_total\{result="(\w+)"\} (\d+)/gm)].map(
      ([, k, v]) => `${k}=${v}`,
    );
    const hits = latencies.filter((l) => l.hit).map((l) => l.ms);
    const misses = latencies.filter((l) => !l.hit).map((l) => l.ms);
    const saved = /^switchboard_answer_cache_model_calls_saved_total (\d+)/m.exec(metrics)?.[1] ?? '0';
    return { stats, calls: fake.calls.length, lookups: [...lookups, `model_calls_saved=${saved}`], hits, misses };
  } finally {
    await runtime.stop();
    await fake.close();
  }
}

const messages = stream(Number(values.messages), Number(values.repeat));
const count = (k: string) => messages.filter((m) => m.repeat === k).length;
console.log(
  `${messages.length} messages: ${count('no')} first questions, ${count('light')} light rewordings, ${count('rephrased')} other rephrasings`,
);
for (const cache of ['off', 'on'] as const) {
  const r = await run(cache, messages);
  const n = messages.length;
  const f = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(0));
  console.log(
    `cache=${cache} calls_per_message=${(r.calls / n).toFixed(3)} cost_per_message_usd=${(r.stats.cost.totalUsd / n).toFixed(6)} ` +
      `hits=${r.hits.length} hit_p50_ms=${f(quantile(r.hits, 0.5))} hit_p95_ms=${f(quantile(r.hits, 0.95))} ` +
      `miss_p50_ms=${f(quantile(r.misses, 0.5))} miss_p95_ms=${f(quantile(r.misses, 0.95))}${r.lookups.length ? ` lookups: ${r.lookups.join(' ')}` : ''}`,
  );
}
