/**
 * Time in Finland: events are planned in local wall-clock time (Europe/Helsinki) and stored as instants. A
 * recurrence rule is expanded in local time ("every Tuesday 9.30") and each occurrence then becomes its own instant,
 * so 9.30 stays 9.30 across the daylight-saving changes.
 */
import rrulePkg from 'rrule';
import { invalid } from '../shared/errors.js';

const { RRule } = rrulePkg;

export const TIME_ZONE = 'Europe/Helsinki';
const AREA = 'events';

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

/** The local wall-clock time of an instant: { date: 'YYYY-MM-DD', time: 'HH:MM', weekday: 0 (Mon) … 6 (Sun) }. */
export function localParts(d: Date): { date: string; time: string; weekday: number; iso: string } {
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!);
  return { date, time, weekday, iso: `${date}T${time}` };
}

/** The offset of Helsinki from UTC at an instant, in minutes (120 in winter, 180 in summer). */
export function helsinkiOffsetMinutes(d: Date): number {
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant of a local wall-clock time in Helsinki ('2026-10-25T09:30'). A time that does not exist (the hour
 * skipped in March) moves forward by the gap; an ambiguous one (the hour repeated in October) is the first.
 */
export function fromLocal(local: string): Date {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new RangeError(`not a local time: ${local}`);
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // Try the offsets of the instants around: the first whose offset gives back the same wall time wins.
  const guess1 = new Date(wall - helsinkiOffsetMinutes(new Date(wall - 180 * 60000)) * 60000);
  const guess2 = new Date(wall - helsinkiOffsetMinutes(new Date(wall - 120 * 60000)) * 60000);
  for (const g of [guess1, guess2].sort((a, b) => a.getTime() - b.getTime()))
    if (g.getTime() + helsinkiOffsetMinutes(g) * 60000 === wall) return g;
  return new Date(wall - 120 * 60000); // in the gap: as if winter time, i.e. an hour later on the clock
}

/**
 * A time as the API and forms give it: an ISO instant with an offset or Z ('2026-05-05T09:30:00+03:00'), or a
 * local time in Helsinki without one ('2026-05-05T09:30'). Anything else is refused on `field`.
 */
export function parseTime(value: string, field: string): Date {
  const v = value.trim();
  if (LOCAL_RE.test(v)) return fromLocal(v);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw invalid(AREA, 'time_invalid', field);
}

export const isLocalDate = (v: string) => DATE_RE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** The start of a local day in Helsinki, as an instant. */
export const startOfLocalDay = (date: string): Date => fromLocal(`${date}T00:00`);

/** A local date plus n days. */
export { addDays } from '../shared/dates.js';

export const MAX_OCCURRENCES = 200;

/**
 * The occurrences of a recurrence rule, in local time: the rule (RRULE part, e.g. "FREQ=WEEKLY;BYDAY=TU;COUNT=14")
 * from the first occurrence's start and end, minus the local dates in `exdates`. At most 200 occurrences and at
 * most two years ahead: a rule without an end stops there.
 */
export function expandRule(
  rule: string,
  firstStart: string,
  firstEnd: string,
  exdates: string[] = [],
): { start: Date; end: Date }[] {
  const start = LOCAL_RE.exec(firstStart);
  const end = LOCAL_RE.exec(firstEnd);
  if (!start) throw invalid(AREA, 'time_invalid', 'start');
  if (!end) throw invalid(AREA, 'time_invalid', 'end');
  // Floating local time: the rule runs on wall-clock times written as if they were UTC.
  const floatStart = new Date(`${firstStart.replace(' ', 'T').slice(0, 16)}:00Z`);
  const floatEnd = new Date(`${firstEnd.replace(' ', 'T').slice(0, 16)}:00Z`);
  const duration = floatEnd.getTime() - floatStart.getTime();
  if (!(duration > 0)) throw invalid(AREA, 'end_before_start', 'end');
  let options;
  try {
    options = RRule.parseString(rule.trim().replace(/^RRULE:/i, ''));
  } catch {
    throw invalid(AREA, 'rrule_invalid', 'rrule');
  }
  if (options.freq === undefined || options.dtstart) throw invalid(AREA, 'rrule_invalid', 'rrule');
  const limit = new Date(floatStart.getTime() + 2 * 366 * 86400000);
  let dates: Date[];
  try {
    const r = new RRule({ ...options, dtstart: floatStart, tzid: null });
    dates = r.between(floatStart, limit, true, (_d, i) => i < MAX_OCCURRENCES + exdates.length);
  } catch {
    throw invalid(AREA, 'rrule_invalid', 'rrule');
  }
  const skip = new Set(exdates);
  return dates
    .filter((d) => !skip.has(d.toISOString().slice(0, 10)))
    .slice(0, MAX_OCCURRENCES)
    .map((d) => {
      const local = d.toISOString().slice(0, 16);
      const localEnd = new Date(d.getTime() + duration).toISOString().slice(0, 16);
      return { start: fromLocal(local), end: fromLocal(localEnd) };
    });
}
