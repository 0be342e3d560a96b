import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { SwitchboardError } from '../core/index.js';
import type { Db } from '../db/db.js';

/** A verified widget session. */
export interface WidgetSession {
  conversationId: string;
  /** The conversation's platform key (what the widget adapter puts on inbound messages). */
  conversationKey: string;
  customerExternalId: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Widget session tokens: random, only their SHA-256 stored; small in-process cache. */
export function createWidgetAuth(db: Db) {
  const cache = new Map<string, WidgetSession>();
  return {
    async issue(session: WidgetSession, origin?: string): Promise<string> {
      const token = `wst_${randomBytes(24).toString('base64url')}`;
      await db.query('INSERT INTO widget_sessions (token_hash, conversation_id, origin) VALUES ($1, $2, $3)', [
        hash(token),
        session.conversationId,
        origin ?? null,
      ]);
      cache.set(hash(token), session);
      return token;
    },
    /** Resolve the Bearer token (or `?token=` for EventSource) of a request; throws 401. */
    async verify(req: Request): Promise<WidgetSession> {
      const header = req.get('authorization') ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : String(req.query.token ?? '');
      if (!token)
        throw new SwitchboardError(
          'missing_token',
          'Send the widget session token as "Authorization: Bearer <token>".',
          { status: 401 },
        );
      const key = hash(token);
      const hit = cache.get(key);
      if (hit) return hit;
      const r = await db.query<{ conversation_id: string; external_key: string; external_id: string }>(
        `SELECT s.conversation_id, c.external_key, cu.external_id FROM widget_sessions s
         JOIN conversations c ON c.id = s.conversation_id JOIN customers cu ON cu.id = c.customer_id
         WHERE s.token_hash = $1`,
        [key],
      );
      const row = r.rows[0];
      if (!row) throw new SwitchboardError('invalid_token', 'The widget session token is not valid.', { status: 401 });
      const session = {
        conversationId: row.conversation_id,
        conversationKey: row.external_key,
        customerExternalId: row.external_id,
      };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, session);
      return session;
    },
  };
}
