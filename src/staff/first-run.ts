/**
 * First run: while no staff account exists, `/console` offers to create the first admin, so nobody
 * needs the CLI to begin. Allowed only from the machine itself (a loopback client address as the
 * TRUST_PROXY rules decide it, and no proxy headers when TRUST_PROXY is off) or with the one-time
 * setup token this process prints at start. Once any staff account exists the routes refuse (409).
 *
 * Routes (before the staff token check): `GET /setup` -> `{ needed, local }`;
 * `POST /setup` `{ email, password, name?, setupToken? }` -> `201 { token, expiresAt, staff }`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type express from 'express';
import type { Request } from 'express';
import { SwitchboardError } from '../core/index.js';
import type { Logger } from '../core/services.js';
import type { Db } from '../db/db.js';
import { createStaffUser, type LoginResult, login } from './auth.js';
import { anyStaffExists, lockForTransaction } from './staff-repo.js';

/** Options of {@link addFirstRunRoutes}. */
export interface FirstRunOptions {
  db: Db;
  log: Pick<Logger, 'info' | 'warn'>;
  /** TRUST_PROXY as config parsed it (false = no proxy is trusted). */
  trustProxy: false | number | string[];
  /** The one-time setup token (default: random, printed when no staff account exists). */
  setupToken?: string;
}

const FIRST_ADMIN_LOCK = 7_120_001; // advisory lock: two setup requests cannot both create an admin

/** True when the client is this machine: loopback address, and not relayed by an untrusted proxy. */
export function isLocalRequest(req: Request, trustProxy: FirstRunOptions['trustProxy']): boolean {
  const relayed = Boolean(req.headers['x-forwarded-for'] || req.headers.forwarded || req.headers['x-real-ip']);
  // With TRUST_PROXY off, a local reverse proxy makes every visitor look like 127.0.0.1.
  if (relayed && trustProxy === false) return false;
  const ip = (req.ip ?? '').replace(/^::ffff:/, '');
  return ip === '::1' || /^127\./.test(ip);
}

function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Mount the first-run routes on the staff router (call before the token middleware). */
export function addFirstRunRoutes(router: express.Router, options: FirstRunOptions): void {
  const { db, log, trustProxy } = options;
  let setupToken: string | null = options.setupToken ?? randomBytes(18).toString('base64url');
  void anyStaffExists(db)
    .then((exists) => {
      if (exists) setupToken = null;
      else
        log.warn(
          `No staff account yet: open /console on this machine to create the first admin, or elsewhere enter the one-time setup token ${setupToken}`,
        );
    })
    .catch(() => {});

  router.get('/setup', async (req, res) => {
    res.json({ needed: !(await anyStaffExists(db)), local: isLocalRequest(req, trustProxy) });
  });

  router.post('/setup', async (req, res) => {
    const body = (req.body ?? {}) as { email?: unknown; password?: unknown; name?: unknown; setupToken?: unknown };
    const local = isLocalRequest(req, trustProxy);
    if (!local && !(setupToken && sameToken(body.setupToken, setupToken)))
      throw new SwitchboardError(
        'setup_forbidden',
        'Create the first admin from the server itself, or enter the setup token printed when the server started.',
        { status: 403 },
      );
    const created: LoginResult | null = await db.transaction(async (tx) => {
      await lockForTransaction(tx, FIRST_ADMIN_LOCK);
      if (await anyStaffExists(tx)) return null;
      await createStaffUser(tx, {
        email: String(body.email ?? ''),
        password: typeof body.password === 'string' ? body.password : '',
        name: typeof body.name === 'string' ? body.name : undefined,
        role: 'admin',
      });
      return login(tx, String(body.email ?? ''), body.password);
    });
    if (!created)
      throw new SwitchboardError('setup_done', 'A staff account already exists; log in instead.', { status: 409 });
    setupToken = null; // one time only
    log.info('first admin created from the console', { staffId: created.staff.id, local });
    res.status(201).json(created);
  });
}
