import { type AppRuntime, createRuntime } from '../app/create-runtime.js';
import type { Config } from '../config.js';
import { explainStartupError } from '../runtime/startup-errors.js';

/**
 * Run a long-lived process until SIGINT/SIGTERM. A start-up failure prints one line naming the
 * problem and the fix (stack only with LOG_LEVEL=debug) and returns 1. Shutdown is bounded: in-flight
 * turns get SHUTDOWN_TIMEOUT_MS, then are handed back; a second signal, or the bound plus 5 s, exits
 * at once. The caller exits the process with the returned code.
 */
export async function runServe(config: Config, options: { http: boolean; workers: boolean }): Promise<number> {
  const t0 = performance.now();
  let runtime: AppRuntime | undefined;
  let url: string;
  try {
    runtime = await createRuntime(config);
    ({ url } = await runtime.start(options));
  } catch (err) {
    process.stderr.write(
      `${explainStartupError(err, { port: config.PORT, databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL })}\n`,
    );
    if (config.LOG_LEVEL === 'debug') process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    await Promise.race([runtime?.stop({ graceMs: 0 }).catch(() => {}), sleep(2_000)]);
    return 1;
  }
  const ms = Math.round(performance.now() - t0);
  const mode = `${runtime.db.kind} + ${runtime.queue.kind} queue`;
  const channels = [...runtime.adapters.keys()].join(', ');
  if (options.http) {
    process.stdout.write(`Switchboard ready at ${url} (${mode}; channels: ${channels}; started in ${ms} ms)\n`);
    process.stdout.write(`  demo page ${url}/   staff console ${url}/console   health ${url}/healthz\n`);
  } else process.stdout.write(`Switchboard worker ready (${mode}; started in ${ms} ms)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const forced = () => {
    process.stderr.write('second signal: exiting now\n');
    process.exit(1);
  };
  process.once('SIGINT', forced);
  process.once('SIGTERM', forced);
  process.stdout.write(`shutting down (up to ${config.SHUTDOWN_TIMEOUT_MS} ms for in-flight work)…\n`);
  const stopped = await Promise.race([
    runtime.stop({ graceMs: config.SHUTDOWN_TIMEOUT_MS }).then(() => true),
    sleep(config.SHUTDOWN_TIMEOUT_MS + 5_000).then(() => false),
  ]).catch(() => false);
  if (!stopped) process.stderr.write('shutdown did not finish in time; exiting anyway\n');
  return stopped ? 0 : 1;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
