/**
 * Model-written suggested articles (issue 14.2) at the runtime level: real runtime with models
 * configured, the real LangChain client against the fake OpenAI server, real Postgres. A resolved
 * escalation becomes a suggestion whose title and body came from the model (fast tier, schema
 * {title, body}, personal data stripped from the prompt, the call recorded against the
 * conversation); with the drafter's model failing, the offline draft is used.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runStaffAdd } from '../src/cli/staff.js';
import { type FakeOpenAI, type FakeRequest, startFakeOpenAI } from './fakes/fake-openai.js';
import { createPlausibleResponder } from './fakes/plausible-responder.js';
import { createPostgresTestDb, type TestDb } from './helpers/db.js';
import { startTestRuntime, type TestRuntime } from './helpers/runtime.js';
import { waitFor } from './helpers/wait.js';

// biome-ignore lint/suspicious/noExplicitAny: public JSON bodies
type Json = any;
let testDb: TestDb;
let fake: FakeOpenAI;
let t: TestRuntime;
let staffToken: string;
const staff = (p: string, body?: unknown) => t.api(`/v1/staff${p}`, { token: staffToken, body });
const plausible = createPlausibleResponder();
const isDrafter = (req: FakeRequest) => req.jsonSchema?.name === 'kb_article_draft';

beforeAll(async () => {
  [testDb, fake] = await Promise.all([createPostgresTestDb(), startFakeOpenAI()]);
  t = await startTestRuntime({
    DATABASE_URL: testDb.url,
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'test',
    MODEL_FAST: 'fake-fast',
    MODEL_STRONG: 'fake-strong',
    MODEL_TIMEOUT_MS: '2000',
    MODEL_BACKOFF_MS: '10',
  });
  await runStaffAdd({ email: 'ada@example.com', password: 'ada-password-1', name: 'Ada' }, t.runtime.db, () => {});
  staffToken = (await t.api('/v1/staff/login', { body: { email: 'ada@example.com', password: 'ada-password-1' } })).body
    .token;
}, 60_000);
afterAll(async () => {
  await t?.runtime.stop();
  await fake?.close();
  await testDb?.drop();
});
beforeEach(() => fake.setFailure('none'));

async function say(token: string, text: string): Promise<void> {
  const sent = await t.api('/v1/widget/messages', { body: { text }, token });
  expect(sent.status).toBe(202);
  await waitFor(
    async () => {
      const h = await t.api('/v1/widget/messages', { token });
      const customer = h.body.messages.findLast((m: Json) => m.role === 'customer');
      const bot = h.body.messages.findLast((m: Json) => m.role === 'bot');
      return customer?.id === sent.body.messageId && bot && bot.seq > customer.seq ? true : undefined;
    },
    { timeoutMs: 15_000, what: `a reply to "${text}"` },
  );
}

/** A customer asks, asks for a person; staff answer and resolve. Returns the conversation id. */
async function resolvedEscalation(question: string, answer: string): Promise<string> {
  const s = await t.api('/v1/widget/sessions', { body: {} });
  await say(s.body.token, question);
  await say(s.body.token, 'please let me talk to a human person');
  const esc = await waitFor(
    async () =>
      (await staff('/escalations?status=open')).body.escalations.find(
        (e: Json) => e.conversationId === s.body.conversationId,
      ),
    { what: 'the escalation' },
  );
  expect((await staff(`/escalations/${esc.id}/claim`, {})).status).toBe(200);
  expect((await staff(`/escalations/${esc.id}/reply`, { text: answer })).status).toBe(201);
  expect((await staff(`/escalations/${esc.id}/resolve`, {})).status).toBe(200);
  return s.body.conversationId;
}

const suggestionOf = async (conversationId: string) =>
  waitFor(
    async () => (await staff('/suggestions')).body.suggestions.find((x: Json) => x.conversationId === conversationId),
    { what: 'the suggestion' },
  );

it('a resolved escalation produces a model-written suggestion, cited to its conversation', async () => {
  const prompts: FakeRequest[] = [];
  fake.script((req) => {
    if (!isDrafter(req)) return plausible(req);
    prompts.push(req);
    return {
      content: {
        title: 'Riding with a dog in a front basket',
        body: 'Small dogs up to 8 kg may ride in a pet basket clipped to the front rack.\n\nLarger dogs cannot ride.',
      },
    };
  });
  const conversationId = await resolvedEscalation(
    'Can I bring my dog along on the bike? My email is jo.doe@example.com',
    'Hi! Yes: small dogs may ride in a pet basket on the front rack, up to 8 kg. Call me on +1 415 555 0100.',
  );
  const s = await suggestionOf(conversationId);
  expect(s).toMatchObject({
    title: 'Riding with a dog in a front basket',
    body: expect.stringMatching(/^Small dogs up to 8 kg .*\n\nLarger dogs cannot ride\.$/s),
    draftedBy: 'model',
    status: 'pending',
    conversationId,
  });
  // The prompt: the question and the staff reply, without the customer's personal data.
  const prompt = prompts.at(-1)!;
  expect(prompt.model).toBe('fake-fast');
  expect(prompt.user).toMatch(/bring my dog/);
  expect(prompt.user).toMatch(/pet basket/);
  expect(prompt.user).toContain(conversationId);
  expect(prompt.user).not.toMatch(/jo\.doe|555 0100/);
  // The call is recorded against the conversation.
  await waitFor(
    async () =>
      (
        await testDb.db.query(
          `SELECT 1 FROM model_calls WHERE agent = 'kb_drafter' AND conversation_id = $1 AND outcome = 'ok'`,
          [conversationId],
        )
      ).rows.length > 0 || undefined,
    { what: 'the kb_drafter model call' },
  );
}, 60_000);

it('falls back to the offline draft when the model fails', async () => {
  fake.script((req) => {
    if (isDrafter(req)) throw new Error('model down');
    return plausible(req);
  });
  const conversationId = await resolvedEscalation(
    'How do I lock the bike during a short stop?',
    'Hello! Push the rear lever down until it clicks; the bike stays locked until you scan it again.',
  );
  const s = await suggestionOf(conversationId);
  expect(s).toMatchObject({ draftedBy: 'offline', title: 'How do I lock the bike during a short stop?' });
  expect(s.body).toMatch(/^Push the rear lever down/);
  expect(fake.calls.some((c) => isDrafter(c) && c.status >= 500)).toBe(true);
}, 60_000);
