import type { Config } from '../config.js';
import { createRuntime } from '../runtime/create-runtime.js';

/** Run a long-lived process until SIGINT/SIGTERM. */
export async function runServe(config: Config, options: { http: boolean; workers: boolean }): Promise<number> {
  const t0 = performance.now();
  const runtime = await createRuntime(config);
  const { url } = await runtime.start(options);
  const ms = Math.round(performance.now() - t0);
  const mode = `${runtime.db.kind} + ${runtime.queue.kind} queue`;
  const channels = [...runtime.adapters.keys()].join(', ');
  if (options.http) {
    process.stdout.write(`Switchboard ready at ${url} (${mode}; channels: ${channels}; started in ${ms} ms)\n`);
    process.stdout.write(`  demo page ${url}/   staff console ${url}/console   health ${url}/healthz\n`);
  } else process.stdout.write(`Switchboard worker ready (${mode}; started in ${ms} ms)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('shutting down…\n');
  await runtime.stop();
  return 0;
}
