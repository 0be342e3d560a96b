import { recordFeedback } from '../conversations/feedback-repo.js';
import type { FeedbackEvent } from '../core/index.js';
import type { AnswerCache } from '../learning/answer-cache.js';
import { contextSources } from '../pipeline/context.js';
import { createDeliveryProcessor } from '../pipeline/delivery.js';
import { startSweeper } from '../pipeline/sweeper.js';
import { createTurnProcessor } from '../pipeline/turn.js';
import { releaseHeldTurnLeases } from '../pipeline/turn-lease.js';
import type { Metrics } from '../runtime/metrics.js';
import type { Runtime } from '../runtime/runtime.js';

/** Turn and delivery workers, recovery sweeper and feedback recording for a runtime. */
export function createWorkers(deps: {
  runtime: Runtime;
  metrics: Metrics;
  /** Answer cache for repeated first questions (src/learning/answer-cache.ts). */
  answerCache?: AnswerCache;
}) {
  const { runtime, metrics } = deps;
  const { db, queue, log, adapters, config } = runtime;
  const deliverOnce = createDeliveryProcessor({ db, queue, log, adapters: adapters as Map<string, never> });
  /** One delivery attempt, counted (outcome, retries) and timed. */
  const deliver = async (job: { deliveryId: string }) => {
    const t0 = performance.now();
    const outcome = await deliverOnce(job);
    metrics.observe('delivery_ms', performance.now() - t0);
    metrics.inc('deliveries_total', { outcome });
    if (outcome === 'retry') metrics.inc('delivery_retries_total');
    return outcome;
  };
  const processTurn = createTurnProcessor({
    // The runtime's knowledge base, recorder, brand and channel limits: the staff AI draft uses the same.
    ...contextSources(runtime),
    db,
    bus: runtime.bus,
    log,
    agents: runtime.agents,
    conversations: runtime.conversations,
    escalations: runtime.escalations,
    deliver: (deliveryId) => deliver({ deliveryId }),
    answerCache: deps.answerCache,
    testHooks:
      config.NODE_ENV === 'test'
        ? { delayMs: config.SWITCHBOARD_TEST_TURN_DELAY_MS, crashAt: config.SWITCHBOARD_TEST_CRASH_AT }
        : undefined,
  });

  return {
    start(): () => void {
      queue.process(
        'turn',
        async (job) => {
          const t0 = performance.now();
          const outcome = await processTurn(job);
          metrics.inc('turns_total', { outcome });
          metrics.observe('turn_ms', performance.now() - t0);
        },
        config.WORKER_CONCURRENCY,
      );
      queue.process(
        'deliver',
        async (job) => {
          await deliver(job);
        },
        config.WORKER_CONCURRENCY,
      );
      return startSweeper(db, queue, log);
    },
    /** Shutdown: release the leases of turns still running here, so other workers take them at once. */
    async handBack(): Promise<number> {
      return releaseHeldTurnLeases(db);
    },
    /** Record a platform reaction on one of our deliveries as feedback. */
    async recordFeedback(e: FeedbackEvent): Promise<void> {
      const recorded = await recordFeedback(db, {
        target: { platformMessageId: e.platformMessageId },
        channel: e.channel,
        rater: e.userId,
        rating: e.rating,
        raw: e.raw,
      });
      metrics.inc('feedback_total', { channel: e.channel, recorded: String(recorded) });
    },
  };
}
