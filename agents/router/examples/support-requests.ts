/** More project-written escalation examples: neutral complaint wording, contact requests, security incidents. */
import type { IntentTemplates } from './expand.js';

const e = (intent: string, templates: string[], count = 40): IntentTemplates => ({
  intent,
  department: 'escalation',
  templates,
  count,
});

/** Extra escalation intents. */
export const SUPPORT_REQUESTS: IntentTemplates[] = [
  e(
    'complaint_neutral',
    [
      '{how|where} {can|do} I {file|submit|lodge|make|raise|leave|register} a {complaint|claim|consumer complaint|formal complaint|grievance|reclamation}',
      '{I have|i want to make|i need to make|i would like to submit} a {complaint|claim|formal complaint} {about|regarding|against} {your company|a product|a service|an employee|an order|the delivery}',
      '{I am|im} {not satisfied|dissatisfied|unsatisfied|not happy} with {the service|your service|the product|my purchase|the support I got}',
      '{i want to|let me|how do i} {express|voice|report} my {dissatisfaction|discontent|disappointment|complaint}',
      '{help me|can you help me|i need help to} {file|submit|make|open} a {complaint|claim|grievance}',
      '{who do I|where should I} {complain to|send a complaint to|address my complaint to}',
    ],
    60,
  ),
  e(
    'contact_people',
    [
      '{I need|i want|i have} to {speak|talk|chat} {with|to} {customer service|customer support|an assistant|an employee|a staff member|somebody from support|a live agent|someone}',
      '{help me|can you help me} {contact|speak with|reach|get in touch with} {customer service|an agent|a human|your support team|the help desk}',
      '{what are|when are|tell me} {your|the} {customer service|support|help desk} {hours|opening hours|business hours|working hours}',
      '{how|where} {can I|to|do i} {call|phone|email|write to|message} {customer service|customer support|an agent|the support team}',
      '{I want|i would like} {assistance|help} from {a person|a real agent|a human being|customer service}',
      '{is|are} {a human|an agent|customer service|anyone} {available|online|there} {right now|today|to help me}',
    ],
    60,
  ),
  e(
    'unrecognised_more',
    [
      '{I am|im} not aware of {this|a|that} {payment|charge|direct debit|withdrawal|transaction}',
      '{I|i} {dont remember|cant remember|have no memory of} {making|authorizing|setting up|doing} {this|that|a} {payment|direct debit|withdrawal|purchase}',
      '{there is|i see} a {weird|strange|odd|unfamiliar|mysterious|unknown} {payment|charge|direct debit|withdrawal|transaction} {on my account|in my app|on my statement|in my history}',
      '{why|how come} is there a {direct debit|payment|withdrawal|card payment} {i|that I} {didnt|did not|never} {set up|authorise|authorize|make|agree to}',
      '{money|cash|<amount>} {was|got} {taken|withdrawn|debited} from my account {and it wasnt me|without my knowledge|by someone else}',
      '{I|i} {didnt|did not|never} {withdraw|take out|spend|buy} {this|that|any} {money|cash|thing}',
    ],
    60,
  ),
  e(
    'security_more',
    [
      '{put|place} a {hold|freeze|block} on my {account|bank account|card|cards}',
      '{can you|please|i need you to} {lock|freeze|block|suspend} {my|the} {bank account|checking account|savings account|account|card} [right away]',
      '{my|the} {phone|mobile|smartphone} {was|got|has been} {stolen|lost|taken} {and|,} {my|the} {banking app|app|account} {is|was} on it',
      '{I|i} {lost|dropped|left} my {phone|mobile} {somewhere|on the train|in a taxi} {and|so} {someone could|they might} {access|use} my {account|app}',
      '{I|i} {no longer have|dont have} {my phone|access to my phone} {because it was|since it got} {stolen|lost}',
      '{someone|a stranger} {is using|used|has} my {card|card details|account} [without permission]',
    ],
    50,
  ),
];
