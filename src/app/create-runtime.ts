/**
 * Build a Switchboard process: database (Postgres or embedded PGlite) + migrations, queue
 * (BullMQ or in-process), event bus, services, agents, channel adapters, HTTP server, workers.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWidgetAdapter } from '../../adapters/widget/index.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createRedisBus } from '../bus/redis-bus.js';
import type { Config } from '../config.js';
import { createConversationService } from '../conversations/service.js';
import { type AgentSet, type Channel, type ChannelAdapter, sanitizeText } from '../core/index.js';
import type { Logger } from '../core/services.js';
import { noteServerPort } from '../db/data-dir-lock.js';
import { createDb } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createEscalationService } from '../escalations/service.js';
import { createHttpApp } from '../http/app.js';
import {
  createBrandSource,
  knowledgeBaseFromConfig,
  offlineEncoder,
  type SearchableKnowledgeBase,
  seedIfEmpty,
} from '../kb/index.js';
import { createAnswerCache } from '../learning/answer-cache.js';
import { createCacheStats } from '../learning/cache-stats.js';
import { learnerFromConfig } from '../learning/learner.js';
import { createAbuseLimits, meteredRecorder } from '../limits/index.js';
import { createDbRecorder } from '../models/recorder.js';
import { createQueue } from '../queue/index.js';
import { childLogger, createLogger } from '../runtime/logger.js';
import { createMetrics } from '../runtime/metrics.js';
import { withRetry } from '../runtime/retry.js';
import type { Runtime } from '../runtime/runtime.js';
import { requireRedis } from '../runtime/startup-errors.js';
import { attachStaffChannels, type StaffChannel } from '../staff-channels/index.js';
import { createWidgetPorts } from '../widget-sessions/widget-ports.js';
import { createAgents, createArticleDrafter } from './agent-wiring.js';
import { countEscalationEvents, countModelCalls, countReplies } from './instrument.js';
import { createWorkers } from './workers.js';

/** Options for {@link createRuntime}. */
export interface CreateRuntimeOptions {
  /** Extra or replacement adapters (tests). */
  adapters?: ChannelAdapter[];
  /** Replace the agent set (tests, bench). */
  agents?: AgentSet;
  log?: Logger;
  /** Queue name prefix for BullMQ (tests use a unique one). */
  queuePrefix?: string;
}

/** What `start()` may run. */
export interface StartOptions {
  /** HTTP ingress (default true). */
  http?: boolean;
  /** Turn + delivery workers (default true). */
  workers?: boolean;
}

/** A runtime you can start and stop. */
export interface AppRuntime extends Runtime {
  start(options?: StartOptions): Promise<{ url: string; port: number }>;
  /**
   * Stop taking work, give in-flight turns `graceMs` (default SHUTDOWN_TIMEOUT_MS) to finish, hand
   * back the rest (their conversation leases are released), close everything.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  metrics: ReturnType<typeof createMetrics>;
  /** The knowledge base (import, list, remove, search). */
  kb: SearchableKnowledgeBase;
}

/** Create a runtime from configuration. */
export async function createRuntime(config: Config, options: CreateRuntimeOptions = {}): Promise<AppRuntime> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const db = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, owner: 'switchboard' });
  const migrated = await migrate(db);
  if (migrated.applied.length) log.info('migrations applied', { applied: migrated.applied });
  const queue = createQueue({ redisUrl: config.REDIS_URL, prefix: options.queuePrefix, log });
  // An unreachable Redis stops start-up with one line instead of "ready" and endless reconnects.
  if (config.REDIS_URL) {
    await requireRedis((ms) => queue.ping(ms), config.REDIS_URL).catch(async (err) => {
      await queue.close(0);
      await db.close();
      throw err;
    });
  }
  const metrics = createMetrics({ queueDepth: () => queue.depth() });
  const bus = countEscalationEvents(
    config.REDIS_URL
      ? createRedisBus({ redisUrl: config.REDIS_URL, channel: `${options.queuePrefix ?? 'switchboard'}:events`, log })
      : createMemoryBus(),
    metrics,
  );
  const conversations = countReplies(createConversationService({ db, queue, bus, log }), metrics);
  const escalations = createEscalationService({ db, bus, conversations, config, log });
  const kb = knowledgeBaseFromConfig(db, config, (err) =>
    log.warn('sentence encoder unavailable; retrieval is lexical only', { err }),
  );
  const seeded = await seedIfEmpty(db);
  if (seeded) log.info('knowledge base seeded with the demo articles', { imported: seeded.imported });
  const brand = createBrandSource(config, kb);
  const recorder = countModelCalls(
    createDbRecorder(db, { onError: (err) => log.warn('model call not recorded', { err }) }),
    metrics,
  );
  const limits = createAbuseLimits({
    config,
    db,
    log,
    prefix: options.queuePrefix,
    onBudgetRefused: (scope) => metrics.inc('model_budget_refusals_total', { scope }),
  });
  const admit = (req: { conversationId?: string }) => limits.budget.assertConversation(req.conversationId);
  const agents =
    options.agents ??
    (await createAgents(config, db, meteredRecorder(recorder, limits.budget, log), log, { admit, kb }));
  // Gaps, learned phrasings and suggested articles (model-written when a model is configured).
  const learner = learnerFromConfig(
    db,
    config,
    log,
    await createArticleDrafter(config, meteredRecorder(recorder, limits.budget, log), { admit }),
  );

  const widget = createWidgetAdapter({
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    push: (e) => bus.publish({ type: 'message', conversationId: e.conversationId, message: e.message }),
    ports: createWidgetPorts({ config, db, conversations, bus, limits, log }),
  });
  const adapters = new Map<Channel, ChannelAdapter>([['widget', widget]]);
  // Platform SDKs load only when their channel is configured (faster start-up).
  if (config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET) {
    const { createSlackAdapter } = await import('../../adapters/slack/index.js');
    adapters.set('slack', createSlackAdapter(config, { log: childLogger(log, { component: 'slack' }) }));
  }
  if (config.DISCORD_BOT_TOKEN) {
    const { createDiscordAdapter } = await import('../../adapters/discord/index.js');
    adapters.set('discord', createDiscordAdapter(config, { log: childLogger(log, { component: 'discord' }) }));
  }
  for (const a of options.adapters ?? []) adapters.set(a.channel, a);

  const runtime: Runtime = {
    config,
    db,
    queue,
    bus,
    log,
    agents,
    kb,
    recorder,
    brand,
    conversations,
    escalations,
    adapters,
  };
  // Cache counters go to /metrics and, in batches, to answer_cache_stats (the staff stats page).
  const cacheStats =
    config.ANSWER_CACHE === 'on'
      ? createCacheStats({ db, metrics, onError: (err) => log.warn('answer-cache counters not written', { err }) })
      : undefined;
  const answerCache =
    config.ANSWER_CACHE === 'on'
      ? createAnswerCache({
          db,
          kbVersion: async () => (await kb.retriever.state()).version,
          encoder: config.KB_ENCODER === 'off' ? null : offlineEncoder,
          similarity: config.ANSWER_CACHE_SIMILARITY,
          topArticle: async (text) => (await kb.retrieve(text, { limit: 1 })).candidates[0]?.id,
          redisUrl: config.REDIS_URL,
          prefix: options.queuePrefix,
          metrics: cacheStats?.metrics ?? metrics,
        })
      : undefined;
  const workers = createWorkers({ runtime, metrics, answerCache });
  let server: Server | undefined;
  let detachStaff: (() => Promise<void>) | undefined;
  let stopWorkers: (() => void) | undefined;
  let learnerStopped: Promise<void> | undefined;
  let stopped = false;

  return {
    ...runtime,
    metrics,
    kb,
    async start(opts = {}) {
      const handlers = {
        onMessage: async (msg: Parameters<typeof conversations.receive>[0]) => {
          metrics.inc('messages_received_total', { channel: msg.channel });
          // Slack/Discord text may hold a NUL or a lone surrogate Postgres cannot store: clean it
          // rather than drop the message (the widget API refuses such text with 400 invalid_text).
          const clean = { ...msg, text: sanitizeText(msg.text) };
          // Platforms like Discord never redeliver: ride out short database outages instead of dropping.
          return withRetry(() => conversations.receive(clean), {
            what: 'storing an inbound message',
            log,
            context: { inbound: msg },
          });
        },
        onFeedback: (e: Parameters<NonNullable<import('../core/index.js').InboundHandlers['onFeedback']>>[0]) =>
          workers.recordFeedback(e),
      };
      for (const adapter of adapters.values()) await adapter.start(handlers);
      const staffChannels = [...adapters.values()]
        .map((a) => (a as { staffChannel?: StaffChannel }).staffChannel)
        .filter((c): c is StaffChannel => Boolean(c));
      detachStaff = attachStaffChannels(runtime, staffChannels);
      if (opts.workers !== false) {
        const stopTurns = workers.start();
        // Gaps, learned phrasings and suggested articles from what happened (src/learning).
        const stopLearner = learner.start();
        stopWorkers = () => {
          stopTurns();
          learnerStopped = stopLearner();
        };
      }
      if (opts.http === false) return { url: '', port: 0 };
      const app = createHttpApp(runtime, { metrics, limits, flushStats: cacheStats?.flush, learner });
      server = await new Promise<Server>((resolve, reject) => {
        // Express 5 passes a listen error (EADDRINUSE...) to the callback.
        const s = app.listen(config.PORT, config.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
        s.once('error', reject);
      });
      const port = (server.address() as AddressInfo).port;
      if (db.kind === 'pglite' && !config.DATA_DIR.startsWith('memory://')) noteServerPort(config.DATA_DIR, port);
      const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
      return { url: config.PUBLIC_URL ?? `http://${host}:${port}`, port };
    },
    async stop(stopOptions = {}) {
      if (stopped) return;
      stopped = true;
      stopWorkers?.();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((r) => server!.close(() => r()));
      }
      await detachStaff?.();
      for (const adapter of adapters.values())
        await adapter.stop().catch((err) => log.warn('adapter stop failed', { err }));
      await queue.close(stopOptions.graceMs ?? config.SHUTDOWN_TIMEOUT_MS);
      const handedBack = await workers.handBack().catch(() => 0);
      if (handedBack) log.warn('shutdown: handed back unfinished turns', { turns: handedBack });
      await recorder.close();
      await limits.close();
      await answerCache?.close();
      await cacheStats?.close();
      await bus.close();
      await learnerStopped;
      await db.close();
    },
  };
}
