/**
 * Staff API (mounted at /v1/staff behind express.json): login/logout, the escalation inbox and
 * lifecycle actions, AI drafts, canned replies, stats and a server-sent event stream.
 * Every call but login needs a staff token (Bearer header; `?token=` for the SSE stream); the
 * acting staff member always comes from the token, never from the body.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { ESCALATION_REASONS, isSwitchboardError, type Priority, SwitchboardError } from '../core/index.js';
import type { Escalation } from '../core/services.js';
import { isUuid } from '../escalations/repo.js';
import type { StaffEscalationService } from '../escalations/service.js';
import type { Learner } from '../learning/learner.js';
import type { AbuseLimits } from '../limits/index.js';
import type { Runtime } from '../runtime/runtime.js';
import { createStaffActions } from './actions.js';
import { authenticate, listStaff, login, logout, type StaffUser } from './auth.js';
import { CANNED_REPLIES } from './canned.js';
import { loadEscalationDetail, withAssigneeNames } from './detail.js';
import { suggestDraft } from './draft.js';
import { addFirstRunRoutes } from './first-run.js';
import { supportHoursNow } from './hours.js';
import { createLearningRouter } from './learning-routes.js';
import { createLoginThrottle } from './login-throttle.js';
import { createSharedLoginThrottle } from './login-throttle-shared.js';
import { streamStaffEvents } from './sse.js';
import { computeStaffStats } from './stats.js';

type Locals = { staff: StaffUser; token: string };
const STATUSES = ['open', 'claimed', 'resolved', 'cancelled', 'active'] as const;
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

const fail = (code: string, status: number, message: string) => new SwitchboardError(code, message, { status });

/** The staff operations of the runtime's escalation service (reassign, cancel, list, events). */
function staffService(runtime: Runtime): StaffEscalationService {
  const s = runtime.escalations as Partial<StaffEscalationService>;
  if (typeof s.list !== 'function' || typeof s.events !== 'function' || typeof s.cancel !== 'function')
    throw new Error('runtime.escalations must be created by createEscalationService (src/escalations/service.ts)');
  return s as StaffEscalationService;
}

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  return undefined;
}

const pickEnum = <T extends string>(v: unknown, allowed: readonly T[], name: string): T | undefined => {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw fail('invalid_filter', 400, `${name} must be one of: ${allowed.join(', ')}`);
};

/** Options of {@link createStaffRouter}. */
export interface StaffRouterOptions {
  /** Abuse limits: shown in the stats; their store shares login throttling through Redis. */
  limits?: AbuseLimits;
  /** Write this process's pending counters before the stats are read (so they include its latest lookups). */
  flushStats?: () => Promise<void>;
  /** The learner run before gaps and suggestions are listed (default: one from the configuration, offline drafts). */
  learner?: Learner;
}

/** Create the staff API router. */
export function createStaffRouter(runtime: Runtime, options: StaffRouterOptions = {}): express.Router {
  const router = express.Router();
  const { db, log } = runtime;
  const escalations = staffService(runtime);
  const actions = createStaffActions(escalations);
  const throttleOptions = {
    maxFailuresPerEmail: runtime.config.STAFF_LOGIN_MAX_FAILURES,
    windowMs: runtime.config.STAFF_LOGIN_WINDOW_MINUTES * 60_000,
  };
  const throttle =
    options.limits?.store.kind === 'redis'
      ? createSharedLoginThrottle({ store: options.limits.store, ...throttleOptions })
      : createLoginThrottle(throttleOptions);

  router.post('/login', async (req, res) => {
    const body = (req.body ?? {}) as { email?: unknown; password?: unknown };
    let attempt: Awaited<ReturnType<typeof throttle.begin>>;
    try {
      attempt = await throttle.begin(body.email, req.ip);
    } catch (err) {
      log.warn('staff login throttled', { ip: req.ip });
      throw err;
    }
    try {
      const result = await login(db, body.email, body.password);
      attempt.success();
      log.info('staff login', { staffId: result.staff.id });
      res.json(result);
    } catch (err) {
      if (!isSwitchboardError(err) || err.code !== 'invalid_credentials') attempt.discard();
      throw err;
    }
  });

  // First run: create the first admin from the console (only while no staff account exists).
  addFirstRunRoutes(router, { db, log, trustProxy: runtime.config.TRUST_PROXY });

  // Everything below needs a token.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const queryToken = req.path === '/events' && typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = bearer(req) ?? queryToken;
    if (!token) return next(fail('unauthorized', 401, 'Missing staff token (Authorization: Bearer <token>).'));
    const staff = await authenticate(db, token);
    if (!staff) return next(fail('unauthorized', 401, 'Invalid or expired staff token; log in again.'));
    (res.locals as Locals).staff = staff;
    (res.locals as Locals).token = token;
    next();
  });

  const me = (res: Response) => (res.locals as Locals).staff;
  const load = async (id: string | string[] | undefined): Promise<Escalation> => {
    const e = typeof id === 'string' && isUuid(id) ? await escalations.get(id) : null;
    if (!e) throw fail('escalation_not_found', 404, 'No escalation with this id.');
    return e;
  };
  const idOf = (req: Request) => String(req.params.id);

  router.post('/logout', async (_req, res) => {
    await logout(db, (res.locals as Locals).token);
    res.json({ ok: true });
  });

  router.get('/me', (_req, res) => {
    res.json({ staff: me(res) });
  });

  router.get('/staff', async (_req, res) => {
    res.json({ staff: await listStaff(db) });
  });

  router.get('/escalations', async (req, res) => {
    const status = pickEnum(req.query.status, STATUSES, 'status');
    const priority = pickEnum(req.query.priority, PRIORITIES, 'priority');
    const reason = pickEnum(req.query.reason, ESCALATION_REASONS, 'reason');
    const department =
      typeof req.query.department === 'string' && req.query.department ? req.query.department : undefined;
    const list = await escalations.list({ status, priority, reason, department });
    res.json({
      escalations: await withAssigneeNames(db, list),
      now: new Date().toISOString(),
      supportHours: supportHoursNow(runtime.config.SUPPORT_HOURS),
    });
  });

  router.get('/escalations/:id', async (req, res) => {
    const e = await load(req.params.id);
    res.json(await loadEscalationDetail(db, e, await escalations.events(e.id)));
  });

  router.get('/escalations/:id/draft', async (req, res) => {
    const e = await load(req.params.id);
    try {
      res.json({ draft: await suggestDraft(runtime, e) });
    } catch (cause) {
      log.warn('staff draft failed', { escalationId: e.id, error: String(cause) });
      throw new SwitchboardError(
        'draft_unavailable',
        'The AI draft is unavailable right now; write the reply yourself.',
        {
          status: 503,
          cause,
        },
      );
    }
  });

  router.post('/escalations/:id/claim', async (req, res) => {
    await load(req.params.id);
    res.json({ escalation: await actions.claim(me(res).id, idOf(req)) });
  });

  router.post('/escalations/:id/reply', async (req, res) => {
    await load(req.params.id);
    const text = (req.body as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string' || !text.trim()) throw fail('empty_reply', 400, 'Body must be {"text": "<reply>"}.');
    res.status(201).json(await actions.reply(me(res).id, idOf(req), text, 'console'));
  });

  router.post('/escalations/:id/resolve', async (req, res) => {
    await load(req.params.id);
    const note = (req.body as { note?: unknown } | undefined)?.note;
    res.json({
      escalation: await actions.resolve(me(res).id, idOf(req), { note: typeof note === 'string' ? note : undefined }),
    });
  });

  router.post('/escalations/:id/release', async (req, res) => {
    await load(req.params.id);
    res.json({ escalation: await actions.release(me(res).id, idOf(req)) });
  });

  router.post('/escalations/:id/reassign', async (req, res) => {
    await load(req.params.id);
    const staffId = (req.body as { staffId?: unknown } | undefined)?.staffId;
    if (!isUuid(staffId)) throw fail('invalid_staff_id', 400, 'Body must be {"staffId": "<staff uuid>"}.');
    res.json({ escalation: await escalations.reassign(idOf(req), me(res).id, staffId) });
  });

  router.post('/escalations/:id/cancel', async (req, res) => {
    await load(req.params.id);
    const note = (req.body as { note?: unknown } | undefined)?.note;
    res.json({
      escalation: await escalations.cancel(idOf(req), me(res).id, typeof note === 'string' ? note : undefined),
    });
  });

  router.get('/canned-replies', (_req, res) => {
    res.json({ cannedReplies: CANNED_REPLIES });
  });

  router.get('/stats', async (req, res) => {
    const days = Number(req.query.days ?? 14);
    await options.flushStats?.();
    const stats = await computeStaffStats(db, { days: Number.isFinite(days) ? days : 14 });
    res.json({ ...stats, limits: await options.limits?.describe() });
  });

  router.get('/events', (req, res) => {
    streamStaffEvents(req, res, runtime.bus);
  });

  // Knowledge gaps, suggested articles, learned phrasings (src/staff/learning-routes.ts).
  router.use(createLearningRouter(runtime, options.learner));

  router.use((_req, _res, next) => next(fail('not_found', 404, 'Unknown staff API route.')));

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isSwitchboardError(err)) {
      if (err.status >= 500) log.error('staff api error', { code: err.code, error: err.message });
      if (err.retryAfterMs !== undefined) res.setHeader('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const status = (err as { status?: number; type?: string }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: 'Malformed request body.' } });
      return;
    }
    log.error('staff api error', { error: err instanceof Error ? err.message : String(err) });
    res.status(500).json({ error: { code: 'internal', message: 'Internal error.' } });
  });

  return router;
}
