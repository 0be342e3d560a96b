/**
 * The embedded database has one owner (issue 11.5). PGlite is a single-process database: two
 * processes opening one directory corrupt it silently. The process that opens DATA_DIR writes
 * `switchboard.lock` (pid, command, port); any other process that wants the directory while that pid
 * lives stops with one clear line. A lock whose pid is gone (kill -9, power loss) is stale and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { SwitchboardError } from '../core/errors.js';

/** Who holds a data directory. */
export interface DataDirOwner {
  pid: number;
  /** `server` for start/serve/worker, otherwise the CLI command. */
  command: string;
  /** The server's HTTP port, once listening. */
  port?: number;
  startedAt: string;
}

const LOCK_FILE = 'switchboard.lock';
const held = new Map<string, DataDirOwner>();

function lockPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), LOCK_FILE);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

function readOwner(file: string): DataDirOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DataDirOwner;
  } catch {
    return null;
  }
}

/** The one line shown to a second process. */
export function busyMessage(owner: DataDirOwner): string {
  if (owner.command === 'server') {
    const where = owner.port ? `on :${owner.port} ` : '';
    return `the server is running ${where}(pid ${owner.pid}) on this DATA_DIR — use the console or stop it first`;
  }
  return `another switchboard command (${owner.command}, pid ${owner.pid}) is using this DATA_DIR — wait for it to finish`;
}

/**
 * Take the lock of `dataDir` for this process (re-entrant within it). Throws a SwitchboardError
 * `startup_data_dir_busy` naming the live owner. Returns a release function.
 */
export function acquireDataDirLock(dataDir: string, command = 'cli'): () => void {
  const file = lockPath(dataDir);
  if (held.has(file)) return () => {};
  mkdirSync(path.dirname(file), { recursive: true });
  const owner: DataDirOwner = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      held.set(file, owner);
      const onExit = () => releaseFile(file);
      process.once('exit', onExit);
      return () => {
        process.off('exit', onExit);
        releaseFile(file);
      };
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      const current = readOwner(file);
      if (current && current.pid !== process.pid && alive(current.pid)) {
        throw new SwitchboardError('startup_data_dir_busy', busyMessage(current), { status: 409 });
      }
      // Stale (its process is gone) or unreadable half-written file: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new SwitchboardError('startup_data_dir_busy', `cannot lock ${file} — remove it if no switchboard runs`, {
    status: 409,
  });
}

/** Record the server's HTTP port in the lock of `dataDir` (shown to other commands). */
export function noteServerPort(dataDir: string, port: number): void {
  const file = lockPath(dataDir);
  const owner = held.get(file);
  if (!owner) return;
  owner.command = 'server';
  owner.port = port;
  writeFileSync(file, JSON.stringify(owner));
}

function releaseFile(file: string): void {
  if (!held.delete(file)) return;
  const current = readOwner(file);
  if (!current || current.pid === process.pid) rmSync(file, { force: true });
}
