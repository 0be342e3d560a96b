/**
 * Record knowledge gaps from what the bot replied: `uncertain`, a hand-off because the bot could
 * not answer (low confidence or QA; not a request for a person, anger, security or legal), and
 * `declined` when the question uses the operator's topic words (in scope by their own account).
 * "Not helpful" ratings are recorded by the feedback pass (learn-feedback.ts).
 */
import type { Queryable } from '../core/database.js';
import { contentTerms } from '../kb/text.js';
import { type GapReason, gapCandidatesSince, insertGaps, readPosition, writePosition } from './gaps-store.js';

/** Hand-offs that reveal a gap in the knowledge base (the others are about people, not knowledge). */
const GAP_HANDOFF_REASONS = new Set(['low_confidence', 'qa_escalated']);
/** Re-read this much before the last position: a transaction may commit a little after its timestamp. */
export const LEARNER_OVERLAP_MS = 60_000;

/** True when a declined question uses one of the operator's topic words. */
export function inScopeByTopics(text: string, topics: string[]): boolean {
  const topicTerms = new Set(contentTerms(topics.join(' ')));
  return contentTerms(text).some((t) => topicTerms.has(t));
}

/** The gap reason of a bot reply, or null when it is not a gap. */
export function gapReasonOf(
  kind: string,
  escalationReason: string | null,
  text: string,
  topics: string[],
): GapReason | null {
  if (kind === 'uncertain') return 'uncertain';
  if (kind === 'handoff')
    return escalationReason === null || GAP_HANDOFF_REASONS.has(escalationReason) ? 'handoff' : null;
  if (kind === 'declined') return inScopeByTopics(text, topics) ? 'declined' : null;
  return null;
}

/** Read bot replies since the last position and record the gaps; returns how many were new. */
export async function syncGaps(db: Queryable, topics: string[], pageSize = 500): Promise<number> {
  let since = Math.max(0, (await readPosition(db, 'gaps')) - LEARNER_OVERLAP_MS);
  let added = 0;
  for (;;) {
    const rows = await gapCandidatesSince(db, since, pageSize);
    const gaps = rows.flatMap((r) => {
      const reason = gapReasonOf(r.kind, r.escalationReason, r.text, topics);
      return reason ? [{ ...r, reason }] : [];
    });
    added += await insertGaps(db, gaps);
    const last = rows[rows.length - 1];
    if (!last) break;
    await writePosition(db, 'gaps', last.createdAt.getTime());
    if (rows.length < pageSize || last.createdAt.getTime() <= since) break;
    since = last.createdAt.getTime();
  }
  return added;
}
