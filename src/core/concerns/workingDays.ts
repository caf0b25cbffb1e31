/**
 * Working days in Finland: Monday to Friday, except the national public holidays (finnish-holidays-js, which
 * lists those falling on weekdays). Dates are calendar dates ('YYYY-MM-DD') in Europe/Helsinki.
 */
import holidays from 'finnish-holidays-js'; // CommonJS: its functions are on the default export under Node's ESM

const cache = new Map<number, Set<string>>();

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parse = (s: string) => new Date(`${s}T00:00:00Z`);

function holidaysOf(year: number): Set<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(holidays.year(year).map((h) => `${h.year}-${pad(h.month)}-${pad(h.day)}`));
    cache.set(year, set);
  }
  return set;
}

export function isWorkingDay(date: string): boolean {
  const d = parse(date);
  const dow = d.getUTCDay();
  if (dow === 0 || dow === 6) return false;
  return !holidaysOf(d.getUTCFullYear()).has(date);
}

/** The calendar date in Helsinki of a moment. */
export { helsinkiToday as helsinkiDate } from '../shared/dates.js';

export function addDays(date: string, n: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** The date n working days after `date` (the day itself does not count). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/** The next date on or after `from` that falls on the ISO weekday (1 Monday … 7 Sunday). */
export function nextWeekday(from: string, isoWeekday: number): string {
  let d = from;
  for (let i = 0; i < 7; i++) {
    const dow = parse(d).getUTCDay() || 7;
    if (dow === isoWeekday) return d;
    d = addDays(d, 1);
  }
  return d;
}
