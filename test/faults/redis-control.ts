/**
 * Stop and start this machine's Redis for the fault suite. Other tests and people depend on it:
 * {@link ensureRedisUp} must run however a test ends (the suite calls it in `finally` and `afterAll`).
 */
import { execFile } from 'node:child_process';

const START_ARGS = [
  '--daemonize',
  'yes',
  '--bind',
  '127.0.0.1',
  '-::1',
  '--port',
  '6379',
  '--save',
  '',
  '--appendonly',
  'no',
  '--dir',
  '/var/lib/redis',
  '--logfile',
  '/var/log/redis/ci.log',
];

function run(cmd: string, args: string[], timeoutMs = 10_000): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout, stderr) =>
      resolve({ ok: !err, out: `${stdout}${stderr}`.trim() }),
    );
  });
}

/** True when Redis answers PING. */
export async function redisUp(): Promise<boolean> {
  const r = await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping'], 2_000);
  return r.ok && r.out === 'PONG';
}

/** Shut Redis down without saving (everything queued in it is lost); resolves once it is gone. */
export async function stopRedis(): Promise<void> {
  await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'shutdown', 'nosave']);
  const deadline = Date.now() + 10_000;
  while (await redisUp()) {
    if (Date.now() > deadline) throw new Error('redis did not stop');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Start Redis (same settings as the machine's) and wait until it answers. */
export async function startRedis(): Promise<void> {
  const r = await run('redis-server', START_ARGS);
  if (!r.ok) throw new Error(`redis-server failed: ${r.out}`);
  const deadline = Date.now() + 10_000;
  while (!(await redisUp())) {
    if (Date.now() > deadline) throw new Error('redis did not come back');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Start Redis unless it is up (safe to call any time; retries a few times). */
export async function ensureRedisUp(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    if (await redisUp()) return;
    await startRedis().catch(() => {});
  }
  if (!(await redisUp())) throw new Error('could not restart redis: start it by hand');
}
