/**
 * The router's sentiment signal on phrasings of our own: anger (insults, shouting, repeated
 * contact with a demand), urgency, "did not help" (even when polite), plain questions and thanks.
 */
import { describe, expect, it } from 'vitest';
import { createLocalEscalationAgent } from '../agents/escalation/local.js';
import { explainRouting } from '../agents/router/reason.js';
import { detectSentiment, detectUrgency } from '../agents/router/signals.js';

const CASES: [string, string][] = [
  // anger
  ['This is the THIRD time I am writing about this, get me a human NOW', 'angry'],
  ['third time asking. still not fixed. i want a person now', 'angry'],
  ['Your service is a joke', 'angry'],
  ['I AM SO DONE WITH THIS APP', 'angry'],
  ['Thanks for nothing.', 'angry'],
  ['This is a complete waste of my time!!!', 'angry'],
  ['I have already explained this twice, I need it fixed NOW', 'angry'],
  ['URGENT: my account is locked and I need it NOW', 'angry'],
  // asking again without emphasis: unhappy, not angry
  ['I want to talk to a human, this is the third time', 'negative'],
  // did not help (negative, even with thanks)
  ['ok thanks, that did not help though', 'negative'],
  ["Thanks but that doesn't answer my question", 'negative'],
  ['That was not helpful, the button is not there', 'negative'],
  ["didn't work, same error", 'negative'],
  ['Thank you, but it still does not work', 'negative'],
  ["that's not what I asked", 'negative'],
  // urgency without anger
  ['Please help asap, payroll runs in an hour', 'negative'],
  ['This is urgent, our checkout is down', 'negative'],
  // other negatives
  ['I was charged twice and I am worried', 'negative'],
  ['I cannot log in to my account', 'negative'],
  // neutral questions
  ['How do I export my invoices?', 'neutral'],
  ['Can I change my plan today?', 'neutral'],
  ['What are your opening hours?', 'neutral'],
  ['Where is the API key page?', 'neutral'],
  // positive
  ['Thanks, that solved it!', 'positive'],
  ['Great, that helped a lot', 'positive'],
  ['Perfect, thank you so much', 'positive'],
];

describe('detectSentiment', () => {
  it.each(CASES)('%j -> %s', (text, expected) => {
    expect(detectSentiment(text)).toBe(expected);
  });

  it('gets at least 25 of 26 of our phrasings right (floor for future lexicon changes)', () => {
    const right = CASES.filter(([t, e]) => detectSentiment(t) === e).length;
    expect(right).toBeGreaterThanOrEqual(25);
  });

  it('detects urgency separately from tone', () => {
    expect(detectUrgency('Please help asap')).toBe(true);
    expect(detectUrgency('get me a human NOW')).toBe(true);
    expect(detectUrgency('I could do it now or later, no rush')).toBe(false);
    expect(detectUrgency('How do I export my invoices?')).toBe(false);
  });
});

describe('routing reason in words', () => {
  it('names the department, what the customer asked for and the deciding words, without filler', () => {
    const r = explainRouting('escalation', 'I want to talk to a human, this is the third time', [
      'human',
      'this',
      'i',
      '~hum',
    ]);
    expect(r).toBe('Hand-off: asks for a person');
    expect(explainRouting('billing', 'Why was I charged twice?', ['charged', 'twice', 'was i'])).toBe(
      'Billing: asks about charges or invoices; words "charged", "twice"',
    );
    expect(explainRouting('product', 'hmm', [])).toBe('Product: no strong cue, closest match');
  });
});

describe('hand-off summary says what the customer wanted', () => {
  const routing = {
    department: 'escalation' as const,
    confidence: 0.8,
    complexity: 'simple' as const,
    language: 'en',
    sentiment: 'neutral' as const,
    reason: 'x',
    tier: 'local' as const,
  };
  const ctx = (text: string, earlier: string[] = []) => ({
    conversationId: 'c',
    messageId: 'm',
    text,
    history: earlier.map((t) => ({ role: 'customer' as const, text: t })),
    limits: { maxMessageChars: 4000, supportsMarkdown: true },
    kb: {} as never,
    recorder: { record() {} } as never,
  });

  it('leads with the need, not "asked for a human", and does not call a first request a repeat', async () => {
    const agent = createLocalEscalationAgent();
    const close = await agent.plan(ctx('I want to close my account, can I talk to a person?'), routing);
    expect(close.summary).toMatch(/^Wants to close their account\. Asked for a person\./);
    expect(close.summary).toContain('first message');
    expect(close.summary).not.toContain('contacted us about this before');
    const stillStuck = await agent.plan(ctx('I still cannot log in, please get me a human'), routing);
    expect(stillStuck.summary).toMatch(/^Cannot get into their account\./);
    expect(stillStuck.summary).not.toContain('before');
    const third = await agent.plan(ctx('This is the THIRD time, get me a human NOW', ['my invoice is wrong']), {
      ...routing,
      sentiment: 'angry',
    });
    expect(third.summary).toMatch(/^Has a question about a charge or invoice\./);
    expect(third.summary).toContain('says it is urgent');
    expect(third.summary).toContain('contacted us about this before');
    expect(third.priority).toBe('urgent');
    const person = await agent.plan(ctx('Can I speak to someone please?'), routing);
    expect(person.summary).toMatch(/^Wants to talk to a person\. "/);
  });
});
