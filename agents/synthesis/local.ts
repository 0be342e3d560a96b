/**
 * The offline synthesis agent: turns a specialist answer, an escalation plan, an out-of-scope or
 * guardrail refusal, or a clarifying question into one polite reply that fits the channel
 * (`ctx.limits`). Greeting and closing follow the customer's language (en, es, fr, de); knowledge
 * base content stays English. Never includes internal reasoning, scores or article ids.
 */
import type { AgentContext, SynthesisAgent } from '../../src/core/agents.js';
import { fitReply, stripMarkdown } from './format.js';
import { phrasesFor } from './phrases.js';

/** Create the offline synthesis agent. */
export function createLocalSynthesisAgent(): SynthesisAgent {
  return {
    async compose(ctx: AgentContext, input) {
      const { routing, kind, answer, escalation } = input;
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
            closing = answer.grounding >= 0.35 ? p.closing : undefined;
          } else body = p.clarify;
          break;
        case 'escalation':
          body = escalation?.customerMessage.trim() || p.escalationFallback;
          if (foreign) {
            greeting = p.greeting;
            body = escalation ? `${p.escalationFallback}\n\n${body}` : body;
          }
          break;
        case 'out_of_scope':
          body = p.outOfScope;
          break;
        case 'guardrail':
          body = p.guardrail;
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
