/**
 * Data access for widget sessions (table widget_sessions, migrations 001 + 005) and event-stream
 * tickets (widget_stream_tickets). Only SHA-256 hashes of tokens and tickets are stored.
 */
import type { Queryable } from '../db/db.js';

/** A stored session joined with its conversation and customer. */
export interface StoredWidgetSession {
  conversationId: string;
  conversationKey: string;
  customerExternalId: string;
  origin: string | null;
  expiresAt: Date;
  revoked: boolean;
}

/** The widget session repository. */
export interface WidgetSessionStore {
  insert(tokenHash: string, conversationId: string, origin: string | null, ttlMs: number): Promise<void>;
  find(tokenHash: string): Promise<StoredWidgetSession | null>;
  /** Slide the expiry to now + ttl (only for live sessions). */
  touch(tokenHash: string, ttlMs: number): Promise<void>;
  /** Revoke one token. */
  revoke(tokenHash: string): Promise<void>;
  /** Revoke every token of a conversation (e.g. staff blocking an abuser). Returns how many. */
  revokeConversation(conversationId: string): Promise<number>;
  insertTicket(ticketHash: string, tokenHash: string, ttlMs: number): Promise<void>;
  /** The token hash of a live ticket, or null. */
  findTicket(ticketHash: string): Promise<string | null>;
  /** The newest widget conversation of a customer (identity-verified users across devices). */
  latestConversation(customerExternalId: string): Promise<{ id: string; key: string } | null>;
  /** Delete tickets past expiry and sessions expired for more than a week. */
  purgeExpired(): Promise<void>;
}

/** Create the store on `db`. */
export function createWidgetSessionStore(db: Queryable): WidgetSessionStore {
  const at = (ttlMs: number) => new Date(Date.now() + ttlMs);
  return {
    async insert(tokenHash, conversationId, origin, ttlMs) {
      await db.query(
        'INSERT INTO widget_sessions (token_hash, conversation_id, origin, expires_at) VALUES ($1, $2, $3, $4)',
        [tokenHash, conversationId, origin, at(ttlMs)],
      );
    },
    async find(tokenHash) {
      const r = await db.query<{
        conversation_id: string;
        external_key: string;
        external_id: string;
        origin: string | null;
        expires_at: Date | string;
        revoked_at: Date | string | null;
      }>(
        `SELECT s.conversation_id, c.external_key, cu.external_id, s.origin, s.expires_at, s.revoked_at
         FROM widget_sessions s
         JOIN conversations c ON c.id = s.conversation_id JOIN customers cu ON cu.id = c.customer_id
         WHERE s.token_hash = $1`,
        [tokenHash],
      );
      const row = r.rows[0];
      if (!row) return null;
      return {
        conversationId: row.conversation_id,
        conversationKey: row.external_key,
        customerExternalId: row.external_id,
        origin: row.origin,
        expiresAt: new Date(row.expires_at),
        revoked: row.revoked_at !== null,
      };
    },
    async touch(tokenHash, ttlMs) {
      await db.query(
        'UPDATE widget_sessions SET expires_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()',
        [tokenHash, at(ttlMs)],
      );
    },
    async revoke(tokenHash) {
      await db.query('UPDATE widget_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [
        tokenHash,
      ]);
      await db.query('DELETE FROM widget_stream_tickets WHERE token_hash = $1', [tokenHash]);
    },
    async revokeConversation(conversationId) {
      const r = await db.query(
        'UPDATE widget_sessions SET revoked_at = now() WHERE conversation_id = $1 AND revoked_at IS NULL',
        [conversationId],
      );
      return r.rowCount;
    },
    async insertTicket(ticketHash, tokenHash, ttlMs) {
      await db.query('INSERT INTO widget_stream_tickets (ticket_hash, token_hash, expires_at) VALUES ($1, $2, $3)', [
        ticketHash,
        tokenHash,
        at(ttlMs),
      ]);
    },
    async findTicket(ticketHash) {
      const r = await db.query<{ token_hash: string }>(
        'SELECT token_hash FROM widget_stream_tickets WHERE ticket_hash = $1 AND expires_at > now()',
        [ticketHash],
      );
      return r.rows[0]?.token_hash ?? null;
    },
    async latestConversation(customerExternalId) {
      const r = await db.query<{ id: string; external_key: string }>(
        `SELECT c.id, c.external_key FROM conversations c JOIN customers cu ON cu.id = c.customer_id
         WHERE cu.channel = 'widget' AND cu.external_id = $1 AND c.channel = 'widget'
         ORDER BY c.created_at DESC LIMIT 1`,
        [customerExternalId],
      );
      const row = r.rows[0];
      return row ? { id: row.id, key: row.external_key } : null;
    },
    async purgeExpired() {
      await db.query('DELETE FROM widget_stream_tickets WHERE expires_at < now()');
      await db.query("DELETE FROM widget_sessions WHERE expires_at < now() - interval '7 days'");
    },
  };
}
