import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEscalationAgent } from '../agents/escalation/index.js';
import { createLocalAgentSet } from '../agents/local-agent-set.js';
import { createLocalSpecialist } from '../agents/specialist/index.js';
import { createLocalSynthesisAgent } from '../agents/synthesis/index.js';
import type { AgentContext, HistoryTurn, RouterAgent, RoutingDecision } from '../src/core/agents.js';
import { nullRecorder } from '../src/core/models.js';
import { createKnowledgeBase, type SearchableKnowledgeBase, seedIfEmpty } from '../src/kb/index.js';
import { createPgliteTestDb, type TestDb } from './helpers/db.js';

let t: TestDb;
let kb: SearchableKnowledgeBase;

beforeAll(async () => {
  t = await createPgliteTestDb();
  await seedIfEmpty(t.db);
  kb = createKnowledgeBase(t.db);
});
afterAll(async () => {
  await t?.drop();
});

const ctx = (text: string, over: Partial<AgentContext> & { history?: HistoryTurn[] } = {}): AgentContext => ({
  conversationId: 'c1',
  messageId: 'm1',
  text,
  history: [],
  limits: { maxMessageChars: 4000, supportsMarkdown: true },
  kb,
  recorder: nullRecorder,
  ...over,
});
const routing = (over: Partial<RoutingDecision> = {}): RoutingDecision => ({
  department: 'technical',
  confidence: 0.9,
  complexity: 'simple',
  language: 'en',
  sentiment: 'neutral',
  reason: 'test',
  tier: 'local',
  ...over,
});

describe('local specialist', () => {
  it('answers from the right article, quoting the steps and citing it', async () => {
    const a = await createLocalSpecialist('technical').answer(ctx('How do I reset my password?'), routing());
    expect(a.citations[0]).toBe('password-reset');
    expect(a.grounding).toBeGreaterThanOrEqual(0.75);
    expect(a.outcome).toBe('answer');
    expect(a.needsHuman).toBe(false);
    expect(a.text).toContain('valid for 30 minutes');
    expect(a.text).toMatch(/^1\. /m);
    expect(a.tier).toBe('local');
  });

  it('picks the sentences that match the question rather than the whole article', async () => {
    const a = await createLocalSpecialist('billing').answer(
      ctx('how long does a refund take to appear on my statement'),
      routing({ department: 'billing' }),
    );
    expect(a.citations[0]).toBe('refunds');
    expect(a.text).toContain('5 to 10 business days');
    expect(a.text).not.toContain('Hardware such as the Northwind Terminal');
  });

  it('uses the previous customer message when the new one is too short', async () => {
    const history: HistoryTurn[] = [
      { role: 'customer', text: 'my card payment was declined' },
      { role: 'bot', text: 'Sorry to hear that.' },
    ];
    const a = await createLocalSpecialist('technical').answer(ctx('why?', { history }), routing());
    expect(a.citations[0]).toBe('card-declined');
  });

  it('is honest when the knowledge base has nothing and offers a person', async () => {
    const a = await createLocalSpecialist('product').answer(
      ctx('does the quantum flux capacitor support teleportation'),
      routing({ department: 'product' }),
    );
    expect(a.outcome).toBe('uncertain');
    expect(a.text).toMatch(/not certain/i);
    expect(a.text).toMatch(/person/i);
    expect(a.grounding).toBeLessThan(0.35);
    expect(a.needsHuman).toBe(false);
  });
});

describe('local escalation agent', () => {
  const agent = createLocalEscalationAgent();
  it.each([
    ['Someone hacked my account and moved money out!', {}, undefined, 'security_incident', 'urgent'],
    ['My card was stolen this morning', {}, undefined, 'security_incident', 'urgent'],
    ['I will contact my lawyer and take you to court', {}, undefined, 'legal_threat', 'high'],
    ['This is ridiculous, worst service ever', { sentiment: 'angry' as const }, undefined, 'angry_customer', 'high'],
    ['Can I talk to a real person please', {}, undefined, 'customer_request', 'normal'],
    ['This is the third time I ask: I want to speak to a manager', {}, undefined, 'customer_request', 'high'],
    ['How do I change my invoice address?', {}, 'qa_escalated' as const, 'qa_escalated', 'normal'],
    ['How do I change my invoice address?', {}, 'model_failure' as const, 'model_failure', 'normal'],
    ['My account was hacked', {}, 'model_failure' as const, 'security_incident', 'urgent'],
  ])('"%s" -> reason and priority', async (text, over, hint, reason, priority) => {
    const plan = await agent.plan(ctx(text), routing({ department: 'escalation', ...over }), hint);
    expect(plan.reason).toBe(reason);
    expect(plan.priority).toBe(priority);
    expect(plan.summary).toContain(text.slice(0, 20));
    expect(plan.customerMessage).toMatch(/follow up/);
    expect(plan.tier).toBe('local');
  });

  it('gives an immediate safety step for security incidents', async () => {
    const card = await agent.plan(ctx('there are fraudulent transactions on my card'), routing());
    expect(card.customerMessage).toMatch(/freeze your card/i);
    const account = await agent.plan(ctx('I think my account was hacked, I got a strange login email'), routing());
    expect(account.customerMessage).toMatch(/reset your password/i);
  });
});

describe('local synthesis agent', () => {
  const synth = createLocalSynthesisAgent();
  const answer = {
    text: '**Reset** your password from the login page.\nThe link is valid for 30 minutes.',
    citations: ['password-reset'],
    grounding: 0.9,
    needsHuman: false,
    tier: 'local',
  };

  it('writes a polite answer with greeting and closing, without internal details', async () => {
    const r = await synth.compose(ctx('reset password'), { routing: routing(), kind: 'answer', answer });
    expect(r.text).toMatch(/^Thanks for reaching out!/);
    expect(r.text).toContain('valid for 30 minutes');
    expect(r.text).toMatch(/anything else/);
    expect(r.text).not.toMatch(/password-reset|grounding|0\.9/);
  });

  it('adapts to plain-text channels and the maximum length', async () => {
    const r = await synth.compose(ctx('reset password', { limits: { maxMessageChars: 60, supportsMarkdown: false } }), {
      routing: routing(),
      kind: 'answer',
      answer,
    });
    expect(r.text.length).toBeLessThanOrEqual(60);
    expect(r.text).not.toContain('**');
    expect(r.text).toMatch(/^Reset your password/);
  });

  it('greets in Spanish, French and German while the content stays English', async () => {
    const es = await synth.compose(ctx('contraseña'), { routing: routing({ language: 'es' }), kind: 'answer', answer });
    expect(es.text).toMatch(/^¡Gracias por escribirnos!/);
    expect(es.text).toContain('¿Puedo ayudarte con algo más?');
    expect(es.text).toContain('valid for 30 minutes');
    const brand = { name: 'Acme Bikes', assistantName: '', topics: ['rentals', 'repairs'] };
    const fr = await synth.compose(ctx('x', { brand }), { routing: routing({ language: 'fr' }), kind: 'out_of_scope' });
    expect(fr.text).toMatch(/Acme Bikes/);
    expect(fr.text).toMatch(/rentals et repairs/);
    expect(fr.text).toMatch(/uniquement/);
    const de = await synth.compose(ctx('x'), { routing: routing({ language: 'de' }), kind: 'guardrail' });
    expect(de.text).toMatch(/^Leider/);
  });

  it('writes scoped out-of-scope, guardrail, clarify and escalation replies', async () => {
    const oos = await synth.compose(ctx('weather?'), { routing: routing(), kind: 'out_of_scope' });
    expect(oos.text).toMatch(/only help with questions about our products and services/);
    expect(oos.text).not.toMatch(/Northwind/);
    const branded = await synth.compose(
      ctx('weather?', { brand: { name: 'Acme', assistantName: 'Ada', topics: ['orders', 'returns'] } }),
      {
        routing: routing(),
        kind: 'out_of_scope',
      },
    );
    expect(branded.text).toMatch(
      /^I'm Ada, the Acme support assistant, so I can only help with questions about orders and returns/,
    );
    const guard = await synth.compose(ctx('x'), { routing: routing(), kind: 'guardrail' });
    expect(guard.text).toMatch(/can't help with that request/);
    const clarify = await synth.compose(ctx('it broke'), { routing: routing(), kind: 'clarify' });
    expect(clarify.text).toMatch(/tell me a bit more/);
    const plan = await createLocalEscalationAgent().plan(ctx('I want a human'), routing());
    const esc = await synth.compose(ctx('I want a human'), {
      routing: routing(),
      kind: 'escalation',
      escalation: plan,
    });
    expect(esc.text).toBe(plan.customerMessage);
  });
});

describe('local agent set', () => {
  const router: RouterAgent = { route: async () => routing({ department: 'billing' }) };
  it('wires every agent and answers a billing question end to end', async () => {
    const set = createLocalAgentSet({ router });
    expect(set.describe().tiers).toEqual(['local']);
    const c = ctx('I was charged twice for the same payment');
    expect((await set.guardrail.check(c)).allowed).toBe(true);
    const r = await set.router.route(c);
    const answer = await set.specialists.billing.answer(c, r);
    expect(answer.citations[0]).toBe('duplicate-charge');
    const reply = await set.synthesis.compose(c, { routing: r, kind: 'answer', answer });
    const verdict = await set.qa.review(c, { routing: r, reply: reply.text, kind: 'answer', answer });
    expect(verdict).toEqual({ action: 'approve', issues: [], tier: 'local' });
    expect(set.specialists.technical.department).toBe('technical');
    expect(set.specialists.product.department).toBe('product');
  });
});
