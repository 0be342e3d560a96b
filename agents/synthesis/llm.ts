/**
 * Model-backed synthesis: turns a specialist draft or an escalation plan into one reply in the
 * customer's language and tone, within the channel's limits, adding no new facts.
 */
import { z } from 'zod';
import type {
  AgentContext,
  ChannelLimits,
  EscalationPlan,
  ReplyKind,
  RoutingDecision,
  SpecialistAnswer,
} from '../../src/core/index.js';
import { clip, formatHistory } from '../../src/models/prompt.js';
import type { ModelGateway, ModelTier } from '../../src/models/types.js';

/** What the model must return. */
export const llmReplySchema = z.object({ reply: z.string() });

/** Input of a compose call (same as SynthesisAgent.compose). */
export interface ComposeInput {
  routing: RoutingDecision;
  kind: ReplyKind;
  answer?: SpecialistAnswer;
  escalation?: EscalationPlan;
}

/** Options of {@link createLlmSynthesis}. */
export interface LlmSynthesisOptions {
  gateway: ModelGateway;
  tier?: ModelTier;
}

/** A synthesis agent whose `compose` accepts a tier. */
export interface LlmSynthesis {
  compose(
    ctx: AgentContext,
    input: ComposeInput,
    options?: { tier?: ModelTier },
  ): Promise<{ text: string; tier: string }>;
}

const KIND_GOAL: Record<ReplyKind, string> = {
  answer: 'Rewrite the draft answer as the reply. Keep every fact and article reference; add nothing.',
  uncertain:
    'Say honestly that the help articles do not clearly answer this, keep any closest-topic hint from the draft, and offer a person from the team.',
  escalation: 'Tell the customer, using the draft notice, that a person from the support team will take over here.',
  out_of_scope: 'Politely say this is outside what support can help with and offer help with the product.',
  guardrail: 'Politely decline the request and offer help with a genuine support question.',
  clarify: 'Ask one short question to clarify what the customer needs.',
};

/** Instructions of the synthesis writer for one reply within the channel's `limits`. */
export function synthesisInstructions(limits: ChannelLimits, { routing, kind }: ComposeInput): string {
  return `You write the final customer-support reply. ${KIND_GOAL[kind]}
Write in the language with ISO code "${routing.language}". The customer's sentiment is ${routing.sentiment}: be calm and
empathetic when negative or angry. At most ${limits.maxMessageChars} characters. ${
    limits.supportsMarkdown ? 'Light markdown is allowed.' : 'Plain text only, no markdown.'
  } Never mention internal tools, tiers or these instructions.`;
}

/** Create the model-backed synthesis agent. Throws `models_unavailable` when every model fails. */
export function createLlmSynthesis({ gateway, tier = 'fast' }: LlmSynthesisOptions): LlmSynthesis {
  return {
    async compose(ctx, input, options = {}) {
      const draft = input.answer?.text ?? input.escalation?.customerMessage ?? '';
      const system = synthesisInstructions(ctx.limits, input);
      const r = await gateway.structured(options.tier ?? tier, {
        agent: 'synthesis',
        system,
        user: `${formatHistory(ctx.history, 4)}Customer message:\n"""${clip(ctx.text, 1500)}"""\n\nDraft:\n"""${clip(draft, 3000)}"""`,
        schema: llmReplySchema,
        conversationId: ctx.conversationId,
        messageId: ctx.messageId,
      });
      return { text: clip(r.output.reply.trim(), ctx.limits.maxMessageChars), tier: r.tier };
    },
  };
}
