/** Input guardrail agent: public surface. */
export { createLocalGuardrail, type LocalGuardrail, type LocalGuardrailOptions } from './local.js';
export { INJECTION_SIGNALS, INJECTION_THRESHOLD, type InjectionScore, scoreInjection } from './patterns.js';
