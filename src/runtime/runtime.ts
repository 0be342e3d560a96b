/**
 * The services of a running Switchboard process, as the HTTP layer, staff side and workers see them.
 * Here rather than in src/core because it holds the configuration (src/config imports core).
 */
import type { Config } from '../config.js';
import type { Db } from '../core/database.js';
import type { AgentSet, Brand, Channel, ChannelAdapter, KnowledgeBase, ModelCallRecorder } from '../core/index.js';
import type { ConversationService, EscalationService, EventBus, JobQueue, Logger } from '../core/services.js';

/** Everything a running Switchboard process holds. */
export interface Runtime {
  config: Config;
  db: Db;
  queue: JobQueue;
  bus: EventBus;
  log: Logger;
  agents: AgentSet;
  /** The knowledge base the agents search (what a turn's context holds). */
  kb: KnowledgeBase;
  /** Where model calls are recorded (model_calls), for cost reports. */
  recorder: ModelCallRecorder;
  /** Who the assistant speaks for (name, topics). */
  brand: () => Promise<Brand>;
  conversations: ConversationService;
  escalations: EscalationService;
  adapters: Map<Channel, ChannelAdapter>;
}
