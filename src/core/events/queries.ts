/**
 * Finding events (public): occurrences by day with the filters of the events page and the API, one event with its
 * occurrences and seats left, a service's upcoming events. Words are matched with the directory's own text
 * handling (tokens, inflected forms, compound heads) against each event's search document.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EventKind, RegistrationMode } from '../../db/schema.events.js';
import { can, type Actor } from '../access/permissions.js';
import { queryVariants, tokenize } from '../directory/search/text.js';
import type { Translated } from '../shared/lang.js';
import { addDays, isLocalDate, localParts, parseTime, startOfLocalDay } from './time.js';
import { invalid } from '../shared/errors.js';
import { AREA } from './types.js';

export interface EventFilters {
  municipality?: string[];
  language?: string;
  age?: number;
  lifeSituation?: string;
  free?: boolean;
  place?: 'place' | 'online';
  when?: 'week' | 'weekend';
  /** A local date (YYYY-MM-DD) or an instant; default now. */
  from?: string;
  /** A local date (inclusive) or an instant; default 60 days after `from`. */
  to?: string;
  q?: string;
  organization?: string;
  service?: string;
  /** Events of one id only (the feed of one event). */
  ids?: string[];
}

export interface OccurrenceHit {
  occurrenceId: string;
  eventId: string;
  start: Date;
  end: Date;
  seatsLeft: number | null;
}

export interface EventSummary {
  id: string;
  kind: EventKind;
  name: Translated;
  description: Translated;
  organization: { id: string; name: Translated };
  municipality: string | null;
  languages: string[];
  free: boolean;
  online: boolean;
  location: {
    id: string;
    name: Translated;
    street: Translated;
    postalCode: string | null;
    city: Translated;
    lat: number | null;
    lon: number | null;
  } | null;
  registration: RegistrationMode;
  ageMin: number | null;
  ageMax: number | null;
  lifeSituations: string[];
  keywords: string[];
  capacity: number | null;
  occurrences: OccurrenceHit[];
  updatedAt: Date;
}

/** The time window of a search: this week (today to Sunday), the weekend, or from–to (default 60 days). */
export function searchWindow(f: EventFilters, now = new Date()): { from: Date; to: Date } {
  const today = localParts(now);
  if (f.when === 'week') return { from: now, to: startOfLocalDay(addDays(today.date, 7 - today.weekday)) };
  if (f.when === 'weekend') {
    const sat = today.weekday === 6 ? addDays(today.date, -1) : addDays(today.date, 5 - today.weekday);
    const start = startOfLocalDay(sat);
    return { from: start > now ? start : now, to: startOfLocalDay(addDays(sat, 2)) };
  }
  const from = f.from ? boundary(f.from, 'from', false) : now;
  const to = f.to ? boundary(f.to, 'to', true) : startOfLocalDay(addDays(localParts(from).date, 61));
  if (to <= from) throw invalid(AREA, 'range_invalid', 'to');
  return { from, to };
}

function boundary(v: string, field: string, endOfDay: boolean): Date {
  if (isLocalDate(v)) return startOfLocalDay(endOfDay ? addDays(v, 1) : v);
  return parseTime(v, field);
}

/** The tsquery of typed words, built as the directory builds its own (every inflected form of each word). */
function wordsQuery(q: string) {
  const words = tokenize(q).slice(0, 8);
  if (!words.length) return null;
  const groups = words.map((w) => queryVariants(w).map((v) => [v, v.length >= 5, v.length >= 3]));
  return sql<boolean>`e.tsv @@ yh_query(${JSON.stringify(groups)}::jsonb, 'all')`;
}

/** Every scheduled occurrence of a published event matching the filters, in time order (at most `limit`). */
export async function searchOccurrences(
  db: Kysely<DB>,
  f: EventFilters,
  now = new Date(),
  limit = 2000,
): Promise<{ window: { from: Date; to: Date }; events: EventSummary[] }> {
  const window = searchWindow(f, now);
  let q = db
    .selectFrom('event_occurrence as o')
    .innerJoin('event as e', 'e.id', 'o.event_id')
    .select([
      'o.id',
      'o.event_id',
      'o.starts_at',
      'o.ends_at',
      'o.taken',
      'e.taken as group_taken',
      'e.capacity',
      'e.kind',
      'e.registration',
    ])
    .where('e.status', '=', 'published')
    .where('o.status', '=', 'scheduled')
    .where('o.ends_at', '>', window.from)
    .where('o.starts_at', '<', window.to);
  if (f.municipality?.length) q = q.where('e.municipality_code', 'in', f.municipality);
  if (f.language) q = q.where(sql<boolean>`${f.language} = any(e.languages)`);
  if (f.age !== undefined)
    q = q
      .where((eb) => eb.or([eb('e.age_min', 'is', null), eb('e.age_min', '<=', f.age!)]))
      .where((eb) => eb.or([eb('e.age_max', 'is', null), eb('e.age_max', '>=', f.age!)]));
  if (f.lifeSituation) q = q.where(sql<boolean>`${f.lifeSituation} = any(e.life_situations)`);
  if (f.free) q = q.where('e.free', '=', true);
  if (f.place === 'place') q = q.where('e.location_id', 'is not', null);
  if (f.place === 'online') q = q.where('e.online_url', 'is not', null);
  if (f.organization) q = q.where('e.organization_id', '=', f.organization);
  if (f.service) q = q.where('e.service_id', '=', f.service);
  if (f.ids) q = q.where('e.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  const words = f.q ? wordsQuery(f.q) : null;
  if (words) q = q.where(words);
  const rows = await q.orderBy('o.starts_at').orderBy('o.id').limit(limit).execute();
  const ids = [...new Set(rows.map((r) => r.event_id))];
  const summaries = await eventSummaries(db, ids);
  for (const r of rows) {
    const s = summaries.get(r.event_id)!;
    s.occurrences.push({
      occurrenceId: r.id,
      eventId: r.event_id,
      start: r.starts_at,
      end: r.ends_at,
      seatsLeft: seatsLeft(r.registration, r.capacity, r.kind === 'group' ? r.group_taken : r.taken),
    });
  }
  return { window, events: ids.map((id) => summaries.get(id)!) };
}

export const seatsLeft = (registration: RegistrationMode, capacity: number | null, taken: number) =>
  registration === 'none' || capacity === null ? null : Math.max(0, capacity - taken);

/** The events' own facts, without occurrences. */
export async function eventSummaries(db: Kysely<DB>, ids: string[]): Promise<Map<string, EventSummary>> {
  const out = new Map<string, EventSummary>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('event as e')
    .innerJoin('organization as g', 'g.id', 'e.organization_id')
    .leftJoin('location as l', 'l.id', 'e.location_id')
    .select([
      'e.id',
      'e.kind',
      'e.name',
      'e.description',
      'e.municipality_code',
      'e.languages',
      'e.free',
      'e.online_url',
      'e.registration',
      'e.age_min',
      'e.age_max',
      'e.life_situations',
      'e.keywords',
      'e.capacity',
      'e.updated_at',
      'g.id as org_id',
      'g.name as org_name',
      'l.id as loc_id',
      'l.name as loc_name',
      'l.street as loc_street',
      'l.postal_code as loc_postal',
      'l.city as loc_city',
      'l.lat as loc_lat',
      'l.lon as loc_lon',
    ])
    .where('e.id', 'in', ids)
    .execute();
  for (const r of rows)
    out.set(r.id, {
      id: r.id,
      kind: r.kind,
      name: r.name,
      description: r.description,
      organization: { id: r.org_id, name: r.org_name },
      municipality: r.municipality_code,
      languages: r.languages,
      free: r.free,
      online: Boolean(r.online_url),
      location: r.loc_id
        ? {
            id: r.loc_id,
            name: r.loc_name!,
            street: r.loc_street!,
            postalCode: r.loc_postal,
            city: r.loc_city!,
            lat: r.loc_lat,
            lon: r.loc_lon,
          }
        : null,
      registration: r.registration,
      ageMin: r.age_min,
      ageMax: r.age_max,
      lifeSituations: r.life_situations,
      keywords: r.keywords,
      capacity: r.capacity,
      occurrences: [],
      updatedAt: r.updated_at,
    });
  return out;
}

export interface OccurrenceDetail extends OccurrenceHit {
  status: 'scheduled' | 'cancelled';
  past: boolean;
}

export interface EventDetail extends Omit<EventSummary, 'occurrences'> {
  status: 'draft' | 'published';
  organizationId: string;
  serviceId: string | null;
  practical: Translated;
  price: Translated;
  accessibility: Translated;
  onlineUrl: string | null;
  onlineUrlRegisteredOnly: boolean;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  maxPeople: number;
  rrule: string | null;
  occurrences: OccurrenceDetail[];
  /** Whether the reader organises it (sees drafts, registrations). */
  canOrganise: boolean;
  /** Seats left of a group's series. */
  groupSeatsLeft: number | null;
  retentionDays: number;
}

/** One event for its page: published ones for everybody, drafts for their organisers only (null otherwise). */
export async function getEvent(
  db: Kysely<DB>,
  id: string,
  actor: Actor | null,
  now = new Date(),
): Promise<EventDetail | null> {
  const e = await db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) return null;
  const organiser = can(actor, 'service.edit', { organizationId: e.organization_id });
  if (e.status !== 'published' && !organiser) return null;
  const summary = (await eventSummaries(db, [id])).get(id)!;
  const occ = await db
    .selectFrom('event_occurrence')
    .selectAll()
    .where('event_id', '=', id)
    .orderBy('starts_at')
    .execute();
  return {
    ...summary,
    status: e.status,
    organizationId: e.organization_id,
    serviceId: e.service_id,
    practical: e.practical,
    price: e.price,
    accessibility: e.accessibility,
    onlineUrl: e.online_url,
    onlineUrlRegisteredOnly: e.online_url_registered_only,
    contactName: e.contact_name,
    contactEmail: e.contact_email,
    contactPhone: e.contact_phone,
    maxPeople: e.max_people,
    rrule: e.rrule,
    canOrganise: organiser,
    groupSeatsLeft: e.kind === 'group' ? seatsLeft(e.registration, e.capacity, e.taken) : null,
    retentionDays: e.retention_days,
    occurrences: occ.map((o) => ({
      occurrenceId: o.id,
      eventId: id,
      start: o.starts_at,
      end: o.ends_at,
      status: o.status,
      past: o.ends_at <= now,
      seatsLeft: seatsLeft(e.registration, e.capacity, e.kind === 'group' ? e.taken : o.taken),
    })),
  };
}

/** A service's upcoming published events (for the service page). */
export async function upcomingForService(db: Kysely<DB>, serviceId: string, now = new Date(), limit = 5) {
  const r = await searchOccurrences(db, { service: serviceId, from: now.toISOString() }, now, 200);
  return r.events.slice(0, limit);
}

/** The events an organiser's organisations hold (drafts too), newest first. */
export async function organiserEvents(db: Kysely<DB>, orgIds: string[] | 'all') {
  let q = db
    .selectFrom('event as e')
    .innerJoin('organization as g', 'g.id', 'e.organization_id')
    .select((eb) => [
      'e.id',
      'e.name',
      'e.status',
      'e.kind',
      'g.name as org_name',
      eb
        .selectFrom('event_occurrence as o')
        .select((x) => x.fn.min('o.starts_at').as('m'))
        .whereRef('o.event_id', '=', 'e.id')
        .where('o.status', '=', 'scheduled')
        .where('o.ends_at', '>', new Date())
        .as('next_start'),
      eb
        .selectFrom('event_registration as r')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('r.event_id', '=', 'e.id')
        .where('r.status', '!=', 'cancelled')
        .as('registrations'),
    ])
    .orderBy('e.updated_at', 'desc')
    .limit(500);
  if (orgIds !== 'all')
    q = q.where('e.organization_id', 'in', orgIds.length ? orgIds : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}
