/**
 * The HSDS 3.0 view of the published directory: one function per endpoint, each answering HSDS JSON in one
 * language (the API routes and the export both call these). Lists are HSDS Page wrappers.
 */
import type { Lang } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { UUID_RE } from '../shared/ids.js';
import { hsdsTaxonomyId } from './ids.js';
import {
  presentOrganization,
  presentOrganizationItem,
  presentService,
  presentServiceAtLocation,
  presentServiceAtLocationItem,
  presentServiceItem,
  presentServiceMinimal,
  presentTaxonomy,
  presentTaxonomyTerm,
  type Json,
  type PresentContext,
} from './present.js';
import {
  findOrganizationIds,
  findServiceAtLocationIds,
  findServiceIds,
  findTaxonomyIds,
  findTaxonomyTermIds,
  isPublishedOrganization,
  isPublishedService,
  organizationServiceIds,
  serviceAtLocationRows,
  type IdPage,
  type ServiceFilters,
  type TermFilters,
} from './queries.js';
import {
  loadLocations,
  loadOrganizationBundles,
  loadOrganizationRows,
  loadServiceBundles,
  loadServiceRows,
  loadTaxonomies,
} from './records.js';

export const HSDS_VERSION = '3.0';

export interface Paging {
  page: number;
  perPage: number;
}

export interface HsdsPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Json[];
}

export function toPage(ids: IdPage, paging: Paging, contents: Json[]): HsdsPage {
  const totalPages = Math.ceil(ids.total / paging.perPage);
  return {
    total_items: ids.total,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: ids.total === 0,
    contents,
  };
}

export interface Reader {
  lang: Lang;
  baseUrl: string;
}

async function context(db: Kysely<DB>, r: Reader, translations: boolean): Promise<PresentContext> {
  return { lang: r.lang, baseUrl: r.baseUrl, translations, taxonomies: await loadTaxonomies(db) };
}

/** The directory's slug of a taxonomy given by its HSDS id (UUID) or by the slug itself; null if there is none. */
export async function taxonomySlug(db: Kysely<DB>, idOrSlug: string): Promise<string | null> {
  for (const slug of (await loadTaxonomies(db)).keys())
    if (idOrSlug === slug || idOrSlug.toLowerCase() === hsdsTaxonomyId(slug)) return slug;
  return null;
}

export async function servicesJson(
  db: Kysely<DB>,
  r: Reader,
  ids: string[],
  shape: 'minimal' | 'item' | 'full',
): Promise<Json[]> {
  if (!ids.length) return [];
  if (shape === 'minimal') {
    // Four columns, not whole records: minimal lists are meant to hold thousands.
    const rows = await db
      .selectFrom('service')
      .select(['id', 'key', 'name', 'status', 'updated_at'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((x) => [x.id, x]));
    return ids.flatMap((id) => (byId.has(id) ? [presentServiceMinimal(byId.get(id)!, r.lang)] : []));
  }
  const ctx = await context(db, r, shape === 'full');
  if (shape === 'full') return (await loadServiceBundles(db, ids)).map((b) => presentService(ctx, b));
  return (await loadServiceRows(db, ids)).map((x) => presentServiceItem(ctx, x.row, x.organization));
}

export async function servicesPage(
  db: Kysely<DB>,
  r: Reader,
  f: ServiceFilters,
  paging: Paging,
  shape: 'minimal' | 'item' | 'full',
): Promise<HsdsPage> {
  const ids = await findServiceIds(db, f, r.lang, paging.page, paging.perPage);
  return toPage(ids, paging, await servicesJson(db, r, ids.ids, shape));
}

export async function serviceById(db: Kysely<DB>, r: Reader, id: string): Promise<Json | null> {
  if (!UUID_RE.test(id) || !(await isPublishedService(db, id))) return null;
  return (await servicesJson(db, r, [id], 'full'))[0] ?? null;
}

export async function organizationsJson(
  db: Kysely<DB>,
  r: Reader,
  ids: string[],
  o: { full: boolean; fullService: boolean },
): Promise<Json[]> {
  const ctx = await context(db, r, o.full);
  if (!o.full) {
    const rows = await loadOrganizationRows(db, ids);
    return ids.flatMap((id) => (rows.has(id) ? [presentOrganizationItem(ctx, rows.get(id)!)] : []));
  }
  const bundles = await loadOrganizationBundles(db, ids);
  const out: Json[] = [];
  for (const b of bundles) {
    const serviceIds = await organizationServiceIds(db, b.row.id, r.lang);
    out.push(presentOrganization(ctx, b, await servicesJson(db, r, serviceIds, o.fullService ? 'full' : 'item')));
  }
  return out;
}

export async function organizationsPage(
  db: Kysely<DB>,
  r: Reader,
  search: string | undefined,
  paging: Paging,
  o: { full: boolean; fullService: boolean },
): Promise<HsdsPage> {
  const ids = await findOrganizationIds(db, search, r.lang, paging.page, paging.perPage);
  return toPage(ids, paging, await organizationsJson(db, r, ids.ids, o));
}

export async function organizationById(
  db: Kysely<DB>,
  r: Reader,
  id: string,
  fullService: boolean,
): Promise<Json | null> {
  if (!UUID_RE.test(id) || !(await isPublishedOrganization(db, id))) return null;
  return (await organizationsJson(db, r, [id], { full: true, fullService }))[0] ?? null;
}

export async function taxonomiesPage(
  db: Kysely<DB>,
  r: Reader,
  search: string | undefined,
  paging: Paging,
): Promise<HsdsPage> {
  const ids = await findTaxonomyIds(db, search, r.lang, paging.page, paging.perPage);
  const ctx = await context(db, r, false);
  return toPage(
    ids,
    paging,
    ids.ids.map((id) => presentTaxonomy(ctx, ctx.taxonomies.get(id)!)),
  );
}

export async function taxonomyById(db: Kysely<DB>, r: Reader, id: string): Promise<Json | null> {
  const slug = await taxonomySlug(db, id);
  const ctx = await context(db, r, true);
  const tx = slug ? ctx.taxonomies.get(slug) : undefined;
  return tx ? presentTaxonomy(ctx, tx) : null;
}

async function termsJson(db: Kysely<DB>, r: Reader, ids: string[], translations: boolean): Promise<Json[]> {
  if (!ids.length) return [];
  const ctx = await context(db, r, translations);
  const rows = await db.selectFrom('taxonomy_term').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((t) => [t.id, t]));
  return ids.flatMap((id) => (byId.has(id) ? [presentTaxonomyTerm(ctx, byId.get(id)!)] : []));
}

export async function taxonomyTermsPage(db: Kysely<DB>, r: Reader, f: TermFilters, paging: Paging): Promise<HsdsPage> {
  const ids = await findTaxonomyTermIds(db, f, paging.page, paging.perPage);
  return toPage(ids, paging, await termsJson(db, r, ids.ids, false));
}

export async function taxonomyTermById(db: Kysely<DB>, r: Reader, id: string): Promise<Json | null> {
  if (!UUID_RE.test(id)) return null;
  return (await termsJson(db, r, [id.toLowerCase()], true))[0] ?? null;
}

export async function serviceAtLocationsJson(db: Kysely<DB>, r: Reader, ids: string[], full: boolean): Promise<Json[]> {
  const rows = await serviceAtLocationRows(db, ids);
  const serviceIds = [...new Set(rows.map((x) => x.service_id))];
  const [services, locations] = await Promise.all([
    servicesJson(db, r, serviceIds, 'item'),
    loadLocations(db, [...new Set(rows.map((x) => x.location_id))]),
  ]);
  const ctx = await context(db, r, full);
  const byService = new Map(services.map((s) => [s.id as string, s]));
  return rows.map((x) =>
    (full ? presentServiceAtLocation : presentServiceAtLocationItem)(
      ctx,
      x.id,
      byService.get(x.service_id)!,
      locations.get(x.location_id)!,
    ),
  );
}

export async function serviceAtLocationsPage(
  db: Kysely<DB>,
  r: Reader,
  f: ServiceFilters,
  paging: Paging,
  full: boolean,
): Promise<HsdsPage> {
  const ids = await findServiceAtLocationIds(db, f, r.lang, paging.page, paging.perPage);
  return toPage(ids, paging, await serviceAtLocationsJson(db, r, ids.ids, full));
}

export async function serviceAtLocationById(db: Kysely<DB>, r: Reader, id: string): Promise<Json | null> {
  if (!UUID_RE.test(id)) return null;
  return (await serviceAtLocationsJson(db, r, [id.toLowerCase()], true))[0] ?? null;
}
