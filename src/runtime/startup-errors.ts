/**
 * Clear start-up errors (issue 12.6): the raw failures of start-up (port taken, database missing or
 * unreachable, Redis unreachable, a schema from a newer version) as one line naming the problem and
 * the fix, for an operator reading a terminal — no stack trace.
 */
import { isSwitchboardError, SwitchboardError } from '../core/index.js';

/** Where a start-up step was pointed, to name it in the message (credentials never shown). */
export interface StartupTarget {
  port?: number;
  databaseUrl?: string;
  redisUrl?: string;
}

/** An error that stops start-up; `message` is the one line to print. */
export function startupError(code: string, message: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError(code, message, { status: 503, cause });
}

/** `host:port/db` of a URL without user or password. */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'the configured address';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

/** The error code of `err` (or of the first error of an AggregateError). */
function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] } | undefined;
  if (typeof e?.code === 'string') return e.code;
  if (Array.isArray(e?.errors)) return codeOf(e.errors[0]);
  return undefined;
}

/**
 * Turn a start-up failure into one line: "<problem> — <fix>". Errors already explained (a
 * SwitchboardError from start-up) keep their message; unknown ones keep theirs, prefixed.
 */
export function explainStartupError(err: unknown, target: StartupTarget): string {
  if (isSwitchboardError(err) && err.code.startsWith('startup_')) return err.message;
  if (isSwitchboardError(err) && err.code === 'schema_too_new') return err.message;
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'EADDRINUSE')
    return `port ${target.port} is already in use — stop the other process or set PORT to a free port`;
  if (code === 'EACCES' && target.port !== undefined)
    return `port ${target.port} needs privileges this user does not have — set PORT to a port above 1023`;
  if (target.databaseUrl) {
    const where = safeUrl(target.databaseUrl);
    if (code === '3D000')
      return `the database in DATABASE_URL (${where}) does not exist — create it (createdb ${where.split('/').pop()}) or fix DATABASE_URL`;
    if (code === '28P01' || code === '28000')
      return `Postgres refused the login in DATABASE_URL (${where}) — check the user and password`;
    if ((code && UNREACHABLE.has(code)) || /timeout|terminated|connect/i.test(message))
      return `cannot reach Postgres at ${where} (${code ?? 'no answer'}) — start it or fix DATABASE_URL`;
  }
  return `start-up failed: ${message.split('\n')[0]}`;
}

/** Wait until `ping` answers true, up to `timeoutMs`; throws a start-up error naming Redis otherwise. */
export async function requireRedis(
  ping: (timeoutMs: number) => Promise<boolean>,
  redisUrl: string,
  timeoutMs = 3_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(Math.min(1_000, Math.max(100, deadline - Date.now())))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw startupError(
    'startup_redis_unreachable',
    `cannot reach Redis at ${safeUrl(redisUrl)} — start it or fix REDIS_URL (unset it to run everything in one process)`,
  );
}
