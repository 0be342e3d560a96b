/**
 * Conversation-aware questions: a short follow-up ("and how long does that take?", "what about
 * on Android?", "it still doesn't work") is searched together with the customer's previous
 * question, leaning towards the articles the bot just cited; "same problem as last week" in a new
 * conversation is searched with the question the customer's memory recalls, leaning to its article. Vague messages with nothing to
 * search for ("it doesn't work", a bare error code) are recognised so the reply can ask back.
 */
import type { AgentContext } from '../../src/core/agents.js';
import { recalledTopic } from '../../src/core/memory.js';
import { contentTerms } from '../../src/kb/text.js';

/** What to search for in this turn. */
export interface TurnQuery {
  text: string;
  /** Articles the conversation was just about. */
  topicIds: string[];
  /** The message continues the previous turn. */
  followUp: boolean;
}

const ANAPHORA =
  /^(?:and|but|also|so|what about|how about|ok(?:ay)?|then|same|still|it|that|this|those|these|they|there)\b|\b(?:it|that|this|those|them|there|one)\b[^a-z]*$|\b(?:still|again|as well|too|instead)\b/i;

/** Words that carry no topic on their own (kept out of the "is it vague" count). */
const GENERIC = new Set(
  contentTerms(
    'work working works worked broken broke issue issues problem problems error errors wrong happen happening help fix fixed anything something nothing thing things stuff doesnt doesn isn wont failed fail fails failing trouble question ask',
  ),
);

/** Content terms of a message that name something (not "problem", "error", "work"...). */
export function topicTerms(text: string): string[] {
  return contentTerms(text).filter((t) => !GENERIC.has(t) && !/^\d+$/.test(t));
}

/** Build the search for this turn from the message, the conversation so far and the customer's memory. */
export function turnQuery(ctx: AgentContext): TurnQuery {
  const history = ctx.history;
  const lastBot = [...history].reverse().find((t) => t.role === 'bot');
  const previous = [...history].reverse().find((t) => t.role === 'customer' && t.text !== ctx.text);
  const terms = topicTerms(ctx.text);
  const short = terms.length <= 3 && ctx.text.length <= 80;
  const followUp = Boolean(previous && lastBot && short && (ANAPHORA.test(ctx.text.trim()) || terms.length <= 1));
  if (followUp && previous)
    return { text: `${previous.text} ${ctx.text}`, topicIds: lastBot?.sources ?? [], followUp: true };
  // "Same problem as last week" in a new conversation: the remembered question, leaning to its article.
  const recalled = previous ? null : recalledTopic(ctx.text, ctx.memory, ctx.conversationId);
  if (recalled && terms.length <= 3)
    return { text: `${recalled.question} ${ctx.text}`, topicIds: [recalled.articleId], followUp: true };
  return { text: ctx.text, topicIds: [], followUp: false };
}

/**
 * A message with nothing to search for: no topic words at all ("it doesn't work", "help!!"),
 * or an error code / pasted error with no product words. `looksLikeBug` when it reads as a bug
 * report (an error message, a stack trace, a status code).
 */
export function vagueMessage(text: string): { vague: boolean; looksLikeBug: boolean } {
  const looksLikeBug =
    /\b(?:error|exception|failed|crash(?:ed|es)?|stack ?trace|traceback|status (?:code )?\d{3}|\d{3} (?:error|internal))\b|\b[A-Z][A-Za-z]*(?:Error|Exception)\b|\bE[A-Z]{3,}\b|0x[0-9a-f]{4,}/i.test(
      text,
    );
  const terms = topicTerms(text.replace(/\b[A-Z][A-Za-z]*(?:Error|Exception)\b|\bE[A-Z]{3,}\b|0x[0-9a-f]+/g, ' '));
  return { vague: terms.length === 0, looksLikeBug };
}
