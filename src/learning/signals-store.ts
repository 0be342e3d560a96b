/**
 * Data layer of the learning signals: ratings on bot replies (with the question answered and,
 * when the reply before asked back, the question before it) and answers that resolved a
 * conversation without a hand-off.
 */

import { botResolvedPredicate } from '../conversations/resolution-sql.js';
import type { Queryable } from '../core/database.js';

/** A rating on a bot reply with what it answered. */
export interface RatedReply {
  feedbackId: string;
  rating: number;
  createdAt: Date;
  kind: string;
  citations: string[];
  questionId: string;
  question: string;
  /** The customer's previous question when the bot's previous reply asked back or was unsure. */
  previousQuestion: string | null;
  conversationId: string;
  customerId: string;
}

/** An answer that resolved its conversation (shared "resolved by the bot" rule). */
export interface ResolvingAnswer {
  replyId: string;
  citations: string[];
  question: string;
  customerId: string;
}

const citationsOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Ratings recorded (or changed) since `sinceMs` (epoch ms), oldest first. */
export async function ratedRepliesSince(db: Queryable, sinceMs: number, limit = 500): Promise<RatedReply[]> {
  const r = await db.query<{
    id: string;
    rating: number;
    created_at: Date | string;
    kind: string | null;
    citations: unknown;
    question_id: string;
    question: string;
    previous_question: string | null;
    conversation_id: string;
    customer_id: string;
  }>(
    `SELECT f.id, f.rating, f.created_at, b.meta->>'kind' AS kind, b.meta->'citations' AS citations,
            c.id AS question_id, c.text AS question, b.conversation_id, conv.customer_id,
            (SELECT CASE WHEN pb.meta->>'kind' IN ('clarify', 'uncertain') THEN pc.text END
               FROM messages pb JOIN messages pc ON pc.id = pb.reply_to
               WHERE pb.conversation_id = b.conversation_id AND pb.role = 'bot' AND pb.seq < b.seq
                 AND pb.created_at >= conv.context_since
               ORDER BY pb.seq DESC LIMIT 1) AS previous_question
     FROM feedback f JOIN messages b ON b.id = f.message_id AND b.role = 'bot'
     JOIN messages c ON c.id = b.reply_to JOIN conversations conv ON conv.id = b.conversation_id
     WHERE f.created_at > to_timestamp($1::double precision / 1000)
     ORDER BY f.created_at, f.id LIMIT $2`,
    [sinceMs, limit],
  );
  return r.rows.map((x) => ({
    feedbackId: String(x.id),
    rating: Number(x.rating),
    createdAt: new Date(x.created_at),
    kind: x.kind ?? '',
    citations: citationsOf(x.citations),
    questionId: x.question_id,
    question: x.question,
    previousQuestion: x.previous_question,
    conversationId: x.conversation_id,
    customerId: x.customer_id,
  }));
}

/**
 * Last answers of conversations resolved by the bot whose return window has passed (so the
 * customer really did not come back), not learned from yet; at most 14 days old.
 */
export async function resolvingAnswers(db: Queryable, windowHours: number, limit = 200): Promise<ResolvingAnswer[]> {
  const r = await db.query<{ reply_id: string; citations: unknown; question: string; customer_id: string }>(
    `SELECT b.id AS reply_id, b.meta->'citations' AS citations, c.text AS question, conv.customer_id
     FROM conversations conv
     JOIN LATERAL (SELECT * FROM messages lb WHERE lb.conversation_id = conv.id AND lb.role = 'bot'
                   ORDER BY lb.seq DESC LIMIT 1) b ON true
     JOIN messages c ON c.id = b.reply_to
     WHERE b.meta->>'kind' = 'answer'
       AND b.created_at < now() - make_interval(hours => $1::int)
       AND b.created_at > now() - interval '14 days'
       AND NOT EXISTS (SELECT 1 FROM learning_signals s WHERE s.key = 'res:' || b.id::text)
       AND ${botResolvedPredicate('conv', '$1')}
     LIMIT $2`,
    [windowHours, limit],
  );
  return r.rows.map((x) => ({
    replyId: x.reply_id,
    citations: citationsOf(x.citations),
    question: x.question,
    customerId: x.customer_id,
  }));
}
