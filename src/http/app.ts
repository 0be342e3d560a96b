/**
 * The express app: channel HTTP first (Slack webhooks with a raw body, the widget API — each owned by
 * its adapter's `httpMiddleware`), then health and metrics, staff API, console, the demo page and
 * widget script. Every error is `{error:{code,message}}`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { createConsoleRouter } from '../console/index.js';
import type { HttpChannelAdapter } from '../core/index.js';
import type { Learner } from '../learning/learner.js';
import type { AbuseLimits } from '../limits/index.js';
import type { Metrics } from '../runtime/metrics.js';
import type { Runtime } from '../runtime/runtime.js';
import { createStaffRouter } from '../staff/routes.js';
import { bodyCap, rawBodyForBolt } from './body-cap.js';
import { demoPage } from './demo-page.js';
import { errorMiddleware, sendError } from './errors.js';
import { createHealthRouter } from './health.js';
import { demoPageCsp, embeddable, hstsOverTls, securityHeaders } from './security-headers.js';

/** Static files: demo page and widget script. */
export const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** What the HTTP app needs besides the runtime. */
export interface HttpAppDeps {
  metrics: Metrics;
  /** Abuse limits and model budget (src/limits). */
  limits: AbuseLimits;
  /** Write this process's pending counters (answer cache) before the staff stats are read. */
  flushStats?: () => Promise<void>;
  /** The process's learner (with its article drafter), run before the staff lists gaps and suggestions. */
  learner?: Learner;
}

/** Build the HTTP app for a runtime. */
export function createHttpApp(runtime: Runtime, deps: HttpAppDeps): Express {
  const { config } = runtime;
  const maxBody = config.MAX_BODY_KB * 1024;
  const app = express();
  app.disable('x-powered-by');
  // Client IPs come from X-Forwarded-For only through the proxies TRUST_PROXY names (default none).
  app.set('trust proxy', config.TRUST_PROXY);
  if (config.TRUST_PROXY === false) app.use(warnOnceAboutProxy(runtime.log));
  app.use(bodyCap(maxBody), securityHeaders(), hstsOverTls);
  app.use('/slack/events', ...rawBodyForBolt(maxBody));
  for (const adapter of runtime.adapters.values()) {
    const mw = (adapter as HttpChannelAdapter).httpMiddleware;
    if (mw) app.use(mw as express.RequestHandler);
  }
  app.use(createHealthRouter(runtime, deps.metrics));
  app.use(
    '/v1/staff',
    express.json({ limit: '64kb' }),
    createStaffRouter(runtime, { limits: deps.limits, flushStats: deps.flushStats, learner: deps.learner }),
  );
  app.use('/console', createConsoleRouter());
  app.get('/widget.js', embeddable, (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.sendFile(path.join(PUBLIC_DIR, 'widget.js'));
  });
  app.get('/', demoPageCsp, demoPage(PUBLIC_DIR, runtime.config.BRAND_NAME));
  // One icon for the demo page and the console (browsers ask for /favicon.ico on every origin).
  app.get('/favicon.ico', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('image/x-icon').sendFile(path.join(PUBLIC_DIR, 'favicon.ico'));
  });
  app.use((req, res) => sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}.`));
  app.use(errorMiddleware(runtime.log));
  return app;
}

/**
 * Behind a proxy with TRUST_PROXY off, every client has the proxy's address and shares its per-IP
 * limits: say so once, when the first X-Forwarded-For arrives.
 */
function warnOnceAboutProxy(log: Runtime['log']): express.RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!warned && req.headers['x-forwarded-for']) {
      warned = true;
      log.warn('X-Forwarded-For received but TRUST_PROXY is off: per-IP limits count the proxy address', {
        peer: req.socket.remoteAddress,
      });
    }
    next();
  };
}
