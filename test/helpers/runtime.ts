/** Start a real runtime for a test file (real HTTP on 127.0.0.1, random port). */
import { randomBytes } from 'node:crypto';
import {
  type AppRuntime,
  type CreateRuntimeOptions,
  createRuntime,
  type StartOptions,
} from '../../src/app/create-runtime.js';
import { configWith } from '../../src/config.js';

/** A started test runtime. */
export interface TestRuntime {
  runtime: AppRuntime;
  url: string;
  /** fetch JSON against the runtime. */
  api(
    path: string,
    init?: { method?: string; body?: unknown; token?: string; rawBody?: string; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes in tests
  ): Promise<{ status: number; body: any }>;
}

/** Create + start a runtime. `env` overrides configuration (DATABASE_URL, REDIS_URL...). */
export async function startTestRuntime(
  env: Record<string, string | undefined>,
  options: CreateRuntimeOptions & { start?: StartOptions } = {},
): Promise<TestRuntime> {
  const config = configWith({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', DATA_DIR: 'memory://', ...env });
  const runtime = await createRuntime(config, { queuePrefix: `t${randomBytes(4).toString('hex')}`, ...options });
  const { url } = await runtime.start(options.start);
  return {
    runtime,
    url,
    async api(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = 'application/json';
      } else if (init.rawBody !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(url + path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
  };
}
