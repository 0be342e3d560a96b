/**
 * Scope belongs to the operator: whether a message is answered, declined or handed to a person
 * is decided with the knowledge base's evidence and the conversation, not by the router alone.
 *
 * - The customer accepts the offer of a person ("yes", "a human please") -> escalate.
 * - The router says escalation -> escalate when the customer asks for a person, is angry or upset,
 *   or mentions a security or legal matter; otherwise (e.g. "what hours can I call support?") the
 *   KB answers when it clearly can.
 * - The router says out of scope -> answered anyway when the KB has clear evidence, when it is a
 *   follow-up of an answered turn, or when it is written in another language (never declined for
 *   its language), or said to be uncertain when it is near a KB topic; declined otherwise.
 * - technical / billing / product -> the specialist (whose department is only a search prior).
 */
import type { AgentContext, Department, RoutingDecision } from '../core/index.js';

/** Where the turn goes. */
export type ScopeDecision =
  | { route: 'specialist'; department: 'technical' | 'billing' | 'product' }
  | { route: 'escalate'; reason?: 'customer_request' }
  | { route: 'decline' };

const ASKS_FOR_PERSON =
  /\b(?:human|person|agent|representative|operator|somebody real|someone real|real (?:person|human)|talk to (?:someone|somebody|a person)|humano|persona|mensch|menschen|humain|personne)\b/i;
const YES =
  /^(?:y|yes|yeah|yep|sure|ok(?:ay)?|please|yes please|please do|go ahead|do it|sí|si|oui|ja|claro|d'accord|bitte)\b[\s!.,]*(?:please|thanks?|thank you)?[\s!.]*$/i;

const TALK_TO_SUPPORT =
  /\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a |an |the |your |some )?(?:customer (?:support|service|care|assistance)|support|someone|somebody|agent|representative|manager|supervisor)\b/i;
/** Security incidents and legal matters: always a person. */
const URGENT =
  /\b(?:fraud|stolen|stole|hack(?:ed|er)?|unauthori[sz]ed|compromised|scam(?:med)?|lawyer|legal action|sue|court|police|chargeback)\b/i;

/** True when the message asks for a person. */
export const asksForPerson = (text: string) => ASKS_FOR_PERSON.test(text) || TALK_TO_SUPPORT.test(text);

const SPECIALISTS = ['technical', 'billing', 'product'] as const;
const asSpecialist = (d: string | undefined): 'technical' | 'billing' | 'product' =>
  (SPECIALISTS as readonly string[]).includes(d ?? '') ? (d as 'technical') : 'product';

/** Decide where this turn goes. */
export async function decideScope(ctx: AgentContext, routing: RoutingDecision): Promise<ScopeDecision> {
  const lastBot = [...ctx.history].reverse().find((t) => t.role === 'bot');
  const offeredPerson = lastBot?.kind === 'uncertain' || lastBot?.kind === 'clarify';
  if (offeredPerson && (YES.test(ctx.text.trim()) || asksForPerson(ctx.text)))
    return { route: 'escalate', reason: 'customer_request' };
  const dept: Department = routing.department;
  if (dept === 'technical' || dept === 'billing' || dept === 'product')
    return { route: 'specialist', department: dept };

  if (dept === 'escalation') {
    // A question *about* reaching support ("what hours can I call you?") is answered from the KB
    // when it can be; asking for a person, anger, security and legal matters always go to a person.
    const upset = routing.sentiment === 'angry' || routing.sentiment === 'negative';
    if (asksForPerson(ctx.text) || URGENT.test(ctx.text) || upset) return { route: 'escalate' };
    const r = await ctx.kb.retrieve(ctx.text, { limit: 1 });
    return r.evidence === 'confident'
      ? { route: 'specialist', department: asSpecialist(r.candidates[0]?.department) }
      : { route: 'escalate' };
  }

  // out_of_scope: the operator's knowledge decides.
  const continuing = lastBot?.kind === 'answer' || lastBot?.kind === 'uncertain' || lastBot?.kind === 'clarify';
  if (continuing && ctx.text.length <= 120) return { route: 'specialist', department: 'product' };
  const r = await ctx.kb.retrieve(ctx.text, { limit: 1 });
  if (r.evidence === 'confident' || r.evidence === 'ambiguous')
    return { route: 'specialist', department: asSpecialist(r.candidates[0]?.department) };
  // Near the KB but not covered: an honest "not certain" with the closest topic, not a refusal.
  if (r.evidence === 'weak' && routing.confidence < 0.8)
    return { route: 'specialist', department: asSpecialist(r.candidates[0]?.department) };
  if (routing.language !== 'en') return { route: 'specialist', department: 'product' };
  return { route: 'decline' };
}
