/**
 * Data layer of suggested articles (`kb_suggestions`) and article version history
 * (`kb_article_versions`): drafts from resolved escalations, their review, and every state of an
 * article published from the console.
 */
import type { Queryable } from '../core/database.js';

/** A suggested article. */
export interface Suggestion {
  id: string;
  escalationId: string;
  conversationId: string;
  question: string;
  title: string;
  body: string;
  draftedBy: string;
  status: 'pending' | 'published' | 'rejected';
  articleId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** A resolved escalation without a suggestion yet, with its conversation's lines. */
export interface ResolvedEscalation {
  escalationId: string;
  conversationId: string;
  createdAt: Date;
  resolvedAt: Date;
  lines: Array<{ role: string; text: string; createdAt: Date }>;
}

type Row = {
  id: string;
  escalation_id: string;
  conversation_id: string;
  question: string;
  title: string;
  body: string;
  drafted_by: string;
  status: Suggestion['status'];
  article_id: string | null;
  created_at: Date | string;
  decided_at: Date | string | null;
};
const toSuggestion = (x: Row): Suggestion => ({
  id: x.id,
  escalationId: x.escalation_id,
  conversationId: x.conversation_id,
  question: x.question,
  title: x.title,
  body: x.body,
  draftedBy: x.drafted_by,
  status: x.status,
  articleId: x.article_id,
  createdAt: new Date(x.created_at).toISOString(),
  decidedAt: x.decided_at ? new Date(x.decided_at).toISOString() : null,
});

/** Resolved escalations of the last 30 days that have no suggestion yet (with a staff reply). */
export async function resolvedWithoutSuggestion(db: Queryable, limit = 20): Promise<ResolvedEscalation[]> {
  const r = await db.query<{ id: string; conversation_id: string; created_at: Date; resolved_at: Date }>(
    `SELECT e.id, e.conversation_id, e.created_at, e.resolved_at FROM escalations e
     WHERE e.status = 'resolved' AND e.resolved_at > now() - interval '30 days'
       AND NOT EXISTS (SELECT 1 FROM kb_suggestions s WHERE s.escalation_id = e.id)
       AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = e.conversation_id AND m.role = 'staff'
                     AND m.created_at >= e.created_at AND m.text <> '')
     ORDER BY e.resolved_at LIMIT $1`,
    [limit],
  );
  const out: ResolvedEscalation[] = [];
  for (const e of r.rows) {
    const lines = await db.query<{ role: string; text: string; created_at: Date }>(
      `SELECT role, text, created_at FROM messages WHERE conversation_id = $1 AND created_at <= $2
         AND role IN ('customer', 'staff', 'bot') ORDER BY seq DESC LIMIT 40`,
      [e.conversation_id, e.resolved_at],
    );
    out.push({
      escalationId: e.id,
      conversationId: e.conversation_id,
      createdAt: new Date(e.created_at),
      resolvedAt: new Date(e.resolved_at),
      lines: lines.rows.reverse().map((l) => ({ role: l.role, text: l.text, createdAt: new Date(l.created_at) })),
    });
  }
  return out;
}

/** Store a draft (once per escalation); returns its id, or null when one exists. */
export async function insertSuggestion(
  db: Queryable,
  s: { escalationId: string; conversationId: string; question: string; title: string; body: string; draftedBy: string },
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO kb_suggestions (escalation_id, conversation_id, question, title, body, drafted_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (escalation_id) DO NOTHING RETURNING id`,
    [s.escalationId, s.conversationId, s.question, s.title, s.body, s.draftedBy],
  );
  return r.rows[0]?.id ?? null;
}

/** Suggestions, newest first (optionally of one status). */
export async function listSuggestions(db: Queryable, status?: Suggestion['status']): Promise<Suggestion[]> {
  const r = await db.query<Row>(
    `SELECT * FROM kb_suggestions WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT 200`,
    [status ?? null],
  );
  return r.rows.map(toSuggestion);
}

/** One suggestion, locked for update when inside a transaction. */
export async function getSuggestionForUpdate(db: Queryable, id: string): Promise<Suggestion | null> {
  const r = await db.query<Row>('SELECT * FROM kb_suggestions WHERE id = $1 FOR UPDATE', [id]);
  return r.rows[0] ? toSuggestion(r.rows[0]) : null;
}

/** Record a review decision. */
export async function decideSuggestion(
  db: Queryable,
  id: string,
  d: { status: 'published' | 'rejected'; staffId: string; title?: string; body?: string; articleId?: string },
): Promise<void> {
  await db.query(
    `UPDATE kb_suggestions SET status = $2, decided_by = $3, decided_at = now(),
       title = COALESCE($4, title), body = COALESCE($5, body), article_id = COALESCE($6, article_id) WHERE id = $1`,
    [id, d.status, d.staffId, d.title ?? null, d.body ?? null, d.articleId ?? null],
  );
}

/** Append a version of an article; returns its number (1 for the first). */
export async function addArticleVersion(
  db: Queryable,
  v: { articleId: string; title: string; body: string; source: string; changedBy: string | null },
): Promise<number> {
  const r = await db.query<{ version: number }>(
    `INSERT INTO kb_article_versions (article_id, version, title, body, source, changed_by)
     SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5 FROM kb_article_versions WHERE article_id = $1
     RETURNING version`,
    [v.articleId, v.title, v.body, v.source, v.changedBy],
  );
  return Number(r.rows[0]?.version ?? 1);
}

/** Version history of an article, newest first. */
export async function articleVersions(
  db: Queryable,
  articleId: string,
): Promise<Array<{ version: number; title: string; body: string; source: string; createdAt: string }>> {
  const r = await db.query<{ version: number; title: string; body: string; source: string; created_at: Date }>(
    'SELECT version, title, body, source, created_at FROM kb_article_versions WHERE article_id = $1 ORDER BY version DESC',
    [articleId],
  );
  return r.rows.map((x) => ({ ...x, version: Number(x.version), createdAt: new Date(x.created_at).toISOString() }));
}

/** Customer questions recorded as gaps in a conversation (the gaps a publication closes). */
export async function gapMessagesOfConversation(db: Queryable, conversationId: string): Promise<string[]> {
  const r = await db.query<{ message_id: string }>(
    'SELECT message_id FROM kb_gaps WHERE conversation_id = $1 AND closed_at IS NULL',
    [conversationId],
  );
  return r.rows.map((x) => x.message_id);
}

/** The department of an escalation (null when unset or unknown). */
export async function escalationDepartment(q: Queryable, escalationId: string): Promise<string | null> {
  const r = await q.query<{ department: string | null }>('SELECT department FROM escalations WHERE id = $1', [
    escalationId,
  ]);
  return r.rows[0]?.department ?? null;
}
