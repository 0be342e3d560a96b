/**
 * What the customer wants, in a few words, for the hand-off summary ("Wants to close their
 * account"). Specific needs win over a bare "talk to a person"; when the latest message only asks
 * for a person, earlier customer messages say what it is about. Pure functions, no I/O.
 */

const WANTS: [RegExp, string][] = [
  [
    /\b(stolen|stole|fraud\w*|hack(ed|er)?|compromised|phish\w*|unauthori[sz]ed|(did ?n[o']?t|never) (make|authori[sz]e)|not me)\b/i,
    'Reports a possible security problem',
  ],
  [/\b(lawyer|attorney|sue|suing|lawsuit|legal action|court|ombudsman|regulator)\b/i, 'Threatens legal action'],
  [
    /\b(close|terminate|delete|shut down|cancel) (my |the |this |our )?(whole )?(account|profile|membership)\b/i,
    'Wants to close their account',
  ],
  [/\b(cancel|end|stop) (my |the |our )?(subscription|plan|renewal)\b/i, 'Wants to cancel their subscription'],
  [/\b(refund\w*|money back|reimburs\w*|chargeback)\b/i, 'Wants a refund'],
  [
    /\b(charged? (twice|double)|double.?charge\w*|overcharg\w*|charge\w*|invoice\w*|bill(ed|ing)?|fee|fees|receipt)\b/i,
    'Has a question about a charge or invoice',
  ],
  [
    /\b(log ?in|sign ?in|password|locked out|2fa|two.factor|verification code|otp|reset)\b/i,
    'Cannot get into their account',
  ],
  [/\b(order\w*|deliver\w*|shipping|shipment|parcel|package|tracking|courier)\b/i, 'Asks about an order or delivery'],
  [
    /\b(error|bug|crash\w*|not working|does ?n[o']?t work|wo ?n[o']?t (work|load|open)|broken|stuck|glitch|freez\w*)\b/i,
    'Reports something not working',
  ],
  [/\b(complain\w*|complaint|unacceptable|terrible service|worst)\b/i, 'Wants to make a complaint'],
];

const PERSON =
  /\b(human|real person|(a|an|the) (person|agent|representative|operator)|someone real|supervisor|manager|speak (to|with)|talk (to|with))\b/i;

/** The customer's need in words, from the latest message, else from earlier ones. */
export function customerWants(latest: string, earlier: string[] = []): string {
  const find = (t: string) => WANTS.find(([re]) => re.test(t.replace(/[’`]/g, "'")))?.[1];
  const now = find(latest);
  if (now) return now;
  for (const t of [...earlier].reverse()) {
    const before = find(t);
    if (before) return before;
  }
  if (PERSON.test(latest)) return 'Wants to talk to a person';
  return 'Asks something the assistant could not answer';
}

const URGENT =
  /\b(urgent\w*|asap|immediately|right now|right away|emergency|as soon as possible|straight away|deadline|time.?sensitive|can'?t wait|critical)\b/i;

/** The customer says it is urgent (time pressure, or a shouted NOW). */
export function saysUrgent(text: string): boolean {
  return URGENT.test(text.replace(/[’`]/g, "'")) || /\bNOW\b/.test(text);
}
