/**
 * `switchboard eval answers --kb <dir> --file <questions.jsonl>`: import a knowledge base into a
 * throw-away embedded database (the operator's KB replaces the demo), ask every question as a new
 * widget customer through the real pipeline (guardrail, router, scope, retrieval, synthesis, QA,
 * outbox, delivery), and count what customers would see from the public `kind` and `sources`.
 *
 * Rows: `{ text, gold: <article id> | null, kind: answerable | uncovered | off_topic }`.
 * Last line: `top1=<x> confident_wrong=<y> uncovered_honest=<z> offtopic_honest=<w> n=<rows>`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRuntime } from '../app/create-runtime.js';
import type { Config } from '../config.js';
import type { PublicMessage } from '../core/services.js';
import { CliError } from './args.js';

/** One labeled question. */
export interface AnswerRow {
  text: string;
  gold: string | null;
  kind: 'answerable' | 'uncovered' | 'off_topic';
}

/** What the pipeline replied to one question. */
export interface AnswerOutcome {
  row: AnswerRow;
  kind: string;
  cited: string | null;
}

/** Scores of an answers evaluation. */
export interface AnswerScores {
  top1: number;
  confidentWrong: number;
  uncoveredHonest: number;
  offtopicHonest: number;
  n: number;
}

const HONEST = new Set(['uncertain', 'handoff', 'declined', 'clarify']);

/** Read and validate a questions file. */
export function readAnswerRows(file: string): AnswerRow[] {
  const text = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      throw new CliError(`cannot read ${file}`);
    }
  })();
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      let row: Partial<AnswerRow>;
      try {
        row = JSON.parse(line);
      } catch {
        throw new CliError(`${file}:${i + 1}: not JSON`);
      }
      if (typeof row.text !== 'string' || !['answerable', 'uncovered', 'off_topic'].includes(String(row.kind)))
        throw new CliError(`${file}:${i + 1}: needs "text" and "kind" (answerable | uncovered | off_topic)`);
      return { text: row.text, gold: row.gold ?? null, kind: row.kind as AnswerRow['kind'] };
    });
}

/** Score outcomes (top-1 and confident-wrong over answerable rows). */
export function scoreAnswers(outcomes: AnswerOutcome[]): AnswerScores {
  const of = (k: AnswerRow['kind']) => outcomes.filter((o) => o.row.kind === k);
  const rate = (xs: AnswerOutcome[], ok: (o: AnswerOutcome) => boolean) =>
    xs.length ? xs.filter(ok).length / xs.length : 0;
  const answerable = of('answerable');
  return {
    top1: rate(answerable, (o) => o.kind === 'answer' && o.cited === o.row.gold),
    confidentWrong: rate(answerable, (o) => o.kind === 'answer' && o.cited !== o.row.gold),
    uncoveredHonest: rate(of('uncovered'), (o) => HONEST.has(o.kind)),
    offtopicHonest: rate(of('off_topic'), (o) => HONEST.has(o.kind)),
    n: outcomes.length,
  };
}

/** Run the evaluation; prints per-kind counts and the summary line through `out`. */
export async function runEvalAnswers(args: {
  kbDir: string;
  file: string;
  config: Config;
  out: (line: string) => void;
  progress?: (line: string) => void;
  concurrency?: number;
}): Promise<AnswerScores> {
  const rows = readAnswerRows(args.file);
  const config: Config = {
    ...args.config,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'error',
    WIDGET_RATE_LIMITS: 'off',
  };
  const runtime = await createRuntime(config);
  try {
    const imported = await runtime.kb.importDir(args.kbDir, { replace: true });
    if (imported.errors.length) for (const e of imported.errors) args.progress?.(`  ${e}`);
    args.progress?.(`imported ${imported.imported} articles (${imported.errors.length} errors)`);
    await runtime.kb.retriever.state();
    // The router learns the imported KB (the server does this at start-up and when the KB changes).
    await (runtime.agents.router as { refresh?: () => Promise<void> }).refresh?.();
    await runtime.start({ http: false, workers: true });
    const waiting = new Map<string, (m: PublicMessage) => void>();
    const unsubscribe = runtime.bus.subscribe((e) => {
      if (e.type === 'message' && e.message.role === 'bot') waiting.get(e.conversationId)?.(e.message);
    });
    const outcomes: AnswerOutcome[] = new Array(rows.length);
    let next = 0;
    let done = 0;
    const ask = async (row: AnswerRow): Promise<AnswerOutcome> => {
      const key = randomUUID();
      const { conversationId } = await runtime.conversations.open({
        channel: 'widget',
        customerExternalId: `eval_${key}`,
        conversationKey: key,
      });
      const reply = new Promise<PublicMessage>((resolve) => waiting.set(conversationId, resolve));
      await runtime.conversations.receive({
        channel: 'widget',
        eventId: randomUUID(),
        conversationKey: key,
        customerId: `eval_${key}`,
        text: row.text,
        attachments: [],
        sentAt: new Date(),
        replyTarget: {},
      });
      const m = await reply;
      waiting.delete(conversationId);
      return { row, kind: m.kind ?? 'notice', cited: m.sources?.[0]?.id ?? null };
    };
    const worker = async () => {
      while (next < rows.length) {
        const i = next++;
        outcomes[i] = await ask(rows[i] as AnswerRow);
        done++;
        if (done % 100 === 0 || done === rows.length) args.progress?.(`asked ${done}/${rows.length}`);
      }
    };
    await Promise.all(Array.from({ length: args.concurrency ?? 4 }, worker));
    unsubscribe();
    printReport(outcomes, args.out);
    return scoreAnswers(outcomes);
  } finally {
    await runtime.stop();
  }
}

function printReport(outcomes: AnswerOutcome[], out: (line: string) => void): void {
  const kinds = ['answer', 'uncertain', 'handoff', 'declined', 'clarify', 'blocked', 'notice'];
  out(`${'question kind'.padEnd(14)}${kinds.map((k) => k.padStart(10)).join('')}${'right'.padStart(8)}`);
  for (const qk of ['answerable', 'uncovered', 'off_topic'] as const) {
    const xs = outcomes.filter((o) => o.row.kind === qk);
    const right = xs.filter((o) => o.kind === 'answer' && o.cited === o.row.gold).length;
    out(
      `${qk.padEnd(14)}${kinds.map((k) => String(xs.filter((o) => o.kind === k).length).padStart(10)).join('')}${String(qk === 'answerable' ? right : '-').padStart(8)}`,
    );
  }
  const s = scoreAnswers(outcomes);
  const f = (x: number) => x.toFixed(3);
  out(
    `top1=${f(s.top1)} confident_wrong=${f(s.confidentWrong)} uncovered_honest=${f(s.uncoveredHonest)} offtopic_honest=${f(s.offtopicHonest)} n=${s.n}`,
  );
}
