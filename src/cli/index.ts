/**
 * `switchboard <command>`: start | serve | worker | migrate | kb import <dir> | chat |
 * eval --file <f> [--tier local|fast|strong] | router train --file <f> | bench [--cost] | staff add ...
 */
import { type Config, ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { createDb } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { explainStartupError } from '../runtime/startup-errors.js';
import { CliError, flag, type ParsedArgs, parseArgs, requireFlag } from './args.js';

const USAGE = `usage: switchboard <command>   (switchboard --help: this text)
  start                      all-in-one server (HTTP + workers) on PORT (default 3000)
  serve                      HTTP ingress only (workers run in \`switchboard worker\`; needs REDIS_URL)
  worker                     turn + delivery workers only (needs REDIS_URL to share work)
  migrate                    apply database migrations
  kb import [--replace] <dir> import markdown articles (the first import replaces the demo)
  kb list | kb remove <id>   list or remove knowledge-base articles
  chat                       talk to the assistant in this terminal
  eval --file <labeled.jsonl> [--tier local|fast|strong]
  eval answers --kb <dir> --file <questions.jsonl>
  router train --file <labeled.jsonl>
  bench [--messages N] [--concurrency C] [--cost --file <labeled.jsonl> [--sample N]]
  customer forget <id>       delete a customer's messages' text, memory and learned phrasings
  staff add --email <e> [--name <n>] [--role agent|admin]
                             password from stdin or STAFF_PASSWORD (--password <p> still works)`;

type Command = (args: ParsedArgs, config: Config) => Promise<number>;

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

async function withDb<T>(config: Config, fn: (db: Awaited<ReturnType<typeof createDb>>) => Promise<T>): Promise<T> {
  const db = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const commands: Record<string, Command> = {
  start: async (_a, config) => (await import('./serve.js')).runServe(config, { http: true, workers: true }),
  serve: async (_a, config) => {
    // Without Redis there is no shared queue, so the workers must run here or nothing is answered.
    if (!config.REDIS_URL) err('REDIS_URL is not set: running the workers in this process too (as `start`).');
    return (await import('./serve.js')).runServe(config, { http: true, workers: !config.REDIS_URL });
  },
  worker: async (_a, config) => (await import('./serve.js')).runServe(config, { http: false, workers: true }),
  migrate: async (_a, config) =>
    withDb(config, async (db) => {
      out(`migrations up to date (${db.kind})`);
      return 0;
    }),
  kb: async (a, config) => {
    const { runKbCommand } = await import('./kb.js');
    return withDb(config, (db) => runKbCommand(a, config, db, out, err));
  },
  chat: async (_a, config) => (await import('./chat.js')).runChat(config),
  eval: async (a, config) => {
    if (a.positionals[1] === 'answers') {
      const usage = 'switchboard eval answers --kb <dir> --file <questions.jsonl>';
      const { runEvalAnswers } = await import('./eval-answers.js');
      await runEvalAnswers({
        kbDir: requireFlag(a, 'kb', usage),
        file: requireFlag(a, 'file', usage),
        config,
        out,
        progress: err,
      });
      return 0;
    }
    const file = requireFlag(a, 'file', 'switchboard eval --file <labeled.jsonl> [--tier local|fast|strong]');
    const { runEvalCommand } = await import('./eval-command.js');
    return runEvalCommand({ file, tier: flag(a, 'tier') ?? 'local', config, out });
  },
  router: async (a, config) => {
    if (a.positionals[1] !== 'train') throw new CliError('usage: switchboard router train --file <labeled.jsonl>');
    const file = requireFlag(a, 'file', 'switchboard router train --file <labeled.jsonl>');
    const { runRouterTrain } = await import('./router-train.js');
    return withDb(config, async (db) => {
      await runRouterTrain({ file, db, out, progress: err });
      return 0;
    });
  },
  bench: async (a, config) => {
    if (a.flags.cost) {
      const { runBenchCost } = await import('./bench-cost.js');
      const file = requireFlag(a, 'file', 'switchboard bench --cost --file <labeled.jsonl> [--sample N]');
      const sample = flag(a, 'sample');
      await runBenchCost({ file, sample: sample ? Number(sample) : undefined, config, out });
      return 0;
    }
    const { runBench } = await import('./bench.js');
    return runBench(config, {
      messages: Number(flag(a, 'messages') ?? 3000),
      concurrency: Number(flag(a, 'concurrency') ?? 32),
      out,
      progress: err,
    });
  },
  customer: async (a, config) => {
    const id = a.positionals[2];
    if (a.positionals[1] !== 'forget' || !id) throw new CliError('usage: switchboard customer forget <customer id>');
    const { forgetCustomer } = await import('../learning/forget.js');
    return withDb(config, async (db) => {
      const r = await forgetCustomer(db, id);
      out(
        `forgot customer ${r.customerId}: ${r.messages} messages cleared, ${r.phrasings} learned phrasings, ${r.gaps} gaps, ${r.cachedAnswers} cached answers removed`,
      );
      return 0;
    });
  },
  staff: async (a, config) => {
    if (a.positionals[1] !== 'add')
      throw new CliError(
        'usage: switchboard staff add --email <e> [--name <n>] [--role agent|admin]  (password on stdin)',
      );
    const { resolveStaffPassword, runStaffAdd } = await import('./staff.js');
    const email = requireFlag(a, 'email', 'switchboard staff add --email <e> (password on stdin or STAFF_PASSWORD)');
    const password = await resolveStaffPassword({ flag: flag(a, 'password'), env: config.STAFF_PASSWORD });
    return withDb(config, async (db) => {
      await runStaffAdd(
        {
          email,
          password,
          name: flag(a, 'name'),
          role: flag(a, 'role') as 'agent' | 'admin' | undefined,
        },
        db,
        out,
      );
      return 0;
    });
  },
};

/** Run the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positionals[0];
  const helpAsked = name === 'help' || name === '-h' || args.flags.help !== undefined;
  if (!name || helpAsked) {
    out(USAGE);
    return helpAsked ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    err(`unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    loadDotEnv();
    return await command(args, loadConfig());
  } catch (e) {
    if (e instanceof ConfigError || e instanceof CliError) {
      err(e.message);
      return 2;
    }
    const code = (e as { code?: string }).code;
    // Start-up problems (data directory owned by the server, database missing or unreachable, schema
    // too new): one line naming the problem and the fix, no stack.
    if (e instanceof Error && (code?.startsWith('startup_') || code === 'schema_too_new')) {
      err(e.message);
      return 1;
    }
    const config = loadConfig();
    const explained = explainStartupError(e, { databaseUrl: config.DATABASE_URL });
    if (!explained.startsWith('start-up failed')) {
      err(explained);
      return 1;
    }
    if (e instanceof Error && code && /^[a-z_]+$/.test(code)) {
      err(`error (${code}): ${e.message}`);
      return 1;
    }
    throw e;
  }
}
