/** QA agent: public surface. */

export { qaAgent } from './agent.js';
export {
  INJECTION_ECHO,
  numbersIn,
  PROMISE_PATTERNS,
  unsupportedNumbers,
  unsupportedPromises,
} from './claims.js';
export { createLocalQaAgent, type LocalQaOptions } from './local.js';
export { findSecrets, ibanValid, luhnValid, redact, type SecretFinding } from './secrets.js';
