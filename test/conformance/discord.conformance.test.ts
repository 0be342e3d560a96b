/** The shared ChannelAdapter conformance suite against the Discord adapter and the fake Discord. */
import { createDiscordAdapter } from '../../adapters/discord/index.js';
import { configWith } from '../../src/config.js';
import { createFakeDiscord, IDS } from '../fakes/fake-discord.js';
import { type Harness, runChannelAdapterConformance, type SentRecord } from './channel-adapter-suite.js';

/** True when Discord would notify someone for a create-message body. */
function pings(body: Record<string, unknown>): boolean {
  const am = body.allowed_mentions as {
    parse?: unknown[];
    users?: unknown[];
    roles?: unknown[];
    replied_user?: boolean;
  };
  if (!am || !Array.isArray(am.parse)) return true; // Discord's default parses everything
  return am.parse.length > 0 || (am.users?.length ?? 0) > 0 || (am.roles?.length ?? 0) > 0 || am.replied_user === true;
}

async function makeHarness(): Promise<Harness> {
  const fake = await createFakeDiscord();
  const adapter = createDiscordAdapter(
    configWith({ DISCORD_BOT_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_SUPPORT_CHANNELS: IDS.general }),
  );
  const ids = new Map<string, string>();
  return {
    adapter,
    async inbound(text, opts) {
      let id: string | undefined;
      if (opts?.eventId) {
        id = ids.get(opts.eventId) ?? fake.snowflake();
        ids.set(opts.eventId, id);
      }
      fake.customerMessage({ content: text, ...(id ? { id } : {}) });
    },
    async sent() {
      const seen = new Set<string>();
      const out: SentRecord[] = [];
      for (const c of fake.calls) {
        if (c.method !== 'POST' || !/^\/channels\/\d+\/messages$/.test(c.path) || !c.body) continue;
        const nonce = String(c.body.nonce ?? Math.random());
        if (seen.has(nonce)) continue;
        seen.add(nonce);
        out.push({ text: String(c.body.content ?? ''), pings: pings(c.body), executable: false });
      }
      return out;
    },
    close: () => fake.close(),
  };
}

runChannelAdapterConformance('discord', makeHarness);
