/**
 * Data layer of forgetting a customer (src/learning/forget.ts): blanks and deletes their personal
 * data across conversations, messages, knowledge gaps, suggestions, escalation packets and customer
 * memory. Each function is one statement; the caller runs them in one transaction.
 */
import type { Queryable } from '../core/database.js';

const CONVERSATIONS = `(SELECT id FROM conversations WHERE customer_id = $1)`;

/** Mark the customer forgotten (name removed); false when no customer has this id. */
export async function markCustomerForgotten(tx: Queryable, customerId: string): Promise<boolean> {
  const c = await tx.query(
    'UPDATE customers SET display_name = NULL, forgotten_at = now() WHERE id = $1 RETURNING id',
    [customerId],
  );
  return c.rows.length > 0;
}

/** The non-empty texts the customer wrote, in all their conversations. */
export async function customerTexts(tx: Queryable, customerId: string): Promise<string[]> {
  const r = await tx.query<{ text: string }>(
    `SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE c.customer_id = $1 AND m.role = 'customer' AND m.text <> ''`,
    [customerId],
  );
  return r.rows.map((x) => x.text);
}

/** Blank every message of the customer's conversations (text, attachments, author; kind kept). Returns the count. */
export async function blankCustomerMessages(tx: Queryable, customerId: string): Promise<number> {
  const m = await tx.query(
    `UPDATE messages SET text = '', attachments = '[]', author_name = NULL,
       meta = jsonb_strip_nulls(jsonb_build_object('kind', meta->'kind', 'forgotten', true))
     WHERE conversation_id IN ${CONVERSATIONS} RETURNING id`,
    [customerId],
  );
  return m.rows.length;
}

/** Delete the knowledge-gap questions of the customer's conversations. Returns the count. */
export async function deleteCustomerGaps(tx: Queryable, customerId: string): Promise<number> {
  const gaps = await tx.query(`DELETE FROM kb_gaps WHERE conversation_id IN ${CONVERSATIONS} RETURNING message_id`, [
    customerId,
  ]);
  return gaps.rows.length;
}

/** Blank the questions of suggestions and the summaries and packets of escalations drawn from their conversations. */
export async function blankCustomerDerivedTexts(tx: Queryable, customerId: string): Promise<void> {
  await tx.query(`UPDATE kb_suggestions SET question = '' WHERE conversation_id IN ${CONVERSATIONS}`, [customerId]);
  await tx.query(`UPDATE escalations SET summary = '', packet = '{}' WHERE conversation_id IN ${CONVERSATIONS}`, [
    customerId,
  ]);
}

/** Delete the customer's stored memory. */
export async function deleteCustomerMemory(tx: Queryable, customerId: string): Promise<void> {
  await tx.query('DELETE FROM customer_memory WHERE customer_id = $1', [customerId]);
}
