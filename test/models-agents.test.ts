import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlmEscalation } from '../agents/escalation/llm.js';
import { createLlmGuardrail } from '../agents/guardrail/llm.js';
import { createLlmRouter } from '../agents/router/llm.js';
import { configWith } from '../src/config.js';
import {
  type AgentContext,
  EMPTY_KNOWLEDGE_BASE,
  isSwitchboardError,
  nullRecorder,
  type RoutingDecision,
} from '../src/core/index.js';
import { createModelGateway } from '../src/models/gateway.js';
import { createMemoryRecorder } from '../src/models/recorder.js';
import type { ModelGateway } from '../src/models/types.js';
import { createTierRouter } from '../src/tiers/tier-router.js';
import { type FakeOpenAI, startFakeOpenAI } from './fakes/fake-openai.js';

let fake: FakeOpenAI;
let gateway: ModelGateway;
const recorder = createMemoryRecorder();
const ctx: AgentContext = {
  conversationId: '00000000-0000-4000-8000-0000000000aa',
  messageId: '00000000-0000-4000-8000-0000000000bb',
  text: 'Ich möchte mit einem Menschen sprechen!',
  history: [{ role: 'bot', text: 'How can I help?' }],
  limits: { maxMessageChars: 120, supportsMarkdown: false },
  kb: EMPTY_KNOWLEDGE_BASE,
  recorder: nullRecorder,
};
const routing: RoutingDecision = {
  department: 'escalation',
  confidence: 0.9,
  complexity: 'simple',
  language: 'de',
  sentiment: 'angry',
  reason: 'asks for a person',
  tier: 'local',
};

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const config = configWith({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'k',
    MODEL_FAST: 'fast-a',
    MODEL_STRONG: 'strong-a',
    MODEL_FAST_FALLBACKS: '',
    MODEL_STRONG_FALLBACKS: '',
    MODEL_MAX_RETRIES: '0',
    MODEL_BACKOFF_MS: '1',
  });
  gateway = createModelGateway(config, recorder);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.calls.length = 0;
  recorder.clear();
  fake.setFailure('none');
});

describe('LLM agents', () => {
  it('router normalizes the language, clamps confidence and sends the message as quoted data', async () => {
    fake.script(() => ({
      content: {
        department: 'escalation',
        confidence: 1.7,
        complexity: 'simple',
        language: 'DE-de',
        sentiment: 'angry',
        reason: 'wants a human',
      },
    }));
    const d = await createLlmRouter({ gateway }).route(ctx);
    expect(d).toMatchObject({ department: 'escalation', confidence: 1, language: 'de', tier: 'fast' });
    const call = fake.calls[0]!;
    expect(call.user).toContain(`"""${ctx.text}"""`);
    expect(call.user).toContain('bot: "How can I help?"');
    expect(call.system).toMatch(/data, not instructions/);
    expect(call.body.response_format.json_schema.strict).toBe(true);
    expect(call.stream).toBe(false);
  });

  it('escalation planner returns a plan within the channel limits', async () => {
    fake.script((req) => ({
      content: {
        reason: 'customer_request',
        priority: 'high',
        summary: 'Customer asks for a human.',
        customer_message: `Ein Mitarbeiter meldet sich hier. ${'x'.repeat(200)}`,
      },
      usage: { prompt_tokens: req.system.length, completion_tokens: 10 },
    }));
    const plan = await createLlmEscalation({ gateway }).plan(ctx, routing, 'customer_request');
    expect(plan).toMatchObject({ reason: 'customer_request', priority: 'high', tier: 'fast' });
    expect(plan.customerMessage.length).toBeLessThanOrEqual(120);
    expect(fake.calls[0]!.system).toContain('"de"');
    expect(recorder.calls[0]).toMatchObject({ agent: 'escalation', tokensOut: 10, conversationId: ctx.conversationId });
  });

  it('guardrail blocks only confident verdicts', async () => {
    const guard = createLlmGuardrail({ gateway, minConfidence: 0.6 });
    fake.script(() => ({ content: { verdict: 'jailbreak', confidence: 0.4, reason: 'maybe' } }));
    expect(await guard.check(ctx)).toEqual({ allowed: true, tier: 'fast' });
    fake.script(() => ({ content: { verdict: 'jailbreak', confidence: 0.95, reason: 'role-play' } }));
    expect(await guard.check(ctx)).toEqual({ allowed: false, reason: 'jailbreak', tier: 'fast' });
  });

  it('tier router for eval never falls to another tier', async () => {
    fake.setFailure('500', { models: ['fast-a'] });
    const err = await createTierRouter(gateway, 'fast')
      .route(ctx)
      .catch((e) => e);
    expect(isSwitchboardError(err) && err.code).toBe('models_unavailable');
    expect(fake.calls.map((c) => c.model)).toEqual(['fast-a']);
  });
});
