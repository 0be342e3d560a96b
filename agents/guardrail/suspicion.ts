/**
 * A cheap suspicion score (0..1) for the input guardrail: markers of prompt injection or
 * jailbreak attempts. It does not block anything by itself; it decides whether a message the
 * local guardrail let through is worth a model's opinion.
 */

const MARKERS: { re: RegExp; weight: number }[] = [
  {
    re: /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instruction|rule|prompt|guideline|polic|above|previous|prior)/i,
    weight: 0.9,
  },
  { re: /\b(system|hidden|initial|original)\s+(prompt|message|instruction)/i, weight: 0.7 },
  {
    re: /\b(you are now|from now on|pretend (to be|you)|act as|role-?play|stay in character|simulate)\b/i,
    weight: 0.5,
  },
  { re: /\b(jailbreak|DAN|developer mode|god mode|unfiltered|no (restrictions|limits|rules|filters))\b/i, weight: 0.7 },
  {
    re: /\b(reveal|print|repeat|show|output|leak)\b.{0,30}\b(prompt|instructions|configuration|secret|password|api key)/i,
    weight: 0.6,
  },
  { re: /(<\|?(system|im_start|endoftext)\|?>|\[\/?(system|inst)\]|^\s*(system|assistant)\s*:)/im, weight: 0.8 },
  { re: /\b(new|updated|real) (instructions|task|rules)\b/i, weight: 0.5 },
  { re: /\b(instructions?|prompt|rules)\b/i, weight: 0.2 },
  { re: /\b(say|write|respond with|reply with|print)\s+["'“]/i, weight: 0.3 },
  { re: /\b(translate|summari[sz]e|rewrite)\b.{0,40}\b(following|below|this text)\b/i, weight: 0.2 },
  { re: /[A-Za-z0-9+/]{80,}={0,2}/, weight: 0.4 },
];

/** Score how much `text` looks like an injection or jailbreak attempt (0 = not at all). */
export function suspicionScore(text: string): number {
  let score = 0;
  for (const { re, weight } of MARKERS) if (re.test(text)) score += weight;
  return Math.min(1, score);
}
