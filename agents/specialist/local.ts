/**
 * The offline specialist (technical, billing or product): asks the retriever (hybrid search over
 * the whole KB; the router's department is only a prior), then
 * - confident evidence  -> quotes the best passage's sentences and steps, cites the article;
 * - two equally likely  -> says so, names both, asks which one;
 * - weak evidence       -> says it is not certain, offers the closest topic and a person;
 * - nothing close       -> says so and offers a person;
 * - a vague message     -> asks what the customer was doing (or, for a pasted error, what staff need).
 */
import type { AgentContext, KbArticle, Retrieval, SpecialistAgent, SpecialistAnswer } from '../../src/core/agents.js';
import { overlap, splitUnits, type TextUnit, termSet } from '../../src/kb/text.js';
import { turnQuery, vagueMessage } from './follow-up.js';

/** Options for {@link createLocalSpecialist}. */
export interface LocalSpecialistOptions {
  /** Maximum sentences/steps quoted outside a step list (default 4). */
  maxUnits?: number;
}

type KbDepartment = SpecialistAgent['department'];

/** Pick the units of a text that answer the question, in order (a matched list item brings its list). */
export function selectUnits(body: string, question: Set<string>, maxUnits = 4): TextUnit[] {
  const units = splitUnits(body).filter((u) => u.kind !== 'heading');
  const scored = units.map((u, i) => ({ u, i, s: overlap(question, u.text) }));
  const picked = new Set<number>();
  const ranked = scored.filter((x) => x.s > 0).sort((a, b) => b.s - a.s || a.i - b.i);
  for (const x of ranked.slice(0, maxUnits)) picked.add(x.i);
  for (const i of [...picked]) {
    const unit = units[i];
    if (!unit || unit.kind === 'sentence') continue;
    for (const x of scored) if (x.u.block === unit.block) picked.add(x.i);
    const intro = scored.filter((x) => x.i < i && x.u.kind === 'sentence' && x.u.block < unit.block).at(-1);
    if (intro?.u.text.endsWith(':')) picked.add(intro.i);
  }
  // Always start from the beginning of the passage: its first sentence says what it is about.
  if (units.length > 0) picked.add(0);
  if (picked.size < 2 && units.length > 1) picked.add(1);
  return [...picked].sort((a, b) => a - b).map((i) => units[i] as TextUnit);
}

/** Join units into readable text: sentences of one paragraph on one line, list items on their own. */
export function joinUnits(units: TextUnit[]): string {
  const lines: string[] = [];
  let prev: TextUnit | undefined;
  for (const u of units) {
    if (prev && u.kind === 'sentence' && prev.kind === 'sentence' && prev.block === u.block) {
      lines[lines.length - 1] += ` ${u.text}`;
    } else lines.push(u.text);
    prev = u;
  }
  return lines.join('\n');
}

const sourceOf = (a: KbArticle) => ({ id: a.id, title: a.title, ...(a.url ? { url: a.url } : {}) });
const GROUNDING = { confident: 0.75, ambiguous: 0.45, weak: 0.3, none: 0.1 } as const;

/** The reply for the evidence found. Exported for tests. */
export function answerFrom(r: Retrieval, query: string, maxUnits = 4): SpecialistAnswer {
  const [best, second] = r.candidates;
  const question = termSet(query);
  const base = { tier: 'local', needsHuman: false, evidence: r.evidence } as const;
  if (r.evidence === 'confident' && best) {
    // Short articles are quoted from the whole body (steps and their caveats stay together).
    const long = best.body.split(/\s+/).length > 160;
    const text = joinUnits(selectUnits(long ? (best.passage ?? best.body) : best.body, question, maxUnits));
    const grounding = Math.min(1, Math.max(GROUNDING.confident, best.score ?? 0));
    return { ...base, outcome: 'answer', text, citations: [best.id], sources: [sourceOf(best)], grounding };
  }
  if (r.evidence === 'ambiguous' && best && second) {
    return {
      ...base,
      outcome: 'uncertain',
      text: `I found two help articles that could answer this: "${best.title}" and "${second.title}". Which one is closer to what you need? I can also connect you with a person.`,
      citations: [best.id, second.id],
      sources: [sourceOf(best), sourceOf(second)],
      grounding: GROUNDING.ambiguous,
    };
  }
  if (r.evidence === 'weak' && best) {
    const gist = joinUnits(selectUnits(best.passage ?? best.body, new Set(), 1));
    return {
      ...base,
      outcome: 'uncertain',
      text: `I'm not certain our help articles cover this. The closest topic I found is "${best.title}": ${gist}\n\nIf that doesn't answer it, I can connect you with a person from our team.`,
      citations: [best.id],
      sources: [sourceOf(best)],
      grounding: GROUNDING.weak,
    };
  }
  return {
    ...base,
    outcome: 'uncertain',
    text: "I'm not certain I have the right answer to that in our help articles. I can connect you with a person from our team if you'd like.",
    citations: [],
    sources: [],
    grounding: GROUNDING.none,
  };
}

/** Create the offline specialist for one department. */
export function createLocalSpecialist(department: KbDepartment, options: LocalSpecialistOptions = {}): SpecialistAgent {
  const { maxUnits = 4 } = options;
  return {
    department,
    async answer(ctx: AgentContext) {
      const q = turnQuery(ctx);
      if (!q.followUp) {
        const v = vagueMessage(ctx.text);
        if (v.vague) return clarify(v.looksLikeBug);
      }
      const r = await ctx.kb.retrieve(q.text, { department, topicIds: q.topicIds, limit: 3 });
      return answerFrom(r, q.text, maxUnits);
    },
  };
}

function clarify(looksLikeBug: boolean): SpecialistAnswer {
  const text = looksLikeBug
    ? "Sorry you're running into an error. So our team can look into it, could you tell me what you were doing when it happened, which feature or page it was, and the exact error message (a screenshot helps)? I can also pass this to a person right away."
    : "I'd like to help. Could you tell me a bit more: what were you trying to do, which feature or page is it about, and what exactly happens (any error message)?";
  return { outcome: 'clarify', text, citations: [], sources: [], grounding: 0, needsHuman: false, tier: 'local' };
}
