/** QA agent: public surface. */
export {
  INJECTION_ECHO,
  numbersIn,
  PROMISE_PATTERNS,
  unsupportedNumbers,
  unsupportedPromises,
} from './claims.js';
export { createLocalQaAgent, type LocalQaOptions } from './local.js';
export { findSecrets, ibanValid, luhnValid, redact, type SecretFinding } from './secrets.js';
