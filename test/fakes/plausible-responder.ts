/**
 * A responder for the fake OpenAI server that answers every Switchboard agent plausibly:
 * routes by keywords, answers from the articles in the prompt (searching with the tool when there
 * are none), approves replies, flags obvious injections. Used by orchestration tests and bench.
 */
import type { FakeReply, FakeRequest, Responder } from './fake-openai.js';

const ROUTES: [RegExp, string][] = [
  [
    /\b(human|person|agent|manager|complain|lawyer|sue|fraud|stolen|lost|hacked|scam|unacceptable|furious)\b/i,
    'escalation',
  ],
  [
    /\b(refund|charge|charged|invoice|bill|billing|fee|payment|pay|paid|subscription|plan|cancel|money|transfer|top.?up|exchange)\b/i,
    'billing',
  ],
  [
    /\b(error|login|log in|password|crash|bug|broken|not working|verify|verification|pin|app|declined|blocked|reset|card)\b/i,
    'technical',
  ],
  [
    /\b(price|pricing|feature|deliver|delivery|ship|shipping|order|available|support|limit|currenc|country|does|can i)\b/i,
    'product',
  ],
];

/** The customer's message: the `<customer_message>` block, else the first """...""" block of the prompt. */
export function quoted(text: string): string {
  const tagged = /<customer_message>\n([\s\S]*?)\n<\/customer_message>/.exec(text)?.[1];
  return tagged ?? /"""([\s\S]*?)"""/.exec(text)?.[1] ?? text;
}

/** Keyword department for `text` (out_of_scope when nothing matches). */
export function keywordDepartment(text: string): string {
  for (const [re, dept] of ROUTES) if (re.test(text)) return dept;
  return 'out_of_scope';
}

function answerFor(req: FakeRequest): FakeReply {
  const sources = [req.user, ...req.toolResults].join('\n');
  const ids = [...sources.matchAll(/^\[([^\]\n]+)\]/gm)].map((m) => m[1]!);
  if (ids.length === 0 && req.tools.includes('search_kb') && req.toolResults.length === 0) {
    return { toolCalls: [{ name: 'search_kb', arguments: { query: quoted(req.user).slice(0, 200) } }] };
  }
  if (ids.length === 0) {
    return {
      content: {
        answer: 'I could not find this in our help articles.',
        citations: [],
        supported: false,
        needs_human: true,
      },
    };
  }
  return {
    content: {
      answer: `Here is what our help article says (see ${ids[0]}).`,
      citations: [ids[0]!],
      supported: true,
      needs_human: false,
    },
  };
}

/** Create the plausible responder. */
export function createPlausibleResponder(): Responder {
  return (req) => {
    const name = req.jsonSchema?.name ?? '';
    const msg = quoted(req.user);
    switch (name) {
      case 'router_output': {
        const department = keywordDepartment(msg);
        return {
          content: {
            department,
            confidence: department === 'out_of_scope' ? 0.6 : 0.85,
            complexity: msg.length > 160 ? 'complex' : 'simple',
            language: 'en',
            sentiment: /!|angry|furious|unacceptable/i.test(msg) ? 'negative' : 'neutral',
            reason: `keywords suggest ${department}`,
          },
        };
      }
      case 'guardrail_output': {
        const bad = /ignore (all|previous|the above)|system prompt|jailbreak|developer mode/i.test(msg);
        return {
          content: { verdict: bad ? 'prompt_injection' : 'allow', confidence: bad ? 0.9 : 0.8, reason: 'screened' },
        };
      }
      case 'synthesis_output':
        return { content: { reply: /Draft:\n"""([\s\S]*?)"""/.exec(req.user)?.[1] || 'Thanks for reaching out.' } };
      case 'qa_output':
        return { content: { action: 'approve', issues: [], revised_text: null } };
      case 'escalation_output':
        return {
          content: {
            reason: 'other',
            priority: 'normal',
            summary: 'Customer needs a person.',
            customer_message: 'A member of our team will follow up here.',
          },
        };
      default:
        if (name.endsWith('_output')) return answerFor(req);
        return { content: 'ok' };
    }
  };
}
