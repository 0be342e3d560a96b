/**
 * The one conversation status customers and staff see (history API, event stream `status` events,
 * widget header, console): `bot` (the assistant answers), `waiting_human` (handed off, nobody has
 * claimed it yet), `human` (a support team member has it), `resolved` (a person resolved it and the
 * customer has not written since; the assistant is back). Derived from the conversation row and its
 * latest escalation, never stored twice.
 */
import type { ConversationStatus } from '../core/services.js';
import type { Queryable } from '../db/db.js';
import { selectStatusFacts } from './repo.js';

/** Inputs of {@link deriveStatus}. */
export interface StatusFacts {
  /** conversations.status */
  conversation: 'bot' | 'human';
  /** Status of the latest escalation (null when none). */
  escalation: 'open' | 'claimed' | 'resolved' | 'cancelled' | null;
  /** The customer wrote after that escalation was resolved. */
  wroteSinceResolved: boolean;
}

/** Map the stored facts to the public status vocabulary. */
export function deriveStatus(f: StatusFacts): ConversationStatus {
  if (f.escalation === 'open') return 'waiting_human';
  if (f.escalation === 'claimed') return 'human';
  if (f.conversation === 'human') return 'waiting_human';
  if (f.escalation === 'resolved' && !f.wroteSinceResolved) return 'resolved';
  return 'bot';
}

/** Load and derive the public status of a conversation (null when it does not exist). */
export async function loadConversationStatus(
  db: Queryable,
  conversationId: string,
): Promise<ConversationStatus | null> {
  const row = await selectStatusFacts(db, conversationId);
  if (!row) return null;
  return deriveStatus({ conversation: row.status, escalation: row.esc ?? null, wroteSinceResolved: !!row.wrote });
}
