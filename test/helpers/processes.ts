/**
 * Spawn `switchboard serve` / `worker` as real processes (fault tests kill them with signals).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/switchboard.mjs');

/** A spawned Switchboard process. */
export interface SpawnedSwitchboard {
  name: string;
  child: ChildProcess;
  /** `serve` only: its base URL. */
  url: string;
  /** Everything it printed so far (stdout + stderr). */
  output(): string;
  /** Resolves when it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Start `command` with `env` (added to a minimal environment: PATH, NODE_ENV=test, random port on
 * 127.0.0.1, LOG_LEVEL=warn) and resolve once it prints that it is ready.
 */
export function spawnSwitchboard(
  command: 'serve' | 'worker',
  env: Record<string, string>,
  options: { name?: string; readyTimeoutMs?: number } = {},
): Promise<SpawnedSwitchboard> {
  const child = spawn(process.execPath, [BIN, command], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  child.stderr!.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const name = options.name ?? command;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} not ready: ${out}`));
    }, options.readyTimeoutMs ?? 60_000);
    const check = () => {
      const m = out.match(/Switchboard ready at (http:\/\/\S+)/);
      if (m || /Switchboard worker ready/.test(out)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve({ name, child, url: m?.[1] ?? '', output: () => out, exited });
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before ready: ${out}`));
    });
  });
}
