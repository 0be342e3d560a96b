/**
 * Metrics taps around the services of a runtime: replies by kind (conversation service), escalation
 * events (event bus, counted where published, so once across processes) and model calls (recorder).
 */

import type { ConversationService, EventBus } from '../core/services.js';
import type { FlushableRecorder } from '../models/recorder.js';
import type { Metrics } from '../runtime/metrics.js';

/** Count every reply stored for a customer by role and `meta.kind`. */
export function countReplies(conversations: ConversationService, metrics: Metrics): ConversationService {
  return {
    ...conversations,
    async postReply(input, options) {
      const written = await conversations.postReply(input, options);
      if (written) {
        const kind =
          typeof input.meta?.kind === 'string' ? input.meta.kind : input.role === 'bot' ? 'answer' : 'notice';
        metrics.inc('replies_total', { role: input.role, kind });
      }
      return written;
    },
  };
}

/** Count the escalation events this process publishes. */
export function countEscalationEvents(bus: EventBus, metrics: Metrics): EventBus {
  return {
    ...bus,
    async publish(event) {
      if (event.type === 'escalation') metrics.inc('escalation_events_total', { event: event.event });
      return bus.publish(event);
    },
  };
}

/** Count model calls, tokens, cost and latency by tier before recording them. */
export function countModelCalls(recorder: FlushableRecorder, metrics: Metrics): FlushableRecorder {
  return {
    ...recorder,
    record(call) {
      metrics.modelCall(call);
      return recorder.record(call);
    },
  };
}
