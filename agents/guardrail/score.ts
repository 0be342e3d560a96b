/**
 * Injection scoring: every signal is tried on the normalised and the folded forms of a message, the
 * strongest phrases also on its letters-only form; the weights of the distinct signals that fired
 * add up to the score.
 */
import { INTENT_SIGNALS, SQUASHED_SIGNALS } from './intents.js';
import { type NormalizedText, normalizeForMatching } from './normalize.js';
import { OVERRIDE_SIGNALS } from './overrides.js';
import { INJECTION_SIGNALS, type InjectionSignal } from './patterns.js';

/** A scored check: total weight and which signals fired. */
export interface InjectionScore {
  score: number;
  signals: string[];
}

/** Every signal matched on the readable forms (general jailbreak signals first, then intents). */
export const ALL_SIGNALS: readonly InjectionSignal[] = [...INJECTION_SIGNALS, ...INTENT_SIGNALS, ...OVERRIDE_SIGNALS];

/** Score a message (raw text, normalised here, or already normalised forms). */
export function scoreInjection(input: string | NormalizedText): InjectionScore {
  const forms = typeof input === 'string' ? normalizeForMatching(input) : input;
  const fired = new Set<string>();
  let score = 0;
  for (const s of ALL_SIGNALS) {
    if (fired.has(s.name)) continue;
    if (s.pattern.test(forms.text) || (forms.folded !== forms.text && s.pattern.test(forms.folded))) {
      fired.add(s.name);
      score += s.weight;
    }
  }
  for (const s of SQUASHED_SIGNALS) {
    if (s.covers?.some((n) => fired.has(n))) continue;
    if (s.pattern.test(forms.squashed)) {
      fired.add(s.name);
      score += s.weight;
    }
  }
  return { score: Math.round(score * 100) / 100, signals: [...fired] };
}
