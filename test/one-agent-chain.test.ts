/**
 * Issue 13.3: one agent chain. `bench --cost` drives the worker's own decision step
 * (src/pipeline/decide.ts), so a change of policy shows in both: the same probe agent set runs in a
 * real runtime (widget HTTP -> worker -> reply) and in `bench --cost`.
 *
 * The probe's router calls every message out of scope; the decision step's scope (KB evidence)
 * still answers a question the knowledge base covers — a copy of the chain that trusted the router
 * would count them out_of_scope. Then the QA policy turns strict (every reply escalates): the
 * worker hands off and bench --cost counts escalations.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAgentSet } from '../agents/local-agent-set.js';
import { createLocalRouter } from '../agents/router/index.js';
import { runBenchCost } from '../src/cli/bench-cost.js';
import { configWith } from '../src/config.js';
import type { AgentContext, AgentSet, SpecialistAgent } from '../src/core/index.js';
import { createStaffUser } from '../src/staff/auth.js';
import { suggestDraft } from '../src/staff/draft.js';
import { type FakeOpenAI, startFakeOpenAI } from './fakes/fake-openai.js';
import { createPlausibleResponder } from './fakes/plausible-responder.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

const QUESTIONS = ['How do I reset my password?', 'How do I export my data?'];

let strictQa = false;
let routeAs: 'out_of_scope' | 'escalation' = 'out_of_scope';
/** The context each specialist last answered (the staff draft test reads it). */
const seen: AgentContext[] = [];
const local = createLocalAgentSet({ router: createLocalRouter() });
const recording = (s: SpecialistAgent): SpecialistAgent => ({
  department: s.department,
  answer: (ctx, routing) => {
    seen.push(ctx);
    return s.answer(ctx, routing);
  },
});
const probe: AgentSet = {
  ...local,
  router: {
    async route(ctx) {
      const r = await local.router.route(ctx);
      return { ...r, department: routeAs, confidence: 0.95, reason: `probe: everything is ${routeAs}` };
    },
  },
  specialists: {
    technical: recording(local.specialists.technical),
    billing: recording(local.specialists.billing),
    product: recording(local.specialists.product),
  },
  qa: {
    async review(ctx, input) {
      if (strictQa) return { action: 'escalate', issues: ['probe: strict QA policy'], tier: 'local' };
      return local.qa.review(ctx, input);
    },
  },
};

let t: TestRuntime;
let fake: FakeOpenAI;
let dir: string;

beforeAll(async () => {
  [t, fake, dir] = await Promise.all([
    startTestRuntime({ DATA_DIR: 'memory://', ANSWER_CACHE: 'off' }, { agents: probe }),
    startFakeOpenAI({ responder: createPlausibleResponder() }),
    mkdtemp(path.join(tmpdir(), 'one-chain-')),
  ]);
});
afterAll(async () => {
  await t?.runtime.stop();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The worker's reply to `text` in a new widget conversation. */
async function workerReply(text: string): Promise<{ kind: string; sources: { id: string }[] }> {
  const s = await t.api('/v1/widget/sessions', { body: {} });
  const sent = await t.api('/v1/widget/messages', { token: s.body.token, body: { text } });
  expect(sent.status).toBe(202);
  return waitFor(
    async () => {
      const r = await t.api('/v1/widget/messages?after=0', { token: s.body.token });
      return r.body.messages.find((m: { role: string }) => m.role === 'bot');
    },
    { what: `worker reply to "${text}"` },
  );
}

/** bench --cost over the questions with the probe as the policy set's local tier. */
async function benchOutcomes() {
  const file = path.join(dir, 'rows.jsonl');
  await writeFile(file, QUESTIONS.map((text) => JSON.stringify({ text, department: 'technical' })).join('\n'));
  const config = configWith({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'k',
    MODEL_FAST: 'fast-model',
    MODEL_STRONG: 'strong-model',
    MODEL_FAST_FALLBACKS: '',
    MODEL_STRONG_FALLBACKS: '',
  });
  const r = await runBenchCost({ file, config, local: probe, out: () => {} });
  return r.policy.outcomes;
}

describe('bench --cost and the worker run one decision step', () => {
  it('scope answers what the router called out of scope, in both', async () => {
    for (const q of QUESTIONS) {
      const reply = await workerReply(q);
      expect(reply.kind).toBe('answer');
      expect(reply.sources.length).toBeGreaterThan(0);
    }
    const outcomes = await benchOutcomes();
    expect(outcomes).toMatchObject({ answered: QUESTIONS.length, out_of_scope: 0, escalated: 0 });
  });

  it('a stricter QA policy hands off in the worker and counts escalations in bench --cost', async () => {
    strictQa = true;
    try {
      for (const q of QUESTIONS) expect((await workerReply(q)).kind).toBe('handoff');
      const outcomes = await benchOutcomes();
      expect(outcomes).toMatchObject({ answered: 0, escalated: QUESTIONS.length });
    } finally {
      strictQa = false;
    }
  });
});

describe('the staff AI draft runs the decision step on the runtime context', () => {
  it("uses the runtime's knowledge base and recorder and the history since the context reset", async () => {
    routeAs = 'escalation';
    try {
      const staff = await createStaffUser(t.runtime.db, { email: 'drafts@example.com', password: 'draft-secret-1' });
      const s = await t.api('/v1/widget/sessions', { body: {} });
      const conversationId: string = s.body.conversationId;
      const say = (text: string) => t.api('/v1/widget/messages', { token: s.body.token, body: { text } });
      const openEscalation = () =>
        waitFor(
          async () =>
            (
              await t.runtime.db.query<{ id: string }>(
                `SELECT id FROM escalations WHERE conversation_id = $1 AND status = 'open'`,
                [conversationId],
              )
            ).rows[0]?.id,
          { what: 'an open escalation' },
        );
      await say('OLD-CONTEXT: my zebra invoice is wrong, get me a human');
      const first = await openEscalation();
      await t.runtime.escalations.claim(first, staff.id);
      await t.runtime.escalations.resolve(first, staff.id);
      const latest = await say('How do I reset my password? I want a human');
      const second = await openEscalation();
      expect(second).not.toBe(first);

      seen.length = 0;
      const draft = await suggestDraft(t.runtime, (await t.runtime.escalations.get(second))!);
      expect(draft.messageId).toBe(latest.body.messageId);
      expect(draft.text.length).toBeGreaterThan(10);
      const ctx = seen.at(-1)!;
      expect(ctx.text).toMatch(/reset my password/);
      expect(ctx.kb).toBe(t.runtime.kb);
      expect(ctx.recorder).toBe(t.runtime.recorder);
      // The resolved escalation reset the context: nothing from before it reaches the draft.
      expect(ctx.history.some((h) => h.text.includes('OLD-CONTEXT'))).toBe(false);
    } finally {
      routeAs = 'out_of_scope';
    }
  });
});
