/** More project-written billing and product examples: payment problems, refunds, fees, feedback, age, top-ups. */
import type { Department } from '../../../src/core/agents.js';
import type { IntentTemplates } from './expand.js';

const i = (intent: string, department: Department, templates: string[], count = 40): IntentTemplates => ({
  intent,
  department,
  templates,
  count,
});

/** Extra billing and product intents. */
export const BILLING_EXTRA: IntentTemplates[] = [
  i(
    'payment_issue_more',
    'billing',
    [
      '{I have|i got|there is|having} {an issue|a problem|issues|problems} {with|making|paying} {the|my|a} {payment|bill|installment}',
      '{help me|can you help me|i need help} {with|to solve|to fix|to sort out} {a|my|the} {payment|billing} {issue|problem}',
      '{why|how come} {does|did} my payment {keep failing|not go through|get stuck|show an error}',
      '{I|i} {paid|made the payment} {but|and} {it says unpaid|the order is not confirmed|you didnt receive it}',
    ],
    45,
  ),
  i(
    'refund_more',
    'billing',
    [
      '{I|i} {want|need|would like|expect} {a|my} {full|partial|} refund',
      '{how|where} {can|do|should} I {claim|request|obtain|receive|ask for} {a|my} {refund|reimbursement|money back}',
      '{give|send} me {my money back|a refund|the refund} [please]',
      '{am i|would i be} {entitled|eligible} {to|for} a refund',
      '{refund|reimburse} {me|the charge|my payment|the amount} {now|today|please}',
    ],
    45,
  ),
  i(
    'fee_more',
    'billing',
    [
      '{will|is there} {a|any} {charge|fee|cost} {if|when} I {top up|add money|load money} {by|via|with|through} {bank transfer|SEPA|a transfer|my card|a debit card}',
      '{how much|what} {do you charge|is the fee} {for|to} {top ups|topping up|adding money} {with|by} {card|a card|bank transfer}',
      '{why|how come} {was|did} {I|i} {get charged|pay a fee} {for|on} {my|a} top up',
    ],
    30,
  ),
  i(
    'feedback_review',
    'product',
    [
      '{I want|I would like|id like|let me} to {give|leave|send|share|submit} {some |}{feedback|a review|my opinion|a rating|a comment} [{about|on} {your|the} {service|product|store|app}]',
      '{where|how} {can|do} I {review|rate|comment on} {a|the|my} {product|purchase|order|service}',
      '{I|i} {loved|liked|enjoyed} {the|your} {product|service} {and want to|and would like to} {write a review|leave a review|rate it}',
    ],
    35,
  ),
  i(
    'age_more',
    'product',
    [
      '{how old|what age} {do|must} {I|you|my kids|my child} {have to|need to} be to {open an account|get a card|sign up|use the service}',
      '{can|is} {a minor|my teenager|my znum year old|a student under znum} {open|get|allowed to open|allowed to get} {an account|a card}',
      '{is there|whats the} {minimum|maximum} age {to|for} {open|opening|getting} {an account|a card}',
    ],
    30,
  ),
  i(
    'card_link_found',
    'technical',
    [
      '{I|i} found my {lost|missing|old} card, {how do I|can I} {add|link|reactivate|use} it {again|back} [in the app]',
      '{how do I|can I} {add|link|connect} {a|my} card {that|which} I {already have|found|got before} {to|in} the app',
      '{where|how} {do I|can I} {see|view|link|add} {my|the} card {in|to} {my account|the app}',
    ],
    30,
  ),
];
