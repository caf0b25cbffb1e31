/**
 * "Open now" and the next opening of a service or place, from its weekly schedule (`schedule`) and its dated
 * exceptions (`schedule_exception`: closed days and exceptional hours, which replace the week for their dates).
 *
 * Everything is reckoned in Finland's wall-clock time (Europe/Helsinki): the moment is turned into a local date
 * and minute once, with Intl, and the schedule is read as the clock on the wall says. So the night the clocks
 * change needs no special case: 03:30 on the last Sunday of March does not exist and is never "now"; 03:30 on the
 * last Sunday of October happens twice and is open both times if the hours say so.
 *
 * Hours closing at 24:00 (stored 23:59:59) or 23:59 run to midnight; hours that close before they open run over
 * midnight into the next day (a night service 20:00–02:00).
 */
import { addDays } from '../shared/dates.js';
import type { Translated } from '../shared/lang.js';
import { WEEKDAYS, type Weekday } from '../directory/vocabulary.js';

export const TIME_ZONE = 'Europe/Helsinki';

export interface WeeklyHours {
  days: readonly Weekday[] | readonly string[];
  opens: string; // HH:MM
  closes: string; // HH:MM; 24:00 = midnight at the end of the day
  validFrom?: string | null; // YYYY-MM-DD
  validTo?: string | null;
}

export interface HoursException {
  from: string; // YYYY-MM-DD
  to: string;
  closed: boolean;
  opens?: string | null;
  closes?: string | null;
  note: Translated;
}

export interface LocalMoment {
  date: string; // YYYY-MM-DD
  minute: number; // 0…1439
}

export interface OpeningStatus {
  /** 'unknown' when there are no hours at all: nothing is claimed. */
  state: 'open' | 'closed' | 'unknown';
  /** Open around the clock for the whole look-ahead. */
  alwaysOpen: boolean;
  /** While open: when it closes (local). */
  closesAt: LocalMoment | null;
  /** While closed (or about to close): the next opening within the look-ahead (local). */
  nextOpening: LocalMoment | null;
  /** Today's exception (a holiday, exceptional hours), if one applies. */
  todayException: HoursException | null;
  /** The exceptions that apply within the look-ahead, today first. */
  upcomingExceptions: HoursException[];
}

const LOOK_AHEAD_DAYS = 14;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The local date and minute of a moment in Finland. */
export function localMoment(at: Date): LocalMoment {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}

/** The date `n` days after a local date. */
export { addDays };

export function weekdayOf(date: string): Weekday {
  const js = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 Sunday
  return WEEKDAYS[(js + 6) % 7]!;
}

/** "08:30" → 510; "24:00", "23:59" and "23:59:59" → 1440 (to midnight). */
export function minuteOf(hhmm: string, closing = false): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const v = h * 60 + (m || 0);
  if (closing && v >= 1439) return 1440;
  return v;
}

type Interval = [start: number, end: number]; // minutes of one local day, end exclusive, 0…1440

const covers = (from: string | null | undefined, to: string | null | undefined, date: string) =>
  (!from || from <= date) && (!to || date <= to);

function exceptionOn(exceptions: readonly HoursException[], date: string): HoursException | null {
  // A closed day wins over exceptional hours on the same date: telling someone a place is open when it is
  // closed is the worse mistake.
  const all = exceptions.filter((e) => covers(e.from, e.to, date));
  return all.find((e) => e.closed) ?? all[0] ?? null;
}

/** Raw spans of a day as written: [opens, closes] where closes may be ≤ opens (over midnight). */
function spansOf(weekly: readonly WeeklyHours[], exceptions: readonly HoursException[], date: string): Interval[] {
  const ex = exceptionOn(exceptions, date);
  if (ex) return ex.closed || !ex.opens || !ex.closes ? [] : [[minuteOf(ex.opens), minuteOf(ex.closes, true)]];
  const day = weekdayOf(date);
  return weekly
    .filter((h) => (h.days as readonly string[]).includes(day) && covers(h.validFrom, h.validTo, date))
    .map((h) => [minuteOf(h.opens), minuteOf(h.closes, true)] as Interval);
}

/** The open intervals within one local day, including what spills over from the day before. */
function intervalsOn(weekly: readonly WeeklyHours[], exceptions: readonly HoursException[], date: string): Interval[] {
  const own = spansOf(weekly, exceptions, date).map(([a, b]): Interval => (b > a ? [a, b] : [a, 1440]));
  const spill = spansOf(weekly, exceptions, addDays(date, -1))
    .filter(([a, b]) => b <= a && b > 0)
    .map(([, b]): Interval => [0, b]);
  const all = [...own, ...spill].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const iv of all) {
    const last = merged.at(-1);
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([...iv]);
  }
  return merged;
}

/**
 * Whether a service (or place) is open at `at`, when it closes, and when it next opens, looking two weeks ahead.
 */
export function openingStatus(
  weekly: readonly WeeklyHours[],
  exceptions: readonly HoursException[],
  at: Date,
): OpeningStatus {
  const now = localMoment(at);
  const upcoming = exceptions
    .filter((e) => e.to >= now.date && e.from <= addDays(now.date, LOOK_AHEAD_DAYS))
    .sort((a, b) => a.from.localeCompare(b.from));
  const todayException = exceptionOn(exceptions, now.date);
  const base = { todayException, upcomingExceptions: upcoming };
  if (!weekly.length && !exceptions.some((e) => !e.closed))
    return { state: 'unknown', alwaysOpen: false, closesAt: null, nextOpening: null, ...base };

  const days = Array.from({ length: LOOK_AHEAD_DAYS + 1 }, (_, i) => addDays(now.date, i));
  const byDay = days.map((d) => intervalsOn(weekly, exceptions, d));
  const current = byDay[0]!.find(([a, b]) => a <= now.minute && now.minute < b);

  let closesAt: LocalMoment | null = null;
  let alwaysOpen = false;
  let searchFrom: { day: number; minute: number } = { day: 0, minute: now.minute };
  if (current) {
    // Follow the open span across midnights until it ends.
    let day = 0;
    let end = current[1];
    while (end === 1440 && day < LOOK_AHEAD_DAYS) {
      const next = byDay[day + 1]!.find(([a]) => a === 0);
      if (!next) break;
      day += 1;
      end = next[1];
    }
    if (end === 1440 && day === LOOK_AHEAD_DAYS) alwaysOpen = true;
    else closesAt = end === 1440 ? { date: days[day + 1]!, minute: 0 } : { date: days[day]!, minute: end };
    searchFrom = { day, minute: end };
  }

  let nextOpening: LocalMoment | null = null;
  if (!alwaysOpen) {
    let d = searchFrom.minute >= 1440 ? searchFrom.day + 1 : searchFrom.day;
    let after = searchFrom.minute >= 1440 ? -1 : searchFrom.minute;
    for (; d <= LOOK_AHEAD_DAYS && !nextOpening; d++, after = -1) {
      const start = byDay[d]!.find(([a]) => a > after);
      if (start) nextOpening = { date: days[d]!, minute: start[0] };
    }
  }
  return { state: current ? 'open' : 'closed', alwaysOpen, closesAt, nextOpening, ...base };
}
