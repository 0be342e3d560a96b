/**
 * A fake OpenAI-compatible server on 127.0.0.1 (real HTTP): POST /v1/chat/completions with
 * JSON-schema structured output, tool calls, streaming (SSE + final usage chunk when
 * stream_options.include_usage), token usage, and injectable failures (500, 429 with/without
 * Retry-After, slow responses, malformed JSON). Each test scripts a responder that sees the request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the responder sees it. */
export interface FakeRequest {
  model: string;
  // biome-ignore lint/suspicious/noExplicitAny: raw OpenAI request body
  body: any;
  system: string;
  /** The last user message. */
  user: string;
  /** Requested JSON schema (response_format json_schema), if any. */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  /** Names of the tools offered. */
  tools: string[];
  /** Contents of tool-result messages so far. */
  toolResults: string[];
}

/** What the responder answers. */
export interface FakeReply {
  /** Text, or an object serialized as JSON. */
  content?: string | Record<string, unknown>;
  toolCalls?: { name: string; arguments: Record<string, unknown> | string }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/** Per-test scripted responder. */
export type Responder = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

/** One request the fake received. */
export interface RecordedCall extends FakeRequest {
  stream: boolean;
  /** HTTP status the fake answered with. */
  status: number;
  /** What was injected (none when the responder answered). */
  failure: FailureMode;
}

/** Injectable failures. */
export type FailureMode = 'none' | '500' | '429' | '429-retry-after' | 'slow' | 'malformed';

/** Scope of an injected failure. */
export interface FailureOptions {
  /** Only these models fail (default: all). */
  models?: string[];
  /** Fail this many requests, then answer normally (default: unlimited). */
  times?: number;
  /** Retry-After seconds for '429-retry-after' (default 1). */
  retryAfterSeconds?: number;
  /** Delay for 'slow' (default 5000 ms). */
  delayMs?: number;
}

/** Handle of a running fake. */
export interface FakeOpenAI {
  /** Base URL to use as OPENAI_BASE_URL (ends in /v1). */
  url: string;
  calls: RecordedCall[];
  script(fn: Responder): void;
  setFailure(mode: FailureMode, options?: FailureOptions): void;
  close(): Promise<void>;
}

/** Build a value matching a JSON schema (first enum value, 0.5 for numbers, "ok" for strings). */
export function sampleFromSchema(schema: Record<string, unknown>): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return sampleFromSchema(schema.anyOf[0] as Record<string, unknown>);
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sampleFromSchema(v)]));
    }
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return 0.5;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'ok';
  }
}

const defaultResponder: Responder = (req) =>
  req.jsonSchema ? { content: sampleFromSchema(req.jsonSchema.schema) as Record<string, unknown> } : { content: 'ok' };

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => (c as { text?: string }).text ?? '').join('');
  return '';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Start the fake on a random port. */
export async function startFakeOpenAI(options: { responder?: Responder } = {}): Promise<FakeOpenAI> {
  let responder = options.responder ?? defaultResponder;
  let failure: { mode: FailureMode; opts: FailureOptions; used: number } = { mode: 'none', opts: {}, used: 0 };
  const calls: RecordedCall[] = [];
  let seq = 0;

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
    }
    // biome-ignore lint/suspicious/noExplicitAny: raw request body
    let body: any;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, { error: { message: 'bad json', type: 'invalid_request_error' } });
    }
    // biome-ignore lint/suspicious/noExplicitAny: raw messages
    const messages: any[] = body.messages ?? [];
    const rf = body.response_format;
    const fakeReq: FakeRequest = {
      model: String(body.model),
      body,
      system: messages
        .filter((m) => m.role === 'system' || m.role === 'developer')
        .map((m) => textOf(m.content))
        .join('\n'),
      user: textOf([...messages].reverse().find((m) => m.role === 'user')?.content ?? ''),
      jsonSchema: rf?.type === 'json_schema' ? { name: rf.json_schema.name, schema: rf.json_schema.schema } : undefined,
      // biome-ignore lint/suspicious/noExplicitAny: raw tools
      tools: (body.tools ?? []).map((t: any) => t.function?.name),
      toolResults: messages.filter((m) => m.role === 'tool').map((m) => textOf(m.content)),
    };
    const stream = body.stream === true;
    const record = (status: number, mode: FailureMode) => calls.push({ ...fakeReq, stream, status, failure: mode });

    const f = failure;
    const applies =
      f.mode !== 'none' &&
      (!f.opts.models || f.opts.models.includes(fakeReq.model)) &&
      (f.opts.times === undefined || f.used < f.opts.times);
    if (applies) {
      f.used++;
      if (f.mode === '500') {
        record(500, f.mode);
        return sendJson(res, 500, { error: { message: 'injected server error', type: 'server_error' } });
      }
      if (f.mode === '429' || f.mode === '429-retry-after') {
        record(429, f.mode);
        const headers: Record<string, string> =
          f.mode === '429-retry-after' ? { 'retry-after': String(f.opts.retryAfterSeconds ?? 1) } : {};
        return sendJson(res, 429, { error: { message: 'injected rate limit', type: 'rate_limit_error' } }, headers);
      }
      if (f.mode === 'slow') {
        record(200, f.mode);
        await new Promise((r) => setTimeout(r, f.opts.delayMs ?? 5000));
        if (res.destroyed) return;
      }
    }

    let reply: FakeReply;
    try {
      reply = await responder(fakeReq);
    } catch (err) {
      record(500, 'none');
      return sendJson(res, 500, {
        error: { message: `responder failed: ${(err as Error).message}`, type: 'server_error' },
      });
    }
    const malformed = applies && f.mode === 'malformed';
    if (!applies || f.mode !== 'slow') record(200, malformed ? 'malformed' : 'none');
    let content =
      reply.content === undefined
        ? null
        : typeof reply.content === 'string'
          ? reply.content
          : JSON.stringify(reply.content);
    if (malformed) content = '{"this is": not json';
    const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({
      id: `call_${++seq}_${i}`,
      type: 'function',
      function: {
        name: t.name,
        arguments: typeof t.arguments === 'string' ? t.arguments : JSON.stringify(t.arguments),
      },
    }));
    const promptChars =
      messages.reduce((n, m) => n + textOf(m.content).length, 0) + JSON.stringify(body.tools ?? []).length;
    const usage = reply.usage ?? {
      prompt_tokens: Math.ceil(promptChars / 4),
      completion_tokens: Math.ceil(
        ((content ?? '').length + JSON.stringify(toolCalls).length * (toolCalls.length ? 1 : 0)) / 4,
      ),
    };
    const usageOut = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const finish = toolCalls.length ? 'tool_calls' : 'stop';
    const id = `chatcmpl-${++seq}`;
    const created = Math.floor(Date.now() / 1000);

    if (!stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: fakeReq.model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content,
              ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
              refusal: null,
            },
            finish_reason: finish,
            logprobs: null,
          },
        ],
        usage: usageOut,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: unknown, finishReason: string | null = null) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: fakeReq.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
      );
    chunk({ role: 'assistant', content: '' });
    for (const piece of (content ?? '').match(/[\s\S]{1,16}/g) ?? []) chunk({ content: piece });
    toolCalls.forEach((t, i) => {
      chunk({
        tool_calls: [
          {
            index: i,
            id: t.id,
            type: 'function',
            function: { name: t.function.name, arguments: t.function.arguments },
          },
        ],
      });
    });
    chunk({}, finish);
    if (body.stream_options?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: fakeReq.model, choices: [], usage: usageOut })}\n\n`,
      );
    }
    res.end('data: [DONE]\n\n');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    script(fn) {
      responder = fn;
    },
    setFailure(mode, opts = {}) {
      failure = { mode, opts, used: 0 };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
