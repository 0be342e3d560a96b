import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchCost } from '../src/cli/bench-cost.js';
import { configWith } from '../src/config.js';
import { EMPTY_KNOWLEDGE_BASE } from '../src/core/agents.js';
import { type FakeOpenAI, startFakeOpenAI } from './fakes/fake-openai.js';
import { createPlausibleResponder } from './fakes/plausible-responder.js';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data');
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ responder: createPlausibleResponder() });
});
afterAll(async () => {
  await fake.close();
});

describe('bench --cost', () => {
  it('replays labeled messages for the policy and the strong baseline and meets the cost targets', async () => {
    const lines: string[] = [];
    const config = configWith({
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'k',
      MODEL_FAST: 'fast-model',
      MODEL_STRONG: 'strong-model',
      MODEL_FAST_FALLBACKS: '',
      MODEL_STRONG_FALLBACKS: '',
      MODEL_TIMEOUT_MS: '15000',
    });
    const r = await runBenchCost({
      file: path.join(DATA, 'routing-train.jsonl'),
      sample: 120,
      concurrency: 16,
      config,
      out: (l) => lines.push(l),
    });
    console.log(lines.join('\n'));
    const last = lines.at(-1)!;
    expect(last).toMatch(
      /^calls_per_message=[\d.]+ cost_per_message_usd=[\d.]+ baseline_cost_per_message_usd=[\d.]+ cost_ratio=[\d.]+$/,
    );
    expect(r.policy.messages).toBe(120);
    expect(r.baseline.calls).toBeGreaterThan(r.policy.calls);
    expect(r.baseline.settled.strong).toBe(1);
    expect(r.policy.callsPerMessage).toBeLessThanOrEqual(1.5);
    expect(r.costRatio).toBeLessThanOrEqual(0.3);
    expect(r.policy.outcomes.model_failure).toBe(0);
  });
});

describe('orchestrated set with every model down', () => {
  it('settles what the local tier can and signals models_unavailable for the rest', async () => {
    const { createLocalAgentSet } = await import('../agents/local-agent-set.js');
    const { createLocalRouter } = await import('../agents/router/index.js');
    const { createModelGateway } = await import('../src/models/gateway.js');
    const { createMemoryRecorder } = await import('../src/models/recorder.js');
    const { createTieredAgentSet } = await import('../src/tiers/tiered-agent-set.js');
    const { decideTurn, decisionOutcome } = await import('../src/pipeline/decide.js');
    const { buildContext } = await import('../src/pipeline/context.js');

    // An empty knowledge base: nothing can be answered locally, so specialists need a model.
    const kb = EMPTY_KNOWLEDGE_BASE;
    const recorder = createMemoryRecorder();
    const config = configWith({
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'k',
      MODEL_FAST: 'fast-model',
      MODEL_STRONG: 'strong-model',
      MODEL_FAST_FALLBACKS: 'fast-backup',
      MODEL_STRONG_FALLBACKS: '',
      MODEL_MAX_RETRIES: '0',
      MODEL_BACKOFF_MS: '1',
    });
    const degraded: string[] = [];
    const set = createTieredAgentSet({
      local: createLocalAgentSet({ router: createLocalRouter() }),
      gateway: createModelGateway(config, recorder),
      onDegraded: (step) => degraded.push(step),
    });
    fake.setFailure('500');
    const ctx = (text: string, i: number) =>
      buildContext({ conversationId: `down-${i}`, messageId: `down-${i}`, text, kb });
    try {
      // A question the shipped knowledge base cannot answer -> the specialist needs a model.
      const hard = await decideTurn(
        set,
        ctx('Does the quantum flux capacitor integration support zebra telemetry?', 1),
      );
      // Small talk is settled locally (out_of_scope) without any model.
      const chat = await decideTurn(set, ctx('hi there, how are you today?', 2));
      expect(decisionOutcome(chat)).toBe('out_of_scope');
      expect(decisionOutcome(hard)).toBe('model_failure');
      expect(hard.failure?.code).toBe('models_unavailable');
      // The customer still gets an honest message and a person.
      expect(hard.escalation?.reason).toBe('model_failure');
      // The unsure router fell back to its local decision instead of failing the turn.
      expect(degraded).toContain('router');
      expect(hard.failure?.routing?.tier).toBe('local');
      expect(recorder.calls.every((c) => c.outcome === 'error')).toBe(true);
      expect(new Set(recorder.calls.map((c) => c.model)).size).toBeLessThanOrEqual(3);
    } finally {
      fake.setFailure('none');
    }
  });
});
