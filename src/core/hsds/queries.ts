/**
 * Which records an HSDS list holds, and in what order. Only published (active) services appear, and with them their
 * organisations, places and taxonomy terms. Words (`search`) go to the directory's own search (searchServices), so
 * HSDS readers get the same matching, inflections, typo correction and ranking as the site; the other filters are
 * answered here from the search table (service_search) and the directory tables.
 */
import { DomainError } from '../shared/errors.js';
import type { Lang } from '../shared/lang.js';
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findServices, servedIndex } from '../directory/search/indexedSearch.js';
import { LIFE_SITUATIONS, isOneOf } from '../directory/vocabulary.js';
import type { Postcode } from './postcode.js';

/** A parameter that is well-formed but cannot be answered: a 400 with the translated code (`error.<code>`). */
const cannotCombine = (name: string) => new DomainError('invalid', 'hsds_search_combination', { params: { name } });

export interface ServiceFilters {
  search?: string;
  /** A taxonomy_term id (UUID). */
  taxonomyTermId?: string;
  /** Set by findServiceIds when the term is a life situation: answered from the search table's indexed array. */
  lifeSituation?: string;
  /** The directory's taxonomy slug (life-situation, ptv-service-class, ptv-target-group). */
  taxonomy?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  /** Services whose area covers the postcode's municipality. */
  postcode?: Postcode;
  /** With postcode: only services with a place at most this far from its centre. */
  withinKm?: number;
}

export interface IdPage {
  total: number;
  ids: string[];
}

const collators = new Map<Lang, Intl.Collator>();
const collator = (lang: Lang) => {
  let c = collators.get(lang);
  if (!c)
    collators.set(
      lang,
      (c = new Intl.Collator(lang === 'en' ? 'en' : `${lang}-FI`, { sensitivity: 'base', numeric: true })),
    );
  return c;
};

type ServiceSearchQuery = SelectQueryBuilder<DB, 'service_search', object>;

/** The filters that are not words, on service_search (alias s). */
function applyFilters<Q extends SelectQueryBuilder<DB, 'service_search', object>>(q: Q, f: ServiceFilters): Q {
  let out = q.where('service_search.active', '=', true) as Q;
  if (f.organizationId) out = out.where('service_search.organization_id', '=', f.organizationId) as Q;
  if (f.lifeSituation) {
    out = out.where(sql<boolean>`service_search.life_situations @> array[${f.lifeSituation}]::text[]`) as Q;
  } else if (f.taxonomyTermId) {
    const term = f.taxonomyTermId;
    out = out.where((eb) =>
      eb.exists(
        eb
          .selectFrom('service_taxonomy_term as st')
          .select(sql`1`.as('one'))
          .whereRef('st.service_id', '=', 'service_search.service_id')
          .where('st.taxonomy_term_id', '=', term),
      ),
    ) as Q;
  }
  if (f.taxonomy) {
    const taxonomy = f.taxonomy;
    out = out.where((eb) =>
      eb.exists(
        eb
          .selectFrom('service_taxonomy_term as st')
          .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
          .select(sql`1`.as('one'))
          .whereRef('st.service_id', '=', 'service_search.service_id')
          .where('t.taxonomy_id', '=', taxonomy),
      ),
    ) as Q;
  }
  if (f.modifiedAfter) {
    const after = f.modifiedAfter;
    out = out.where((eb) =>
      eb.exists(
        eb
          .selectFrom('service as v')
          .select(sql`1`.as('one'))
          .whereRef('v.id', '=', 'service_search.service_id')
          .where('v.updated_at', '>=', after),
      ),
    ) as Q;
  }
  if (f.postcode) out = out.where(sql<boolean>`service_search.areas && ${f.postcode.municipalities}::text[]`) as Q;
  return out;
}

const distanceFrom = (p: Postcode) =>
  sql<number>`yh_min_distance_km(service_search.points, ${p.centre.lat}, ${p.centre.lon})`;

/** Without words: filtered, in the reader's alphabet (or nearest first with a distance). */
async function listServiceIds(
  db: Kysely<DB>,
  f: ServiceFilters,
  lang: Lang,
  page: number,
  perPage: number,
): Promise<IdPage> {
  let base = applyFilters(db.selectFrom('service_search') as ServiceSearchQuery, f);
  const near = f.postcode && f.withinKm !== undefined ? f.postcode : null;
  if (near) base = base.where(sql<boolean>`${distanceFrom(near)} <= ${f.withinKm}::float8`);
  const [count, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    (near ? base.orderBy(distanceFrom(near)) : base)
      .select('service_search.service_id')
      .orderBy(sql.ref(`service_search.sort_${lang}`))
      .orderBy('service_search.service_id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { total: (count as { n: number }).n, ids: rows.map((r) => r.service_id) };
}

/** With words: the directory's search, with the filters it knows. */
async function searchServiceIds(
  db: Kysely<DB>,
  f: ServiceFilters,
  lang: Lang,
  page: number,
  perPage: number,
): Promise<IdPage> {
  let lifeSituation: string[] | undefined;
  if (f.taxonomyTermId) {
    const term = await db
      .selectFrom('taxonomy_term')
      .select(['taxonomy_id', 'code'])
      .where('id', '=', f.taxonomyTermId)
      .executeTakeFirst();
    if (!term) return { total: 0, ids: [] };
    if (term.taxonomy_id !== 'life-situation' || !isOneOf(LIFE_SITUATIONS, term.code))
      throw cannotCombine('taxonomy_term_id');
    lifeSituation = [term.code];
  }
  if (f.taxonomy) throw cannotCombine('taxonomy_id');
  if (f.modifiedAfter) throw cannotCombine('modified_after');
  return directorySearch(db, f, lang, lifeSituation, page, perPage, f.search);
}

/**
 * The directory's search (the in-memory index when this instance serves one) for HSDS's filters: by relevance with
 * words, else by name, or nearest first with a distance.
 */
async function directorySearch(
  db: Kysely<DB>,
  f: ServiceFilters,
  lang: Lang,
  lifeSituation: string[] | undefined,
  page: number,
  perPage: number,
  q?: string,
): Promise<IdPage> {
  const within = f.postcode && f.withinKm !== undefined;
  const r = await findServices(db, {
    q,
    lang,
    organizationId: f.organizationId,
    municipality: f.postcode?.municipalities,
    lifeSituation,
    near: within ? f.postcode!.centre : undefined,
    withinKm: within ? f.withinKm : undefined,
    sort: q ? 'relevance' : within ? 'distance' : 'name',
    page,
    perPage,
    facets: false,
  });
  return { total: r.total, ids: r.hits.map((h) => h.id) };
}

/** A life-situation term's code (the search table keeps those in an indexed array), else undefined. */
async function lifeSituationOf(db: Kysely<DB>, termId: string | undefined): Promise<string | undefined> {
  if (!termId) return undefined;
  const term = await db
    .selectFrom('taxonomy_term')
    .select(['taxonomy_id', 'code'])
    .where('id', '=', termId)
    .executeTakeFirst();
  return term?.taxonomy_id === 'life-situation' && isOneOf(LIFE_SITUATIONS, term.code) ? term.code : undefined;
}

export async function findServiceIds(
  db: Kysely<DB>,
  f: ServiceFilters,
  lang: Lang,
  page: number,
  perPage: number,
): Promise<IdPage> {
  if (f.search?.trim()) return searchServiceIds(db, f, lang, page, perPage);
  const lifeSituation = await lifeSituationOf(db, f.taxonomyTermId);
  // Without words, the search index answers the filters it holds (the same set and order as the SQL below).
  if (servedIndex(db) && !f.taxonomy && !f.modifiedAfter && (!f.taxonomyTermId || lifeSituation))
    return directorySearch(db, f, lang, lifeSituation ? [lifeSituation] : undefined, page, perPage);
  return listServiceIds(db, { ...f, lifeSituation }, lang, page, perPage);
}

/** Published services by id (an unknown or unpublished id is not there). */
export async function isPublishedService(db: Kysely<DB>, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('service_search')
    .select('service_id')
    .where('service_id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  return !!r;
}

/**
 * Service-at-location pairs of published services: the service filters, the postcode's area, and with proximity
 * the place itself within the distance. Ordered by id (nearest first with a distance): ordering by service name would
 * sort every pair for each page.
 */
export async function findServiceAtLocationIds(
  db: Kysely<DB>,
  f: ServiceFilters,
  lang: Lang,
  page: number,
  perPage: number,
): Promise<IdPage> {
  if (f.search?.trim()) throw cannotCombine('service_at_locations');
  const lifeSituation = await lifeSituationOf(db, f.taxonomyTermId);
  const base = applyFilters(
    db
      .selectFrom('service_search')
      .innerJoin(
        'service_at_location as sl',
        'sl.service_id',
        'service_search.service_id',
      ) as unknown as ServiceSearchQuery,
    { ...f, lifeSituation },
  ) as unknown as SelectQueryBuilder<DB & { sl: DB['service_at_location'] }, 'service_search' | 'sl', object>;
  const near = f.postcode && f.withinKm !== undefined ? f.postcode : null;
  // The place is read only to measure its distance (its existence is the foreign key's).
  const distance = near
    ? sql<number>`(select yh_distance_km(l.lat, l.lon, ${near.centre.lat}, ${near.centre.lon}) from location l where l.id = sl.location_id)`
    : null;
  const filtered = distance ? base.where(sql<boolean>`${distance} <= ${f.withinKm}::float8`) : base;
  const [count, rows] = await Promise.all([
    filtered.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    (distance ? filtered.orderBy(distance) : filtered)
      .select('sl.id')
      .orderBy('sl.id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { total: (count as { n: number }).n, ids: rows.map((r) => r.id) };
}

export async function serviceAtLocationRows(
  db: Kysely<DB>,
  ids: string[],
): Promise<{ id: string; service_id: string; location_id: string }[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('service_at_location as sl')
    .innerJoin('service_search as s', 's.service_id', 'sl.service_id')
    .select(['sl.id', 'sl.service_id', 'sl.location_id'])
    .where('sl.id', 'in', ids)
    .where('s.active', '=', true)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** An organisation with a published service, or whose place a published service uses (indexes on service and location). */
const publishedOrganization = (eb: ExpressionBuilder<DB & { o: DB['organization'] }, 'o'>) =>
  eb.or([
    eb.exists(
      eb
        .selectFrom('service as v')
        .select(sql`1`.as('one'))
        .whereRef('v.organization_id', '=', 'o.id')
        .where('v.status', '=', 'active'),
    ),
    eb.exists(
      eb
        .selectFrom('location as l')
        .innerJoin('service_at_location as sl', 'sl.location_id', 'l.id')
        .innerJoin('service as v', 'v.id', 'sl.service_id')
        .select(sql`1`.as('one'))
        .whereRef('l.organization_id', '=', 'o.id')
        .where('v.status', '=', 'active'),
    ),
  ]);

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const textIn = (col: string) =>
  sql<string>`concat_ws(' ', ${sql.ref(col)}->>'fi', ${sql.ref(col)}->>'sv', ${sql.ref(col)}->>'en')`;

/**
 * The organisations of the published directory: those with a published service, or whose place a published service
 * uses. `search` matches their names in any language. Sorted by name in the reader's alphabet.
 */
export async function findOrganizationIds(
  db: Kysely<DB>,
  search: string | undefined,
  lang: Lang,
  page: number,
  perPage: number,
): Promise<IdPage> {
  let q = db.selectFrom('organization as o').select(['o.id', 'o.name', 'o.key']).where(publishedOrganization);
  if (search?.trim())
    q = q.where(sql<boolean>`unaccent(${textIn('o.name')}) ilike unaccent(${likePattern(search.trim())})`);
  const rows = await q.execute();
  return sortAndPage(
    rows.map((r) => ({ id: r.id, name: r.name[lang] ?? r.name.fi ?? r.name.sv ?? r.key })),
    lang,
    page,
    perPage,
  );
}

function sortAndPage(rows: { id: string; name: string }[], lang: Lang, page: number, perPage: number): IdPage {
  const c = collator(lang);
  rows.sort((a, b) => c.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return { total: rows.length, ids: rows.slice((page - 1) * perPage, page * perPage).map((r) => r.id) };
}

/** Services of one organisation that are published, in the reader's alphabet. */
export async function organizationServiceIds(db: Kysely<DB>, organizationId: string, lang: Lang): Promise<string[]> {
  const rows = await db
    .selectFrom('service_search')
    .select('service_id')
    .where('organization_id', '=', organizationId)
    .where('active', '=', true)
    .orderBy(sql.ref(`sort_${lang}`))
    .orderBy('service_id')
    .execute();
  return rows.map((r) => r.service_id);
}

export async function isPublishedOrganization(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await findOrganizationIdsAmong(db, [id])).length > 0;
}

async function findOrganizationIdsAmong(db: Kysely<DB>, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('organization as o')
    .select('o.id')
    .where('o.id', 'in', ids)
    .where(publishedOrganization)
    .execute();
  return rows.map((r) => r.id);
}

/** Taxonomies (all of them: they are reference data), `search` in their names. */
export async function findTaxonomyIds(
  db: Kysely<DB>,
  search: string | undefined,
  lang: Lang,
  page: number,
  perPage: number,
): Promise<IdPage> {
  let q = db.selectFrom('taxonomy').select(['id', 'name']);
  if (search?.trim())
    q = q.where(sql<boolean>`unaccent(${textIn('name')}) ilike unaccent(${likePattern(search.trim())})`);
  const rows = await q.execute();
  return sortAndPage(
    rows.map((r) => ({ id: r.id, name: r.name[lang] ?? r.name.fi ?? r.id })),
    lang,
    page,
    perPage,
  );
}

export interface TermFilters {
  search?: string;
  taxonomy?: string;
  topOnly?: boolean;
  parentId?: string;
}

/** Taxonomy terms: by taxonomy, top-level only, children of a term, words in the name or code. Ordered by code. */
export async function findTaxonomyTermIds(
  db: Kysely<DB>,
  f: TermFilters,
  page: number,
  perPage: number,
): Promise<IdPage> {
  let q = db.selectFrom('taxonomy_term as t');
  if (f.taxonomy) q = q.where('t.taxonomy_id', '=', f.taxonomy);
  if (f.topOnly) q = q.where('t.parent_code', 'is', null);
  if (f.parentId) {
    const parentId = f.parentId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('taxonomy_term as p')
          .select(sql`1`.as('one'))
          .where('p.id', '=', parentId)
          .whereRef('p.taxonomy_id', '=', 't.taxonomy_id')
          .whereRef('p.code', '=', 't.parent_code'),
      ),
    );
  }
  if (f.search?.trim()) {
    const like = likePattern(f.search.trim());
    q = q.where(sql<boolean>`(unaccent(${textIn('t.name')}) ilike unaccent(${like}) or t.code ilike ${like})`);
  }
  const [count, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    q
      .select('t.id')
      .orderBy('t.taxonomy_id')
      .orderBy(sql`t.code collate "C"`)
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { total: (count as { n: number }).n, ids: rows.map((r) => r.id) };
}
