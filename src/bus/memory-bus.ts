import type { BusEvent, EventBus } from '../core/services.js';

/** In-process event bus (embedded mode, one process). */
export function createMemoryBus(): EventBus {
  const handlers = new Set<(e: BusEvent) => void>();
  return {
    async publish(event) {
      for (const h of handlers) {
        try {
          h(event);
        } catch {
          /* a subscriber's failure never breaks publishing */
        }
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    // One process, nothing to lose between publish and subscribers: never reconnects.
    onReconnect() {
      return () => {};
    },
    async close() {
      handlers.clear();
    },
  };
}
