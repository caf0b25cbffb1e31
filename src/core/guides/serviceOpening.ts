/**
 * The opening status of a service page: the service's own hours, and each of its places' hours, with the dated
 * exceptions of each (schedule_exception) from yesterday on.
 */
import type { Hours, HoursExceptionRow, ServiceDetail } from '../directory/queries.js';
import { addDays, localMoment, openingStatus, type HoursException, type OpeningStatus } from './openingHours.js';

export interface ServiceOpening {
  at: Date;
  service: OpeningStatus | null;
  locations: Record<string, OpeningStatus>;
}

const weekly = (hours: Hours[]) =>
  hours.map((h) => ({ days: h.days, opens: h.opens, closes: h.closes, validFrom: h.validFrom, validTo: h.validTo }));

const hhmm = (t: string | null) => (t === null ? null : t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

/** The first day whose exceptions matter for the opening status at `at`: yesterday, Helsinki time. */
export const exceptionsFrom = (at: Date): string => addDays(localMoment(at).date, -1);

/**
 * The opening status from the service's record and the exceptions of it and its places that end on or after
 * exceptionsFrom(at), by start (read with the record: getServiceForPage).
 */
export function serviceOpening(
  s: Pick<ServiceDetail, 'id' | 'hours' | 'locations'>,
  rows: HoursExceptionRow[],
  at = new Date(),
): ServiceOpening {
  const ex = (pred: (r: (typeof rows)[number]) => boolean): HoursException[] =>
    rows.filter(pred).map((r) => ({
      from: String(r.valid_from).slice(0, 10),
      to: String(r.valid_to).slice(0, 10),
      closed: r.closed,
      opens: hhmm(r.opens_at),
      closes: hhmm(r.closes_at),
      note: r.description,
    }));
  const own = ex((r) => r.service_id === s.id);
  const service = s.hours.length || own.length ? openingStatus(weekly(s.hours), own, at) : null;
  const locations: Record<string, OpeningStatus> = {};
  for (const l of s.locations) {
    const lex = ex((r) => r.location_id === l.id);
    if (l.hours.length || lex.length) locations[l.id] = openingStatus(weekly(l.hours), lex, at);
  }
  return { at, service, locations };
}
