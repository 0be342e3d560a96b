import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configWith } from '../src/config.js';
import { isSwitchboardError } from '../src/core/errors.js';
import { createModelGateway } from '../src/models/gateway.js';
import { createMemoryRecorder } from '../src/models/recorder.js';
import { type FakeOpenAI, startFakeOpenAI } from './fakes/fake-openai.js';

const schema = z.object({ department: z.enum(['technical', 'billing']), confidence: z.number() });

let fake: FakeOpenAI;
const recorder = createMemoryRecorder();
const config = () =>
  configWith({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'test-key',
    MODEL_FAST: 'fast-a',
    MODEL_FAST_FALLBACKS: 'fast-b',
    MODEL_STRONG: 'strong-a',
    MODEL_STRONG_FALLBACKS: '',
    FALLBACK_BASE_URL: '',
    MODEL_PRICES: 'fast-b=1/2',
    MODEL_TIMEOUT_MS: '400',
    MODEL_MAX_RETRIES: '1',
    MODEL_BACKOFF_MS: '5',
    MODEL_RETRY_AFTER_MAX_MS: '3000',
  });
const ask = (tierFallback = true) =>
  createModelGateway(config(), recorder).structured('fast', {
    agent: 'router',
    system: 'Classify.',
    user: 'my invoice is wrong',
    schema,
    tierFallback,
  });

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.calls.length = 0;
  recorder.clear();
  fake.setFailure('none');
  fake.script((req) => ({ content: { department: 'billing', confidence: req.model === 'fast-b' ? 0.7 : 0.9 } }));
});

describe('model gateway', () => {
  it('returns validated structured output and records tokens and cost', async () => {
    const r = await ask();
    expect(r).toEqual({ output: { department: 'billing', confidence: 0.9 }, tier: 'fast', model: 'fast-a' });
    const call = fake.calls[0]!;
    expect(call.jsonSchema?.schema).toMatchObject({ type: 'object', required: ['department', 'confidence'] });
    expect(call.stream).toBe(false);
    expect(recorder.calls).toHaveLength(1);
    const rec = recorder.calls[0]!;
    expect(rec).toMatchObject({ agent: 'router', tier: 'fast', model: 'fast-a', outcome: 'ok' });
    expect(rec.tokensIn).toBeGreaterThan(0);
    expect(rec.costUsd).toBeCloseTo((rec.tokensIn * 0.15 + rec.tokensOut * 0.6) / 1e6, 12);
  });

  it('treats malformed JSON as a failure and falls back to the next model', async () => {
    fake.setFailure('malformed', { models: ['fast-a'] });
    const r = await ask();
    expect(r.model).toBe('fast-b');
    expect(recorder.calls.map((c) => c.outcome)).toEqual(['error', 'fallback']);
    expect(recorder.calls[0]!.error).toMatch(/^malformed/);
    // per-model price from MODEL_PRICES
    const fb = recorder.calls[1]!;
    expect(fb.costUsd).toBeCloseTo((fb.tokensIn * 1 + fb.tokensOut * 2) / 1e6, 12);
  });

  it('treats schema-invalid output as a failure', async () => {
    fake.script((req) => ({
      content: req.model === 'fast-a' ? { department: 'weather' } : { department: 'technical', confidence: 1 },
    }));
    const r = await ask();
    expect(r.output.department).toBe('technical');
    expect(recorder.calls[0]!.tokensIn).toBeGreaterThan(0);
  });

  it('retries a 500 once, then moves to the fallback model', async () => {
    fake.setFailure('500', { models: ['fast-a'] });
    const r = await ask();
    expect(r.model).toBe('fast-b');
    expect(fake.calls.map((c) => `${c.model}:${c.status}`)).toEqual(['fast-a:500', 'fast-a:500', 'fast-b:200']);
  });

  it('honours Retry-After on a 429 and retries the same model', async () => {
    fake.setFailure('429-retry-after', { times: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const r = await ask();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.model).toBe('fast-a');
    expect(recorder.calls.map((c) => c.outcome)).toEqual(['error', 'ok']);
    expect(recorder.calls[0]!.error).toMatch(/^rate_limit 429/);
  });

  it('moves to the next model after a 429 without Retry-After', async () => {
    fake.setFailure('429', { models: ['fast-a'] });
    const r = await ask();
    expect(r.model).toBe('fast-b');
    expect(fake.calls.filter((c) => c.model === 'fast-a')).toHaveLength(1);
  });

  it('times out a slow model and falls back', async () => {
    fake.setFailure('slow', { models: ['fast-a'], delayMs: 3000 });
    const started = Date.now();
    const r = await ask();
    expect(r.model).toBe('fast-b');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(recorder.calls[0]!.error).toMatch(/^timeout/);
  });

  it('falls to the strong tier, then throws models_unavailable when every model fails', async () => {
    fake.setFailure('500', { models: ['fast-a', 'fast-b'] });
    const r = await ask();
    expect(r).toMatchObject({ tier: 'strong', model: 'strong-a' });

    fake.setFailure('500');
    recorder.clear();
    const err = await ask().catch((e) => e);
    expect(isSwitchboardError(err) && err.code).toBe('models_unavailable');
    expect(recorder.calls.every((c) => c.outcome === 'error')).toBe(true);
    expect(new Set(recorder.calls.map((c) => c.model))).toEqual(new Set(['fast-a', 'fast-b', 'strong-a']));
  });

  it('runs a tool loop and ends with a structured answer', async () => {
    fake.script((req) =>
      req.toolResults.length === 0
        ? { toolCalls: [{ name: 'lookup', arguments: { query: 'invoice' } }] }
        : { content: { department: 'billing', confidence: Number(req.toolResults[0]) } },
    );
    const seen: string[] = [];
    const gw = createModelGateway(config(), recorder);
    const r = await gw.chatWithTools('fast', {
      agent: 'billing',
      system: 'Answer.',
      user: 'invoice?',
      schema,
      tools: [
        {
          name: 'lookup',
          description: 'search',
          parameters: z.object({ query: z.string() }),
          run: async (args: { query: string }) => {
            seen.push(args.query);
            return '0.42';
          },
        },
      ],
    });
    expect(seen).toEqual(['invoice']);
    expect(r.output).toEqual({ department: 'billing', confidence: 0.42 });
    expect(r.toolCalls).toEqual([{ name: 'lookup', args: { query: 'invoice' } }]);
    expect(fake.calls[0]!.tools).toEqual(['lookup']);
    expect(recorder.calls).toHaveLength(2);
  });

  it('reports availability and models per tier', () => {
    const gw = createModelGateway(config(), recorder);
    expect(gw.available('fast')).toBe(true);
    expect(gw.available('vision')).toBe(false);
    expect(gw.models()).toEqual({ fast: 'fast-a', strong: 'strong-a' });
  });
});

describe('fake OpenAI streaming', () => {
  it('streams SSE chunks and a final usage chunk when include_usage is set', async () => {
    fake.script(() => ({ content: 'hello streaming world' }));
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'fast-a',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    const text = await res.text();
    const events = text
      .split('\n\n')
      .filter((l) => l.startsWith('data: ') && !l.includes('[DONE]'))
      .map((l) => JSON.parse(l.slice(6)));
    const content = events.map((e) => e.choices[0]?.delta?.content ?? '').join('');
    expect(content).toBe('hello streaming world');
    expect(events.at(-1).usage.completion_tokens).toBeGreaterThan(0);
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });
});
