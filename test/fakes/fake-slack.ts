/**
 * A fake Slack Web API over real HTTP on 127.0.0.1 (port 0): records every call, answers
 * auth.test, chat.postMessage/update/postEphemeral, users.info, conversations.replies and
 * reactions.add, and can fail the next N calls of a method (e.g. 429 with Retry-After). Also
 * exports helpers to send correctly signed Events API / interactivity requests to a server.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Web API call. */
export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  status: number;
  at: number;
}

/** A message the fake holds (posted by the bot through chat.postMessage). */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown;
  user: string;
  bot_id: string;
}

/** A scripted failure for the next calls of a method. */
export interface FakeSlackFailure {
  /** HTTP status (default 200 with ok:false when `error` is set, else 429). */
  status?: number;
  /** Retry-After seconds for 429s (default 1). */
  retryAfter?: number;
  /** Slack error code for ok:false answers. */
  error?: string;
}

/** A user users.info knows (guest flags as Slack sends them). */
export interface FakeSlackUser {
  name: string;
  real_name: string;
  team_id?: string;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_stranger?: boolean;
  deleted?: boolean;
}

/** The running fake. */
export interface FakeSlack {
  /** Web API base URL with trailing slash (use as SLACK_API_URL). */
  url: string;
  calls: FakeSlackCall[];
  messages: FakeSlackMessage[];
  identity: { user_id: string; bot_id: string; team_id: string; user: string };
  /** users.info answers; `team_id` defaults to the bot's team. */
  users: Map<string, FakeSlackUser>;
  /** Fail the next `times` calls of `method`, after letting `skip` calls succeed. */
  failNext(method: string, failure?: FakeSlackFailure, times?: number, skip?: number): void;
  /** Successful calls of `method`. */
  ok(method: string): FakeSlackCall[];
  /** Wait until `pred` holds (polls every 20 ms). */
  waitFor<T>(pred: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = v;
    if (JSON_FIELDS.has(k)) {
      try {
        out[k] = JSON.parse(v);
      } catch {
        /* keep the string */
      }
    }
  }
  return out;
}

/** Start the fake on 127.0.0.1 with a random port. */
export async function startFakeSlack(identity: Partial<FakeSlack['identity']> = {}): Promise<FakeSlack> {
  const fake: Omit<FakeSlack, 'url' | 'close'> = {
    calls: [],
    messages: [],
    identity: { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T111', user: 'switchboard', ...identity },
    users: new Map(),
    failNext(method, failure = {}, times = 1, skip = 0) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < skip; i++) list.push(null);
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    ok(method) {
      return fake.calls.filter((c) => c.method === method && c.status === 200);
    },
    async waitFor(pred, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = pred();
        if (v) return v;
        if (Date.now() > until) throw new Error('fake-slack waitFor timed out');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  const failures = new Map<string, (FakeSlackFailure | null)[]>();
  let counter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const id = fake.identity;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: id.user,
          team_id: id.team_id,
          user_id: id.user_id,
          bot_id: id.bot_id,
        };
      case 'chat.postMessage': {
        const msg: FakeSlackMessage = {
          channel: String(args.channel),
          ts: nextTs(),
          text: String(args.text ?? ''),
          user: id.user_id,
          bot_id: id.bot_id,
        };
        if (args.thread_ts) msg.thread_ts = String(args.thread_ts);
        if (args.blocks) msg.blocks = args.blocks;
        fake.messages.push(msg);
        return { ok: true, channel: msg.channel, ts: msg.ts, message: { ...msg, type: 'message' } };
      }
      case 'chat.update': {
        const m = fake.messages.find((x) => x.channel === args.channel && x.ts === args.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        m.text = String(args.text ?? m.text);
        if (args.blocks) m.blocks = args.blocks;
        return { ok: true, channel: m.channel, ts: m.ts, text: m.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'users.info': {
        const u = fake.users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: args.user,
            ...u,
            team_id: u.team_id ?? fake.identity.team_id,
            profile: { real_name: u.real_name, display_name: u.name },
          },
        };
      }
      case 'conversations.replies': {
        const ts = String(args.ts);
        const messages = fake.messages.filter((m) => m.channel === args.channel && (m.ts === ts || m.thread_ts === ts));
        return { ok: true, messages, has_more: false };
      }
      case 'reactions.add':
        return { ok: true };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server: Server = createServer(async (req, res) => {
    const method = (req.url ?? '').split('?')[0]?.replace(/^\/api\//, '') ?? '';
    const args = await readBody(req);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (args.token as string | undefined);
    const failure = failures.get(method)?.shift();
    let status = 200;
    let body: Record<string, unknown>;
    if (failure && (failure.status === 429 || (!failure.error && failure.status === undefined))) {
      status = 429;
      res.setHeader('Retry-After', String(failure.retryAfter ?? 1));
      body = { ok: false, error: 'ratelimited' };
    } else if (failure) {
      status = failure.status ?? 200;
      body = { ok: false, error: failure.error ?? 'internal_error' };
    } else {
      body = answer(method, args);
    }
    fake.calls.push({ method, args, token, status: body.ok ? status : status === 200 ? 400 : status, at: Date.now() });
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://127.0.0.1:${port}/api/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  } as FakeSlack;
}

/** Options for {@link slackRequest}. */
export interface SlackRequestOptions {
  /** Form-encode as `payload=` (interactivity). */
  form?: boolean;
  /** Unix seconds for X-Slack-Request-Timestamp (default now). */
  timestamp?: number;
  /** Extra headers (e.g. X-Slack-Retry-Num). */
  headers?: Record<string, string>;
  /** Mutate the body after signing (negative tests). */
  tamper?: (body: string) => string;
}

/** Build a signed Slack request (the recipe in /work/shared/fixtures/README.md). */
export function slackRequest(payload: unknown, signingSecret: string, options: SlackRequestOptions = {}) {
  const json = JSON.stringify(payload);
  const body = options.form ? `payload=${encodeURIComponent(json)}` : json;
  const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body: options.tamper ? options.tamper(body) : body,
    headers: {
      'Content-Type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
      'X-Slack-Request-Timestamp': ts,
      'X-Slack-Signature': sig,
      ...options.headers,
    },
  };
}

/** POST a signed Slack request to `${baseUrl}/slack/events`. */
export async function postSlack(
  baseUrl: string,
  payload: unknown,
  signingSecret: string,
  options: SlackRequestOptions = {},
): Promise<{ status: number; text: string; ms: number }> {
  const { body, headers } = slackRequest(payload, signingSecret, options);
  const t0 = Date.now();
  const r = await fetch(`${baseUrl}/slack/events`, { method: 'POST', body, headers });
  return { status: r.status, text: await r.text(), ms: Date.now() - t0 };
}

/** An Events API envelope around one event. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${Math.random().toString(36).slice(2, 10)}`,
) {
  return {
    token: 'x',
    team_id: 'T111',
    api_app_id: 'A111',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
}
