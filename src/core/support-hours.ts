/**
 * Staffed hours: a weekly schedule in one IANA time zone, e.g. `Mon-Fri 09:00-17:00 Europe/Berlin`
 * or `Mon-Thu 08:30-18:00, Fri 08:30-15:00, Sat 10:00-14:00 America/New_York`. Pure functions over
 * `Intl.DateTimeFormat` (no date library): is a moment staffed, when does the team come back, and
 * SLA arithmetic that only counts staffed time. Unset (`null`) means always staffed.
 */
import { SwitchboardError } from './errors.js';

/** A parsed schedule: per weekday (0 = Sunday) the staffed [start, end) minute ranges, in `timeZone`. */
export interface SupportHours {
  /** The schedule as configured (for display). */
  text: string;
  timeZone: string;
  days: Array<Array<[number, number]>>;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_LABELS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MINUTE = 60_000;

function bad(spec: string, why: string): SwitchboardError {
  return new SwitchboardError(
    'invalid_support_hours',
    `SUPPORT_HOURS "${spec}": ${why}. Example: "Mon-Fri 09:00-17:00 Europe/Berlin".`,
  );
}

function day(name: string, spec: string): number {
  const i = DAY_NAMES.indexOf(name.slice(0, 3).toLowerCase());
  if (i < 0) throw bad(spec, `unknown day "${name}"`);
  return i;
}

function minutes(hhmm: string, spec: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  const value = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || value > 24 * 60) throw bad(spec, `bad time "${hhmm}"`);
  return value;
}

/** Parse a schedule; empty/undefined = always staffed (`null`). Throws `invalid_support_hours`. */
export function parseSupportHours(spec: string | undefined): SupportHours | null {
  const text = (spec ?? '').trim();
  if (!text) return null;
  const zoneMatch = /\s([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+|UTC)$/.exec(text);
  if (!zoneMatch?.[1]) throw bad(text, 'end with an IANA time zone such as Europe/Berlin or UTC');
  const timeZone = zoneMatch[1];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw bad(text, `unknown time zone "${timeZone}"`);
  }
  const days: SupportHours['days'] = [[], [], [], [], [], [], []];
  for (const part of text.slice(0, zoneMatch.index).split(',')) {
    const m = /^\s*([A-Za-z]+)(?:\s*-\s*([A-Za-z]+))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!m) throw bad(text, `cannot read "${part.trim()}" (days then hours, e.g. "Mon-Fri 09:00-17:00")`);
    const from = day(m[1] ?? '', text);
    const to = m[2] ? day(m[2], text) : from;
    const start = minutes(m[3] ?? '', text);
    const end = minutes(m[4] ?? '', text);
    if (end <= start) throw bad(text, `"${part.trim()}" ends before it starts`);
    for (let d = from; ; d = (d + 1) % 7) {
      days[d]?.push([start, end]);
      if (d === to) break;
    }
  }
  for (const ranges of days) ranges.sort((a, b) => a[0] - b[0]);
  return { text, timeZone, days };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday (0 = Sunday) and minute of the day (fractional) of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { weekday: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = DAY_NAMES.indexOf(String(parts.weekday).slice(0, 3).toLowerCase());
  const minute =
    Number(parts.hour) * 60 + Number(parts.minute) + (Number(parts.second) + at.getMilliseconds() / 1000) / 60;
  return { weekday, minute };
}

/** Minutes from `at` until the end of the staffed range it is in (0 when not staffed). */
function staffedLeft(hours: SupportHours, at: Date): number {
  const { weekday, minute } = localTime(at, hours.timeZone);
  const range = hours.days[weekday]?.find(([s, e]) => minute >= s && minute < e);
  return range ? range[1] - minute : 0;
}

/** Minutes from `at` until the next staffed range starts (Infinity for an empty schedule). */
function untilOpen(hours: SupportHours, at: Date): number {
  const { weekday, minute } = localTime(at, hours.timeZone);
  for (let offset = 0; offset <= 7; offset++) {
    const ranges = hours.days[(weekday + offset) % 7] ?? [];
    for (const [s] of ranges) {
      const delta = offset * 24 * 60 + s - minute;
      if (delta > 0) return delta;
    }
  }
  return Number.POSITIVE_INFINITY;
}

/** True when someone is on duty at `at` (always true without a schedule). */
export function isStaffed(hours: SupportHours | null, at = new Date()): boolean {
  return !hours || staffedLeft(hours, at) > 0;
}

/** When the team is next on duty: `at` itself when staffed now. */
export function nextStaffedAt(hours: SupportHours | null, at = new Date()): Date {
  if (!hours || isStaffed(hours, at)) return at;
  let t = at;
  // Re-read the local clock after each jump: a daylight-saving change moves the target by an hour.
  for (let i = 0; i < 4 && !isStaffed(hours, t); i++) {
    const wait = untilOpen(hours, t);
    if (!Number.isFinite(wait)) return at;
    t = new Date(t.getTime() + Math.ceil(wait * MINUTE));
  }
  return t;
}

/** The moment `minutes` of staffed time after `start` (SLA due times count only staffed time). */
export function addStaffedMinutes(hours: SupportHours | null, start: Date, minutes: number): Date {
  if (!hours) return new Date(start.getTime() + minutes * MINUTE);
  let t = start;
  let need = minutes;
  for (let i = 0; i < 10_000 && need > 1e-9; i++) {
    const left = staffedLeft(hours, t);
    if (left <= 0) {
      const next = nextStaffedAt(hours, t);
      if (next.getTime() === t.getTime()) return new Date(t.getTime() + need * MINUTE);
      t = next;
      continue;
    }
    const used = Math.min(left, need);
    t = new Date(t.getTime() + used * MINUTE);
    need -= used;
  }
  return t;
}

/** Staffed minutes between `from` and `to` (plain minutes without a schedule). */
export function staffedMinutesBetween(hours: SupportHours | null, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (!hours) return (to.getTime() - from.getTime()) / MINUTE;
  let t = from;
  let total = 0;
  for (let i = 0; i < 10_000 && t < to; i++) {
    const left = staffedLeft(hours, t);
    if (left <= 0) {
      const next = nextStaffedAt(hours, t);
      if (next.getTime() === t.getTime()) break;
      t = next;
      continue;
    }
    const end = Math.min(t.getTime() + left * MINUTE, to.getTime());
    total += (end - t.getTime()) / MINUTE;
    t = new Date(end);
  }
  return total;
}

/** "Mon 09:00 (Europe/Berlin)": a moment as the team's local weekday and time. */
export function describeLocal(hours: SupportHours, at: Date): string {
  const { weekday, minute } = localTime(at, hours.timeZone);
  const m = Math.round(minute);
  const hh = String(Math.floor(m / 60) % 24).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${DAY_LABELS[weekday]} ${hh}:${mm} (${hours.timeZone})`;
}
