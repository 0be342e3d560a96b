/**
 * Forget a customer on request (`switchboard customer forget <id>`, staff action): the text of
 * every message in their conversations (theirs, the bot's and staff's replies, which quote them),
 * their customer memory, the phrasings learned from their wordings, their knowledge-gap
 * questions, the questions of suggestions drawn from their conversations, escalation packets and
 * cached answers to their questions. Counts and kinds stay for statistics. One transaction.
 */

import type { Db, Queryable } from '../core/database.js';
import { SwitchboardError } from '../core/errors.js';
import { bumpKbVersion } from '../kb/kb-store.js';
import { deleteCustomerPhrasings } from '../kb/phrasings-store.js';
import { deleteCachedByNorm } from './cache-store.js';
import { normalizeQuestion } from './normalize.js';

/** What {@link forgetCustomer} removed. */
export interface ForgetResult {
  customerId: string;
  messages: number;
  phrasings: number;
  gaps: number;
  cachedAnswers: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function customerTexts(tx: Queryable, customerId: string): Promise<string[]> {
  const r = await tx.query<{ text: string }>(
    `SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE c.customer_id = $1 AND m.role = 'customer' AND m.text <> ''`,
    [customerId],
  );
  return r.rows.map((x) => x.text);
}

/** Delete a customer's personal data; throws `customer_not_found` (404) for an unknown id. */
export async function forgetCustomer(db: Db, customerId: string): Promise<ForgetResult> {
  if (!UUID.test(customerId))
    throw new SwitchboardError('customer_not_found', 'No customer with this id.', { status: 404 });
  return db.transaction(async (tx) => {
    const c = await tx.query(
      'UPDATE customers SET display_name = NULL, forgotten_at = now() WHERE id = $1 RETURNING id',
      [customerId],
    );
    if (c.rows.length === 0)
      throw new SwitchboardError('customer_not_found', 'No customer with this id.', { status: 404 });
    const convs = `(SELECT id FROM conversations WHERE customer_id = $1)`;
    const cachedAnswers = await deleteCachedByNorm(tx, (await customerTexts(tx, customerId)).map(normalizeQuestion));
    const m = await tx.query(
      `UPDATE messages SET text = '', attachments = '[]', author_name = NULL,
         meta = jsonb_strip_nulls(jsonb_build_object('kind', meta->'kind', 'forgotten', true))
       WHERE conversation_id IN ${convs} RETURNING id`,
      [customerId],
    );
    const gaps = await tx.query(`DELETE FROM kb_gaps WHERE conversation_id IN ${convs} RETURNING message_id`, [
      customerId,
    ]);
    await tx.query(`UPDATE kb_suggestions SET question = '' WHERE conversation_id IN ${convs}`, [customerId]);
    await tx.query(`UPDATE escalations SET summary = '', packet = '{}' WHERE conversation_id IN ${convs}`, [
      customerId,
    ]);
    await tx.query('DELETE FROM customer_memory WHERE customer_id = $1', [customerId]);
    const phrasings = await deleteCustomerPhrasings(tx, customerId);
    if (phrasings > 0) await bumpKbVersion(tx);
    return { customerId, messages: m.rows.length, phrasings, gaps: gaps.rows.length, cachedAnswers };
  });
}
