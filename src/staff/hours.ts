/** Staffed hours as the console shows them (SUPPORT_HOURS; null = always staffed). */
import { describeLocal, isStaffed, nextStaffedAt, type SupportHours } from '../core/support-hours.js';

/** The schedule and whether someone is on duty now. */
export interface SupportHoursNow {
  schedule: string;
  timeZone: string;
  staffedNow: boolean;
  /** Next staffed moment in the team's time ("Mon 09:00 (Europe/Berlin)"); null while staffed. */
  backAt: string | null;
  backAtIso: string | null;
}

/** Describe `hours` at `now` for the console (null when always staffed). */
export function supportHoursNow(hours: SupportHours | null, now = new Date()): SupportHoursNow | null {
  if (!hours) return null;
  const staffedNow = isStaffed(hours, now);
  const back = staffedNow ? null : nextStaffedAt(hours, now);
  return {
    schedule: hours.text,
    timeZone: hours.timeZone,
    staffedNow,
    backAt: back ? describeLocal(hours, back) : null,
    backAtIso: back ? back.toISOString() : null,
  };
}
