/** More project-written examples for account access (technical) and card, order and verification questions (product). */
import type { Department } from '../../../src/core/agents.js';
import type { IntentTemplates } from './expand.js';

const i = (intent: string, department: Department, templates: string[], count = 35): IntentTemplates => ({
  intent,
  department,
  templates,
  count,
});

/** Extra technical and product intents. */
export const ACCESS_AND_CARDS: IntentTemplates[] = [
  i(
    'access_keys',
    'technical',
    [
      '{retrieve|recover|restore|reset} {my|the} {access key|user key|pass|pwd|key|credentials|user password|account password|login details}',
      '{I|i} {dont remember|lost|misplaced|forgot} my {access key|user key|credentials|login details|username}',
      '{help|assist} me {recover|retrieving|resetting|reset} {my|the} {password|access key|credentials|pass}',
      '{I|i} {have|had|got|ran into|encountered} {a problem|an issue|trouble|errors} {signing up|registering|with my registration|with the sign-up|when trying to register}',
      '{can you help|help me} {with|solve|fix} {a|my} {registration|sign-up|signup} {problem|issue|error}',
      '{report|notify you of|inform you of} {registration|sign-up|signup} {problems|errors|issues}',
      '{I want|I need|id like|help me|can you help me} {to open|to create|opening|creating|to register|registering} {a|an|a new|another} {account|user account|gold account|premium account|standard account|platinum account|freemium account}',
    ],
    70,
  ),
  i(
    'payments_setup',
    'technical',
    [
      '{can I|how do I|how to} {use|set up|add my card to|top up with} {apple pay|google pay|samsung pay}',
      '{is|are} {apple pay|google pay|android pay} {supported|available|working} [with your cards|in my country]',
      '{apple pay|google pay} {top up|topup|payment} {doesnt work|failed|isnt working|is not possible}',
      '{exchange|convert|swap} {currencies|currency|money} {in|through|via|on|using} {the|your|this} app',
      '{how do I|can I|what currencies can I} {exchange|convert|swap} {money|currency|<currency>} {to|into} <currency> [using the app]',
      '{it says|it keeps saying|i get the message|the app says} {not allowed|transfer not allowed|beneficiary not allowed|this beneficiary cannot be added|payee not permitted}',
      '{why|how come} {is|was} {my|the} {transfer|payment} {to|for} {a|this|the|my} {beneficiary|payee|new recipient} {not allowed|blocked|refused|not permitted}',
      '{how|where} {do|can} I {verify|confirm} my {identity|id|account} [{in|on} the app]',
      '{what|which} {documents|proof|information} {do|will} you need {to verify me|for identity verification|for the identity check}',
    ],
    80,
  ),
  i(
    'card_and_order_info',
    'product',
    [
      '{where|how} {is|do I get|can I find} {the|my} PIN [for my {card|new card}]',
      '{I|i} {never got|didnt get|havent received} {a|the|my} PIN [{for|with} my card]',
      '{I want|I would like|id like|i need|help me} {to buy|to order|to purchase|buying|purchasing} {some items|a few things|an item|products|several articles|something from your store}',
      '{make|place|complete} {a purchase|an order} [{of|for} <product>]',
      '{can you|could you} help me {place|make} {an order|a purchase}',
      '{why|for what reason|whats the reason} {do|does|must|should} {I|you} {need|have|want} to verify {me|my identity|my account|who I am}',
      '{why|how come} {is|are} {identity checks|verification|id checks} {needed|necessary|required} [{for|to use} the app]',
    ],
    70,
  ),
];
