/**
 * Who may act in the Slack staff channel (claim, resolve, release, reply to a customer).
 *
 * Policy (documented in docs/connect-slack.md):
 * - `SLACK_STAFF_USERS` set: only those user ids, and they must still pass the checks below.
 * - Always: the user belongs to the workspace the bot is installed in (team id from auth.test), is a
 *   full member (no single- or multi-channel guests, no Slack Connect strangers), and is neither
 *   deactivated nor a bot. Unknown users (users.info fails) are refused.
 * Answers are cached for `cacheMs` so a busy thread does not call users.info per message.
 */
import type { webApi } from '@slack/bolt';
import { slackCall } from './client.js';

/** Why a user may not act (or `ok`). */
export type SlackStaffAuthResult =
  | { ok: true }
  | { ok: false; reason: 'not_listed' | 'other_workspace' | 'guest' | 'inactive' | 'unknown_user' };

/** Options for {@link createSlackStaffAuthorizer}. */
export interface SlackStaffAuthOptions {
  client: webApi.WebClient;
  /** The bot's workspace (team id from auth.test); undefined before start (everyone is refused). */
  teamId: () => string | undefined;
  /** SLACK_STAFF_USERS (empty: any full member of the workspace). */
  allowedUsers: readonly string[];
  /** How long an answer is reused (default 60 s). */
  cacheMs?: number;
  log: { warn(msg: string, data?: Record<string, unknown>): void };
}

/** Decides whether a Slack user may act as staff; `teamHint` is the team id a payload claims. */
export type SlackStaffAuthorizer = (userId: string, teamHint?: string) => Promise<SlackStaffAuthResult>;

interface SlackUserInfo {
  team_id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_stranger?: boolean;
  enterprise_user?: { teams?: string[] };
}

/** Create the authorizer (see the module comment for the policy). */
export function createSlackStaffAuthorizer(options: SlackStaffAuthOptions): SlackStaffAuthorizer {
  const { client, teamId, log } = options;
  const allowed = new Set(options.allowedUsers);
  const cacheMs = options.cacheMs ?? 60_000;
  const cache = new Map<string, { at: number; result: SlackStaffAuthResult }>();

  async function lookup(userId: string, team: string): Promise<SlackStaffAuthResult> {
    let user: SlackUserInfo | undefined;
    try {
      const r = await slackCall('users.info', () => client.users.info({ user: userId }));
      user = r.user as SlackUserInfo | undefined;
    } catch (err) {
      log.warn('slack staff check: users.info failed', { userId, error: String(err) });
    }
    if (!user) return { ok: false, reason: 'unknown_user' };
    if (user.deleted || user.is_bot) return { ok: false, reason: 'inactive' };
    const teams = [user.team_id, ...(user.enterprise_user?.teams ?? [])];
    if (user.is_stranger || !teams.includes(team)) return { ok: false, reason: 'other_workspace' };
    if (user.is_restricted || user.is_ultra_restricted) return { ok: false, reason: 'guest' };
    return { ok: true };
  }

  return async (userId, teamHint) => {
    if (allowed.size > 0 && !allowed.has(userId)) return { ok: false, reason: 'not_listed' };
    const team = teamId();
    if (!team) return { ok: false, reason: 'unknown_user' };
    if (teamHint && teamHint !== team) return { ok: false, reason: 'other_workspace' };
    const hit = cache.get(userId);
    if (hit && Date.now() - hit.at < cacheMs) return hit.result;
    const result = await lookup(userId, team);
    if (cache.size > 5_000) cache.clear();
    cache.set(userId, { at: Date.now(), result });
    return result;
  };
}

/** The ephemeral text a refused user sees. */
export const SLACK_STAFF_REFUSAL =
  'Only members of the support team can act on handoffs here, so nothing was changed. Ask an admin to add you (SLACK_STAFF_USERS).';
