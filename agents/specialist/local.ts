/**
 * The offline specialist (technical, billing or product): searches the knowledge base (its own
 * department first), then quotes the sentences and steps of the best article that match the
 * question. Grounding comes from the search score; weak matches get an honest "not certain" answer.
 */
import type { AgentContext, KbArticle, SpecialistAgent, SpecialistAnswer } from '../../src/core/agents.js';
import { contentTerms, overlap, splitUnits, type TextUnit, termSet } from '../../src/kb/text.js';

/** Options for {@link createLocalSpecialist}. */
export interface LocalSpecialistOptions {
  /** Search score below which the answer is "not certain" (default 0.35). */
  minScore?: number;
  /** Grounding below which the specialist asks for a human (default 0.2). */
  needsHumanBelow?: number;
  /** Maximum sentences/steps quoted outside a step list (default 4). */
  maxUnits?: number;
}

type KbDepartment = SpecialistAgent['department'];

/** Pick the units of an article that answer the question, in article order. */
export function selectUnits(body: string, question: Set<string>, maxUnits = 4): TextUnit[] {
  const units = splitUnits(body).filter((u) => u.kind !== 'heading');
  const scored = units.map((u, i) => ({ u, i, s: overlap(question, u.text) }));
  const picked = new Set<number>();
  const ranked = scored.filter((x) => x.s > 0).sort((a, b) => b.s - a.s || a.i - b.i);
  for (const x of ranked.slice(0, maxUnits)) picked.add(x.i);
  // A matched step or bullet brings its whole list (a how-to needs every step).
  for (const i of [...picked]) {
    const unit = units[i];
    if (!unit || unit.kind === 'sentence') continue;
    for (const x of scored) if (x.u.block === unit.block) picked.add(x.i);
    // ...and the sentence introducing the list, when there is one.
    const intro = scored.filter((x) => x.i < i && x.u.kind === 'sentence' && x.u.block < unit.block).at(-1);
    if (intro?.u.text.endsWith(':')) picked.add(intro.i);
  }
  if (picked.size === 0) for (let i = 0; i < Math.min(2, units.length); i++) picked.add(i);
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

function questionText(ctx: AgentContext): string {
  if (contentTerms(ctx.text).length >= 2) return ctx.text;
  const previous = [...ctx.history].reverse().find((t) => t.role === 'customer' && t.text !== ctx.text);
  return previous ? `${previous.text} ${ctx.text}` : ctx.text;
}

/** Create the offline specialist for one department. */
export function createLocalSpecialist(department: KbDepartment, options: LocalSpecialistOptions = {}): SpecialistAgent {
  const { minScore = 0.35, needsHumanBelow = 0.2, maxUnits = 4 } = options;

  function uncertain(best: KbArticle | undefined): SpecialistAnswer {
    const grounding = Math.min(best?.score ?? 0, minScore);
    const hint =
      best && grounding >= needsHumanBelow
        ? ` The closest topic I found is "${best.title}": ${joinUnits(selectUnits(best.body, new Set(), 1))}`
        : '';
    return {
      text: `I'm not certain I have the right answer to that in our help articles.${hint}`,
      citations: hint && best ? [best.id] : [],
      grounding,
      needsHuman: grounding < needsHumanBelow,
      tier: 'local',
    };
  }

  return {
    department,
    async answer(ctx) {
      const query = questionText(ctx);
      const results = await ctx.kb.search(query, { department, limit: 3 });
      const best = results[0];
      if (!best || (best.score ?? 0) < minScore) return uncertain(best);
      const question = termSet(query);
      const parts = [joinUnits(selectUnits(best.body, question, maxUnits))];
      const citations = [best.id];
      const second = results[1];
      if (second && (second.score ?? 0) >= Math.max(minScore + 0.2, (best.score ?? 0) * 0.9)) {
        const extra = selectUnits(second.body, question, 1)[0];
        if (extra && overlap(question, extra.text) >= 0.5) {
          parts.push(extra.text);
          citations.push(second.id);
        }
      }
      return {
        text: parts.join('\n\n'),
        citations,
        grounding: Math.round(Math.min(1, best.score ?? 0) * 1000) / 1000,
        needsHuman: false,
        tier: 'local',
      };
    },
  };
}
