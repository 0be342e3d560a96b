import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalRouter,
  detectComplexity,
  detectLanguage,
  detectSentiment,
  loadShippedExamples,
  trainRouterModel,
} from '../agents/router/index.js';
import { DEPARTMENTS, EMPTY_KNOWLEDGE_BASE } from '../src/core/agents.js';
import { nullRecorder } from '../src/core/models.js';
import {
  assertRouterModel,
  loadLatestRouterModel,
  loadOperatorExamples,
  saveOperatorExamples,
  saveRouterModel,
} from '../src/router-training/store.js';
import { createPgliteTestDb, type TestDb } from './helpers/db.js';

const router = createLocalRouter();

describe('local router', () => {
  it('ships several thousand project-written examples covering every department', () => {
    const rows = loadShippedExamples();
    expect(rows.length).toBeGreaterThan(2000);
    for (const d of DEPARTMENTS) expect(rows.filter((r) => r.department === d).length).toBeGreaterThan(200);
  });

  it.each([
    ['I forgot my password and cannot log in', 'technical'],
    ['The app crashes every time I open it', 'technical'],
    ['How do I change the PIN on my card?', 'technical'],
    ['I was charged twice for the same purchase', 'billing'],
    ['Where can I download my invoice for last month?', 'billing'],
    ['I want a refund for my order', 'billing'],
    ['Why is my transfer still pending?', 'billing'],
    ['When will my new card arrive?', 'product'],
    ['Do you deliver to Canada?', 'product'],
    ['How do I track my order?', 'product'],
    ['I want to talk to a human right now', 'escalation'],
    ['My card was stolen yesterday', 'escalation'],
    ['There is a payment on my account I did not make', 'escalation'],
    ['I want to file a complaint about your terrible service', 'escalation'],
    ["What's the weather like in Paris tomorrow?", 'out_of_scope'],
    ['Tell me a joke', 'out_of_scope'],
    ['How do I make banana bread?', 'out_of_scope'],
  ])('routes %j to %s', (text, department) => {
    const d = router.classify(text);
    expect(d.department).toBe(department);
    expect(d.tier).toBe('local');
    expect(d.confidence).toBeGreaterThan(0.3);
    expect(d.confidence).toBeLessThanOrEqual(1);
    // In words for the console: the department's label, what was asked, the deciding words.
    expect(d.reason).toMatch(/^(Technical|Billing|Product|Hand-off|Out of scope): \S/);
    expect(d.reason).not.toMatch(/"(i|this|the|a)"/);
  });

  it('route() wraps classify for the pipeline', async () => {
    const ctx = {
      conversationId: 'c1',
      messageId: 'm1',
      text: 'my card was stolen, block it please',
      history: [],
      limits: { maxMessageChars: 4000, supportsMarkdown: true },
      kb: EMPTY_KNOWLEDGE_BASE,
      recorder: nullRecorder,
    };
    const d = await router.route(ctx);
    expect(d).toEqual(router.classify(ctx.text));
    expect(d.department).toBe('escalation');
  });

  it('handles an empty message without throwing', () => {
    expect(router.classify('   ')).toMatchObject({ department: 'out_of_scope', confidence: 0 });
  });

  it('detects language, sentiment and complexity', () => {
    expect(detectLanguage('Hola, no puedo entrar en mi cuenta, necesito ayuda')).toBe('es');
    expect(detectLanguage("Bonjour, je n'arrive pas à me connecter à mon compte")).toBe('fr');
    expect(detectLanguage('Hallo, ich kann mich nicht in mein Konto einloggen')).toBe('de');
    expect(detectLanguage('Olá, não consigo entrar na minha conta, preciso de ajuda')).toBe('pt');
    expect(detectLanguage('Ciao, non riesco ad accedere al mio conto, ho bisogno di aiuto')).toBe('it');
    expect(detectLanguage('Hi, I cannot log in to my account')).toBe('en');
    expect(detectSentiment('This is RIDICULOUS, worst service ever!!!')).toBe('angry');
    expect(detectSentiment('I am disappointed, my order is still not here')).toBe('negative');
    expect(detectSentiment('Thanks, that was great')).toBe('positive');
    expect(detectSentiment('When does the store open')).toBe('neutral');
    expect(detectComplexity('Where is my order?')).toBe('simple');
    expect(detectComplexity('Why was I charged twice? And can I get a refund? Also how do I change my plan?')).toBe(
      'complex',
    );
    const d = router.classify('Hola, quiero hablar con una persona. This is unacceptable!!!');
    expect(d.language).toBe('es');
    expect(d.sentiment).toBe('angry');
  });

  it('classifies well under a millisecond per message', () => {
    const texts = loadShippedExamples()
      .slice(0, 2000)
      .map((r) => r.text);
    const started = performance.now();
    for (const t of texts) router.classify(t);
    const usPerMessage = ((performance.now() - started) * 1000) / texts.length;
    expect(usPerMessage).toBeLessThan(1000);
  });

  it('trains a JSON-serializable model that round-trips', () => {
    const rows = loadShippedExamples();
    const progress: number[] = [];
    const started = Date.now();
    const model = trainRouterModel(rows, { epochs: 5, onProgress: (done) => progress.push(done) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const copy = assertRouterModel(JSON.parse(JSON.stringify(model)));
    const a = createLocalRouter({ model });
    const b = createLocalRouter({ model: copy });
    for (const r of rows.slice(0, 50)) expect(b.classify(r.text)).toEqual(a.classify(r.text));
    expect(model.trainAccuracy).toBeGreaterThan(0.95);
  });
});

describe('router store (PGlite)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPgliteTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('returns null before any model is trained, then the latest model', async () => {
    expect(await loadLatestRouterModel(t.db)).toBeNull();
    const rows = [
      { text: 'where is my parcel', department: 'product' as const },
      { text: 'refund me now', department: 'billing' as const },
    ];
    const first = trainRouterModel(rows, { epochs: 2 });
    const second = trainRouterModel([...rows, { text: 'speak to a person', department: 'escalation' }], { epochs: 2 });
    await saveRouterModel(t.db, first);
    const id = await saveRouterModel(t.db, second);
    expect(id).toMatch(/^\d+$/);
    const latest = await loadLatestRouterModel(t.db);
    expect(latest?.examples).toBe(3);
    expect(latest?.features).toEqual(second.features);
  });

  it('stores operator examples, appending or replacing', async () => {
    await saveOperatorExamples(t.db, [{ text: 'a', department: 'billing' }]);
    await saveOperatorExamples(t.db, [{ text: 'b', department: 'product' }]);
    expect((await loadOperatorExamples(t.db)).map((r) => r.text)).toEqual(['a', 'b']);
    await saveOperatorExamples(t.db, [{ text: 'c', department: 'technical' }], { replace: true });
    expect(await loadOperatorExamples(t.db)).toEqual([{ text: 'c', department: 'technical' }]);
  });

  it('rejects a corrupt stored model with a clear error', () => {
    expect(() => assertRouterModel({ kind: 'tfidf-lr', features: ['w:a'] })).toThrow(/malformed/);
  });
});
