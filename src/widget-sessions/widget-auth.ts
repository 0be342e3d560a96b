/**
 * Widget session tokens: random, only their SHA-256 stored, expiring after `ttlMs` without use
 * (sliding), revocable, accepted only in the Authorization header — except a short-lived,
 * single-session ticket for the event stream (EventSource cannot set headers). With allowed origins
 * configured, a token is bound to the Origin that created it. A short in-process cache (10 s) keeps
 * the database out of the hot path; revocation in another process takes effect within it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SwitchboardError, type WidgetRequest, type WidgetSession } from '../core/index.js';
import type { Queryable } from '../db/db.js';
import { createWidgetSessionStore } from './widget-session-store.js';

export type { WidgetSession };

/** Options of {@link createWidgetAuth}. */
export interface WidgetAuthOptions {
  /** Idle lifetime of a token (sliding). */
  ttlMs: number;
  /** WIDGET_ALLOWED_ORIGINS: when non-empty, tokens only work from the Origin that created them. */
  allowedOrigins: string[];
  /** Lifetime of an event-stream ticket (default 60 s). */
  ticketTtlMs?: number;
}

const CACHE_MS = 10_000;
/** Slide the expiry at most this often per token (saves a write per request). */
const TOUCH_EVERY_MS = 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const unauthorized = (code: string, message: string) => new SwitchboardError(code, message, { status: 401 });

/** Create the widget token service on `db`. */
export function createWidgetAuth(db: Queryable, options: WidgetAuthOptions) {
  const store = createWidgetSessionStore(db);
  const ticketTtlMs = options.ticketTtlMs ?? 60_000;
  const cache = new Map<string, { session: WidgetSession; origin: string | null; expiresAt: number; at: number }>();
  const lastTouch = new Map<string, number>();
  let issued = 0;

  async function load(tokenHash: string) {
    const hit = cache.get(tokenHash);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit;
    const row = await store.find(tokenHash);
    if (!row) throw unauthorized('invalid_token', 'The widget session token is not valid.');
    if (row.revoked) throw unauthorized('token_revoked', 'This chat session was ended; start a new one.');
    const entry = {
      session: {
        conversationId: row.conversationId,
        conversationKey: row.conversationKey,
        customerExternalId: row.customerExternalId,
        tokenHash,
      },
      origin: row.origin,
      expiresAt: row.expiresAt.getTime(),
      at: Date.now(),
    };
    if (cache.size > 10_000) cache.clear();
    cache.set(tokenHash, entry);
    return entry;
  }

  function tokenFrom(req: WidgetRequest): string | undefined {
    const header = req.get('authorization') ?? '';
    return header.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
  }

  return {
    /** Issue a token for a session, bound to `origin` (when allowed origins are configured). */
    async issue(session: Omit<WidgetSession, 'tokenHash'>, origin?: string): Promise<string> {
      const token = `wst_${randomBytes(24).toString('base64url')}`;
      const bound = options.allowedOrigins.length > 0 ? (origin ?? null) : null;
      await store.insert(hash(token), session.conversationId, bound, options.ttlMs);
      if (++issued % 500 === 0) void store.purgeExpired().catch(() => {});
      return token;
    },

    /**
     * Resolve the request's session: `Authorization: Bearer <token>`, or with `allowTicket` a
     * `?ticket=` from {@link ticket}. Throws 401 (`missing_token`, `invalid_token`, `token_expired`,
     * `token_revoked`, `invalid_ticket`) or 403 `origin_mismatch`.
     */
    async verify(req: WidgetRequest, opts: { allowTicket?: boolean } = {}): Promise<WidgetSession> {
      const token = tokenFrom(req);
      let tokenHash: string;
      if (token) tokenHash = hash(token);
      else if (opts.allowTicket && typeof req.query.ticket === 'string' && req.query.ticket) {
        const found = await store.findTicket(hash(req.query.ticket));
        if (!found) throw unauthorized('invalid_ticket', 'The event-stream ticket is unknown or expired.');
        tokenHash = found;
      } else if (req.query.token !== undefined) {
        throw unauthorized('token_in_url', 'Send the widget token as "Authorization: Bearer <token>", not in the URL.');
      } else {
        throw unauthorized('missing_token', 'Send the widget session token as "Authorization: Bearer <token>".');
      }
      const entry = await load(tokenHash);
      const now = Date.now();
      if (entry.expiresAt <= now) {
        cache.delete(tokenHash);
        throw unauthorized('token_expired', 'This chat session has expired; start a new one.');
      }
      if (entry.origin && req.get('origin') !== entry.origin)
        throw new SwitchboardError('origin_mismatch', 'This chat session belongs to another website.', { status: 403 });
      if (now - (lastTouch.get(tokenHash) ?? 0) > TOUCH_EVERY_MS) {
        lastTouch.set(tokenHash, now);
        if (lastTouch.size > 10_000) lastTouch.clear();
        entry.expiresAt = now + options.ttlMs;
        await store.touch(tokenHash, options.ttlMs);
      }
      return entry.session;
    },

    /** A ticket for `?ticket=` on the event stream, valid `ticketTtlMs` (60 s). */
    async ticket(session: WidgetSession): Promise<{ ticket: string; expiresInSeconds: number }> {
      const ticket = `wsk_${randomBytes(24).toString('base64url')}`;
      await store.insertTicket(hash(ticket), session.tokenHash, ticketTtlMs);
      return { ticket, expiresInSeconds: Math.round(ticketTtlMs / 1000) };
    },

    /** Revoke the session's token (and its tickets). */
    async revoke(session: WidgetSession): Promise<void> {
      cache.delete(session.tokenHash);
      await store.revoke(session.tokenHash);
    },

    /** The newest conversation of an identity-verified customer, to continue it on a new device. */
    latestConversation: (customerExternalId: string) => store.latestConversation(customerExternalId),
  };
}

/** The widget token service. */
export type WidgetAuth = ReturnType<typeof createWidgetAuth>;
