/**
 * Fake Discord for tests: real HTTP REST (`/api/v10/...`) and a real WebSocket gateway on
 * 127.0.0.1, built from the shared fixtures in /work/shared/fixtures/discord. Records REST calls,
 * stores created messages and threads (echoing them as gateway dispatches, like Discord), honours
 * `enforce_nonce`, and can refuse, hang or rate-limit requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeGateway, type FakeGateway } from './fake-discord-gateway.js';
import { IDS, interactionPayload, loadDiscordFixture } from './fake-discord-payloads.js';

export { DISCORD_FIXTURES_DIR, IDS, loadDiscordFixture } from './fake-discord-payloads.js';

/** One recorded REST call. */
export interface RestCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  auth: string | undefined;
}

/** How the next REST calls fail. */
export type RestFailure =
  | { kind: 'status'; status: number; code?: number }
  | { kind: 'hang' }
  | { kind: 'ratelimit'; retryAfterMs: number };

/** The fake's controls. */
export interface FakeDiscord {
  /** REST base for DISCORD_API_URL (`http://127.0.0.1:<port>/api`). */
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  gateway: FakeGateway;
  calls: RestCall[];
  /** Messages the bot created, in order. */
  created: Array<Record<string, unknown>>;
  /** Make the next `times` message-create calls fail (default: until `fail(null)`). */
  fail(failure: RestFailure | null, times?: number): void;
  /** Dispatch a customer MESSAGE_CREATE built from a fixture; returns its payload. */
  customerMessage(input: CustomerMessageInput): Record<string, unknown>;
  /** Dispatch a fixture file verbatim (with optional field overrides). */
  dispatchFixture(name: string, overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A fresh snowflake (timestamp = now). */
  snowflake(): string;
  /** A message the bot created (live object: PATCHes apply). */
  message(id: string): Record<string, unknown> | undefined;
  /** Dispatch INTERACTION_CREATE: a human clicks a button on a bot message. */
  clickButton(input: {
    customId: string;
    messageId: string;
    userId?: string;
    userName?: string;
    /** Role ids of the clicking member (default: the fixture member's role). */
    roles?: string[];
  }): void;
  close(): Promise<void>;
}

/** A customer message for {@link FakeDiscord.customerMessage}. */
export interface CustomerMessageInput {
  content: string;
  channelId?: string;
  /** 'guild' (default), 'dm' or 'thread' (then channelId is the thread). */
  kind?: 'guild' | 'dm' | 'thread';
  id?: string;
  authorId?: string;
  attachments?: unknown[];
  /** Role ids of the author's guild member (default: the fixture's). */
  memberRoles?: string[];
}

const EPOCH = 1420070400000n;

/** Options for {@link createFakeDiscord}. */
export interface FakeDiscordOptions {
  token?: string;
  heartbeatIntervalMs?: number;
  /** Channels added to the fixture guild (e.g. a staff channel). */
  extraChannels?: Array<Record<string, unknown>>;
  /** URL advertised by GET /gateway/bot (default: the fake gateway itself). */
  advertisedGatewayUrl?: string;
  /** Channels where thread creation is refused with 403 Missing Permissions. */
  noThreadChannels?: string[];
}

/** Start the fake on a random 127.0.0.1 port. */
export async function createFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'fake-discord-token';
  const ready = loadDiscordFixture('ready').payload;
  const fixtureGuild = loadDiscordFixture('guild_create').payload;
  const guild = {
    ...fixtureGuild,
    channels: [...(fixtureGuild.channels as Array<Record<string, unknown>>), ...(options.extraChannels ?? [])],
    // Discord sends every role in GUILD_CREATE; the fixture has none, so add the fixture member's role.
    roles: [
      ...((fixtureGuild.roles as Array<Record<string, unknown>> | undefined) ?? []),
      {
        id: IDS.memberRole,
        name: 'support-staff',
        color: 0,
        hoist: false,
        position: 1,
        permissions: '0',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
  };
  const byId = new Map<string, Record<string, unknown>>();
  const threads = new Map<string, Record<string, unknown>>();
  const calls: RestCall[] = [];
  const created: Array<Record<string, unknown>> = [];
  const nonces = new Map<string, Record<string, unknown>>();
  let failure: RestFailure | null = null;
  let failuresLeft = Number.POSITIVE_INFINITY;
  let inc = 0n;
  const snowflake = () => String(((BigInt(Date.now()) - EPOCH) << 22n) | (inc++ & 0xfffn));

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  function guildPayload(): Record<string, unknown> {
    return { ...guild, threads: [...threads.values()] };
  }

  function createMessage(channelId: string, body: Record<string, unknown>): Record<string, unknown> {
    const template = loadDiscordFixture('rest_create_message_response').payload;
    const thread = threads.get(channelId);
    const message = {
      ...template,
      reactions: [],
      id: snowflake(),
      channel_id: channelId,
      content: body.content ?? '',
      components: body.components ?? [],
      nonce: body.nonce,
      timestamp: new Date().toISOString(),
      author: ready.user,
      ...(body.message_reference ? { type: 19, message_reference: body.message_reference } : {}),
      ...(thread || channelId === IDS.general ? { guild_id: IDS.guild } : {}),
    };
    created.push(message);
    byId.set(message.id, message);
    // Discord echoes the bot's own messages on the gateway.
    gateway.dispatch('MESSAGE_CREATE', { ...message, channel_type: thread ? 11 : channelId === IDS.general ? 0 : 1 });
    return message;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    const p = url.pathname.replace(/^\/api\/v\d+/, '');
    calls.push({ method: req.method ?? 'GET', path: p, body, auth: req.headers.authorization });
    // Interaction callbacks and follow-ups authenticate with the interaction token, not the bot token.
    if (req.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) {
      res.writeHead(204);
      return void res.end();
    }
    if (req.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(p)) {
      return json(res, 200, { ...createMessage('0', body ?? {}), webhook_id: IDS.bot, flags: body?.flags ?? 0 });
    }
    if (req.headers.authorization !== `Bot ${token}`) return json(res, 401, { message: '401: Unauthorized', code: 0 });
    if (req.method === 'GET' && p === '/gateway/bot') {
      return json(res, 200, {
        url: options.advertisedGatewayUrl ?? gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    let m = p.match(/^\/channels\/(\d+)\/messages$/);
    if (req.method === 'POST' && m && body) {
      const channelId = m[1]!;
      if (failure && failuresLeft > 0) {
        failuresLeft -= 1;
        const f = failure;
        if (failuresLeft <= 0) failure = null;
        if (f.kind === 'hang') return; // never answer: the client times out
        if (f.kind === 'ratelimit') {
          const secs = String(f.retryAfterMs / 1000);
          return json(
            res,
            429,
            { message: 'You are being rate limited.', retry_after: f.retryAfterMs / 1000, global: false },
            {
              'retry-after': secs,
              'x-ratelimit-scope': 'user',
              'x-ratelimit-limit': '5',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset-after': secs,
              'x-ratelimit-bucket': 'fakebucket',
            },
          );
        }
        return json(res, f.status, { message: 'fake failure', code: f.code ?? 0 });
      }
      const nonceKey = body.enforce_nonce && body.nonce ? `${channelId}:${String(body.nonce)}` : null;
      const existing = nonceKey ? nonces.get(nonceKey) : undefined;
      if (existing) return json(res, 200, existing);
      const message = createMessage(channelId, body);
      if (nonceKey) nonces.set(nonceKey, message);
      return json(res, 200, message);
    }
    m = p.match(/^\/channels\/(\d+)\/messages\/(\d+)$/);
    if (m && (req.method === 'GET' || req.method === 'PATCH')) {
      const message = byId.get(m[2]!);
      if (!message || message.channel_id !== m[1]) return json(res, 404, { message: 'Unknown Message', code: 10008 });
      if (req.method === 'PATCH' && body) Object.assign(message, body, { edited_timestamp: new Date().toISOString() });
      return json(res, 200, message);
    }
    m = p.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/);
    if (req.method === 'POST' && m) {
      const [, parentId, messageId] = m as unknown as [string, string, string];
      if (options.noThreadChannels?.includes(parentId))
        return json(res, 403, { message: 'Missing Permissions', code: 50013 });
      if (threads.has(messageId)) {
        return json(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
      }
      const thread = {
        ...loadDiscordFixture('thread_create').payload,
        id: messageId,
        parent_id: parentId,
        owner_id: IDS.bot,
        name: String(body?.name ?? 'thread'),
        message_count: 0,
        total_message_sent: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        last_message_id: null,
      };
      threads.set(messageId, thread);
      gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return json(res, 201, thread);
    }
    m = p.match(/^\/channels\/(\d+)$/);
    if (req.method === 'GET' && m) {
      const thread = threads.get(m[1]!);
      if (thread) return json(res, 200, thread);
      if (m[1] === IDS.dmChannel)
        return json(res, 200, { id: IDS.dmChannel, type: 1, last_message_id: null, recipients: [] });
      const ch = (guild.channels as Array<Record<string, unknown>>).find((c) => c.id === m![1]);
      if (ch) return json(res, 200, { ...ch, guild_id: IDS.guild });
      return json(res, 404, { message: 'Unknown Channel', code: 10003 });
    }
    return json(res, 404, { message: '404: Not Found', code: 0 });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => json(res, 500, { message: String(err), code: 0 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
  const gateway = createFakeGateway({
    server,
    path: '/gateway',
    token,
    heartbeatIntervalMs:
      options.heartbeatIntervalMs ?? Number(loadDiscordFixture('gateway_hello').payload.heartbeat_interval),
    ready: () => ready,
    guilds: () => [guildPayload()],
    resumeUrl: () => gatewayUrl,
  });

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    token,
    gateway,
    calls,
    created,
    snowflake,
    fail(f, times) {
      failure = f;
      failuresLeft = times ?? Number.POSITIVE_INFINITY;
    },
    customerMessage(input) {
      const kind = input.kind ?? 'guild';
      const base = loadDiscordFixture(kind === 'dm' ? 'message_create_dm' : 'message_create_guild_plain').payload;
      const channelId = input.channelId ?? (kind === 'dm' ? IDS.dmChannel : IDS.general);
      const author = { ...(base.author as object), ...(input.authorId ? { id: input.authorId } : {}) };
      const d = {
        ...base,
        id: input.id ?? snowflake(),
        channel_id: channelId,
        content: input.content,
        author,
        timestamp: new Date().toISOString(),
        attachments: input.attachments ?? [],
        ...(input.memberRoles ? { member: { ...(base.member as object), roles: input.memberRoles } } : {}),
        channel_type: kind === 'dm' ? 1 : kind === 'thread' ? 11 : 0,
      };
      gateway.dispatch('MESSAGE_CREATE', d);
      return d;
    },
    message: (id) => byId.get(id),
    clickButton({ customId, messageId, userId = IDS.human, userName = 'ian', roles }) {
      const message = byId.get(messageId);
      if (!message) throw new Error(`fake discord: no message ${messageId}`);
      const d = interactionPayload({ customId, message, userId, userName, snowflake, ...(roles ? { roles } : {}) });
      gateway.dispatch('INTERACTION_CREATE', d);
    },
    dispatchFixture(name, overrides = {}) {
      const f = loadDiscordFixture(name);
      const d = { ...f.payload, ...overrides };
      gateway.dispatch(String(f._t), d);
      return d;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
