/** Reading the directory: service cards for result lists, whole service records, organisations. */
import type { Translated, Lang } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { UUID_RE } from '../shared/ids.js';
import type { Access, DeliveryMode, Fee, LifeSituation, OrgType, Weekday } from './vocabulary.js';

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

export async function serviceCards(db: Kysely<DB>, ids: string[]): Promise<ServiceCard[]> {
  if (!ids.length) return [];
  const [rows, areas, terms, places] = await Promise.all([
    db
      .selectFrom('service as s')
      .innerJoin('organization as o', 'o.id', 's.organization_id')
      .select([
        's.id',
        's.name',
        's.summary',
        's.languages',
        's.modes',
        's.age_min',
        's.age_max',
        's.fee',
        's.access',
        's.last_reviewed',
        's.updated_at',
        's.status',
        'o.id as org_id',
        'o.name as org_name',
        'o.type as org_type',
      ])
      .where('s.id', 'in', ids)
      .execute(),
    db
      .selectFrom('service_area')
      .select(['service_id', 'municipality_code'])
      .where('service_id', 'in', ids)
      .orderBy('municipality_code')
      .execute(),
    db
      .selectFrom('service_taxonomy_term as st')
      .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
      .select(['st.service_id', 't.code'])
      .where('st.service_id', 'in', ids)
      .where('t.taxonomy_id', '=', 'life-situation')
      .execute(),
    db
      .selectFrom('service_at_location as sl')
      .innerJoin('location as l', 'l.id', 'sl.location_id')
      .select(['sl.service_id', 'l.name', 'l.city', 'l.lat', 'l.lon'])
      .where('sl.service_id', 'in', ids)
      .orderBy('l.key')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        name: r.name,
        summary: r.summary,
        organization: { id: r.org_id, name: r.org_name, type: r.org_type as OrgType },
        areas: areas.filter((a) => a.service_id === id).map((a) => a.municipality_code),
        languages: r.languages as Lang[],
        modes: r.modes as DeliveryMode[],
        lifeSituations: terms.filter((t) => t.service_id === id).map((t) => t.code as LifeSituation),
        ageMin: r.age_min,
        ageMax: r.age_max,
        fee: r.fee as Fee,
        access: r.access as Access,
        lastReviewed: r.last_reviewed,
        updatedAt: iso(r.updated_at),
        status: r.status,
        places: places
          .filter((p) => p.service_id === id)
          .map((p) => ({ name: p.name, city: p.city, lat: p.lat, lon: p.lon })),
      },
    ];
  });
}

function toHours(
  rows: {
    byday: string[];
    opens_at: string;
    closes_at: string;
    description: Translated;
    valid_from: string | null;
    valid_to: string | null;
  }[],
): Hours[] {
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

export async function getService(db: Kysely<DB>, id: string): Promise<ServiceDetail | null> {
  if (!UUID_RE.test(id)) return null;
  const s = await db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  const [card] = await serviceCards(db, [id]);
  const [terms, phones, hours, locs, org] = await Promise.all([
    db
      .selectFrom('service_taxonomy_term as st')
      .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
      .select(['t.taxonomy_id', 't.code', 't.name'])
      .where('st.service_id', '=', id)
      .orderBy('t.code')
      .execute(),
    db.selectFrom('phone').select(['number', 'description']).where('service_id', '=', id).orderBy('sort').execute(),
    db.selectFrom('schedule').selectAll().where('service_id', '=', id).orderBy('opens_at').execute(),
    db
      .selectFrom('service_at_location as sl')
      .innerJoin('location as l', 'l.id', 'sl.location_id')
      .selectAll('l')
      .where('sl.service_id', '=', id)
      .orderBy('l.key')
      .execute(),
    getOrganization(db, s.organization_id),
  ]);
  const locIds = locs.map((l) => l.id);
  const [locHours, access] = locIds.length
    ? await Promise.all([
        db.selectFrom('schedule').selectAll().where('location_id', 'in', locIds).orderBy('opens_at').execute(),
        db.selectFrom('accessibility').selectAll().where('location_id', 'in', locIds).execute(),
      ])
    : [[], []];
  return {
    ...card!,
    key: s.key,
    description: s.description,
    keywords: s.keywords,
    email: s.email,
    url: s.url,
    feeNote: s.fee_note,
    accessNote: s.access_note,
    serviceClasses: terms
      .filter((t) => t.taxonomy_id === 'ptv-service-class')
      .map((t) => ({ code: t.code, name: t.name })),
    targetGroups: terms
      .filter((t) => t.taxonomy_id === 'ptv-target-group')
      .map((t) => ({ code: t.code, name: t.name })),
    phones: phones.map((p) => ({ number: p.number, note: p.description })),
    hours: toHours(hours),
    locations: locs.map((l) => ({
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
      accessibility: access.find((a) => a.location_id === l.id)?.description ?? null,
      hours: toHours(locHours.filter((h) => h.location_id === l.id)),
    })),
    source: s.source,
    createdAt: iso(s.created_at),
    organizationDetail: org!,
  };
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
