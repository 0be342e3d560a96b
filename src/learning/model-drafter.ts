/**
 * The model drafter of suggested articles: a fast-tier model turns a resolved escalation's
 * question and staff replies (personal data already stripped) into a help-center article
 * `{ title, body }`. The call is recorded against the conversation (its cost shows in the stats,
 * `model_calls.conversation_id` cites it) and the suggestion keeps the conversation id; the
 * published article's source is `conversation:<id>`. Any failure (no model, timeout, output that
 * does not match the schema or is empty once personal data is stripped) throws, and the learner
 * keeps the offline draft.
 */
import { z } from 'zod';
import type { ModelGateway, ModelTier } from '../models/types.js';
import { stripPersonalData } from './normalize.js';
import type { ArticleDraft, Drafter } from './suggestions.js';

/** The model's output. */
export const ArticleDraftSchema = z.object({
  title: z.string().min(3).max(120),
  body: z.string().min(10).max(6000),
});

/** Options of {@link createModelDrafter}. */
export interface ModelDrafterOptions {
  gateway: Pick<ModelGateway, 'structured'>;
  /** Tier asked (default `fast`; the gateway falls back to the other tier). */
  tier?: ModelTier;
  /** Who the articles are for (brand name), if known. */
  brand?: string;
}

const SYSTEM = `You write help-center articles for a customer-support knowledge base.
From one resolved support conversation (the customer's question and the support team's replies) write a
short, general article that answers the same question for any customer:
- title: the question as a customer would search for it (at most 12 words);
- body: the answer in plain sentences or a short list, only facts the support team stated;
- no names, emails, phone numbers, order or account numbers, no greetings or sign-offs.
Reply with JSON: {"title": "...", "body": "..."}.`;

/** Line by line, so paragraphs and lists survive. */
const stripLines = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.trim() ? stripPersonalData(l) : ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Create a {@link Drafter} that asks a model. */
export function createModelDrafter(options: ModelDrafterOptions): Drafter {
  const { gateway, tier = 'fast' } = options;
  return async ({ question, answers, conversationId }): Promise<ArticleDraft> => {
    const user = [
      options.brand ? `Company: ${options.brand}` : '',
      `Conversation: ${conversationId}`,
      `Customer question:\n${question}`,
      `Support team replies:\n${answers.map((a, i) => `${i + 1}. ${a}`).join('\n')}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    const r = await gateway.structured(tier, {
      agent: 'kb_drafter',
      schemaName: 'kb_article_draft',
      schema: ArticleDraftSchema,
      system: SYSTEM,
      user,
      conversationId,
    });
    const title = stripPersonalData(r.output.title);
    const body = stripLines(r.output.body);
    if (title.length < 3 || body.length < 10) throw new Error('model draft empty once personal data is stripped');
    return { title, body, draftedBy: 'model' };
  };
}
