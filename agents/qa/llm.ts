/**
 * Model-backed QA: reviews a reply against the customer's message and the cited articles and
 * returns approve | revise (with the revised text) | escalate plus issues. A revision is allowed
 * once: a revise verdict without usable revised text becomes escalate.
 */
import { z } from 'zod';
import type {
  AgentContext,
  KbArticle,
  QaVerdict,
  ReplyKind,
  RoutingDecision,
  SpecialistAnswer,
} from '../../src/core/index.js';
import { clip, formatArticles } from '../../src/models/prompt.js';
import type { ModelGateway, ModelTier } from '../../src/models/types.js';

/** What the model must return. */
export const llmVerdictSchema = z.object({
  action: z.enum(['approve', 'revise', 'escalate']),
  issues: z.array(z.string()),
  revised_text: z.string().nullable(),
});

/** Input of a review (same as QaAgent.review). */
export interface ReviewInput {
  routing: RoutingDecision;
  reply: string;
  kind: ReplyKind;
  answer?: SpecialistAnswer;
}

/** Options of {@link createLlmQa}. */
export interface LlmQaOptions {
  gateway: ModelGateway;
  tier?: ModelTier;
}

/** A QA agent whose `review` accepts a tier and the articles the answer cites. */
export interface LlmQa {
  review(
    ctx: AgentContext,
    input: ReviewInput,
    options?: { tier?: ModelTier; articles?: KbArticle[] },
  ): Promise<QaVerdict>;
}

/** Instructions of the QA reviewer. */
export const QA_INSTRUCTIONS = `You review a customer-support reply before it is sent.
approve: correct, supported by the articles, polite, in the customer's language, answers the question.
revise: fixable problems (tone, language, length, an unsupported sentence): give the full corrected reply in revised_text.
escalate: wrong or unsupported facts that cannot be fixed from the articles, promises the company may not keep,
security or legal risk, or the customer clearly needs a person. List each problem in issues. Otherwise revised_text is null.`;

/** Create the model-backed QA agent. Throws `models_unavailable` when every model fails. */
export function createLlmQa({ gateway, tier = 'fast' }: LlmQaOptions): LlmQa {
  return {
    async review(ctx, input, options = {}) {
      const articles = options.articles ?? [];
      const r = await gateway.structured(options.tier ?? tier, {
        agent: 'qa',
        system: QA_INSTRUCTIONS,
        user: `Customer language: ${input.routing.language}. Reply kind: ${input.kind}.
Customer message:\n"""${clip(ctx.text, 1500)}"""\n\nCited articles:\n${formatArticles(articles, 800)}\n\nReply to review:\n"""${clip(input.reply, 3000)}"""`,
        schema: llmVerdictSchema,
        conversationId: ctx.conversationId,
        messageId: ctx.messageId,
      });
      const o = r.output;
      const revised = o.revised_text?.trim();
      if (o.action === 'revise' && !revised) {
        return {
          action: 'escalate',
          issues: [...o.issues, 'revision requested without a revised reply'],
          tier: r.tier,
        };
      }
      return {
        action: o.action,
        issues: o.issues.map((i) => clip(i, 300)),
        ...(o.action === 'revise' && revised ? { revisedText: clip(revised, ctx.limits.maxMessageChars) } : {}),
        tier: r.tier,
      };
    },
  };
}
