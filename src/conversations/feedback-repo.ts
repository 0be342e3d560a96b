/**
 * Repository of feedback (`feedback`): ratings on our replies, one row per (message, rater) — a
 * later rating by the same rater replaces the earlier one. One write for every channel: the widget
 * rates a reply by its message id, chat platforms rate through a reaction on a message we delivered.
 */
import type { Queryable } from '../db/db.js';

/** Which reply is rated. */
export type FeedbackTarget =
  /** A bot or staff reply by id, only within this conversation (the widget session's). */
  | { messageId: string; conversationId: string }
  /** The reply one of whose platform messages was reacted to (Slack, Discord). */
  | { platformMessageId: string };

/** One rating. */
export interface FeedbackInput {
  target: FeedbackTarget;
  channel: string;
  /** Who rated (customer or platform user id). */
  rater: string;
  rating: number;
  /** The rating as the channel sent it. */
  raw: string;
}

/** Record (or replace) a rating; false when the target reply does not exist. */
export async function recordFeedback(q: Queryable, f: FeedbackInput): Promise<boolean> {
  const source =
    'platformMessageId' in f.target
      ? `deliveries d JOIN messages m ON m.id = d.message_id
         WHERE d.platform_message_ids @> ARRAY[$5]::text[]
         LIMIT 1`
      : `messages m WHERE m.id = $5 AND m.conversation_id = $6 AND m.role IN ('bot', 'staff')`;
  const targetParams =
    'platformMessageId' in f.target ? [f.target.platformMessageId] : [f.target.messageId, f.target.conversationId];
  const r = await q.query(
    `INSERT INTO feedback (message_id, conversation_id, channel, rater, rating, raw)
     SELECT m.id, m.conversation_id, $1, $2, $3, $4 FROM ${source}
     ON CONFLICT (message_id, rater) DO UPDATE SET rating = EXCLUDED.rating, raw = EXCLUDED.raw, created_at = now()`,
    [f.channel, f.rater, f.rating, f.raw, ...targetParams],
  );
  return r.rowCount > 0;
}
