/** Data access for the limits: which customer a conversation belongs to (cached, immutable). */
import type { Queryable } from '../db/db.js';

/** `channel:external_id` of a conversation's customer, the key the per-customer budget counts on. */
export type CustomerKeyLookup = (conversationId: string) => Promise<string | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Create a cached lookup from conversation id to customer key (at most `maxEntries` remembered). */
export function createCustomerKeyLookup(db: Queryable, maxEntries = 10_000): CustomerKeyLookup {
  const cache = new Map<string, string>();
  return async (conversationId) => {
    if (!UUID.test(conversationId)) return undefined;
    const hit = cache.get(conversationId);
    if (hit) return hit;
    const r = await db.query<{ key: string }>(
      `SELECT cu.channel || ':' || cu.external_id AS key FROM conversations c
       JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
      [conversationId],
    );
    const key = r.rows[0]?.key;
    if (key) {
      if (cache.size >= maxEntries) cache.clear();
      cache.set(conversationId, key);
    }
    return key;
  };
}
