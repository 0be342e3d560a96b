/**
 * Learn from ratings and resolutions: a customer wording that led to a well-rated answer
 * ("Helpful", a 👍, or a conversation resolved without a hand-off) becomes a learned phrasing of
 * the article the answer cited; "Not helpful" lowers that pair and records the question as a
 * knowledge gap. Only `answer` replies teach (never blocked, declined or hand-off turns). Every
 * signal counts once (learning_signals), and the KB version is bumped when the usable phrasings
 * change so every process rebuilds its retriever.
 */

import { BOT_RESOLUTION_RETURN_WINDOW_HOURS } from '../conversations/resolution-sql.js';
import type { Db } from '../core/database.js';
import { bumpKbVersion } from '../kb/kb-store.js';
import { adjustPhrasing } from '../kb/phrasings-store.js';
import { LEARNER_OVERLAP_MS } from './gap-sync.js';
import { claimSignal, insertGaps, readPosition, writePosition } from './gaps-store.js';
import { learnableWording, normalizeQuestion } from './normalize.js';
import { ratedRepliesSince, resolvingAnswers } from './signals-store.js';

/** What one learning pass changed. */
export interface LearnResult {
  phrasingsChanged: number;
  gapsAdded: number;
}

type Pair = { articleId: string; text: string; customerId: string; delta: number };

/** Adjust phrasings (one transaction); bumps the KB version when the usable set changed. */
async function applyPairs(db: Db, key: string, pairs: Pair[]): Promise<number> {
  return db.transaction(async (tx) => {
    if (!(await claimSignal(tx, key))) return 0;
    let changed = 0;
    for (const p of pairs) {
      const text = learnableWording(p.text);
      if (!text) continue;
      const norm = normalizeQuestion(text);
      if (await adjustPhrasing(tx, { articleId: p.articleId, text, norm, customerId: p.customerId, delta: p.delta }))
        changed++;
    }
    if (changed) await bumpKbVersion(tx);
    return changed;
  });
}

/** Read new ratings (and resolutions) and learn from them. */
export async function learnFromSignals(db: Db, pageSize = 500): Promise<LearnResult> {
  const result: LearnResult = { phrasingsChanged: 0, gapsAdded: 0 };
  let since = Math.max(0, (await readPosition(db, 'feedback')) - LEARNER_OVERLAP_MS);
  for (;;) {
    const rows = await ratedRepliesSince(db, since, pageSize);
    for (const r of rows) {
      const article = r.kind === 'answer' ? r.citations[0] : undefined;
      if (r.rating < 0) {
        result.gapsAdded += await insertGaps(db, [
          {
            messageId: r.questionId,
            conversationId: r.conversationId,
            text: r.question,
            reason: 'not_helpful',
            createdAt: r.createdAt,
          },
        ]);
      }
      if (!article || r.rating === 0) continue;
      const delta = r.rating > 0 ? 1 : -1;
      const texts = [r.question, ...(delta > 0 && r.previousQuestion ? [r.previousQuestion] : [])];
      result.phrasingsChanged += await applyPairs(
        db,
        `fb:${r.feedbackId}:${r.rating}`,
        texts.map((text) => ({ articleId: article, text, customerId: r.customerId, delta })),
      );
    }
    const last = rows[rows.length - 1];
    if (!last) break;
    await writePosition(db, 'feedback', last.createdAt.getTime());
    if (rows.length < pageSize || last.createdAt.getTime() <= since) break;
    since = last.createdAt.getTime();
  }
  for (const a of await resolvingAnswers(db, BOT_RESOLUTION_RETURN_WINDOW_HOURS)) {
    const article = a.citations[0];
    const pairs = article ? [{ articleId: article, text: a.question, customerId: a.customerId, delta: 1 }] : [];
    result.phrasingsChanged += await applyPairs(db, `res:${a.replyId}`, pairs);
  }
  return result;
}
