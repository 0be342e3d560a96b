/**
 * The offline input guardrail: prompt injection / jailbreak detection by weighted patterns on a
 * normalised form of the message (see normalize.ts), abuse, and oversize messages. Deterministic and free.
 *
 * Decisions (documented policy):
 * - prompt injection / jailbreak (score >= threshold) -> blocked, reason `prompt_injection`.
 * - violent threats or hate ("I will kill you", "kill all ...") -> blocked, reason `abuse`.
 * - insults and profanity -> ALLOWED with reason `abuse`: angry customers still get help; the router's
 *   sentiment and the escalation agent decide whether a human takes over.
 * - longer than `maxChars` -> blocked, reason `too_long`.
 * - empty -> blocked, reason `empty`.
 */
import type { AgentContext, GuardrailAgent, GuardrailResult } from '../../src/core/agents.js';
import { normalizeForMatching } from './normalize.js';
import { INJECTION_THRESHOLD, INSULTS, SEVERE_ABUSE } from './patterns.js';
import { scoreInjection } from './score.js';

/** Options for {@link createLocalGuardrail}. */
export interface LocalGuardrailOptions {
  /** Messages longer than this are refused (default 4000, like MAX_MESSAGE_CHARS). */
  maxChars?: number;
  /** Injection score that blocks (default {@link INJECTION_THRESHOLD}). */
  threshold?: number;
}

/** Local guardrail with a synchronous `inspect` for evaluation. */
export interface LocalGuardrail extends GuardrailAgent {
  inspect(text: string): GuardrailResult & { score: number; signals: string[] };
}

/** Create the offline guardrail. */
export function createLocalGuardrail(options: LocalGuardrailOptions = {}): LocalGuardrail {
  const { maxChars = 4000, threshold = INJECTION_THRESHOLD } = options;
  function inspect(text: string): GuardrailResult & { score: number; signals: string[] } {
    const forms = normalizeForMatching(text);
    const clean = forms.text;
    if (!clean.trim()) return { allowed: false, reason: 'empty', tier: 'local', score: 0, signals: [] };
    const { score, signals } = scoreInjection(forms);
    if (score >= threshold) return { allowed: false, reason: 'prompt_injection', tier: 'local', score, signals };
    if (SEVERE_ABUSE.test(clean)) return { allowed: false, reason: 'abuse', tier: 'local', score, signals };
    if (text.length > maxChars) return { allowed: false, reason: 'too_long', tier: 'local', score, signals };
    if (INSULTS.test(clean)) return { allowed: true, reason: 'abuse', tier: 'local', score, signals };
    return { allowed: true, tier: 'local', score, signals };
  }
  return {
    inspect,
    async check(ctx: AgentContext) {
      const { score: _score, signals: _signals, ...result } = inspect(ctx.text);
      return result;
    },
  };
}
