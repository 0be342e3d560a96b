/**
 * The escalation lifecycle's state changes as conditional UPDATEs (open -> claimed -> resolved,
 * release, reassign, cancel): each returns the updated row, or null when the step is not allowed
 * in the current state, so concurrent claims have exactly one winner. Part of the escalation
 * repository (repo.ts); rules and errors are in service.ts and transitions.ts.
 */
import type { Queryable } from '../db/db.js';
import type { EscalationRow } from './repo.js';

/**
 * Resolve or cancel: only from one of `fromStatuses`, and a claimed escalation only by its assignee
 * (or an admin). The updated row, or null when the step is not allowed now.
 */
export async function closeEscalation(
  q: Queryable,
  c: {
    id: string;
    to: 'resolved' | 'cancelled';
    note: string | null;
    fromStatuses: string[];
    actorId: string;
    admin: boolean;
  },
): Promise<EscalationRow | null> {
  const r = await q.query<EscalationRow>(
    `UPDATE escalations
       SET status = $2, resolved_at = now(), resolution_note = $3, updated_at = now()
     WHERE id = $1 AND status = ANY($4::text[])
       AND (status = 'open' OR assignee_id = $5 OR $6)
     RETURNING *`,
    [c.id, c.to, c.note, c.fromStatuses, c.actorId, c.admin],
  );
  return r.rows[0] ?? null;
}

/** Claim an open escalation for `staffId`; null when it is not open (someone else won). */
export async function claimEscalation(q: Queryable, id: string, staffId: string): Promise<EscalationRow | null> {
  const r = await q.query<EscalationRow>(
    `UPDATE escalations SET status = 'claimed', assignee_id = $2, claimed_at = now(), updated_at = now()
     WHERE id = $1 AND status = 'open' RETURNING *`,
    [id, staffId],
  );
  return r.rows[0] ?? null;
}

/** Put a claimed escalation back in the queue (assignee or admin); null when not allowed. */
export async function releaseEscalation(
  q: Queryable,
  id: string,
  actorId: string,
  admin: boolean,
): Promise<EscalationRow | null> {
  const r = await q.query<EscalationRow>(
    `UPDATE escalations SET status = 'open', assignee_id = NULL, updated_at = now()
     WHERE id = $1 AND status = 'claimed' AND (assignee_id = $2 OR $3) RETURNING *`,
    [id, actorId, admin],
  );
  return r.rows[0] ?? null;
}

/** Assign an active escalation to `toStaffId` (by its assignee or an admin); null when not allowed. */
export async function reassignEscalation(
  q: Queryable,
  c: { id: string; toStaffId: string; actorId: string; admin: boolean },
): Promise<EscalationRow | null> {
  const r = await q.query<EscalationRow>(
    `UPDATE escalations
       SET status = 'claimed', assignee_id = $2, claimed_at = coalesce(claimed_at, now()), updated_at = now()
     WHERE id = $1 AND status IN ('open', 'claimed') AND (assignee_id = $3 OR $4)
     RETURNING *`,
    [c.id, c.toStaffId, c.actorId, c.admin],
  );
  return r.rows[0] ?? null;
}

/** Record the first staff response time (kept once set). */
export async function markFirstResponse(q: Queryable, id: string): Promise<void> {
  await q.query(
    'UPDATE escalations SET first_response_at = coalesce(first_response_at, now()), updated_at = now() WHERE id = $1',
    [id],
  );
}

/** Bump `updated_at` (activity on the escalation). */
export async function touchEscalation(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE escalations SET updated_at = now() WHERE id = $1', [id]);
}
