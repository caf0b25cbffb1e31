/**
 * The opening status of a service page: the service's own hours, and each of its places' hours, with the dated
 * exceptions of each (schedule_exception) from yesterday on.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Hours, ServiceDetail } from '../directory/queries.js';
import { addDays, localMoment, openingStatus, type HoursException, type OpeningStatus } from './openingHours.js';

export interface ServiceOpening {
  at: Date;
  service: OpeningStatus | null;
  locations: Record<string, OpeningStatus>;
}

const weekly = (hours: Hours[]) =>
  hours.map((h) => ({ days: h.days, opens: h.opens, closes: h.closes, validFrom: h.validFrom, validTo: h.validTo }));

const hhmm = (t: string | null) => (t === null ? null : t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

export async function serviceOpening(
  db: Kysely<DB>,
  s: Pick<ServiceDetail, 'id' | 'hours' | 'locations'>,
  at = new Date(),
): Promise<ServiceOpening> {
  const from = addDays(localMoment(at).date, -1);
  const locIds = s.locations.map((l) => l.id);
  const rows = await db
    .selectFrom('schedule_exception')
    .selectAll()
    .where((eb) => eb.or([eb('service_id', '=', s.id), ...(locIds.length ? [eb('location_id', 'in', locIds)] : [])]))
    .where('valid_to', '>=', from)
    .orderBy('valid_from')
    .execute();
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
