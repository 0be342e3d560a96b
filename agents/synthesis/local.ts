/**
 * The offline synthesis agent: turns a specialist answer (grounded, uncertain or a question
 * back), an escalation plan, an out-of-scope or guardrail refusal into one polite reply that fits
 * the channel (`ctx.limits`). Fixed phrases follow the customer's language (en, es, fr, de);
 * knowledge-base content stays in the KB's language, said so for other languages. Never includes
 * internal reasoning, scores or article ids.
 */
import type { AgentContext, Brand, SynthesisAgent } from '../../src/core/agents.js';
import { fitReply, stripMarkdown } from './format.js';
import { phrasesFor } from './phrases.js';

const NO_BRAND: Brand = { name: '', assistantName: '', topics: [] };

/** Create the offline synthesis agent. */
export function createLocalSynthesisAgent(): SynthesisAgent {
  return {
    async compose(ctx: AgentContext, input) {
      const { routing, kind, answer, escalation } = input;
      const brand = ctx.brand ?? NO_BRAND;
      const p = phrasesFor(routing.language);
      const firstTurn = !ctx.history.some((t) => t.role === 'bot');
      const foreign = p.englishNote !== undefined;
      let greeting: string | undefined;
      let body: string;
      let closing: string | undefined;
      switch (kind) {
        case 'answer':
          if (answer?.text.trim()) {
            greeting = firstTurn || foreign ? p.greeting : undefined;
            body = foreign ? `${p.englishNote}\n\n${answer.text.trim()}` : answer.text.trim();
            closing = p.closing;
          } else body = p.clarify;
          break;
        case 'uncertain':
          // Offline we cannot translate the KB: in another language, say so honestly and offer a person.
          body = foreign && p.foreignUncertain ? p.foreignUncertain : answer?.text.trim() || p.clarify;
          break;
        case 'clarify':
          body = foreign ? p.clarify : answer?.text.trim() || p.clarify;
          break;
        case 'escalation':
          body = escalation?.customerMessage.trim() || p.escalationFallback;
          if (foreign) {
            greeting = p.greeting;
            body = escalation ? `${p.escalationFallback}\n\n${body}` : body;
          }
          break;
        case 'out_of_scope':
          body = p.outOfScope(brand);
          break;
        case 'guardrail':
          body = p.guardrail(brand);
          break;
        default:
          body = p.clarify;
      }
      if (!ctx.limits.supportsMarkdown) {
        body = stripMarkdown(body);
      }
      return { text: fitReply({ greeting, body, closing }, ctx.limits.maxMessageChars), tier: 'local' };
    },
  };
}
