import { Router } from 'express';
import type { Metrics } from '../runtime/metrics.js';
import type { Runtime } from '../runtime/types.js';
import { route } from './errors.js';

/** `GET /healthz` ({status, db, queue, models}) and `GET /metrics`. */
export function createHealthRouter(runtime: Runtime, metrics: Metrics): Router {
  const r = Router();
  r.get(
    '/healthz',
    route(async (_req, res) => {
      const db = await runtime.db
        .query('SELECT 1')
        .then(() => 'ok')
        .catch(() => 'down');
      const queueOk = await runtime.queue.ping();
      const depth = queueOk ? await runtime.queue.depth().catch(() => -1) : -1;
      const models = runtime.agents.describe();
      const ok = db === 'ok' && queueOk;
      res.status(ok ? 200 : 503).json({
        status: ok ? 'ok' : 'degraded',
        db: { status: db, kind: runtime.db.kind },
        queue: { status: queueOk ? 'ok' : 'down', kind: runtime.queue.kind, depth },
        models: { tiers: models.tiers, models: models.models },
        channels: [...runtime.adapters.keys()],
      });
    }),
  );
  r.get(
    '/metrics',
    route(async (_req, res) => {
      const depth = await runtime.queue.depth().catch(() => -1);
      res.type('text/plain; version=0.0.4').send(metrics.render({ queue_depth: depth }));
    }),
  );
  return r;
}
