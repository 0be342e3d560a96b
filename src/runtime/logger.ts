import type { Logger } from '../core/services.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/**
 * Fields that may hold customer text, model prompts/output or secrets. Their string values are
 * replaced by `[redacted N chars]` at info, warn and error (debug keeps them, for local diagnosis).
 */
export const REDACTED_KEYS = new Set([
  'text',
  'content',
  'body',
  'rawBody',
  'prompt',
  'system',
  'user',
  'password',
  'token',
  'authorization',
  'userHash',
  'summary',
  'raw',
]);

/**
 * A JSON-lines logger on stderr with redaction of customer text and secrets
 * ({@link REDACTED_KEYS}) at info and above. Never pass secrets or passwords in `data`.
 */
export function createLogger(level: keyof typeof LEVELS = 'info', base: Record<string, unknown> = {}): Logger {
  const min = LEVELS[level];
  const write = (lvl: keyof typeof LEVELS, msg: string, data?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    const replacer = lvl === 'debug' ? errorReplacer : redactingReplacer;
    const line = JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...base, ...data }, replacer);
    process.stderr.write(`${line}\n`);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

function redactingReplacer(key: string, value: unknown): unknown {
  if (REDACTED_KEYS.has(key)) {
    if (typeof value === 'string') return `[redacted ${value.length} chars]`;
    if (value && typeof value === 'object') return '[redacted]';
  }
  return errorReplacer(key, value);
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  return value;
}
