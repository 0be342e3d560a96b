/** Fixture loading, the fixtures' shared identity, and payload builders for the fake Discord. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the shared Discord fixtures live (outside the repo, read at test time). */
export const DISCORD_FIXTURES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/fixtures/discord',
);

/** A fixture file: `{ _t?, payload }`. */
export function loadDiscordFixture(name: string): { _t?: string; payload: Record<string, unknown> } {
  return JSON.parse(readFileSync(path.join(DISCORD_FIXTURES_DIR, `${name}.json`), 'utf8'));
}

/** Shared identity of the fixtures. */
export const IDS = {
  bot: '809850198683418695',
  guild: '772904309264089089',
  general: '772908445358620702',
  human: '167348773423415296',
  otherBot: '1111111111111111111',
  dmChannel: '319674150115610528',
  dmUser: '82198898841029460',
  /** The role the fixture guild member (`human`) has. */
  memberRole: '785609923542777878',
} as const;

/** INTERACTION_CREATE `d` for a button click on `message` (a bot message with components). */
export function interactionPayload(input: {
  customId: string;
  message: Record<string, unknown>;
  userId: string;
  userName: string;
  snowflake: () => string;
  /** Role ids of the clicking member (default: the fixture member's role). */
  roles?: string[];
}): Record<string, unknown> {
  const { customId, message, userId, userName, snowflake, roles = [IDS.memberRole] } = input;
  const channelId = String(message.channel_id);
  const user = { id: userId, username: userName, discriminator: '0', avatar: null, global_name: userName };
  return {
    id: snowflake(),
    application_id: IDS.bot,
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    guild_id: IDS.guild,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: IDS.guild },
    member: {
      user,
      roles,
      permissions: '0',
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    token: `interaction-token-${snowflake()}`,
    version: 1,
    message: { ...message, guild_id: IDS.guild },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
  };
}
