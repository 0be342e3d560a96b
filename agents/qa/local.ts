/**
 * The offline QA agent: rule checks on every reply before it is sent.
 *
 * - empty or too short reply                                 -> escalate
 * - prompt-injection echo (system prompt, DAN, payload text) -> escalate
 * - off-topic answer (shares no terms with question or KB)   -> escalate
 * - secrets / PII (keys, Luhn-valid card numbers, IBANs,
 *   passwords, emails or phones the customer did not write)  -> revise (redacted)
 * - promises or numbers the cited articles do not support    -> revise (sentences removed),
 *                                                               escalate if too little is left
 * - a "not certain" answer the specialist wants a human for  -> escalate
 */
import type { AgentContext, QaAgent, QaVerdict, SpecialistAnswer } from '../../src/core/agents.js';
import { hasArticleLookup } from '../../src/kb/knowledge-base.js';
import { termSet } from '../../src/kb/text.js';
import { INJECTION_ECHO, removeSentences, sentencesOf, unsupportedNumbers, unsupportedPromises } from './claims.js';
import { findSecrets, redact } from './secrets.js';

/** Options for {@link createLocalQaAgent}. */
export interface LocalQaOptions {
  /** Replies shorter than this are rejected (default 12 characters). */
  minChars?: number;
}

const GENERIC = termSet(
  'thanks reaching out anything else help support team certain answer articles closest topic found please',
);

async function evidenceFor(ctx: AgentContext, answer: SpecialistAnswer | undefined): Promise<string> {
  if (!answer) return '';
  if (answer.citations.length > 0) {
    try {
      const articles = hasArticleLookup(ctx.kb)
        ? await ctx.kb.getArticles(answer.citations)
        : (await ctx.kb.search(ctx.text, { limit: 10 })).filter((a) => answer.citations.includes(a.id));
      if (articles.length > 0) return articles.map((a) => `${a.title}\n${a.body}`).join('\n\n');
    } catch {
      /* fall back to the answer text below */
    }
  }
  return answer.text;
}

/** Create the offline QA agent. */
export function createLocalQaAgent(options: LocalQaOptions = {}): QaAgent {
  const { minChars = 12 } = options;
  return {
    async review(ctx, input): Promise<QaVerdict> {
      const { reply, kind, answer } = input;
      const text = reply.trim();
      const issues: string[] = [];
      const verdict = (action: QaVerdict['action'], revisedText?: string): QaVerdict =>
        revisedText === undefined ? { action, issues, tier: 'local' } : { action, issues, revisedText, tier: 'local' };

      if (text.length < minChars) {
        issues.push(text ? `too_short: reply has ${text.length} characters` : 'empty_reply');
        return verdict('escalate');
      }
      const echo = INJECTION_ECHO.find((re) => re.test(text));
      if (echo) {
        issues.push(`injection_echo: reply repeats "${echo.exec(text)?.[0]}"`);
        return verdict('escalate');
      }

      const customerText = [ctx.text, ...ctx.history.filter((t) => t.role === 'customer').map((t) => t.text)].join(
        '\n',
      );
      const evidence = await evidenceFor(ctx, answer);
      let escalate = false;

      if (kind === 'answer' || kind === 'uncertain') {
        const replyTerms = [...termSet(text)].filter((t) => !GENERIC.has(t));
        const context = new Set([...termSet(ctx.text), ...termSet(evidence)]);
        if (replyTerms.length > 0 && !replyTerms.some((t) => context.has(t))) {
          issues.push('off_topic: reply shares nothing with the question or the knowledge base');
          escalate = true;
        }
        if (answer?.needsHuman) {
          issues.push(`low_grounding: knowledge base support ${answer.grounding.toFixed(2)}`);
          escalate = true;
        }
      }

      let revised = text;
      const secrets = findSecrets(revised, `${customerText}\n${evidence}`);
      if (secrets.length > 0) {
        issues.push(...[...new Set(secrets.map((s) => s.kind))].map((k) => `secret_leak: ${k} redacted`));
        revised = redact(revised, secrets);
      }

      const claimEvidence = `${evidence}\n${customerText}`;
      const drop = new Set(unsupportedPromises(revised, claimEvidence));
      for (const s of drop) issues.push(`unsupported_promise: "${s}"`);
      if (kind === 'answer' && evidence) {
        const numbers = unsupportedNumbers(revised, claimEvidence);
        if (numbers.length > 0) {
          issues.push(`unsupported_number: ${numbers.join(', ')} not in the cited articles`);
          for (const s of sentencesOf(revised)) {
            if (unsupportedNumbers(s, claimEvidence).length > 0) drop.add(s);
          }
        }
      }
      if (drop.size > 0) {
        revised = removeSentences(revised, [...drop]);
        if (revised.length < 40 || termSet(revised).size < 4) escalate = true;
      }

      if (escalate) return verdict('escalate');
      if (revised !== text) return verdict('revise', revised);
      return verdict('approve');
    },
  };
}
