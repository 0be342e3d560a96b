/** Input guardrail agent: public surface. */

export { guardrailAgent } from './agent.js';
export { INTENT_SIGNALS, SQUASHED_SIGNALS } from './intents.js';
export { createLocalGuardrail, type LocalGuardrail, type LocalGuardrailOptions } from './local.js';
export { type NormalizedText, normalizeForMatching } from './normalize.js';
export { INJECTION_SIGNALS, INJECTION_THRESHOLD, type InjectionSignal } from './patterns.js';
export { ALL_SIGNALS, type InjectionScore, scoreInjection } from './score.js';
export { suspicionScore } from './suspicion.js';
