/**
 * Project-written router examples for wordings that sit between departments (top-ups, transfers,
 * cards, accounts, refunds): more variety so the classifier learns which cue decides.
 */
import type { Department } from '../../../src/core/agents.js';
import type { IntentTemplates } from './expand.js';

const i = (intent: string, department: Department, templates: string[], count = 35): IntentTemplates => ({
  intent,
  department,
  templates,
  count,
});

/** Intents that disambiguate close departments. */
export const CONFUSABLE: IntentTemplates[] = [
  i(
    'topup_problem',
    'billing',
    [
      '{my|the} {top up|top-up|topup} {didnt work|failed|was declined|was reverted|bounced back|was returned|got cancelled|keeps failing|is pending|hasnt gone through|is not showing}',
      '{why|how come} {was|did} {my|the} {top up|top-up} {get reverted|reversed|fail|stay pending|get cancelled}',
      '{the|my} money I {topped up|added|loaded} {disappeared|is gone|got returned|isnt showing|went back to my card}',
      '{I|i} {tried to|wanted to} top up {but|and} it {failed|didnt go through|was rejected|is still pending}',
      '{top up|topup} {still pending|not completed|reverted|failed} [<since>]',
    ],
    50,
  ),
  i(
    'transfer_problem',
    'billing',
    [
      '{my friend|the recipient|my landlord|the person I paid|my family} {says|claims} {they|he|she} {havent|hasnt|did not|never} {received|got} {the|my} {transfer|money|payment}',
      '{the|my} {transfer|payment} {never arrived|didnt arrive|hasnt arrived|is missing} {at|in} {the|their} {account|bank}',
      '{I|i} {made|did|sent} a transfer {to|into} my {own |}account {but|and} {the|my} balance {is the same|hasnt changed|wasnt updated}',
      '{my|the} {transfer|bank transfer|outgoing payment} {failed|was declined|didnt go through|was rejected|got returned|is pending|is still pending}',
      '{why|how come} {did|was} {my|the} {transfer|payment} {fail|declined|get rejected|returned|pending}',
      '{the|my} {ATM|cash} withdrawal {was declined|got declined|was rejected|didnt work|is pending|still shows pending}',
      '{my|the} card payment {was declined|got declined|didnt go through|was rejected} [at {the shop|a store|a restaurant|checkout}]',
    ],
    70,
  ),
  i(
    'refund_variety',
    'billing',
    [
      '{i need|help me|i want|i would like} {to get|getting|to obtain|to receive} {a|my} {refund|reimbursement|compensation}',
      '{can|could} you {reimburse|refund} me [please]',
      '{i would like|i want|i need} {my money back|to be reimbursed|a reimbursement of <amount>|to be refunded}',
      '{check|track|follow|see|verify} {the|my} {refund|reimbursement} {status|progress}',
      '{is|has} my {refund|reimbursement} {been processed|on its way|been approved|been sent}',
      '{i havent|i have not|still not} {received|got} {my|the} {refund|reimbursement}',
      '{a|the} {merchant|seller|shop} {refund|refunded payment} {is not showing|doesnt appear|is missing} [in my statement]',
    ],
    60,
  ),
  i(
    'payment_problem',
    'billing',
    [
      '{report|notify you of|inform you about} {an issue|problems|errors|a problem} {with|making} {a|my} payment',
      '{help|assistance|support} with {a|my} payment {issue|problem|error}',
      '{I cannot|cant|i am unable to} {make|complete|process|finish} {a|the|my} payment',
      '{payment|billing} {errors|problems|trouble|issues} [again]',
      '{i got|i receive|there is} an error message {when|while} {paying|trying to pay|making a payment}',
    ],
    45,
  ),
  i(
    'exchange_charge_billing',
    'billing',
    [
      '{what|how much} {is|are} the {fee|fees|charges|commission} {for|on} {exchanging|currency exchange|converting currencies|foreign currency}',
      '{do you|will you} charge {extra|a fee|more} for {exchanges|foreign currency|currency conversion|paying abroad}',
      '{I|i} {was|got} charged {an exchange fee|a currency fee|a conversion fee|extra for exchanging}',
      '{is there|do you charge} a fee {for|when} {topping up|adding money|loading money} {with|by|from} {a card|my card|a bank transfer|transfer}',
      '{the|my} exchange rate {was|looks|seems} {wrong|off|incorrect|bad} {for|on} {my|a} {card payment|purchase|cash withdrawal}',
    ],
    45,
  ),
  i(
    'account_switch_delete',
    'billing',
    [
      '{switch|change|move|upgrade|downgrade} {to|my account to} {the|a} {gold|platinum|premium|standard|freemium|pro|business|family} account',
      '{swap|switch|change} {user |}accounts',
      '{i want|help me|i need|id like} to {switch|change} {to another|to a different|my} {account|user account|account type}',
      '{delete|remove|erase|cancel} {my|the} {user account|profile|online account|account|premium account|gold account|standard account}',
      '{i dont want|i no longer want|i dont need} my {account|profile} {anymore|any longer}, {delete|remove} it',
    ],
    45,
  ),
  i(
    'card_pin_product',
    'product',
    [
      '{where|how} {do I|can I} {find|get} the PIN {for|of} my {new|physical|plastic} card',
      '{is|was} the PIN {sent|included} {with|in} the {card|letter|envelope}',
      '{my|the} {card|new card} {came|arrived} {but|and} {there was no PIN|I dont have the PIN}',
      '{how do I|can I|i want to} {get|order|receive} a {physical|real|plastic} card [{to go with|instead of} my virtual card]',
      '{i only have|i have} a virtual card, {how do I|can I} get a physical one',
    ],
    40,
  ),
  i(
    'shipping_address_product',
    'product',
    [
      '{change|update|edit|fix} {the|my} address {for|on} {my|the} {order|delivery|shipment|parcel}',
      '{send|ship|deliver} {my|the} {order|package} to {another|a new|my work|a different} address',
      '{i moved|i have moved}, {where|how} do I {update|change} the {delivery|shipping} address',
      '{set|save|enter} {my|a} {postal|shipping|delivery} address [for {future orders|checkout}]',
    ],
    40,
  ),
  i(
    'transfer_info_product',
    'product',
    [
      '{how do I|how can I|how to} {transfer|send|move} money {into|to} my {account|balance|wallet}',
      '{can I|how to} {add|deposit|fund} money {from|via|using} {my bank|another bank|a bank transfer|my salary}',
      '{what are|where are|where do I find} my {account details|IBAN|sort code|account number} [{for|to receive} transfers]',
      '{can|how can} {someone|my employer|a friend} {send|pay|transfer} {me|money to me|into my account}',
      '{how long|when} {does|will} {a|an} {international|domestic|incoming} transfer {take|arrive|clear}',
    ],
    45,
  ),
];
