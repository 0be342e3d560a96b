/**
 * Staff API of what Switchboard learns from conversations (mounted inside the staff router, after
 * authentication): knowledge gaps, suggested articles (publish / reject), learned phrasings per
 * article (list / remove) and article version history.
 */
import express, { type Response } from 'express';
import { SwitchboardError } from '../core/index.js';
import { isUuid } from '../escalations/repo.js';
import { bumpKbVersion } from '../kb/kb-store.js';
import { deletePhrasing, listPhrasings } from '../kb/phrasings-store.js';
import { forgetCustomer } from '../learning/forget.js';
import { groupGaps } from '../learning/gaps.js';
import { loadGapItems } from '../learning/gaps-store.js';
import { type Learner, learnerFromConfig } from '../learning/learner.js';
import { loadCustomerMemory } from '../learning/memory-store.js';
import { publishSuggestion, rejectSuggestion } from '../learning/suggestions.js';
import { articleVersions, listSuggestions, type Suggestion } from '../learning/suggestions-store.js';
import type { Runtime } from '../runtime/runtime.js';

const fail = (code: string, status: number, message: string) => new SwitchboardError(code, message, { status });
const staffIdOf = (res: Response) => (res.locals as { staff: { id: string } }).staff.id;
const SUGGESTION_STATUSES: ReadonlyArray<Suggestion['status']> = ['pending', 'published', 'rejected'];

function suggestionId(raw: unknown): string {
  if (!isUuid(raw)) throw fail('suggestion_not_found', 404, 'No suggestion with this id.');
  return raw as string;
}

function optionalText(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fail(`invalid_${name}`, 400, `${name} must be a string.`);
  return v;
}

/** Create the learning routes (gaps, suggestions, phrasings, versions). */
export function createLearningRouter(runtime: Runtime, learner?: Learner): express.Router {
  const router = express.Router();
  const { db } = runtime;
  const learning = learner ?? learnerFromConfig(db, runtime.config, runtime.log);

  router.get('/gaps', async (req, res) => {
    await learning.sync();
    const days = Math.min(Math.max(Number(req.query.days ?? 30) || 30, 1), 365);
    const status = typeof req.query.status === 'string' ? req.query.status : 'all';
    const groups = await groupGaps(await loadGapItems(db, days), { encoder: learning.encoder });
    res.json({ gaps: groups.filter((g) => status === 'all' || g.status === status) });
  });

  router.get('/suggestions', async (req, res) => {
    await learning.sync();
    const status = SUGGESTION_STATUSES.find((s) => s === req.query.status);
    res.json({ suggestions: await listSuggestions(db, status) });
  });

  router.post('/suggestions/:id/publish', async (req, res) => {
    const body = (req.body ?? {}) as { title?: unknown; body?: unknown };
    const result = await publishSuggestion(db, suggestionId(req.params.id), {
      staffId: staffIdOf(res),
      title: optionalText(body.title, 'title'),
      body: optionalText(body.body, 'body'),
      encoder: learning.encoder,
    });
    runtime.log.info('suggestion published', { suggestionId: req.params.id, articleId: result.articleId });
    res.json(result);
  });

  router.post('/suggestions/:id/reject', async (req, res) => {
    await rejectSuggestion(db, suggestionId(req.params.id), staffIdOf(res));
    res.json({ ok: true, status: 'rejected' });
  });

  router.get('/kb/articles/:id/phrasings', async (req, res) => {
    res.json({ phrasings: await listPhrasings(db, String(req.params.id)) });
  });

  router.delete('/kb/articles/:id/phrasings/:pid', async (req, res) => {
    const pid = Number(req.params.pid);
    const removed = await db.transaction(async (tx) => {
      const ok = Number.isInteger(pid) && (await deletePhrasing(tx, String(req.params.id), pid));
      if (ok) await bumpKbVersion(tx);
      return ok;
    });
    if (!removed) throw fail('phrasing_not_found', 404, 'No such learned phrasing for this article.');
    res.json({ ok: true });
  });

  router.get('/kb/articles/:id/versions', async (req, res) => {
    res.json({ versions: await articleVersions(db, String(req.params.id)) });
  });

  router.get('/customers/:id/memory', async (req, res) => {
    const memory = isUuid(req.params.id) ? await loadCustomerMemory(db, String(req.params.id)) : null;
    if (!memory) throw fail('customer_not_found', 404, 'No customer with this id.');
    res.json({ memory });
  });

  router.post('/customers/:id/forget', async (req, res) => {
    const result = await forgetCustomer(db, String(req.params.id));
    runtime.log.info('customer forgotten', { customerId: result.customerId, by: staffIdOf(res) });
    res.json(result);
  });

  return router;
}
