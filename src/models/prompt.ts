/** Small, pure prompt helpers shared by the LLM agents (no LangChain, no I/O). */
import type { HistoryTurn, KbArticle } from '../core/agents.js';

/** Cut `text` to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** The last `maxTurns` turns as `role: text` lines (empty string when there is none). */
export function formatHistory(history: HistoryTurn[], maxTurns = 6): string {
  const recent = history.slice(-maxTurns);
  if (recent.length === 0) return '';
  return `Earlier in this conversation:\n${recent.map((t) => `${t.role}: ${clip(t.text, 400)}`).join('\n')}\n\n`;
}

/** Articles as an id-tagged block the model can cite. */
export function formatArticles(articles: KbArticle[], maxBody = 1200): string {
  if (articles.length === 0) return '(no articles found)';
  return articles.map((a) => `[${a.id}] ${a.title}\n${clip(a.body, maxBody)}`).join('\n\n');
}

/** Clamp a model-reported number into 0..1 (NaN -> 0). */
export function unit(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}
