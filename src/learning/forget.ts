/**
 * Forget a customer on request (`switchboard customer forget <id>`, staff action): the text of
 * every message in their conversations (theirs, the bot's and staff's replies, which quote them),
 * their customer memory, the phrasings learned from their wordings, their knowledge-gap
 * questions, the questions of suggestions drawn from their conversations, escalation packets and
 * cached answers to their questions. Counts and kinds stay for statistics. One transaction.
 */

import type { Db } from '../core/database.js';
import { SwitchboardError } from '../core/errors.js';
import { bumpKbVersion } from '../kb/kb-store.js';
import { deleteCustomerPhrasings } from '../kb/phrasings-store.js';
import { deleteCachedByNorm } from './cache-store.js';
import {
  blankCustomerDerivedTexts,
  blankCustomerMessages,
  customerTexts,
  deleteCustomerGaps,
  deleteCustomerMemory,
  markCustomerForgotten,
} from './forget-store.js';
import { normalizeQuestion } from './normalize.js';

/** What {@link forgetCustomer} removed. */
export interface ForgetResult {
  customerId: string;
  messages: number;
  phrasings: number;
  gaps: number;
  cachedAnswers: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Delete a customer's personal data; throws `customer_not_found` (404) for an unknown id. */
export async function forgetCustomer(db: Db, customerId: string): Promise<ForgetResult> {
  if (!UUID.test(customerId))
    throw new SwitchboardError('customer_not_found', 'No customer with this id.', { status: 404 });
  return db.transaction(async (tx) => {
    if (!(await markCustomerForgotten(tx, customerId)))
      throw new SwitchboardError('customer_not_found', 'No customer with this id.', { status: 404 });
    const cachedAnswers = await deleteCachedByNorm(tx, (await customerTexts(tx, customerId)).map(normalizeQuestion));
    const messages = await blankCustomerMessages(tx, customerId);
    const gaps = await deleteCustomerGaps(tx, customerId);
    await blankCustomerDerivedTexts(tx, customerId);
    await deleteCustomerMemory(tx, customerId);
    const phrasings = await deleteCustomerPhrasings(tx, customerId);
    if (phrasings > 0) await bumpKbVersion(tx);
    return { customerId, messages, phrasings, gaps, cachedAnswers };
  });
}
