/** SUPPORT_HOURS: parsing, staffed now or not, when the team is back, SLA clocks that count staffed time only. */
import { describe, expect, it } from 'vitest';
import {
  addStaffedMinutes,
  describeLocal,
  isStaffed,
  nextStaffedAt,
  parseSupportHours,
  staffedMinutesBetween,
} from '../src/core/support-hours.js';
import { NOTICES, waitingNotice } from '../src/escalations/transitions.js';
import { waitNotice, waitText } from '../src/escalations/wait-ack.js';

const berlin = parseSupportHours('Mon-Fri 09:00-17:00 Europe/Berlin')!;
// 2025-01-06 is a Monday; Berlin is UTC+1 in January, UTC+2 in July.
const at = (iso: string) => new Date(iso);

describe('support hours', () => {
  it('unset means always staffed and plain SLA arithmetic', () => {
    expect(parseSupportHours(undefined)).toBeNull();
    expect(parseSupportHours('  ')).toBeNull();
    expect(isStaffed(null, at('2025-01-05T03:00:00Z'))).toBe(true);
    expect(addStaffedMinutes(null, at('2025-01-05T03:00:00Z'), 30).toISOString()).toBe('2025-01-05T03:30:00.000Z');
  });

  it('parses ranges, lists and single days; rejects nonsense with the variable name', () => {
    const h = parseSupportHours('Mon-Thu 08:30-18:00, Fri 08:30-15:00, Sat 10:00-14:00 America/New_York')!;
    expect(h.timeZone).toBe('America/New_York');
    expect(h.days[1]).toEqual([[510, 1080]]);
    expect(h.days[5]).toEqual([[510, 900]]);
    expect(h.days[0]).toEqual([]);
    expect(parseSupportHours('Fri-Mon 09:00-12:00 UTC')!.days.map((d) => d.length)).toEqual([1, 1, 0, 0, 0, 1, 1]);
    for (const bad of [
      'Mon-Fri 9-5',
      'Mon-Fri 09:00-17:00',
      'Mon-Fri 09:00-17:00 Mars/Base',
      'Xyz 09:00-10:00 UTC',
      'Mon 17:00-09:00 UTC',
    ])
      expect(() => parseSupportHours(bad), bad).toThrow(/SUPPORT_HOURS/);
  });

  it('knows when someone is on duty, in the schedule time zone', () => {
    expect(isStaffed(berlin, at('2025-01-06T08:30:00Z'))).toBe(true); // Mon 09:30 Berlin
    expect(isStaffed(berlin, at('2025-01-06T07:30:00Z'))).toBe(false); // Mon 08:30
    expect(isStaffed(berlin, at('2025-01-05T02:00:00Z'))).toBe(false); // Sun 03:00
    expect(isStaffed(berlin, at('2025-07-07T15:30:00Z'))).toBe(false); // Mon 17:30 summer time
    expect(isStaffed(berlin, at('2025-07-07T14:30:00Z'))).toBe(true); // Mon 16:30 summer time
  });

  it('says when the team is back: 3 a.m. on a Sunday -> Monday 09:00', () => {
    const back = nextStaffedAt(berlin, at('2025-01-05T02:00:00Z'));
    expect(back.toISOString()).toBe('2025-01-06T08:00:00.000Z');
    expect(describeLocal(berlin, back)).toBe('Mon 09:00 (Europe/Berlin)');
    expect(nextStaffedAt(berlin, at('2025-01-10T16:30:00Z')).toISOString()).toBe('2025-01-13T08:00:00.000Z');
  });

  it('SLA clocks count only staffed time', () => {
    // Friday 16:45 Berlin + 30 staffed minutes = Monday 09:15.
    expect(addStaffedMinutes(berlin, at('2025-01-10T15:45:00Z'), 30).toISOString()).toBe('2025-01-13T08:15:00.000Z');
    // Saturday + 60 minutes = Monday 10:00.
    expect(addStaffedMinutes(berlin, at('2025-01-11T12:00:00Z'), 60).toISOString()).toBe('2025-01-13T09:00:00.000Z');
    // A full day of staffed time spans two working days.
    expect(addStaffedMinutes(berlin, at('2025-01-06T08:00:00Z'), 24 * 60).toISOString()).toBe(
      '2025-01-08T16:00:00.000Z',
    );
    expect(staffedMinutesBetween(berlin, at('2025-01-10T15:45:00Z'), at('2025-01-13T08:15:00Z'))).toBeCloseTo(30, 6);
  });
});

describe('what the waiting customer is told', () => {
  const sunday3am = at('2025-01-05T02:00:00Z');
  it('hand-off notice: the usual words while staffed, "back Mon 09:00" and an invitation to leave details outside', () => {
    expect(waitingNotice(null, sunday3am)).toBe(NOTICES.waiting);
    expect(waitingNotice(berlin, at('2025-01-06T08:30:00Z'))).toBe(NOTICES.waiting);
    const away = waitingNotice(berlin, sunday3am);
    expect(away).toContain('back Mon 09:00 (Europe/Berlin)');
    expect(away).toMatch(/Leave your details/);
    expect(away).not.toContain('shortly');
  });

  it('acknowledgement: queue position and expected wait from the SLA, or when the team is back', () => {
    const now = at('2025-01-06T08:30:00Z');
    expect(waitNotice({ position: 1, dueAt: new Date(now.getTime() + 22 * 60_000), now, hours: berlin })).toBe(
      'Thanks, your message reached our support team. You are next in the queue; expected wait: about 25 minutes.',
    );
    expect(waitNotice({ position: 3, dueAt: new Date(now.getTime() - 60_000), now, hours: null })).toContain(
      'number 3 in the queue; expected wait: a few minutes',
    );
    expect(waitNotice({ position: 2, dueAt: now, now: sunday3am, hours: berlin })).toBe(
      'Thanks, your message is saved for our support team. They are back Mon 09:00 (Europe/Berlin). You are number 2 in the queue.',
    );
    expect(waitText(150)).toBe('about 2.5 hours');
  });
});
