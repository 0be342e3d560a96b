/**
 * The offline escalation agent: decides why a conversation goes to a human (reason), how urgent it
 * is (priority), writes the handoff summary and tells the customer what happens next. For security
 * incidents the customer also gets an immediate safety step (freeze the card, reset the password).
 */
import type {
  AgentContext,
  EscalationAgent,
  EscalationPlan,
  EscalationReason,
  Priority,
  RoutingDecision,
} from '../../src/core/agents.js';
import { truncate } from '../../src/kb/text.js';
import { customerWants, saysUrgent } from './intent.js';

const SECURITY =
  /\b(?:hack(?:ed|er|ing)?|compromised|stolen|stole|theft|fraud(?:ulent)?|unauthori[sz]ed|phishing|scam(?:med)?|breach(?:ed)?|someone (?:else )?(?:has |is )?(?:used|using|accessed|logged|took|taken|withdrew)|(?:didn't|did not|never) (?:make|authori[sz]e)|not me\b|lost (?:my )?(?:card|wallet|phone)|card (?:was |is |got )?(?:lost|missing|taken)|strange (?:login|sign-in)|suspicious (?:login|activity|transaction|payment))/i;
const LEGAL =
  /\b(?:lawyer|attorney|solicitor|sue|suing|lawsuit|legal action|take (?:you|this) to court|court|ombudsman|regulator|small claims|class action|report (?:you|this) to (?:the )?(?:authorities|police|regulator|bbb|fca|cfpb))\b/i;
const HUMAN =
  /\b(?:human|real person|live (?:agent|person|chat)|(?:an?|the) (?:agent|representative|operator)|someone real|supervisor|manager|speak (?:to|with)|talk (?:to|with) (?:a |an |some)?(?:one|body|person|human|agent|staff|representative)|call me|customer (?:service|support|care) (?:agent|representative))\b/i;
const ANGER =
  /\b(?:furious|ridiculous|unacceptable|worst|disgusting|angry|pissed|fed up|outraged|outrageous|terrible|horrible|awful|useless|incompetent|scam|joke|f+u+c+k\w*|sh[i1]t\w*|damn|wtf)\b|!{3,}/i;
// Contacting support about this again (not: the problem persists, e.g. "I still can't log in").
const REPEATED =
  /\b(?:(?:second|third|fourth|fifth|2nd|3rd|4th|5th) time|again and again|(?:several|multiple|many|three|four|five|\d+) times|once again|keep asking|nobody (?:has )?(?:replied|answered|helped)|no one (?:has )?(?:replied|answered|helped)|already (?:asked|contacted|told|wrote|written|explained|called))\b/i;

const LABELS: Record<EscalationReason, string> = {
  customer_request: 'Asked for a person',
  angry_customer: 'Customer is upset',
  security_incident: 'Security incident',
  legal_threat: 'Legal threat',
  low_confidence: 'The assistant was not sure of the answer',
  qa_escalated: 'The quality check stopped the reply',
  model_failure: 'The AI models were unavailable',
  other: 'Needs a human',
};

/** Pick the escalation reason: safety first (security, legal), then the pipeline's hint, then the text. */
export function detectReason(text: string, routing: RoutingDecision, hint?: EscalationReason): EscalationReason {
  if (SECURITY.test(text)) return 'security_incident';
  if (LEGAL.test(text)) return 'legal_threat';
  if (hint) return hint;
  if (routing.sentiment === 'angry' || ANGER.test(text)) return 'angry_customer';
  if (HUMAN.test(text)) return 'customer_request';
  if (routing.confidence < 0.5) return 'low_confidence';
  return routing.department === 'escalation' ? 'customer_request' : 'other';
}

/** Priority from the reason, the tone and whether the customer is writing about this again. */
export function detectPriority(
  reason: EscalationReason,
  text: string,
  routing: RoutingDecision,
  repeated: boolean,
): Priority {
  if (reason === 'security_incident') return 'urgent';
  if (reason === 'legal_threat') return 'high';
  if (reason === 'angry_customer' || routing.sentiment === 'angry') return repeated ? 'urgent' : 'high';
  if (repeated) return 'high';
  if (reason === 'model_failure' || reason === 'qa_escalated' || routing.sentiment === 'negative') return 'normal';
  return ANGER.test(text) ? 'high' : 'normal';
}

function safetyStep(text: string): string {
  const card = /\b(?:card|payment|transaction|charge|money|withdr[ae]w)/i.test(text);
  const account = /\b(?:account|login|log in|sign(?:ed)? in|password|hack|phishing|email|2fa)/i.test(text);
  const steps: string[] = [];
  if (card || !account)
    steps.push('freeze your card now in the app (Cards > Freeze); freezing is instant and can be undone');
  if (account || !card) steps.push('reset your password from the login page, which signs out every device');
  return `To protect your account right now, please ${steps.join(', and ')}. Never share your password, PIN or 2FA codes with anyone, including us.`;
}

function customerMessage(reason: EscalationReason, text: string): string {
  const follow = 'They will follow up with you in this conversation.';
  switch (reason) {
    case 'security_incident':
      return `I've flagged this as a security issue for a person on our support team. ${safetyStep(text)} ${follow}`;
    case 'legal_threat':
      return `I've passed your message to a senior member of our support team. ${follow}`;
    case 'angry_customer':
      return `I'm sorry for the frustration this has caused. I've passed your conversation to a person on our support team. ${follow}`;
    case 'customer_request':
      return `Of course. I'm connecting you with a person on our support team. ${follow}`;
    case 'model_failure':
      return `I'm having trouble answering right now, so I've asked a person on our support team to help. ${follow}`;
    default:
      return `I want to make sure you get the right answer, so I've asked a person on our support team to take a look. ${follow}`;
  }
}

/** Create the offline escalation agent. */
export function createLocalEscalationAgent(): EscalationAgent {
  return {
    async plan(ctx: AgentContext, routing: RoutingDecision, hint?: EscalationReason): Promise<EscalationPlan> {
      const earlier = ctx.history.filter((t) => t.role === 'customer' && t.text !== ctx.text);
      const all = [ctx.text, ...earlier.map((t) => t.text)].join('\n');
      const reason = detectReason(ctx.text, routing, hint);
      const repeated = REPEATED.test(ctx.text) || earlier.length >= 4;
      const priority = detectPriority(reason, all, routing, repeated);
      const urgent = saysUrgent(ctx.text);
      const facts = [
        earlier.length ? `${earlier.length} earlier message${earlier.length === 1 ? '' : 's'}` : 'first message',
        `mood ${routing.sentiment}`,
      ];
      if (urgent) facts.push('says it is urgent');
      if (repeated) facts.push('says they contacted us about this before');
      if (routing.language !== 'en') facts.push(`writes in ${routing.language}`);
      const wants = customerWants(
        ctx.text,
        earlier.map((t) => t.text),
      );
      const why = reason === 'customer_request' && wants === 'Wants to talk to a person' ? '' : ` ${LABELS[reason]}.`;
      return {
        reason,
        priority: urgent && priority === 'normal' ? 'high' : priority,
        summary: `${wants}.${why} "${truncate(ctx.text, 200)}" (${facts.join('; ')})`,
        customerMessage: customerMessage(reason, ctx.text),
        tier: 'local',
      };
    },
  };
}
