/**
 * `switchboard kb import [--replace] <dir>` | `kb list` | `kb remove <id>...`: manage the
 * operator's knowledge base. The first import replaces the shipped demo articles; `--replace`
 * also removes stored articles that are not in the folder. Re-importing an article updates it
 * (and its vectors).
 */

import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { type KbImportProgress, knowledgeBaseFromConfig } from '../kb/index.js';
import { CliError, type ParsedArgs } from './args.js';

const USAGE = 'usage: switchboard kb import [--replace] <dir> | kb list | kb remove <id>...';

/** Run a `kb` subcommand on an open database; returns the exit code. */
export async function runKbCommand(
  a: ParsedArgs,
  config: Config,
  db: Db,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const sub = a.positionals[1];
  const kb = knowledgeBaseFromConfig(db, config, () => err('sentence encoder unavailable: vectors are made later'));
  if (sub === 'import') {
    // `--replace <dir>` parses as a flag with a value: accept both orders.
    const replace = a.flags.replace !== undefined;
    const dir = a.positionals[2] ?? (typeof a.flags.replace === 'string' ? a.flags.replace : undefined);
    if (!dir) throw new CliError(USAGE);
    const started = Date.now();
    let lastPhase = '';
    const r = await kb.importDir(dir, {
      replace,
      onProgress: (p: KbImportProgress) => {
        if (p.done === p.total || p.done % 25 === 0 || p.phase !== lastPhase)
          err(`${p.phase === 'read' ? 'read' : 'embedded'} ${p.done}/${p.total}`);
        lastPhase = p.phase;
      },
    });
    const s = await kb.retriever.state();
    out(
      `imported=${r.imported} skipped=${r.skipped} removed=${r.removed.length} errors=${r.errors.length} articles=${s.index.articles.length} ms=${Date.now() - started}`,
    );
    out(`thresholds: answer>=${s.thresholds.answerMin} hint>=${s.thresholds.hintMin} (${s.thresholds.basis})`);
    if (r.removed.length) err(`removed: ${r.removed.join(', ')}`);
    for (const e of r.errors) err(`  ${e}`);
    return r.errors.length ? 1 : 0;
  }
  if (sub === 'list') {
    const articles = await kb.list();
    for (const x of articles) out(`${x.id}\t${x.department}\t${x.source}\t${x.title}`);
    out(`${articles.length} articles`);
    return 0;
  }
  if (sub === 'remove') {
    const ids = a.positionals.slice(2);
    if (ids.length === 0) throw new CliError(USAGE);
    const removed = await kb.remove(ids);
    const missing = ids.filter((id) => !removed.includes(id));
    out(`removed=${removed.length}`);
    if (missing.length) err(`not found: ${missing.join(', ')}`);
    return missing.length ? 1 : 0;
  }
  throw new CliError(USAGE);
}
