/**
 * Customer memory, computed on read from what is stored (no copy to keep in sync, so it is always
 * current and a forgotten customer's memory is empty at once): past topics (the first article each
 * answer cited, with the question it answered), open and resolved escalations, preferences the
 * customer stated ("please email me"), and language. Reads the customer's 20 latest conversations
 * through the `conversations_customer_idx` index (migration 011): a few milliseconds per turn.
 * The `customer_memory` table of migration 010 stays unused (deleted on forget for safety).
 */
import type { Queryable } from '../core/database.js';
import type { CustomerMemory, MemoryEscalation, MemoryTopic } from '../core/memory.js';

/** A customer's memory with the customer's id (staff API). */
export interface CustomerMemoryRecord extends CustomerMemory {
  customerId: string;
}

const PREFERENCES: Array<[RegExp, string]> = [
  [/\b(?:e-?mail me|contact me by e-?mail|prefer e-?mail|reach me by e-?mail)\b/i, 'contact by email'],
  [/\b(?:call me|phone me|prefer a call|contact me by phone)\b/i, 'contact by phone'],
  [/\b(?:no (?:phone )?calls|don'?t call)\b/i, 'no phone calls'],
];

const RECENT_CONVERSATIONS = `(SELECT id FROM conversations WHERE customer_id = $1 ORDER BY updated_at DESC LIMIT 20)`;

/** A memory with nothing in it. */
export function emptyMemory(): CustomerMemory {
  return {
    topics: [],
    escalations: { open: 0, resolved: 0, lastReason: null, recent: [] },
    preferences: [],
    language: null,
  };
}

async function loadTopics(db: Queryable, customerId: string): Promise<MemoryTopic[]> {
  const r = await db.query<{
    article_id: string;
    title: string;
    question: string | null;
    conversation_id: string;
    at: Date;
  }>(
    `SELECT * FROM (
       SELECT DISTINCT ON (s->>'id') s->>'id' AS article_id, coalesce(s->>'title', '') AS title, q.text AS question,
              m.conversation_id, m.created_at AS at
       FROM messages m LEFT JOIN messages q ON q.id = m.reply_to,
         jsonb_array_elements(CASE WHEN jsonb_typeof(m.meta->'sources') = 'array' THEN m.meta->'sources' ELSE '[]' END)
           WITH ORDINALITY AS src(s, n)
       WHERE m.conversation_id IN ${RECENT_CONVERSATIONS} AND m.role = 'bot' AND m.meta->>'kind' = 'answer'
         AND src.n = 1 AND s->>'id' IS NOT NULL
       ORDER BY s->>'id', m.seq DESC) t
     ORDER BY at DESC LIMIT 5`,
    [customerId],
  );
  return r.rows.map((x) => ({
    articleId: x.article_id,
    title: x.title,
    question: x.question ?? '',
    conversationId: x.conversation_id,
    at: new Date(x.at).toISOString(),
  }));
}

async function loadEscalations(db: Queryable, customerId: string): Promise<CustomerMemory['escalations']> {
  const r = await db.query<{
    id: string;
    conversation_id: string;
    status: string;
    reason: string;
    summary: string | null;
    created_at: Date;
  }>(
    `SELECT e.id, e.conversation_id, e.status, e.reason, e.summary, e.created_at FROM escalations e
     WHERE e.conversation_id IN (SELECT id FROM conversations WHERE customer_id = $1) ORDER BY e.created_at DESC`,
    [customerId],
  );
  const recent: MemoryEscalation[] = r.rows.slice(0, 3).map((e) => ({
    id: e.id,
    conversationId: e.conversation_id,
    status: e.status,
    reason: e.reason,
    summary: e.summary ?? '',
    at: new Date(e.created_at).toISOString(),
  }));
  return {
    open: r.rows.filter((e) => e.status === 'open' || e.status === 'claimed').length,
    resolved: r.rows.filter((e) => e.status === 'resolved').length,
    lastReason: r.rows[0]?.reason ?? null,
    recent,
  };
}

/**
 * The memory of a customer (null when the customer is unknown; empty once forgotten). With
 * `onlyBeyond` (the conversation a turn is in), a customer with no other conversation gets an empty
 * memory from one cheap query: a first conversation has nothing to remember yet, and the turn path
 * stays at one round trip for it.
 */
export async function loadCustomerMemory(
  db: Queryable,
  customerId: string,
  options: { onlyBeyond?: string } = {},
): Promise<CustomerMemoryRecord | null> {
  const c = await db.query<{ forgotten_at: Date | null; has_other: boolean }>(
    `SELECT forgotten_at, EXISTS (SELECT 1 FROM conversations WHERE customer_id = $1 AND id::text <> $2) AS has_other
     FROM customers WHERE id = $1`,
    [customerId, options.onlyBeyond ?? ''],
  );
  if (!c.rows[0]) return null;
  if (c.rows[0].forgotten_at) return { customerId, ...emptyMemory() };
  if (options.onlyBeyond && !c.rows[0].has_other) return { customerId, ...emptyMemory() };
  const [topics, escalations, texts, lang] = await Promise.all([
    loadTopics(db, customerId),
    loadEscalations(db, customerId),
    db.query<{ text: string }>(
      `SELECT m.text FROM messages m WHERE m.conversation_id IN ${RECENT_CONVERSATIONS} AND m.role = 'customer'
       ORDER BY m.seq DESC LIMIT 200`,
      [customerId],
    ),
    db.query<{ language: string | null }>(
      'SELECT language FROM conversations WHERE customer_id = $1 AND language IS NOT NULL ORDER BY updated_at DESC LIMIT 1',
      [customerId],
    ),
  ]);
  return {
    customerId,
    topics,
    escalations,
    preferences: PREFERENCES.filter(([re]) => texts.rows.some((t) => re.test(t.text))).map(([, p]) => p),
    language: lang.rows[0]?.language ?? null,
  };
}

/** Memory lines for people (handoff packets, console): topics, escalations, preferences, language. */
export function memoryLines(memory: CustomerMemory): string[] {
  const lines = memory.topics.map(
    (t) => `Asked before: ${t.title || t.articleId}${t.question ? ` ("${t.question.slice(0, 120)}")` : ''}`,
  );
  const e = memory.escalations;
  if (e.open + e.resolved > 0)
    lines.push(`Escalations: ${e.open} open, ${e.resolved} resolved${e.lastReason ? ` (last: ${e.lastReason})` : ''}`);
  for (const p of memory.preferences) lines.push(`Prefers: ${p}`);
  return lines;
}
