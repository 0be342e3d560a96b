/**
 * SLA due times of an escalation: the configured minutes apply to `normal` priority, other
 * priorities scale them, and only staffed time counts (SUPPORT_HOURS; always staffed when unset).
 */
import type { Priority } from '../core/index.js';
import { addStaffedMinutes, type SupportHours } from '../core/support-hours.js';

/** SLA settings in minutes. */
export interface SlaMinutes {
  firstResponse: number;
  resolution: number;
}

/** Priority multipliers on the configured SLA (urgent is 4x tighter, low 2x looser). */
const PRIORITY_FACTOR: Record<Priority, number> = { urgent: 0.25, high: 0.5, normal: 1, low: 2 };

/**
 * Compute SLA due times from `openedAt`. The configured minutes apply to `normal` priority;
 * other priorities scale them (urgent 1/4, high 1/2, low x2).
 */
export function slaDueTimes(
  openedAt: Date,
  sla: SlaMinutes,
  priority: Priority = 'normal',
  hours: SupportHours | null = null,
): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const f = PRIORITY_FACTOR[priority];
  // Only staffed time counts (SUPPORT_HOURS; always staffed when unset).
  const due = (minutes: number) => addStaffedMinutes(hours, openedAt, Math.round(minutes * f * 60_000) / 60_000);
  return {
    firstResponseDueAt: due(sla.firstResponse),
    resolutionDueAt: due(sla.resolution),
  };
}
