/** Reading the directory: service cards for result lists, whole service records, organisations. */
import { createHash } from 'node:crypto';
import type { Translated, Lang } from '../shared/lang.js';
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { UUID_RE } from '../shared/ids.js';
import {
  LIFE_SITUATIONS,
  type Access,
  type DeliveryMode,
  type Fee,
  type LifeSituation,
  type OrgType,
  type Weekday,
} from './vocabulary.js';

export interface OrgRef {
  id: string;
  name: Translated;
  type: OrgType;
}

export interface ServiceCard {
  id: string;
  name: Translated;
  summary: Translated;
  organization: OrgRef;
  areas: string[];
  languages: Lang[];
  modes: DeliveryMode[];
  lifeSituations: LifeSituation[];
  ageMin: number | null;
  ageMax: number | null;
  fee: Fee;
  access: Access;
  lastReviewed: string | null;
  updatedAt: string;
  status: 'active' | 'inactive';
  places: { name: Translated; city: Translated; lat: number | null; lon: number | null }[];
}

export interface Hours {
  days: Weekday[];
  opens: string;
  closes: string;
  note: Translated;
  validFrom: string | null;
  validTo: string | null;
}

export interface LocationDetail {
  id: string;
  name: Translated;
  description: Translated;
  street: Translated;
  postalCode: string | null;
  city: Translated;
  municipalityCode: string | null;
  lat: number | null;
  lon: number | null;
  accessibility: Translated | null;
  hours: Hours[];
  organizationId: string;
}

export interface ServiceDetail extends ServiceCard {
  key: string;
  description: Translated;
  keywords: Partial<Record<Lang, string[]>>;
  email: string | null;
  url: string | null;
  feeNote: Translated;
  accessNote: Translated;
  serviceClasses: { code: string; name: Translated }[];
  targetGroups: { code: string; name: Translated }[];
  phones: { number: string; note: Translated }[];
  hours: Hours[];
  locations: LocationDetail[];
  source: string;
  createdAt: string;
  organizationDetail: OrganizationDetail;
}

export interface OrganizationDetail {
  id: string;
  key: string;
  type: OrgType;
  name: Translated;
  description: Translated;
  email: string | null;
  website: string | null;
  phone: string | null;
  municipalityCode: string | null;
  updatedAt: string;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const hhmm = (t: string) => (t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

/**
 * The columns of a card, each service in one row: its areas, life situations and places come as arrays of the row
 * (correlated subqueries on the services' own indexes), so a page of cards is one query on either database.
 */
interface CardRow {
  id: string;
  name: Translated;
  summary: Translated;
  languages: string[];
  modes: string[];
  age_min: number | null;
  age_max: number | null;
  fee: string;
  access: string;
  last_reviewed: string | null;
  updated_at: Date | string;
  status: 'active' | 'inactive';
  org_id: string;
  org_name: Translated;
  org_type: string;
  areas: string[];
  life_situations: string[];
}

type Place = ServiceCard['places'][number];

function toCard(r: CardRow, places: Place[]): ServiceCard {
  return {
    id: r.id,
    name: r.name,
    summary: r.summary,
    organization: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
    areas: r.areas,
    languages: r.languages as Lang[],
    modes: r.modes as DeliveryMode[],
    lifeSituations: r.life_situations as LifeSituation[],
    ageMin: r.age_min,
    ageMax: r.age_max,
    fee: r.fee as Fee,
    access: r.access as Access,
    lastReviewed: r.last_reviewed,
    updatedAt: iso(r.updated_at),
    status: r.status,
    places,
  };
}

/** The cards of these services, in the order given (ids not found are left out): one query. */
export async function serviceCards(db: Kysely<DB>, ids: string[]): Promise<ServiceCard[]> {
  if (!ids.length) return [];
  // One function call (migrations/0023_service_cards.sql): its plan is kept per connection.
  const { rows } = await sql<{ card: CardRow & { places: Place[] } }>`
    select yh_service_cards as card
    from yh_service_cards(${[...new Set(ids)]}::uuid[], ${[...LIFE_SITUATIONS]}::text[])`.execute(db);
  const byId = new Map(rows.map(({ card }) => [card.id, card]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toCard(r, r.places)] : [];
  });
}

function toHours(rows: HoursRow[]): Hours[] {
  return rows.map((h) => ({
    days: h.byday as Weekday[],
    opens: hhmm(h.opens_at),
    closes: hhmm(h.closes_at),
    note: h.description,
    validFrom: h.valid_from,
    validTo: h.valid_to,
  }));
}

export async function getOrganization(db: Kysely<DB>, id: string): Promise<OrganizationDetail | null> {
  if (!UUID_RE.test(id)) return null;
  const o = await db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) return null;
  return {
    id: o.id,
    key: o.key,
    type: o.type as OrgType,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
    phone: o.phone,
    municipalityCode: o.municipality_code,
    updatedAt: iso(o.updated_at),
  };
}

interface HoursRow {
  byday: string[];
  opens_at: string;
  closes_at: string;
  description: Translated;
  valid_from: string | null;
  valid_to: string | null;
}

const hoursJson = (alias: string) =>
  sql.raw(`json_build_object('byday', ${alias}.byday, 'opens_at', ${alias}.opens_at, 'closes_at', ${alias}.closes_at,
    'description', ${alias}.description, 'valid_from', ${alias}.valid_from, 'valid_to', ${alias}.valid_to)`);

/** Hours opening at the same time: the week's order of their first day (as they were written, Monday first). */
const firstDay = (alias: string) =>
  sql.raw(`array_position(array['MO','TU','WE','TH','FR','SA','SU'], ${alias}.byday[1])`);

interface ServiceRow extends Omit<CardRow, 'life_situations'> {
  key: string;
  description: Translated;
  keywords: Partial<Record<Lang, string[]>>;
  email: string | null;
  url: string | null;
  fee_note: Translated;
  access_note: Translated;
  source: string;
  created_at: Date | string;
  org_key: string;
  org_description: Translated;
  org_email: string | null;
  org_website: string | null;
  org_phone: string | null;
  org_municipality_code: string | null;
  org_updated_at: Date | string;
  terms: { taxonomy_id: string; code: string; name: Translated }[];
  phones: { number: string; description: Translated }[];
  hours: HoursRow[];
  locations: {
    id: string;
    name: Translated;
    description: Translated;
    street: Translated;
    postal_code: string | null;
    city: Translated;
    municipality_code: string | null;
    lat: number | null;
    lon: number | null;
    organization_id: string;
    accessibility: Translated | null;
    hours: HoursRow[];
  }[];
}

/** Whether a life-situation code comes before another: the vocabulary's order, then unknown codes by code. */
function lifeOrder(a: string, b: string): number {
  const ia = LIFE_ORDER.get(a) ?? LIFE_ORDER.size;
  const ib = LIFE_ORDER.get(b) ?? LIFE_ORDER.size;
  return ia - ib || (a < b ? -1 : a > b ? 1 : 0);
}
const LIFE_ORDER = new Map<string, number>(LIFE_SITUATIONS.map((c, i) => [c, i]));

/** A dated exception to a service's or a place's weekly hours (schedule_exception), as the service page reads it. */
export type HoursExceptionRow = Selectable<DB['schedule_exception']>;

/** What the service page shows besides the record: the hours' exceptions, and whether any event names the service. */
export interface ServicePageRecord {
  service: ServiceDetail;
  /** The exceptions of the service and of its places ending on or after the day asked, by start. */
  exceptions: HoursExceptionRow[];
  /** A published event names the service (its upcoming occurrences are worth asking for). */
  hasEvents: boolean;
}

const exceptionsJson = (alias: string, where: RawBuilder<unknown>) => sql`coalesce((select json_agg(
    json_build_object('id', ${sql.raw(alias)}.id, 'service_id', ${sql.raw(alias)}.service_id,
      'location_id', ${sql.raw(alias)}.location_id, 'valid_from', ${sql.raw(alias)}.valid_from,
      'valid_to', ${sql.raw(alias)}.valid_to, 'closed', ${sql.raw(alias)}.closed,
      'opens_at', ${sql.raw(alias)}.opens_at, 'closes_at', ${sql.raw(alias)}.closes_at,
      'description', ${sql.raw(alias)}.description))
    from schedule_exception ${sql.raw(alias)} where ${where}), '[]')`;

/** Statement names by their SQL text (the few texts of this file that are run as kept statements). */
const keptNames = new Map<string, string>();
/** Parameters that may be written into an EXECUTE as literals: ids and dates, nothing that needs quoting. */
const PLAIN_PARAM = /^[\w.:-]*$/;

/**
 * Runs a query as a statement its connection keeps prepared (PREPARE once per connection, then EXECUTE): planning
 * the service record's eleven subqueries took longer than running them (about 0.6 ms of 0.9 on PostgreSQL, and
 * more than half of the query's time on PGlite, issue 13), and a kept statement is planned once. The first EXECUTE
 * on a connection that has not prepared it fails (26000, which the server logs once per connection), and the
 * statement is prepared and run again on the same connection. PostgreSQL replans it by itself after a migration
 * changes a table it reads (the record's one JSON column keeps its result type whatever the tables' columns).
 * In a transaction (where a failed statement would abort it), or with a parameter that is not a plain id or date
 * (written into the EXECUTE as a literal), the query runs as it is.
 */
async function keptRows<R>(db: Kysely<DB>, query: RawBuilder<R>): Promise<R[]> {
  const compiled = query.compile(db);
  const params = compiled.parameters;
  if (db.isTransaction || !params.length || !params.every((p) => typeof p === 'string' && PLAIN_PARAM.test(p)))
    return (await query.execute(db)).rows;
  let name = keptNames.get(compiled.sql);
  if (!name) {
    name = `yh_${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 20)}`;
    keptNames.set(compiled.sql, name);
  }
  const run = sql<R>`execute ${sql.raw(name)}(${sql.raw(params.map((p) => `'${p as string}'`).join(', '))})`;
  const code = (e: unknown) => (e as { code?: unknown }).code;
  return db.connection().execute(async (conn) => {
    try {
      return (await run.execute(conn)).rows;
    } catch (e) {
      if (code(e) !== '26000') throw e;
    }
    // (42P05, already prepared, and a second 26000 happen only where the server's sessions are not the pool's own,
    // behind a transaction-mode pooler: there the query runs as it is.)
    try {
      await sql.raw(`prepare ${name} as ${compiled.sql}`).execute(conn);
    } catch (e) {
      if (code(e) !== '42P05') throw e;
    }
    try {
      return (await run.execute(conn)).rows;
    } catch (e) {
      if (code(e) !== '26000') throw e;
      return (await query.execute(conn)).rows;
    }
  });
}

/**
 * A service's row, its organisation as columns, and its areas, terms, phones, hours and places (each place with its
 * hours and accessibility) as arrays built by correlated subqueries, each reading its table by the service's (or
 * place's) index: one query, one JSON value. With `exceptionsFrom`, the service page's extras too (still one query).
 */
async function serviceRecord(db: Kysely<DB>, id: string, exceptionsFrom: string | null) {
  const page = exceptionsFrom !== null;
  const rows = await keptRows(
    db,
    // One JSON column (row_to_json) rather than thirty: a fifth less time on PGlite, whose worker sends one value.
    sql<{ record: ServiceRow & { exceptions?: HoursExceptionRow[]; has_events?: boolean } }>`
    select row_to_json(r) as record from (select s.id, s.name, s.summary, s.languages, s.modes, s.age_min, s.age_max, s.fee, s.access, s.last_reviewed,
      s.updated_at, s.status, o.id as org_id, o.name as org_name, o.type as org_type,
      s.key, s.description, s.keywords, s.email, s.url, s.fee_note, s.access_note, s.source, s.created_at,
      o.key as org_key, o.description as org_description, o.email as org_email, o.website as org_website,
      o.phone as org_phone, o.municipality_code as org_municipality_code, o.updated_at as org_updated_at,
      array(select a.municipality_code from service_area a where a.service_id = s.id
        order by a.municipality_code) as areas,
      coalesce((select json_agg(json_build_object('taxonomy_id', t.taxonomy_id, 'code', t.code, 'name', t.name)
          order by t.code)
        from service_taxonomy_term st join taxonomy_term t on t.id = st.taxonomy_term_id
        where st.service_id = s.id), '[]') as terms,
      coalesce((select json_agg(json_build_object('number', p.number, 'description', p.description)
          order by p.sort, p.id)
        from phone p where p.service_id = s.id), '[]') as phones,
      coalesce((select json_agg(${hoursJson('h')} order by h.opens_at, ${firstDay('h')}, h.id)
        from schedule h where h.service_id = s.id), '[]') as hours,
      coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'description', l.description,
            'street', l.street, 'postal_code', l.postal_code, 'city', l.city,
            'municipality_code', l.municipality_code, 'lat', l.lat, 'lon', l.lon,
            'organization_id', l.organization_id,
            'accessibility', (select a.description from accessibility a where a.location_id = l.id
              order by a.id limit 1),
            'hours', coalesce((select json_agg(${hoursJson('lh')} order by lh.opens_at, ${firstDay('lh')}, lh.id)
              from schedule lh where lh.location_id = l.id), '[]')
            ${page ? sql`, 'exceptions', ${exceptionsJson('lx', sql`lx.location_id = l.id and lx.valid_to >= ${exceptionsFrom}`)}` : sql``})
          order by l.key)
        from service_at_location sl join location l on l.id = sl.location_id
        where sl.service_id = s.id), '[]') as locations
      ${
        page
          ? sql`, ${exceptionsJson('x', sql`x.service_id = s.id and x.valid_to >= ${exceptionsFrom}`)} as exceptions,
      exists (select 1 from event e where e.service_id = s.id and e.status = 'published') as has_events`
          : sql``
      }
    from service s join organization o on o.id = s.organization_id
    where s.id = ${id}) r`,
  );
  return rows[0]?.record;
}

function toDetail(s: ServiceRow): ServiceDetail {
  const lifeSituations = s.terms
    .filter((t) => t.taxonomy_id === 'life-situation')
    .map((t) => t.code)
    .sort(lifeOrder);
  const card = toCard(
    { ...s, life_situations: lifeSituations },
    s.locations.map((l) => ({ name: l.name, city: l.city, lat: l.lat, lon: l.lon })),
  );
  const classes = (taxonomy: string) =>
    s.terms.filter((t) => t.taxonomy_id === taxonomy).map((t) => ({ code: t.code, name: t.name }));
  return {
    ...card,
    key: s.key,
    description: s.description,
    keywords: s.keywords,
    email: s.email,
    url: s.url,
    feeNote: s.fee_note,
    accessNote: s.access_note,
    serviceClasses: classes('ptv-service-class'),
    targetGroups: classes('ptv-target-group'),
    phones: s.phones.map((p) => ({ number: p.number, note: p.description })),
    hours: toHours(s.hours),
    locations: s.locations.map((l) => ({
      id: l.id,
      name: l.name,
      description: l.description,
      street: l.street,
      postalCode: l.postal_code,
      city: l.city,
      municipalityCode: l.municipality_code,
      lat: l.lat,
      lon: l.lon,
      organizationId: l.organization_id,
      accessibility: l.accessibility,
      hours: toHours(l.hours),
    })),
    source: s.source,
    createdAt: iso(s.created_at),
    organizationDetail: {
      id: s.org_id,
      key: s.org_key,
      type: s.org_type as OrgType,
      name: s.org_name,
      description: s.org_description,
      email: s.org_email,
      website: s.org_website,
      phone: s.org_phone,
      municipalityCode: s.org_municipality_code,
      updatedAt: iso(s.org_updated_at),
    },
  };
}

/** A service's whole record (any status: callers decide what may be shown), or null: one query. */
export async function getService(db: Kysely<DB>, id: string): Promise<ServiceDetail | null> {
  if (!UUID_RE.test(id)) return null;
  const s = await serviceRecord(db, id, null);
  return s ? toDetail(s) : null;
}

/**
 * The service page's reading in one query: the whole record (as getService), the exceptions to its and its places'
 * hours that end on or after `exceptionsFrom` (YYYY-MM-DD), and whether a published event names it.
 */
export async function getServiceForPage(
  db: Kysely<DB>,
  id: string,
  exceptionsFrom: string,
): Promise<ServicePageRecord | null> {
  if (!UUID_RE.test(id)) return null;
  const s = await serviceRecord(db, id, exceptionsFrom);
  if (!s) return null;
  // The service's own and each place's (one row once, though it names both), by start.
  const byId = new Map<string, HoursExceptionRow>();
  for (const x of [
    ...(s.exceptions ?? []),
    ...s.locations.flatMap((l) => (l as { exceptions?: HoursExceptionRow[] }).exceptions ?? []),
  ])
    byId.set(x.id, x);
  const exceptions = [...byId.values()].sort((a, b) =>
    a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return { service: toDetail(s), exceptions, hasEvents: s.has_events === true };
}

export async function organizationServiceIds(db: Kysely<DB>, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('service_search')
    .select('service_id')
    .where('organization_id', '=', organizationId)
    .where('active', '=', true)
    .orderBy('sort_fi')
    .execute();
  return rows.map((r) => r.service_id);
}
