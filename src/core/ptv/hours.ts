/**
 * PTV service hours → the directory's weekly schedule and its dated exceptions.
 *  - DaysOfTheWeek (regular; may have a validity period) → OpeningHours, days with the same times grouped;
 *    open over midnight (dayTo the next day, or closing before opening) is split at midnight; "always open" is
 *    every day 00:00–24:00; a regular period marked closed becomes a closed exception for its dates.
 *  - Exceptional with isClosed → a closed day (or days); with hours → exceptional opening hours.
 *  - Special (a period over several days, e.g. Friday 16:00 → Monday 08:00) → its days split at midnight.
 */
import type { HoursException, OpeningHours } from '../directory/types.js';
import type { Weekday } from '../directory/vocabulary.js';
import { translated } from './text.js';
import type { PtvServiceHour } from './v11.js';

const DAYS: Record<string, Weekday> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};
const ORDER: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export class HoursProblem extends Error {}

function day(v: string | null | undefined): Weekday | null {
  return v ? (DAYS[v.toLowerCase()] ?? null) : null;
}

/** "08:00:00" → "08:00"; "00:00" as a closing time is the end of the day, "24:00". */
function time(v: string | null | undefined, what: string): string {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(v ?? '');
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && m[2] !== '00')) {
    throw new HoursProblem(`${what} time ${JSON.stringify(v ?? null)} is not HH:MM`);
  }
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

function date(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v);
  if (!m) throw new HoursProblem(`date ${JSON.stringify(v)} is not a date`);
  return m[1];
}

export interface MappedHours {
  hours: OpeningHours[];
  exceptions: HoursException[];
}

/** Throws HoursProblem on hours that cannot be read. */
export function mapServiceHours(list: PtvServiceHour[] | null | undefined): MappedHours {
  const slots: { day: Weekday; opens: string; closes: string; key: string; h: PtvServiceHour }[] = [];
  const exceptions: HoursException[] = [];
  for (const h of list ?? []) {
    const note = translated(h.additionalInformation);
    const type = h.serviceHourType ?? 'DaysOfTheWeek';
    const validFrom = date(h.validFrom);
    const validTo = date(h.validTo);
    if (type === 'Exceptional') {
      if (!validFrom) throw new HoursProblem('exceptional hours without a date (validFrom)');
      const to = validTo ?? validFrom;
      if (to < validFrom) throw new HoursProblem(`exceptional hours end (${to}) before they begin (${validFrom})`);
      const open = (h.openingHour ?? []).filter((o) => o.from || o.to);
      if (h.isClosed || !open.length) {
        exceptions.push({ from: validFrom, to, closed: true, note });
      } else {
        for (const o of open) {
          const opens = time(o.from, 'opening');
          let closes = time(o.to, 'closing');
          if (closes === '00:00') closes = '24:00';
          exceptions.push({ from: validFrom, to, closed: false, opens, closes, note });
        }
      }
      continue;
    }
    if (h.isClosed) {
      if (validFrom) exceptions.push({ from: validFrom, to: validTo ?? validFrom, closed: true, note });
      continue;
    }
    const key = `${validFrom ?? ''}/${validTo ?? ''}/${JSON.stringify(note)}`;
    if (h.isAlwaysOpen) {
      for (const d of ORDER) slots.push({ day: d, opens: '00:00', closes: '24:00', key, h });
      continue;
    }
    for (const o of h.openingHour ?? []) {
      const from = day(o.dayFrom);
      if (!from) throw new HoursProblem(`unknown day ${JSON.stringify(o.dayFrom ?? null)}`);
      const to = o.dayTo ? day(o.dayTo) : from;
      if (!to) throw new HoursProblem(`unknown day ${JSON.stringify(o.dayTo)}`);
      const opens = time(o.from, 'opening');
      const closes = time(o.to, 'closing');
      const start = ORDER.indexOf(from);
      let end = ORDER.indexOf(to);
      if (end === start && closes !== '00:00' && closes <= opens) end = start + 1; // over midnight
      if (end < start) end += 7;
      if (end === start) {
        slots.push({ day: from, opens, closes: closes === '00:00' ? '24:00' : closes, key, h });
        continue;
      }
      // A span over midnight: the first day until 24:00, whole days between, the last day from 00:00.
      slots.push({ day: from, opens, closes: '24:00', key, h });
      for (let i = start + 1; i < end; i++) slots.push({ day: ORDER[i % 7]!, opens: '00:00', closes: '24:00', key, h });
      if (closes !== '00:00') slots.push({ day: ORDER[end % 7]!, opens: '00:00', closes, key, h });
    }
  }
  // Group the days that share times, validity and note.
  const groups = new Map<string, OpeningHours>();
  for (const s of slots) {
    const k = `${s.key}/${s.opens}/${s.closes}`;
    let g = groups.get(k);
    if (!g) {
      const note = translated(s.h.additionalInformation);
      g = { days: [], opens: s.opens, closes: s.closes, ...(Object.keys(note).length ? { note } : {}) };
      const vf = date(s.h.validFrom);
      const vt = date(s.h.validTo);
      if (vf) g.validFrom = vf;
      if (vt) g.validTo = vt;
      groups.set(k, g);
    }
    if (!g.days.includes(s.day)) g.days.push(s.day);
  }
  const hours = [...groups.values()].map((g) => ({ ...g, days: ORDER.filter((d) => g.days.includes(d)) }));
  return { hours, exceptions };
}
