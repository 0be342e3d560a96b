/** The offline router agent: public surface. */

export { routerAgent } from './agent.js';
export { loadShippedExamples, SHIPPED_INTENTS } from './examples/index.js';
export {
  createLearningRouter,
  kbTrainingRows,
  type LearnedRows,
  type LearningRouter,
  type RouterArticle,
} from './kb-learning.js';
export { detectLanguage } from './language.js';
export type { RouterModel, TrainingRow, TrainOptions } from './model.js';
export { trainRouterModel } from './model.js';
export { createLocalRouter, type LocalRouter, type LocalRouterOptions, shippedModel } from './router.js';
export { detectComplexity, detectSentiment } from './signals.js';
