/**
 * The abstention trade-off curve on a labelled FAQ: import the KB into a throw-away embedded database,
 * rank every question once, and print top-1 / confident-wrong / uncovered-honest / off-topic-honest as
 * the answer threshold moves around the value calibrated on the KB (retrieval level, no pipeline).
 *
 * Usage: npx tsx scripts/answer-curve.ts <set> [<set>...]   (sets under ../shared/data, e.g. faq-dev-shop)
 */
import { readFileSync } from 'node:fs';
import { createDb } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { createKnowledgeBase, decide, offlineEncoder, rankHybrid, semanticQuery } from '../src/kb/index.js';

for (const set of process.argv.slice(2)) {
  const db = await createDb({ dataDir: 'memory://' });
  await migrate(db);
  const kb = createKnowledgeBase(db);
  await kb.importDir(`../shared/data/${set}/kb`);
  const st = await kb.retriever.state();
  const qs = readFileSync(`../shared/data/${set}/questions.jsonl`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const vecs = await offlineEncoder.embed(qs.map((q: any) => semanticQuery(q.text)));
  const ranked = qs.map((q: any, i: number) => rankHybrid(st.index, q.text, vecs[i]!, {}));
  const lexOnly = qs.map((q: any) => rankHybrid(st.index, q.text, null, {}));
  const na = qs.filter((q: any) => q.kind === 'answerable').length;
  const bm25top1 =
    qs.filter(
      (q: any, i: number) =>
        q.kind === 'answerable' && [...(lexOnly[i] ?? [])].sort((a, b) => b.bm25 - a.bm25)[0]?.article.id === q.gold,
    ).length / na;
  const fusedTop1 =
    qs.filter((q: any, i: number) => q.kind === 'answerable' && ranked[i]?.[0]?.article.id === q.gold).length / na;
  console.log(
    `${set}: calibrated answerMin=${st.thresholds.answerMin}; our BM25 top-1 (never abstains)=${bm25top1.toFixed(3)}; fused top-1 (never abstains)=${fusedTop1.toFixed(3)}`,
  );
  console.log('offset  answerMin  top1  conf_wrong  uncovered_honest  offtopic_honest');
  for (const off of [-0.08, -0.06, -0.04, -0.02, 0, 0.02, 0.04, 0.06, 0.08]) {
    const t = { ...st.thresholds, answerMin: st.thresholds.answerMin + off };
    const ev = ranked.map((r: any) => decide(r, t));
    const ans = (k: string) =>
      qs.map((q: any, i: number) => ({ q, i })).filter(({ q, i }: any) => q.kind === k && ev[i] === 'confident');
    const nk = (k: string) => qs.filter((q: any) => q.kind === k).length;
    const a = ans('answerable');
    const top1 = a.filter(({ q, i }: any) => ranked[i]?.[0]?.article.id === q.gold).length / na;
    const cw = a.filter(({ q, i }: any) => ranked[i]?.[0]?.article.id !== q.gold).length / na;
    console.log(
      `${off >= 0 ? '+' : ''}${off.toFixed(2)}   ${t.answerMin.toFixed(3)}     ${top1.toFixed(3)}  ${cw.toFixed(3)}       ${(1 - ans('uncovered').length / nk('uncovered')).toFixed(3)}             ${(1 - ans('off_topic').length / nk('off_topic')).toFixed(3)}${off === 0 ? '   <- shipped' : ''}`,
    );
  }
  await db.close();
}
