/** Reading the directory: service cards for result lists, whole service records, organisations. */
import type { Translated, Lang } from '../shared/lang.js';
import { sql, type Kysely, type Selectable } from 'kysely';
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
export interface CardRow {
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
  // The stored cards (migrations/0026_service_card.sql), one function call: its plan is kept per connection. As
  // text, parsed here: PGlite's thread then hands over one string a card, not objects to copy field by field.
  const { rows } = await sql<{ card: string }>`
    select c::text as card from yh_cards(${[...new Set(ids)]}::uuid[], ${[...LIFE_SITUATIONS]}::text[]) as c`.execute(
    db,
  );
  const byId = new Map(
    rows.map((r) => {
      const card = JSON.parse(r.card) as CardRow & { places: Place[] };
      return [card.id, card];
    }),
  );
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
export function lifeOrder(a: string, b: string): number {
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

/**
 * A service's row, its organisation as columns, and its areas, terms, phones, hours and places (each place with its
 * hours and accessibility): one function call (migrations/0024_service_record.sql, whose plan each connection keeps),
 * one JSON value. With `exceptionsFrom`, the service page's extras too (still one call).
 */
async function serviceRecord(db: Kysely<DB>, id: string, exceptionsFrom: string | null) {
  const { rows } = await sql<{
    record: (ServiceRow & { exceptions: HoursExceptionRow[] | null; has_events: boolean | null }) | null;
  }>`select yh_service_record(${id}::uuid, ${exceptionsFrom}::date) as record`.execute(db);
  return rows[0]?.record ?? undefined;
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
    ...s.locations.flatMap((l) => (l as { exceptions?: HoursExceptionRow[] | null }).exceptions ?? []),
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
