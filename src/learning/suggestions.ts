/**
 * Suggested articles from resolved escalations: the customer's question and the staff's answer
 * become a draft (offline: structured from the question and the staff replies, personal data
 * stripped; with a `drafter`: a model-written draft cited to the conversation). Publishing puts
 * it in the knowledge base at once (source `conversation:<id>`, a new version, the customer's
 * wording as a learned phrasing, KB version bumped so every process rebuilds) and closes the gaps
 * it answers.
 */
import { customerIdOf } from '../conversations/repo.js';
import { SwitchboardError } from '../core/errors.js';
import type { Db } from '../db/db.js';
import { dot, type TextEncoder } from '../kb/encoder.js';
import { bumpKbVersion, upsertArticle } from '../kb/kb-store.js';
import { splitPassages } from '../kb/passages.js';
import { adjustPhrasing } from '../kb/phrasings-store.js';
import { contentTerms } from '../kb/text.js';
import { closeGaps, loadGapItems } from './gaps-store.js';
import { learnableWording, normalizeQuestion, stripPersonalData } from './normalize.js';
import {
  addArticleVersion,
  decideSuggestion,
  escalationDepartment,
  gapMessagesOfConversation,
  getSuggestionForUpdate,
  insertSuggestion,
  type ResolvedEscalation,
  resolvedWithoutSuggestion,
} from './suggestions-store.js';

/** A draft article. */
export interface ArticleDraft {
  title: string;
  body: string;
  draftedBy: 'offline' | 'model';
}

/**
 * Writes a draft with a model (optional; the offline draft is used when it fails). Gets the
 * question and the staff answers with personal data already stripped.
 */
export type Drafter = (input: { question: string; answers: string[]; conversationId: string }) => Promise<ArticleDraft>;

const ASKS_FOR_PERSON = /\b(human|person|agent|someone|somebody|representative|operator|staff)\b/i;
const GREETING =
  /^(?:hi|hello|hey|thanks|thank you|sorry|good (?:morning|afternoon|evening))\b[^.!?\n]{0,40}[.!?,]?\s*/i;
const SIGN_OFF = /\n?\s*(?:best|cheers|regards|kind regards|thanks)[,!.]?\s*\n?[^\n]{0,40}$/i;

/** The question of an escalation: the last customer message before it with real content. */
export function escalationQuestion(e: ResolvedEscalation): string {
  const before = e.lines.filter((l) => l.role === 'customer' && l.createdAt <= e.createdAt);
  const real = [...before].reverse().find((l) => contentTerms(l.text).length >= 2 && !ASKS_FOR_PERSON.test(l.text));
  return (real ?? before[before.length - 1] ?? e.lines.find((l) => l.role === 'customer'))?.text ?? '';
}

/** The staff's answers during an escalation, greetings and sign-offs trimmed. */
export function staffAnswers(e: ResolvedEscalation): string[] {
  return e.lines
    .filter((l) => l.role === 'staff' && l.createdAt >= e.createdAt)
    .map((l) => stripPersonalData(l.text.replace(GREETING, '').replace(SIGN_OFF, '').trim()))
    .filter((t) => t.length > 0);
}

/** A title from a customer question: first sentence, personal data stripped, capitalised. */
export function titleFromQuestion(question: string): string {
  const clean = stripPersonalData(question).replace(/\s+/g, ' ').trim();
  const first = clean.split(/(?<=[.!?])\s/)[0] ?? clean;
  const short = first.length > 80 ? `${first.slice(0, 79).trimEnd()}…` : first;
  return short.charAt(0).toUpperCase() + short.slice(1) || 'Untitled answer';
}

/** The offline draft: the question as title, the staff's answers as body. */
export function offlineDraft(question: string, answers: string[]): ArticleDraft {
  return { title: titleFromQuestion(question), body: answers.join('\n\n'), draftedBy: 'offline' };
}

/** Draft suggestions for newly resolved escalations; returns how many were added. */
export async function syncSuggestions(db: Db, drafter?: Drafter): Promise<number> {
  let added = 0;
  for (const e of await resolvedWithoutSuggestion(db)) {
    const question = escalationQuestion(e);
    const answers = staffAnswers(e);
    if (!question || answers.length === 0) continue;
    let draft = offlineDraft(question, answers);
    const conversationId = e.conversationId;
    // The drafter (a model) never sees the customer's personal data; any failure keeps the offline draft.
    if (drafter)
      draft = await drafter({ question: stripPersonalData(question), answers, conversationId }).catch(() => draft);
    const id = await insertSuggestion(db, {
      escalationId: e.escalationId,
      conversationId: e.conversationId,
      question: stripPersonalData(question),
      ...draft,
    });
    if (id) added++;
  }
  return added;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'answer';

/** Options of {@link publishSuggestion}. */
export interface PublishOptions {
  staffId: string;
  title?: string;
  body?: string;
  /** Encoder to close similar open gaps (default: only the conversation's own gaps). */
  encoder?: TextEncoder | null;
  /** Cosine between a gap and the published question that closes it (default 0.62). */
  closeThreshold?: number;
}

/** Publish a pending suggestion as a KB article; returns its id. */
export async function publishSuggestion(db: Db, id: string, options: PublishOptions): Promise<{ articleId: string }> {
  const title = options.title?.trim();
  const body = options.body?.trim();
  if (options.title !== undefined && !title)
    throw new SwitchboardError('invalid_title', 'Title must not be empty.', { status: 400 });
  if (options.body !== undefined && !body)
    throw new SwitchboardError('invalid_body', 'Body must not be empty.', { status: 400 });
  const published = await db.transaction(async (tx) => {
    const s = await getSuggestionForUpdate(tx, id);
    if (!s) throw new SwitchboardError('suggestion_not_found', 'No suggestion with this id.', { status: 404 });
    if (s.status !== 'pending')
      throw new SwitchboardError('suggestion_decided', `This suggestion was already ${s.status}.`, { status: 409 });
    const article = {
      id: `${slug(title ?? s.title)}-${s.id.slice(0, 6)}`,
      title: title ?? s.title,
      body: body ?? s.body,
      department: await departmentOf(tx, s.escalationId),
      tags: [],
    };
    const source = `conversation:${s.conversationId}`;
    await upsertArticle(tx, article, splitPassages(article), source);
    await addArticleVersion(tx, {
      articleId: article.id,
      title: article.title,
      body: article.body,
      source,
      changedBy: options.staffId,
    });
    const wording = learnableWording(s.question);
    if (wording) {
      const customerId = await customerIdOf(tx, s.conversationId);
      await adjustPhrasing(tx, {
        articleId: article.id,
        text: wording,
        norm: normalizeQuestion(wording),
        customerId,
        delta: 1,
      });
    }
    await closeGaps(tx, await gapMessagesOfConversation(tx, s.conversationId), article.id);
    await decideSuggestion(tx, id, {
      status: 'published',
      staffId: options.staffId,
      title,
      body,
      articleId: article.id,
    });
    await bumpKbVersion(tx);
    return { articleId: article.id, question: s.question, title: article.title };
  });
  await closeSimilarGaps(db, published, options);
  return { articleId: published.articleId };
}

async function departmentOf(db: Pick<Db, 'query'>, escalationId: string): Promise<'technical' | 'billing' | 'product'> {
  const d = await escalationDepartment(db, escalationId);
  return d === 'technical' || d === 'billing' ? d : 'product';
}

/** Close open gap questions close in meaning to the published question or title. */
async function closeSimilarGaps(
  db: Db,
  p: { articleId: string; question: string; title: string },
  options: PublishOptions,
): Promise<void> {
  const items = (await loadGapItems(db, 90)).filter((g) => !g.closedAt);
  if (items.length === 0) return;
  const probes = [p.question, p.title].filter(Boolean);
  let similar: boolean[];
  if (options.encoder) {
    const threshold = options.closeThreshold ?? 0.62;
    const vecs = await options.encoder.embed([...probes, ...items.map((g) => g.text.slice(0, 500))]);
    const pv = vecs.slice(0, probes.length);
    similar = items.map((_g, i) => pv.some((v) => dot(v, vecs[probes.length + i] as Float32Array) >= threshold));
  } else {
    const pt = probes.map((t) => new Set(contentTerms(t)));
    similar = items.map((g) => {
      const t = new Set(contentTerms(g.text));
      return pt.some((q) => [...t].filter((x) => q.has(x)).length / Math.max(1, new Set([...t, ...q]).size) >= 0.4);
    });
  }
  await closeGaps(
    db,
    items.filter((_g, i) => similar[i]).map((g) => g.messageId),
    p.articleId,
  );
}

/** Reject a pending suggestion. */
export async function rejectSuggestion(db: Db, id: string, staffId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const s = await getSuggestionForUpdate(tx, id);
    if (!s) throw new SwitchboardError('suggestion_not_found', 'No suggestion with this id.', { status: 404 });
    if (s.status !== 'pending')
      throw new SwitchboardError('suggestion_decided', `This suggestion was already ${s.status}.`, { status: 409 });
    await decideSuggestion(tx, id, { status: 'rejected', staffId });
  });
}
