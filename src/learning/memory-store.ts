/**
 * Customer memory, read from what is stored: past topics (articles cited in answers), open and
 * resolved escalations, preferences the customer stated ("please email me"), and language.
 * A forgotten customer's memory is empty (their text is gone, their memory row deleted).
 */
import type { Queryable } from '../core/database.js';

/** A short record of a customer across conversations. */
export interface CustomerMemory {
  customerId: string;
  /** Article titles of recent answers, newest first (at most 5). */
  topics: string[];
  escalations: { open: number; resolved: number; lastReason: string | null };
  /** Stated preferences, e.g. "contact by email". */
  preferences: string[];
  language: string | null;
}

const PREFERENCES: Array<[RegExp, string]> = [
  [/\b(?:e-?mail me|contact me by e-?mail|prefer e-?mail|reach me by e-?mail)\b/i, 'contact by email'],
  [/\b(?:call me|phone me|prefer a call|contact me by phone)\b/i, 'contact by phone'],
  [/\b(?:no (?:phone )?calls|don'?t call)\b/i, 'no phone calls'],
];

/** The memory of a customer (null when the customer is unknown). */
export async function loadCustomerMemory(db: Queryable, customerId: string): Promise<CustomerMemory | null> {
  const c = await db.query<{ forgotten_at: Date | null }>('SELECT forgotten_at FROM customers WHERE id = $1', [
    customerId,
  ]);
  if (!c.rows[0]) return null;
  const empty = {
    customerId,
    topics: [],
    escalations: { open: 0, resolved: 0, lastReason: null },
    preferences: [],
    language: null,
  };
  if (c.rows[0].forgotten_at) return empty;
  const topics = await db.query<{ title: string }>(
    `SELECT s->>'title' AS title, max(m.seq) AS at FROM messages m JOIN conversations c ON c.id = m.conversation_id,
       jsonb_array_elements(CASE WHEN jsonb_typeof(m.meta->'sources') = 'array' THEN m.meta->'sources' ELSE '[]' END) s
     WHERE c.customer_id = $1 AND m.role = 'bot' AND m.meta->>'kind' = 'answer'
     GROUP BY 1 ORDER BY at DESC LIMIT 5`,
    [customerId],
  );
  const esc = await db.query<{ open: number; resolved: number; last_reason: string | null }>(
    `SELECT count(*) FILTER (WHERE e.status IN ('open', 'claimed'))::int AS open,
            count(*) FILTER (WHERE e.status = 'resolved')::int AS resolved,
            (array_agg(e.reason ORDER BY e.created_at DESC))[1] AS last_reason
     FROM escalations e JOIN conversations c ON c.id = e.conversation_id WHERE c.customer_id = $1`,
    [customerId],
  );
  const texts = await db.query<{ text: string }>(
    `SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE c.customer_id = $1 AND m.role = 'customer' ORDER BY m.seq DESC LIMIT 200`,
    [customerId],
  );
  const lang = await db.query<{ language: string | null }>(
    'SELECT language FROM conversations WHERE customer_id = $1 AND language IS NOT NULL ORDER BY updated_at DESC LIMIT 1',
    [customerId],
  );
  const e = esc.rows[0];
  return {
    customerId,
    topics: topics.rows.map((x) => x.title).filter(Boolean),
    escalations: { open: Number(e?.open ?? 0), resolved: Number(e?.resolved ?? 0), lastReason: e?.last_reason ?? null },
    preferences: PREFERENCES.filter(([re]) => texts.rows.some((t) => re.test(t.text))).map(([, p]) => p),
    language: lang.rows[0]?.language ?? null,
  };
}
