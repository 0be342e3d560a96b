/**
 * Template expansion for the router's project-written examples. A template is text with
 * alternations `{a|b|c}` (nestable), optional parts `[words]` and slots `<name>` drawn from
 * {@link SLOTS}. Expansion is seeded, so the shipped example set is the same on every start.
 */
import type { Department } from '../../../src/core/agents.js';
import { SwitchboardError } from '../../../src/core/errors.js';
import { seededRandom } from '../../../src/core/random.js';

/** Templates of one intent, all labeled with the same department. */
export interface IntentTemplates {
  intent: string;
  department: Department;
  templates: string[];
  /** How many distinct rows to draw (default 30). */
  count?: number;
}

/** Shared slot values (may themselves contain alternations). */
export const SLOTS: Record<string, string[]> = {
  card: ['card', 'debit card', 'bank card', 'credit card', 'visa card', 'mastercard', 'physical card', 'plastic card'],
  app: ['app', 'mobile app', 'banking app', 'application', 'website', 'online portal', 'phone app'],
  account: ['account', 'profile', 'user account', 'online account', 'customer account'],
  amount: ['$50', '£20', '€100', '200 dollars', '30 pounds', '75 euros', '1000 usd', 'some money', 'money'],
  transfer: [
    'transfer',
    'bank transfer',
    'wire transfer',
    'money transfer',
    'SEPA transfer',
    'payment to a friend',
    'international transfer',
  ],
  order: ['order', 'purchase', 'package', 'parcel', 'delivery', 'item I bought', 'shipment'],
  topup: ['top up', 'top-up', 'topup', 'deposit', 'balance top up'],
  since: ['for days', 'since yesterday', 'for a week', 'for three days', 'since Monday', 'for hours', 'for two weeks'],
  help: [
    'can you help',
    'what should I do',
    'what do I do now',
    'please help',
    'any idea why',
    'how do I fix this',
    'help me',
  ],
  country: [
    'Spain',
    'the UK',
    'France',
    'Germany',
    'the US',
    'Canada',
    'Mexico',
    'Italy',
    'Australia',
    'Brazil',
    'Japan',
    'India',
  ],
  currency: ['euros', 'dollars', 'pounds', 'yen', 'GBP', 'USD', 'EUR', 'Swiss francs', 'pesos', 'Canadian dollars'],
  product: [
    'laptop',
    'phone case',
    'headphones',
    'shoes',
    'jacket',
    'coffee machine',
    'sofa',
    'book',
    'tv',
    'router',
    'subscription box',
  ],
  plan: ['plan', 'subscription', 'membership', 'package', 'tier', 'premium plan', 'pro plan'],
  city: ['Paris', 'London', 'New York', 'Tokyo', 'Chicago', 'Berlin', 'Madrid', 'Boston', 'Denver', 'Rome', 'Seattle'],
  food: [
    'lasagna',
    'pancakes',
    'chicken curry',
    'banana bread',
    'sushi',
    'chili',
    'risotto',
    'brownies',
    'tacos',
    'a pot roast',
  ],
  person: ['my mom', 'my boss', 'John', 'Sarah', 'my wife', 'my brother', 'the team', 'Alex', 'my dentist'],
};

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Split `s` on top-level `|` (outside nested braces/brackets). */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function matching(s: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i;
  }
  throw new SwitchboardError('bad_router_template', `Unbalanced ${open} in template: ${s}`);
}

/** One random expansion of a template. */
export function expandOnce(template: string, rand: () => number): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '{') {
      const end = matching(template, i, '{', '}');
      out += expandOnce(pick(splitTop(template.slice(i + 1, end)), rand), rand);
      i = end;
    } else if (ch === '[') {
      const end = matching(template, i, '[', ']');
      if (rand() < 0.5) out += expandOnce(template.slice(i + 1, end), rand);
      i = end;
    } else if (ch === '<') {
      const end = template.indexOf('>', i);
      const name = template.slice(i + 1, end);
      const values = SLOTS[name];
      if (!values) throw new SwitchboardError('bad_router_template', `Unknown slot <${name}> in template: ${template}`);
      out += expandOnce(pick(values, rand), rand);
      i = end;
    } else out += ch;
  }
  return out;
}

const PREFIXES = [
  'hi, ',
  'hello ',
  'hey, ',
  'good morning, ',
  'excuse me, ',
  'quick question: ',
  'hi there. ',
  'um ',
  'so ',
  'ok ',
  'help! ',
  'yo ',
];
const SUFFIXES = ['?', '.', ' please', ' thanks', ' thank you!', ' asap', '??', ' :(', ' pls', '!'];

/** Add casual variation: greeting prefixes, endings, casing. */
function decorate(text: string, rand: () => number): string {
  let s = text
    .replace(/\s+/g, ' ')
    .replace(/\s([?.!,])/g, '$1')
    .trim();
  if (rand() < 0.25) s = pick(PREFIXES, rand) + s;
  if (rand() < 0.3 && !/[?.!]$/.test(s)) s += pick(SUFFIXES, rand);
  const r = rand();
  if (r < 0.3) s = s.toLowerCase();
  else if (r < 0.7) s = s.charAt(0).toUpperCase() + s.slice(1);
  return s;
}

/** Expand every intent into distinct labeled rows (deterministic for a seed). */
export function expandIntents(intents: IntentTemplates[], seed = 42): { text: string; department: Department }[] {
  const rand = seededRandom(seed);
  const rows: { text: string; department: Department }[] = [];
  for (const intent of intents) {
    const want = intent.count ?? 30;
    const seen = new Set<string>();
    let tries = 0;
    while (seen.size < want && tries < want * 8) {
      tries++;
      const template = intent.templates[(tries - 1) % intent.templates.length]!;
      const text = decorate(expandOnce(template, rand), rand);
      const key = text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      rows.push({ text, department: intent.department });
    }
  }
  return rows;
}
