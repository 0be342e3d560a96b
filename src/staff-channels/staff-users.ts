/**
 * Map a chat-platform user (Slack/Discord id) to a Switchboard staff user. Unknown users are
 * auto-provisioned as `agent`s (email `<platform>-<id>@staff.invalid`, an unusable random password:
 * they act from the staff channel; an admin can link the row to a real login later by setting
 * staff_users.slack_user_id / discord_user_id on an existing account).
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { SwitchboardError } from '../core/errors.js';
import type { Db } from '../db/db.js';
import { findStaffByPlatformUser, type PlatformUserColumn, provisionPlatformStaff } from '../staff/staff-repo.js';

const COLUMN: Record<string, PlatformUserColumn> = {
  slack: 'slack_user_id',
  discord: 'discord_user_id',
};

/** A staff user as the relay needs it. */
export interface StaffIdentity {
  id: string;
  name: string;
}

/** Find (or create) the staff user for `platform` user `userId`. */
export async function resolveStaffUser(
  db: Db,
  platform: string,
  userId: string,
  userName?: string,
): Promise<StaffIdentity> {
  const column = COLUMN[platform];
  if (!column) throw new SwitchboardError('unknown_staff_platform', `unknown staff platform ${platform}`);
  const found = await findStaffByPlatformUser(db, column, userId);
  if (found) return found;
  const email = `${platform}-${userId}@staff.invalid`.toLowerCase();
  const hash = await bcrypt.hash(randomBytes(24).toString('hex'), 10);
  return provisionPlatformStaff(db, column, {
    email,
    name: userName?.trim() || `${platform} user ${userId}`,
    passwordHash: hash,
    userId,
  });
}
