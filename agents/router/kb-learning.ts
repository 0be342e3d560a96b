/**
 * The router learns the operator's knowledge base: article titles, tags, section headings and the
 * first sentence of each paragraph become training rows labelled with the article's department,
 * on top of the shipped examples and the operator's `router train` history. A new help center is
 * routed sensibly with no labelled tickets. Retraining (~1 s) happens when the KB changes, in the
 * background; the previous model answers meanwhile.
 */
import type { AgentContext, Department, RouterAgent } from '../../src/core/agents.js';
import { splitPassages } from '../../src/kb/passages.js';
import { splitSentences } from '../../src/kb/text.js';
import { loadShippedExamples } from './examples/index.js';
import type { RouterModel, TrainingRow } from './model.js';
import { trainRouterModel } from './model.js';
import { createLocalRouter, type LocalRouter } from './router.js';

/** An article as the router learns it. */
export interface RouterArticle {
  title: string;
  tags: string[];
  body: string;
  department: string;
}

const KB_DEPARTMENTS = new Set<Department>(['technical', 'billing', 'product']);
/** A KB row weighs as much as this many shipped examples (a few rows must outweigh thousands). */
const KB_WEIGHT = 3;

/** Training rows from articles (weight {@link KB_WEIGHT}; titles a little more). */
export function kbTrainingRows(articles: RouterArticle[]): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const a of articles) {
    const department = a.department as Department;
    if (!KB_DEPARTMENTS.has(department)) continue;
    const texts = new Set<string>([a.title, ...a.tags.filter((t) => t.length > 2)]);
    for (const p of splitPassages({ id: 'x', title: a.title, body: a.body })) {
      texts.add(p.heading);
      for (const para of p.text.split(/\n{2,}/)) {
        const first = splitSentences(para.replace(/^\s*(?:[-*+•]|\d+[.)])\s+/gm, ''))[0];
        if (first && first.length >= 12) texts.add(first.slice(0, 300));
      }
    }
    for (const text of texts) rows.push({ text, department, weight: text === a.title ? KB_WEIGHT + 2 : KB_WEIGHT });
  }
  return rows;
}

/** What the router should learn now; `key` changes when it must retrain. */
export interface LearnedRows {
  key: string;
  rows: TrainingRow[];
}

/** Options for {@link createLearningRouter}. */
export interface LearningRouterOptions {
  /** The model to start from (stored `router train` model, or the shipped one when null). */
  initial?: RouterModel | null;
  /** Extra rows to learn (KB + operator history); null = nothing beyond the initial model. */
  rows: () => Promise<LearnedRows | null>;
  /** How often to look for changes (default 5000 ms). */
  checkEveryMs?: number;
  onError?: (err: unknown) => void;
}

/** A router that retrains when what it should learn changes. */
export interface LearningRouter extends RouterAgent {
  /** Retrain now if needed (start-up waits for this). */
  refresh(): Promise<void>;
  readonly current: LocalRouter;
}

/** Create a router that also learns the knowledge base. */
export function createLearningRouter(options: LearningRouterOptions): LearningRouter {
  const { checkEveryMs = 5000, onError } = options;
  let current = createLocalRouter(options.initial ? { model: options.initial } : {});
  let trainedKey: string | null = null;
  let checkedAt = 0;
  let training: Promise<void> | undefined;

  function refresh(): Promise<void> {
    training ??= (async () => {
      const learned = await options.rows();
      if (!learned || learned.key === trainedKey) return;
      const model = trainRouterModel([...loadShippedExamples(), ...learned.rows]);
      current = createLocalRouter({ model });
      trainedKey = learned.key;
    })()
      .catch((err) => onError?.(err))
      .finally(() => {
        training = undefined;
        checkedAt = Date.now();
      });
    return training;
  }

  return {
    refresh,
    get current() {
      return current;
    },
    async route(ctx: AgentContext) {
      if (Date.now() - checkedAt > checkEveryMs && !training) void refresh();
      return current.route(ctx);
    },
  };
}
