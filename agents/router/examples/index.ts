/**
 * The router's shipped training set: project-written templates for every department, expanded
 * deterministically into labeled rows.
 */
import type { Department } from '../../../src/core/agents.js';
import { ACCESS_AND_CARDS } from './access-and-cards.js';
import { BILLING } from './billing.js';
import { BILLING_EXTRA } from './billing-extra.js';
import { CONFUSABLE } from './confusable.js';
import { ESCALATION } from './escalation.js';
import { expandIntents, type IntentTemplates } from './expand.js';
import { OUT_OF_SCOPE } from './out-of-scope.js';
import { PRODUCT } from './product.js';
import { SMALL_TALK } from './small-talk.js';
import { SUPPORT_REQUESTS } from './support-requests.js';
import { TECHNICAL } from './technical.js';

/** Every intent the shipped router learns from. */
export const SHIPPED_INTENTS: IntentTemplates[] = [
  ...TECHNICAL,
  ...BILLING,
  ...PRODUCT,
  ...ESCALATION,
  ...OUT_OF_SCOPE,
  ...SMALL_TALK,
  ...CONFUSABLE,
  ...SUPPORT_REQUESTS,
  ...ACCESS_AND_CARDS,
  ...BILLING_EXTRA,
];

let cache: { text: string; department: Department }[] | undefined;

/** The shipped examples (same rows on every call and every start). */
export function loadShippedExamples(): { text: string; department: Department }[] {
  cache ??= expandIntents(SHIPPED_INTENTS);
  return cache.map((r) => ({ ...r }));
}
