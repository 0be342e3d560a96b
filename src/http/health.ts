import { timingSafeEqual } from 'node:crypto';
import { type Request, Router } from 'express';
import { ping } from '../db/ping.js';
import type { Metrics } from '../runtime/metrics.js';
import type { Runtime } from '../runtime/runtime.js';
import { route, sendError } from './errors.js';

/** Longest wait for one health probe (database, queue). */
const PROBE_TIMEOUT_MS = 800;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('probe timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** True when `METRICS_TOKEN` is set and the request carries it as a Bearer token. */
export function hasMetricsToken(req: Request, expected: string | undefined): boolean {
  if (!expected) return false;
  const header = req.get('authorization') ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * `GET /healthz` ({status, db, queue, models}; model names only with the METRICS_TOKEN) and
 * `GET /metrics` (401 without the METRICS_TOKEN when it is set).
 */
export function createHealthRouter(runtime: Runtime, metrics: Metrics): Router {
  const r = Router();
  const token = runtime.config.METRICS_TOKEN;
  r.get(
    '/healthz',
    route(async (req, res) => {
      // Each probe is time-boxed and they run side by side: /healthz answers within ~1.5 s even
      // while Postgres or Redis hangs (issue 12.6).
      const [db, queueOk] = await Promise.all([
        withTimeout(
          ping(runtime.db).then(() => 'ok'),
          PROBE_TIMEOUT_MS,
        ).catch(() => 'down'),
        runtime.queue.ping(PROBE_TIMEOUT_MS),
      ]);
      const depth = queueOk ? await withTimeout(runtime.queue.depth(), 500).catch(() => -1) : -1;
      const models = runtime.agents.describe();
      const ok = db === 'ok' && queueOk;
      res.status(ok ? 200 : 503).json({
        status: ok ? 'ok' : 'degraded',
        db: { status: db, kind: runtime.db.kind },
        queue: { status: queueOk ? 'ok' : 'down', kind: runtime.queue.kind, depth },
        models: hasMetricsToken(req, token) ? { tiers: models.tiers, models: models.models } : { tiers: models.tiers },
        channels: [...runtime.adapters.keys()],
      });
    }),
  );
  r.get(
    '/metrics',
    route(async (req, res) => {
      if (token && !hasMetricsToken(req, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return sendError(res, 401, 'unauthorized', 'Send the METRICS_TOKEN as "Authorization: Bearer <token>".');
      }
      res.type(metrics.contentType).send(await metrics.render());
    }),
  );
  return r;
}
