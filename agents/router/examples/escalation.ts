/** Project-written router examples: escalation (humans, complaints, security incidents, closing the account). */
import type { IntentTemplates } from './expand.js';

const d = 'escalation' as const;

/** Escalation intents. */
export const ESCALATION: IntentTemplates[] = [
  {
    intent: 'human',
    department: d,
    count: 60,
    templates: [
      '{I want|I need|let me|can I|i would like to} {talk|speak|chat} {to|with} {a human|a real person|someone|an agent|a live agent|a representative|a person|your manager|a supervisor}',
      '{connect|transfer|put} me {to|through to|with} {a human|an agent|a real person|an operator|customer service|support staff}',
      '{get me|give me} {a human|a real person|an actual human|someone real} [please|now]',
      '{is there|are there} {a human|anyone|a real person|an agent} {I can talk to|available|there}',
      '{stop|no more} {bot|robot|automated} {answers|replies}, {human|person|agent} {please|now}',
      '{human|agent|representative|operator} [please] [now]',
      'i dont want to talk to a {bot|robot|machine}',
    ],
  },
  {
    intent: 'contact_service',
    department: d,
    count: 50,
    templates: [
      '{how|where} {do|can} I {contact|reach|call|email|get in touch with} {customer service|customer support|your support team|support|customer care|you}',
      '{what is|whats|give me} {the|your} {customer service|support|helpline|customer care} {phone number|number|email|email address|hours}',
      '{when|what time} {is|does} {customer service|customer support|your call center} {open|available}',
      '{I need to|i want to|can i} {call|phone|email|write to} {customer service|support|someone in support}',
      '{is there|do you have} a {phone line|hotline|support number|live chat} [I can use]',
    ],
  },
  {
    intent: 'complaint',
    department: d,
    count: 60,
    templates: [
      '{I want|I would like|i need|i wish} to {file|make|submit|lodge|raise} a complaint [about {your service|an agent|my order|the delivery|the staff}]',
      '{this|your service|your company|this app} is {terrible|a joke|the worst|unacceptable|ridiculous|useless|a disgrace}',
      '{I am|im} {really|very|so} {unhappy|disappointed|angry|frustrated|upset|fed up} with {your service|this|how I was treated|the support}',
      '{how|where} {do|can} I {complain|file a complaint|report bad service}',
      '{I have been|ive been} waiting <since> and {nobody|no one} {helps|answers|responds}, {this is unacceptable|ridiculous}',
      '{I will|i am going to|im going to} {sue|take legal action|call my lawyer|report you to the regulator|go to the ombudsman}',
      '{worst|awful|horrible} {experience|service|company} {ever|i have had}',
      '{your agent|the staff|the driver|the courier} was {rude|unprofessional|disrespectful}',
    ],
  },
  {
    intent: 'not_recognised',
    department: d,
    count: 80,
    templates: [
      '{there is|I see|i found} a {payment|transaction|charge|direct debit|withdrawal|cash withdrawal} {I dont recognise|I dont recognize|I didnt make|I never made} [on my <account>]',
      '{I|i} {didnt|did not|never} {make|authorise|authorize|do} {this|that|a} {payment|purchase|transaction|withdrawal|direct debit}',
      '{someone|somebody} {withdrew|took out|used my card to take} {cash|money|<amount>} {from my account|without my permission}',
      '{an|a} {unknown|unauthorised|unauthorized|strange|suspicious} {charge|payment|direct debit|transaction|withdrawal} {appeared|is showing|on my statement}',
      '{who|what} is this {direct debit|payment|charge} {from|to} {a company I never heard of|someone I dont know}',
      '{a|an} {ATM withdrawal|cash withdrawal} {I never did|that wasnt me|i didnt make} {shows up|is on my account}',
      '{my|the} statement {shows|has} {payments|transactions} {that are not mine|i did not make}',
    ],
  },
  {
    intent: 'fraud',
    department: d,
    count: 60,
    templates: [
      '{I want|I need|i would like} to report {fraud|a fraud|fraudulent activity|a scam|identity theft}',
      '{I think|i believe|I suspect} {my <card>|my <account>|my card details|my account} {has been|was|is} {compromised|hacked|stolen|cloned|used by someone else}',
      '{someone|somebody} {has|got} {access to|into} my <account> [and {changed my password|spent money}]',
      '{I|i} {was|got|have been} {scammed|defrauded|phished} [by {a fake website|a caller|an email}]',
      '{my card details|my account|my identity} {were|was} stolen',
      '{I|i} {gave|shared} my {card details|pin|password} to {a scammer|someone suspicious|a fake bank caller}',
      '{fraud|scam|hacked|compromised} <help>',
    ],
  },
  {
    intent: 'lost_stolen',
    department: d,
    count: 60,
    templates: [
      '{I|i} {lost|misplaced|cant find} my <card>',
      'my <card> {was|got|has been} {stolen|lost|taken}',
      'my {phone|mobile|wallet|purse|bag} {was|got|has been} {stolen|lost} {and|with} {my card|the app|my banking app} {on it|in it|logged in}',
      '{report|reporting} a {lost|stolen} {card|phone}',
      '{someone|somebody} stole my {wallet|phone|card|purse}',
      '{please|urgently} {block|cancel|freeze|stop} my <card> [it was {lost|stolen}]',
    ],
  },
  {
    intent: 'freeze_account',
    department: d,
    count: 40,
    templates: [
      '{I want|I need|please|can you|how do I} {to freeze|freeze|lock|block|suspend} my <account> [right now|immediately]',
      '{freeze|lock|block} {my|the} {account|<card>} {now|immediately|urgently|asap}',
      '{how|can} {do|I} {temporarily|urgently} {freeze|block|lock} {my|the} <account>',
    ],
  },
  {
    intent: 'close_account',
    department: d,
    count: 45,
    templates: [
      '{I want|I would like|i wish|id like|I need} to {close|terminate|shut down} my <account> [permanently]',
      '{close|terminate|shut down} my <account>',
      '{how|can} {do|I} {close|terminate} my <account> [and {withdraw|get} my money]',
      '{im|I am} {leaving|done with you|switching to another bank}, {close|terminate} my account',
      '{please|kindly} {close|terminate|end} {my|this} account {now|today}',
    ],
  },
];
