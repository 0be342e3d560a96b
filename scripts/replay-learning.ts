/**
 * How much learning from ratings buys (issue 14, "Done when"): import a knowledge base into a
 * throw-away embedded runtime, replay the answerable questions as a stream of customers (each a
 * new widget conversation over HTTP through the real pipeline), rate with a policy (Helpful when
 * the first cited article is the gold one, Not helpful when another article was cited), run the
 * learner, then ask a second pass of DIFFERENT rephrasings. The answerable questions are split per
 * gold article (seeded shuffle): first half = pass 1, second half = pass 2. A control run asks the
 * same two passes without ratings. Prints top-1 and confident-wrong per pass and run.
 *
 * Usage: npx tsx scripts/replay-learning.ts [--data ../shared/data/faq-dev-shop] [--seed 14] [--concurrency 4]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime } from '../src/app/create-runtime.js';
import { configWith } from '../src/config.js';
import { seededRandom } from '../src/core/random.js';
import type { PublicMessage } from '../src/core/services.js';
import { learnerFromConfig } from '../src/learning/learner.js';

interface Row {
  text: string;
  gold: string;
}
interface Outcome {
  row: Row;
  kind: string;
  cited: string | null;
}
interface PassScore {
  top1: number;
  confidentWrong: number;
  n: number;
}

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/faq-dev-shop' },
    seed: { type: 'string', default: '14' },
    concurrency: { type: 'string', default: '4' },
  },
});
const dataDir = path.resolve(values.data);
const concurrency = Math.max(1, Number(values.concurrency) || 4);

/** Split answerable rows per gold article: seeded shuffle, first half pass 1, the rest pass 2. */
function splitPasses(rows: Row[], seed: number): [Row[], Row[]] {
  const random = seededRandom(seed);
  const byGold = new Map<string, Row[]>();
  for (const r of rows) byGold.set(r.gold, [...(byGold.get(r.gold) ?? []), r]);
  const first: Row[] = [];
  const second: Row[] = [];
  for (const group of [...byGold.keys()].sort().map((k) => byGold.get(k) ?? [])) {
    const g = [...group];
    for (let i = g.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [g[i], g[j]] = [g[j] as Row, g[i] as Row];
    }
    const half = Math.ceil(g.length / 2);
    first.push(...g.slice(0, half));
    second.push(...g.slice(half));
  }
  // Customers arrive interleaved, not article by article.
  const mix = (xs: Row[]) =>
    xs
      .map((r) => [random(), r] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, r]) => r);
  return [mix(first), mix(second)];
}

function score(outcomes: Outcome[]): PassScore {
  const n = outcomes.length;
  const rate = (ok: (o: Outcome) => boolean) => (n ? outcomes.filter(ok).length / n : 0);
  return {
    top1: rate((o) => o.kind === 'answer' && o.cited === o.row.gold),
    confidentWrong: rate((o) => o.kind === 'answer' && o.cited !== o.row.gold),
    n,
  };
}

/** One run on a fresh runtime: pass 1 (rated or not), a learner pass, pass 2 (never rated). */
async function run(label: string, pass1: Row[], pass2: Row[], rate: boolean) {
  const config = configWith({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'error',
    WIDGET_RATE_LIMITS: 'off',
  });
  const runtime = await createRuntime(config);
  try {
    await runtime.kb.importDir(path.join(dataDir, 'kb'), { replace: true });
    await runtime.kb.retriever.state();
    await (runtime.agents.router as { refresh?: () => Promise<void> }).refresh?.();
    const { url } = await runtime.start({ workers: true });
    const waiting = new Map<string, (m: PublicMessage) => void>();
    const unsubscribe = runtime.bus.subscribe((e) => {
      if (e.type === 'message' && e.message.role === 'bot') waiting.get(e.conversationId)?.(e.message);
    });
    const post = async (p: string, body: unknown, token?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url + p, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, string>;
    };
    const ask = async (row: Row, rated: boolean): Promise<Outcome> => {
      const { token, conversationId } = (await post('/v1/widget/sessions', {})) as {
        token: string;
        conversationId: string;
      };
      const reply = new Promise<PublicMessage>((resolve) => waiting.set(conversationId, resolve));
      await post('/v1/widget/messages', { text: row.text }, token);
      const m = await reply;
      waiting.delete(conversationId);
      const cited = m.sources?.[0]?.id ?? null;
      if (rated && cited)
        await post('/v1/widget/feedback', { messageId: m.id, rating: cited === row.gold ? 'up' : 'down' }, token);
      return { row, kind: m.kind ?? 'notice', cited };
    };
    const replay = async (rows: Row[], rated: boolean) => {
      const out: Outcome[] = new Array(rows.length);
      let next = 0;
      const worker = async () => {
        while (next < rows.length) {
          const i = next++;
          out[i] = await ask(rows[i] as Row, rated);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return out;
    };
    const started = Date.now();
    const first = score(await replay(pass1, rate));
    const learned = await learnerFromConfig(runtime.db, config).sync();
    await runtime.kb.retriever.state(); // the retriever picks up the learned phrasings (KB version bumped)
    await (runtime.agents.router as { refresh?: () => Promise<void> }).refresh?.();
    const second = score(await replay(pass2, false));
    unsubscribe();
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`${label}: learner phrasings=${learned.phrasings} gaps=${learned.gaps} (${secs}s)`);
    return { first, second };
  } finally {
    await runtime.stop();
  }
}

const rows = readFileSync(path.join(dataDir, 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; gold: string | null; kind: string })
  .filter((r): r is Row & { kind: string } => r.kind === 'answerable' && typeof r.gold === 'string')
  .map((r) => ({ text: r.text, gold: r.gold }));
const [pass1, pass2] = splitPasses(rows, Number(values.seed));
console.log(
  `${rows.length} answerable questions: pass 1 = ${pass1.length}, pass 2 = ${pass2.length} (seed ${values.seed})`,
);
const learning = await run('learning', pass1, pass2, true);
const control = await run('control', pass1, pass2, false);
const fmt = (s: PassScore) => `top1=${s.top1.toFixed(3)} confident_wrong=${s.confidentWrong.toFixed(3)} n=${s.n}`;
console.log(`pass 1 (rated)        ${fmt(learning.first)}`);
console.log(`pass 1 (control)      ${fmt(control.first)}`);
console.log(`pass 2 with learning  ${fmt(learning.second)}`);
console.log(`pass 2 control        ${fmt(control.second)}`);
const gain = learning.second.top1 - control.second.top1;
const cw = learning.second.confidentWrong - control.second.confidentWrong;
console.log(`learning_gain_top1=${gain.toFixed(3)} confident_wrong_delta=${cw.toFixed(3)} n=${learning.second.n}`);
