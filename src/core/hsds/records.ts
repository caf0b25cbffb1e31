/**
 * Reading the directory tables in bulk for HSDS: everything one page (or one export chunk) of records needs, in a
 * fixed number of queries whatever the page size. Rows stay as the tables hold them; present.ts shapes them.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';

type Row<T extends keyof DB> = Selectable<DB[T]>;

export type ServiceRow = Row<'service'>;
export type OrganizationRow = Row<'organization'>;
export type LocationRow = Row<'location'>;
export type PhoneRow = Row<'phone'>;
export type ContactRow = Row<'contact'>;
export type ScheduleRow = Row<'schedule'>;
export type AccessibilityRow = Row<'accessibility'>;
export type TaxonomyRow = Row<'taxonomy'>;
export type TermRow = Row<'taxonomy_term'>;
export type LinkRow = Row<'link'>;
export type ExceptionRow = Row<'schedule_exception'>;

export interface LocationBundle {
  row: LocationRow;
  phones: PhoneRow[];
  schedules: ScheduleRow[];
  exceptions: ExceptionRow[];
  links: LinkRow[];
  accessibility: AccessibilityRow[];
}

export interface ServiceBundle {
  row: ServiceRow;
  organization: OrganizationRow;
  areas: string[];
  terms: TermRow[];
  phones: PhoneRow[];
  contacts: ContactRow[];
  schedules: ScheduleRow[];
  exceptions: ExceptionRow[];
  links: LinkRow[];
  serviceAtLocations: { id: string; location: LocationBundle }[];
}

export interface OrganizationBundle {
  row: OrganizationRow;
  contacts: ContactRow[];
  locations: LocationBundle[];
}

const groupBy = <T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** Services by id (in the order asked), with their organisation: enough for list items. */
export async function loadServiceRows(
  db: Kysely<DB>,
  ids: string[],
): Promise<{ row: ServiceRow; organization: OrganizationRow }[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('service').selectAll().where('id', 'in', ids).execute();
  const orgs = await loadOrganizationRows(db, [...new Set(rows.map((r) => r.organization_id))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ row, organization: orgs.get(row.organization_id)! }] : [];
  });
}

export async function loadOrganizationRows(db: Kysely<DB>, ids: string[]): Promise<Map<string, OrganizationRow>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('organization').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Locations with their phones, hours and accessibility. */
export async function loadLocations(db: Kysely<DB>, ids: string[]): Promise<Map<string, LocationBundle>> {
  if (!ids.length) return new Map();
  const [rows, phones, schedules, exceptions, links, access] = await Promise.all([
    db.selectFrom('location').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('phone').selectAll().where('location_id', 'in', ids).orderBy('sort').execute(),
    db
      .selectFrom('schedule')
      .selectAll()
      .where('location_id', 'in', ids)
      .where('service_id', 'is', null)
      .orderBy('opens_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('schedule_exception')
      .selectAll()
      .where('location_id', 'in', ids)
      .where('service_id', 'is', null)
      .orderBy('valid_from')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('link')
      .selectAll()
      .where('location_id', 'in', ids)
      .where('service_id', 'is', null)
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    db.selectFrom('accessibility').selectAll().where('location_id', 'in', ids).orderBy('id').execute(),
  ]);
  const p = groupBy(phones, (r) => r.location_id);
  const s = groupBy(schedules, (r) => r.location_id);
  const e = groupBy(exceptions, (r) => r.location_id);
  const k = groupBy(links, (r) => r.location_id);
  const a = groupBy(access, (r) => r.location_id);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        row,
        phones: p.get(row.id) ?? [],
        schedules: s.get(row.id) ?? [],
        exceptions: e.get(row.id) ?? [],
        links: k.get(row.id) ?? [],
        accessibility: a.get(row.id) ?? [],
      },
    ]),
  );
}

/** Whole services by id (in the order asked): areas, taxonomy terms, phones, contacts, hours and places. */
export async function loadServiceBundles(db: Kysely<DB>, ids: string[]): Promise<ServiceBundle[]> {
  if (!ids.length) return [];
  const [base, areas, terms, phones, contacts, schedules, exceptions, links, sals] = await Promise.all([
    loadServiceRows(db, ids),
    db
      .selectFrom('service_area')
      .select(['service_id', 'municipality_code'])
      .where('service_id', 'in', ids)
      .orderBy('municipality_code')
      .execute(),
    db
      .selectFrom('service_taxonomy_term as st')
      .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
      .selectAll('t')
      .select('st.service_id')
      .where('st.service_id', 'in', ids)
      .orderBy('t.taxonomy_id')
      .orderBy('t.code')
      .execute(),
    db.selectFrom('phone').selectAll().where('service_id', 'in', ids).orderBy('sort').execute(),
    db.selectFrom('contact').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('schedule').selectAll().where('service_id', 'in', ids).orderBy('opens_at').orderBy('id').execute(),
    db
      .selectFrom('schedule_exception')
      .selectAll()
      .where('service_id', 'in', ids)
      .orderBy('valid_from')
      .orderBy('id')
      .execute(),
    db.selectFrom('link').selectAll().where('service_id', 'in', ids).orderBy('sort').orderBy('id').execute(),
    db
      .selectFrom('service_at_location as sl')
      .innerJoin('location as l', 'l.id', 'sl.location_id')
      .select(['sl.id', 'sl.service_id', 'sl.location_id'])
      .where('sl.service_id', 'in', ids)
      .orderBy('l.key')
      .execute(),
  ]);
  const locations = await loadLocations(db, [...new Set(sals.map((s) => s.location_id))]);
  const a = groupBy(areas, (r) => r.service_id);
  const t = groupBy(terms, (r) => r.service_id);
  const p = groupBy(phones, (r) => r.service_id);
  const c = groupBy(contacts, (r) => r.service_id);
  const s = groupBy(schedules, (r) => r.service_id);
  const e = groupBy(exceptions, (r) => r.service_id);
  const k = groupBy(links, (r) => r.service_id);
  const l = groupBy(sals, (r) => r.service_id);
  return base.map(({ row, organization }) => ({
    row,
    organization,
    areas: (a.get(row.id) ?? []).map((x) => x.municipality_code),
    terms: (t.get(row.id) ?? []).map(({ service_id: _s, ...term }) => term),
    phones: p.get(row.id) ?? [],
    contacts: c.get(row.id) ?? [],
    schedules: s.get(row.id) ?? [],
    exceptions: e.get(row.id) ?? [],
    links: k.get(row.id) ?? [],
    serviceAtLocations: (l.get(row.id) ?? []).map((x) => ({ id: x.id, location: locations.get(x.location_id)! })),
  }));
}

/** Organisations by id (in the order asked) with their contacts and places. */
export async function loadOrganizationBundles(db: Kysely<DB>, ids: string[]): Promise<OrganizationBundle[]> {
  if (!ids.length) return [];
  const [orgs, contacts, locRows] = await Promise.all([
    loadOrganizationRows(db, ids),
    db
      .selectFrom('contact')
      .selectAll()
      .where('organization_id', 'in', ids)
      .where('service_id', 'is', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('location')
      .select(['id', 'organization_id'])
      .where('organization_id', 'in', ids)
      .orderBy('key')
      .execute(),
  ]);
  const locations = await loadLocations(
    db,
    locRows.map((l) => l.id),
  );
  const c = groupBy(contacts, (r) => r.organization_id);
  const l = groupBy(locRows, (r) => r.organization_id);
  return ids.flatMap((id) => {
    const row = orgs.get(id);
    return row
      ? [{ row, contacts: c.get(id) ?? [], locations: (l.get(id) ?? []).map((x) => locations.get(x.id)!) }]
      : [];
  });
}

export async function loadTaxonomies(db: Kysely<DB>): Promise<Map<string, TaxonomyRow>> {
  const rows = await db.selectFrom('taxonomy').selectAll().orderBy('id').execute();
  return new Map(rows.map((r) => [r.id, r]));
}
