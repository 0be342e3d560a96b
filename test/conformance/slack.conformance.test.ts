/**
 * The shared ChannelAdapter conformance suite against the Slack adapter: signed Events API requests
 * over real HTTP to the adapter's `httpMiddleware` (served by a tiny express app on 127.0.0.1), and
 * replies captured by the fake Slack Web API.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { configWith } from '../../src/config.js';
import { eventEnvelope, postSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type Harness, runChannelAdapterConformance, type SentRecord } from './channel-adapter-suite.js';

const SECRET = 'conformance-signing-secret';
const DM = 'DCONF1';
const CUSTOMER = 'UCUST1';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Plain text -> Slack wire text (Slack escapes `&`, `<`, `>` in what users type). */
const toWire = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Slack wire text -> what Slack displays for the escapes (`&lt;` -> `<` …, `&amp;` last). */
const fromWire = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** True when Slack would notify someone for a chat.postMessage with these args. */
function pings(args: Record<string, unknown>): boolean {
  const text = String(args.text ?? '');
  if (/<!(channel|here|everyone)(\|[^>]*)?>/.test(text)) return true;
  if (/<@[UW][A-Z0-9]+(\|[^>]*)?>/.test(text)) return true;
  if (/<!subteam\^[A-Z0-9]+(\|[^>]*)?>/.test(text)) return true;
  // With link_names Slack also links plain-text broadcasts.
  const linkNames = args.link_names === true || args.link_names === 'true' || args.link_names === '1';
  return linkNames && /(^|\s)@(channel|here|everyone)\b/.test(text);
}

async function makeHarness(): Promise<Harness> {
  const fake = await startFakeSlack({ user_id: 'UBOT', bot_id: 'BBOT' });
  fake.users.set(CUSTOMER, { name: 'casey', real_name: 'Casey Customer' });
  const adapter = createSlackAdapter(
    configWith({ SLACK_BOT_TOKEN: 'xoxb-conformance', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url }),
    { log: quiet, timeoutMs: 5000 },
  );
  const middleware = adapter.httpMiddleware;
  if (!middleware) throw new Error('the Slack adapter exposes no httpMiddleware in Events API mode');
  let server: Server | undefined;
  let baseUrl = '';
  let seq = 0;
  /** harness eventId -> the Slack `ts` and `event_id` of that delivery. */
  const events = new Map<string, { ts: string; eventId: string }>();

  return {
    adapter,
    async start(handlers) {
      await adapter.start(handlers);
      const app = express();
      app.use(middleware as express.RequestHandler);
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async inbound(text, opts) {
      const known = opts?.eventId ? events.get(opts.eventId) : undefined;
      const ids = known ?? {
        ts: `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`,
        eventId: `EvConf${Date.now().toString(36)}${seq}`,
      };
      if (opts?.eventId) events.set(opts.eventId, ids);
      const event = {
        type: 'message',
        channel: DM,
        channel_type: 'im',
        user: CUSTOMER,
        text: toWire(text),
        ts: ids.ts,
      };
      const headers = known ? { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } : undefined;
      const r = await postSlack(baseUrl, eventEnvelope(event, ids.eventId), SECRET, headers ? { headers } : {});
      if (r.status !== 200) throw new Error(`Slack events endpoint answered ${r.status}: ${r.text}`);
    },
    async sent() {
      return fake
        .ok('chat.postMessage')
        .map(
          (c): SentRecord => ({ text: fromWire(String(c.args.text ?? '')), pings: pings(c.args), executable: false }),
        );
    },
    async close() {
      const s = server;
      if (s) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
      await fake.close();
    },
  };
}

runChannelAdapterConformance('slack', makeHarness);
