/**
 * The learner: one pass reads what happened since the last pass (bot replies, ratings, resolved
 * escalations) and records gaps, learned phrasings and suggested articles. Every step is
 * idempotent and safe to run from several processes at once (positions only move forward,
 * signals are claimed once, rows are unique). Runs every `intervalMs` in worker processes and
 * on demand before the staff API lists gaps or suggestions.
 */
import type { Config } from '../config.js';
import type { Db } from '../core/database.js';
import type { Logger } from '../core/services.js';
import { offlineEncoder, type TextEncoder } from '../kb/encoder.js';
import { topicsFromArticles } from '../kb/from-config.js';
import { loadArticles } from '../kb/kb-store.js';
import { syncGaps } from './gap-sync.js';
import { learnFromSignals } from './learn-feedback.js';
import { type Drafter, syncSuggestions } from './suggestions.js';

/** Options of {@link createLearner}. */
export interface LearnerOptions {
  db: Db;
  log?: Pick<Logger, 'warn'>;
  /** The operator's topics (default: `SUPPORT_TOPICS`, or the KB's most common title words). */
  topics?: () => Promise<string[]>;
  /** Model-written drafts (default: offline drafts only). */
  drafter?: Drafter;
  /** Sentence encoder for grouping gaps (default: the offline encoder; null = word overlap). */
  encoder?: TextEncoder | null;
  /** Milliseconds between background passes (default 3000). */
  intervalMs?: number;
}

/** What one pass did. */
export interface LearnerPassResult {
  gaps: number;
  phrasings: number;
  suggestions: number;
}

/** The learner returned by {@link createLearner}. */
export interface Learner {
  /** Run one pass now (concurrent calls share the running pass). */
  sync(): Promise<LearnerPassResult>;
  /** Run passes in the background; returns a stop function. */
  /** Start learning every `intervalMs`; the returned stop resolves once a pass in flight is done. */
  start(): () => Promise<void>;
  readonly encoder: TextEncoder | null;
}

/** Create a learner. */
export function createLearner(options: LearnerOptions): Learner {
  const { db, log, drafter, intervalMs = 3000 } = options;
  const encoder = options.encoder === undefined ? offlineEncoder : options.encoder;
  const topics = options.topics ?? (async () => topicsFromArticles(await loadArticles(db)));
  let running: Promise<LearnerPassResult> | undefined;

  async function pass(): Promise<LearnerPassResult> {
    const gaps = await syncGaps(db, await topics());
    const learned = await learnFromSignals(db);
    const suggestions = await syncSuggestions(db, drafter);
    return { gaps: gaps + learned.gapsAdded, phrasings: learned.phrasingsChanged, suggestions };
  }

  const sync = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    encoder,
    sync,
    start() {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const tick = async () => {
        // A pass cut short by shutdown (database closed under it) is not worth a warning.
        await sync().catch((err) => stopped || log?.warn('learner pass failed', { err }));
        if (!stopped) timer = setTimeout(tick, intervalMs).unref();
      };
      timer = setTimeout(tick, intervalMs).unref();
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        // Resolves when a pass in flight has finished, so the caller can close the database after it.
        return (running ?? Promise.resolve()).then(
          () => undefined,
          () => undefined,
        );
      };
    },
  };
}

/** A learner configured from the runtime configuration. */
export function learnerFromConfig(db: Db, config: Config, log?: Pick<Logger, 'warn'>, drafter?: Drafter): Learner {
  return createLearner({
    db,
    log,
    drafter,
    encoder: config.KB_ENCODER === 'off' ? null : offlineEncoder,
    topics: config.SUPPORT_TOPICS.length ? async () => config.SUPPORT_TOPICS : undefined,
  });
}
