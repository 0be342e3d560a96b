/**
 * Repository of the escalation aggregate: escalation rows, row mapping, the append-only event log,
 * the acting staff member and the queue position; the lifecycle's conditional UPDATEs are in
 * lifecycle-repo.ts. No business rules here (see service.ts); SLA due times are in sla.ts.
 */
import type { Priority } from '../core/index.js';
import type { Escalation } from '../core/services.js';
import type { Queryable } from '../db/db.js';

/** Raw escalation row as Postgres returns it. */
export interface EscalationRow {
  id: string;
  conversation_id: string;
  status: Escalation['status'];
  reason: string;
  priority: Priority;
  department: string | null;
  assignee_id: string | null;
  summary: string;
  packet: Record<string, unknown> | null;
  first_response_due_at: Date | string;
  resolution_due_at: Date | string;
  first_response_at: Date | string | null;
  claimed_at: Date | string | null;
  resolved_at: Date | string | null;
  resolution_note: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** One entry of the escalation event log. */
export interface EscalationEvent {
  id: number;
  escalationId: string;
  type: string;
  actorId: string | null;
  actor: string;
  data: Record<string, unknown>;
  createdAt: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `v` is a syntactically valid uuid (so Postgres never sees a bad one). */
export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID_RE.test(v);
}

function iso(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}
function isoOrNull(v: Date | string | null): string | null {
  return v === null ? null : iso(v);
}

/** Map a row to the public {@link Escalation} shape. */
export function toEscalation(r: EscalationRow): Escalation & { resolutionNote: string | null } {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    status: r.status,
    reason: r.reason,
    priority: r.priority,
    department: r.department,
    assigneeId: r.assignee_id,
    summary: r.summary,
    packet: r.packet ?? {},
    firstResponseDueAt: iso(r.first_response_due_at),
    resolutionDueAt: iso(r.resolution_due_at),
    firstResponseAt: isoOrNull(r.first_response_at),
    claimedAt: isoOrNull(r.claimed_at),
    resolvedAt: isoOrNull(r.resolved_at),
    resolutionNote: r.resolution_note,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** Load one escalation row (optionally locking it). */
export async function selectEscalation(q: Queryable, id: string, forUpdate = false): Promise<EscalationRow | null> {
  if (!isUuid(id)) return null;
  const r = await q.query<EscalationRow>(`SELECT * FROM escalations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return r.rows[0] ?? null;
}

/** The conversation's active (open or claimed) escalation row, if any. */
export async function selectActiveEscalation(q: Queryable, conversationId: string): Promise<EscalationRow | null> {
  const r = await q.query<EscalationRow>(
    `SELECT * FROM escalations WHERE conversation_id = $1 AND status IN ('open', 'claimed') LIMIT 1`,
    [conversationId],
  );
  return r.rows[0] ?? null;
}

/** Values of a new escalation row. */
export interface NewEscalation {
  conversationId: string;
  reason: string;
  priority: Priority;
  department?: string;
  summary: string;
  packet?: Record<string, unknown>;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/** Insert an escalation unless the conversation has an active one (then null). */
export async function insertEscalation(q: Queryable, e: NewEscalation): Promise<EscalationRow | null> {
  const ins = await q.query<EscalationRow>(
    `INSERT INTO escalations
       (conversation_id, reason, priority, department, summary, packet, first_response_due_at, resolution_due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (conversation_id) WHERE status IN ('open', 'claimed') DO NOTHING
     RETURNING *`,
    [
      e.conversationId,
      e.reason,
      e.priority,
      e.department ?? null,
      e.summary,
      JSON.stringify(e.packet ?? {}),
      e.firstResponseDueAt,
      e.resolutionDueAt,
    ],
  );
  return ins.rows[0] ?? null;
}

/** Append one event to the escalation log. */
export async function appendEvent(
  q: Queryable,
  escalationId: string,
  type: string,
  actorId: string | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await q.query(
    `INSERT INTO escalation_events (escalation_id, type, actor_id, actor, data) VALUES ($1, $2, $3, $4, $5)`,
    [escalationId, type, actorId, actorId ? 'staff' : 'system', JSON.stringify(data)],
  );
}

/** The event log of one escalation, oldest first. */
export async function listEvents(q: Queryable, escalationId: string): Promise<EscalationEvent[]> {
  if (!isUuid(escalationId)) return [];
  const r = await q.query<{
    id: string | number;
    escalation_id: string;
    type: string;
    actor_id: string | null;
    actor: string;
    data: Record<string, unknown> | null;
    created_at: Date | string;
  }>('SELECT * FROM escalation_events WHERE escalation_id = $1 ORDER BY id', [escalationId]);
  return r.rows.map((e) => ({
    id: Number(e.id),
    escalationId: e.escalation_id,
    type: e.type,
    actorId: e.actor_id,
    actor: e.actor,
    data: e.data ?? {},
    createdAt: iso(e.created_at),
  }));
}

/** Filters for {@link listEscalations}. */
export interface ListEscalationsOptions {
  status?: Escalation['status'] | 'active';
  priority?: Priority;
  reason?: string;
  department?: string;
  assigneeId?: string;
  limit?: number;
}

/**
 * List escalations sorted by SLA urgency: active ones first, by the next due time (first
 * response until a staff member replied, then resolution), then priority; closed ones newest first.
 */
export async function listEscalations(q: Queryable, o: ListEscalationsOptions = {}): Promise<EscalationRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (o.status === 'active') where.push(`status IN ('open', 'claimed')`);
  else if (o.status) add('status = ?', o.status);
  if (o.priority) add('priority = ?', o.priority);
  if (o.reason) add('reason = ?', o.reason);
  if (o.department) add('department = ?', o.department);
  if (o.assigneeId && isUuid(o.assigneeId)) add('assignee_id = ?', o.assigneeId);
  params.push(Math.min(Math.max(o.limit ?? 200, 1), 1000));
  const r = await q.query<EscalationRow>(
    `SELECT * FROM escalations
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY CASE WHEN status IN ('open', 'claimed') THEN 0 ELSE 1 END,
              CASE WHEN status IN ('open', 'claimed')
                   THEN CASE WHEN first_response_at IS NULL THEN first_response_due_at ELSE resolution_due_at END
              END ASC,
              CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
              coalesce(resolved_at, updated_at) DESC
     LIMIT $${params.length}`,
    params,
  );
  return r.rows;
}

/** A staff member as an escalation step sees them (for authorization and notices). */
export interface EscalationActor {
  id: string;
  name: string;
  role: 'agent' | 'admin';
}

/** The staff member with this id, or null. */
export async function selectActor(q: Queryable, staffId: string): Promise<EscalationActor | null> {
  const r = await q.query<EscalationActor>('SELECT id, name, role FROM staff_users WHERE id = $1', [staffId]);
  return r.rows[0] ?? null;
}

/** Open escalations ahead of this one in the queue (earlier first-response due time, then creation). */
export async function countOpenAhead(
  q: Queryable,
  e: { id: string; firstResponseDueAt: string; createdAt: string },
): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM escalations
     WHERE status = 'open' AND id <> $1 AND (first_response_due_at, created_at) < ($2, $3)`,
    [e.id, e.firstResponseDueAt, e.createdAt],
  );
  return Number(r.rows[0]?.n ?? 0);
}
