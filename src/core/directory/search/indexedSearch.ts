/**
 * Searches answered by the in-memory index (issue 13): an app instance builds its index at start (IndexFeed) and
 * serves it for its database here; findServices and findMatching then match, count, facet and order in memory, and
 * the database is asked only for the text score of the best 60 candidates of a first page by relevance (the same
 * ts_rank_cd over the same ranking vector as the SQL path, by primary key) and, by the caller, for the cards shown.
 * Without an index served (commands, tests without an app) they are the SQL search itself.
 */
import { sql, type Kysely } from 'kysely';
import { setBounded } from '../../shared/bounded.js';
import type { DB } from '../../../db/schema.js';
import {
  getService,
  getServiceForPage,
  serviceCards,
  type ServiceCard,
  type ServiceDetail,
  type ServicePageRecord,
} from '../queries.js';
import type { IndexFeed } from './indexFeed.js';
import { changesSeen, directoryMemo, type Kept, serviceMemo } from './memo.js';
import type { MemoryIndex } from './memoryIndex.js';
import {
  minuteOfWeek,
  type Facets,
  matchingServices,
  RERANK,
  searchServices,
  searchWith,
  type SearchHit,
  type SearchParams,
  type SearchResult,
  type SearchRunner,
} from './searchServices.js';

const served = new WeakMap<object, IndexFeed>();
const building = new WeakMap<object, Promise<unknown>>();

/** An index being built for this database (searches are answered by SQL until it is served). */
export function buildingSearchIndex(db: Kysely<DB>, build: Promise<unknown>): void {
  building.set(db, build);
}

/** Resolves when the index being built for this database is served (or its building failed). */
export async function searchIndexReady(db: Kysely<DB>): Promise<IndexFeed | undefined> {
  await building.get(db);
  return served.get(db);
}

/** From now on, searches on this database are answered by this feed's index. */
export function serveSearchIndex(db: Kysely<DB>, feed: IndexFeed): void {
  served.set(db, feed);
}

export function stopServingSearchIndex(db: Kysely<DB>, feed: IndexFeed): void {
  if (served.get(db) === feed) served.delete(db);
}

export function servedIndex(db: Kysely<DB>): IndexFeed | undefined {
  return served.get(db);
}

/** At most this many services' text scores, cards and records are kept (a few kilobytes each). */
const SERVICES_KEPT = 20_000;
const RECORDS_KEPT = 2000;
/** At most this many queries' scores are kept for one service. */
const QUERIES_KEPT = 64;

/**
 * The full text score of candidates (SQL's: least(ts_rank_cd(ranking vector, query, 1), 0.99)). The index scores
 * what it can itself (MemoryIndex.textScores); the rest is asked from the database by primary key. A score the
 * database gives depends only on the service's document and the query: remembered per service and query until a
 * change names the service (memo.ts), so only candidates not scored before for this query are asked.
 */
async function textScores(
  db: Kysely<DB>,
  index: MemoryIndex,
  feed: IndexFeed | undefined,
  ids: string[],
  query: string,
): Promise<Map<string, number>> {
  const scores = index.textScores(ids, query) ?? new Map<string, number>();
  if (scores.size === ids.length) return scores;
  const memo = serviceMemo<Map<string, number>>(feed, 'textScores', SERVICES_KEPT);
  const now = Date.now();
  const missing: string[] = [];
  for (const id of ids) {
    if (scores.has(id)) continue;
    const known = memo?.get(id, now)?.get(query);
    if (known === undefined) missing.push(id);
    else scores.set(id, known);
  }
  if (!missing.length) return scores;
  const from = changesSeen();
  const r = await sql<{ id: string; score: number }>`
    select service_id::text as id, least(ts_rank_cd(tsv_rank, ${query}::tsquery, 1), 0.99)::float8 as score
    from service_search_rank where service_id = any(${missing}::uuid[])`.execute(db);
  const read = new Map(r.rows.map((x) => [x.id, Number(x.score)]));
  for (const id of missing) {
    // A service without a ranking row scores 0, as it does in SQL: remembered too.
    const score = read.get(id) ?? 0;
    scores.set(id, score);
    if (!memo) continue;
    const byQuery = new Map(memo.get(id, now));
    setBounded(byQuery, query, score, QUERIES_KEPT);
    memo.set(id, byQuery, from, now);
  }
  return scores;
}

/**
 * The cards of the services a page of results shows, in the order given (serviceCards'), remembered per service
 * until a change names it (memo.ts): only cards not read before are asked from the database.
 */
export async function searchCards(db: Kysely<DB>, ids: string[]): Promise<ServiceCard[]> {
  const memo = serviceMemo<ServiceCard>(served.get(db), 'cards', SERVICES_KEPT);
  if (!memo) return serviceCards(db, ids);
  const now = Date.now();
  const known = new Map<string, ServiceCard>();
  const missing: string[] = [];
  for (const id of ids) {
    const c = memo.get(id, now);
    if (c) known.set(id, c);
    else missing.push(id);
  }
  if (missing.length) {
    const from = changesSeen();
    for (const c of await serviceCards(db, missing)) {
      known.set(c.id, c);
      memo.set(c.id, c, from, now);
    }
  }
  return ids.flatMap((id) => known.get(id) ?? []);
}

/**
 * A value read from the directory, remembered under `key` in the memo `memoOf` gives (memo.ts: per service, or whole
 * answers), or read when it is not known or does not `fit` this asking; kept when `keep` says so. What this process wrote is applied
 * first, as before any search. Values kept are frozen, so that no caller changes what the next one is given.
 */
async function remembered<V>(
  db: Kysely<DB>,
  memoOf: (feed: IndexFeed | undefined) => Kept<V> | undefined,
  key: string,
  read: () => Promise<V>,
  opts: { fits?: (v: V) => boolean; keep?: (v: V) => boolean } = {},
): Promise<V> {
  const feed = served.get(db);
  if (feed) await feed.fresh();
  const memo = memoOf(feed);
  const at = Date.now();
  const known = memo?.get(key, at);
  if (known !== undefined && (!opts.fits || opts.fits(known))) return known;
  const from = changesSeen();
  const value = await read();
  if (memo && (!opts.keep || opts.keep(value))) memo.set(key, deepFreeze(value), from, at);
  return value;
}

function deepFreeze<V>(v: V): V {
  if (v && typeof v === 'object' && !Object.isFrozen(v) && !ArrayBuffer.isView(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** At most this many answers are kept, each at most this large: a few megabytes for a page of 20 cards each. */
const ANSWERS_KEPT = 300;
const ANSWER_MAX_BYTES = 64 * 1024;

/**
 * A whole answer of the search API, remembered until the directory changes (memo.ts): `key` names everything the
 * answer depends on besides the directory (the validated query, the language, the minute for "open now"), and
 * `answer` makes it (the bytes sent: kept as bytes, they are not encoded again for each reply). The popular searches
 * repeat; between two changes of the directory their second asking is a look-up.
 */
export function rememberedAnswer(db: Kysely<DB>, key: string, answer: () => Promise<Buffer>): Promise<Buffer> {
  return remembered(db, (feed) => directoryMemo<Buffer>(feed, 'answers', ANSWERS_KEPT), key, answer, {
    keep: (body) => body.length <= ANSWER_MAX_BYTES,
  });
}

/**
 * A service's whole record (getService's answer, null when there is none), remembered until a change names the
 * service (memo.ts). Its own edits, its organisation's and places' rebuild its search document; an event naming it is
 * recorded in the change feed too (servicesTouched): every instance forgets it within a second, and this one at once.
 */
export function serviceRecordKept(db: Kysely<DB>, id: string): Promise<ServiceDetail | null> {
  return remembered(
    db,
    (feed) => serviceMemo(feed, 'records', RECORDS_KEPT),
    id,
    () => getService(db, id),
  );
}

/**
 * The service page's reading (getServiceForPage's answer: the record, its hours' exceptions from that day on and
 * whether a published event names it), remembered as serviceRecordKept is, for the day it was read for.
 */
export async function servicePageKept(
  db: Kysely<DB>,
  id: string,
  exceptionsFrom: string,
): Promise<ServicePageRecord | null> {
  const kept = await remembered(
    db,
    (feed) => serviceMemo(feed, 'pages', RECORDS_KEPT),
    id,
    async () => ({ day: exceptionsFrom, page: await getServiceForPage(db, id, exceptionsFrom) }),
    { fits: (k) => k.day === exceptionsFrom },
  );
  return kept.page;
}

/**
 * Facet counts touch every match: as on the SQL path, they are kept for FACET_TTL_MS per search, but only while the
 * index is unchanged (any change applied retires them). Totals and results are always computed.
 */
const FACET_TTL_MS = 30_000;
const facetCaches = new WeakMap<MemoryIndex, Map<string, { at: number; version: number; facets: Facets }>>();

function facetKey(p: SearchParams, c: { each: string[]; min: number } | null): string {
  return JSON.stringify([
    c ? [c.each, c.min] : null,
    p.municipality,
    p.lifeSituation,
    p.language,
    p.orgType,
    p.mode,
    p.free,
    p.age,
    p.openNow ? minuteOfWeek(p.now ?? new Date()) : null,
    p.organizationId,
    p.near && p.withinKm !== undefined ? [p.near, p.withinKm] : null,
  ]);
}

/**
 * The candidates whose text score can decide what the page shows and in which order: the score only orders
 * services that meet as many parts, in the same tier and language (the candidates come in that order), so only the
 * runs of such equals that reach into the page are scored. The others keep their places whatever they score.
 */
export function reachingPage<H extends { matched: number; tier: number; held: number }>(
  top: H[],
  offset: number,
  perPage: number,
): H[] {
  if (offset >= top.length) return [];
  const equal = (i: number) =>
    top[i]!.matched === top[i - 1]!.matched && top[i]!.tier === top[i - 1]!.tier && top[i]!.held === top[i - 1]!.held;
  let from = offset;
  while (from > 0 && equal(from)) from--;
  let to = Math.min(offset + perPage, top.length);
  while (to < top.length && equal(to)) to++;
  return top.slice(from, to);
}

/** The index as searchWith's runner: the same answers as the SQL runner (tests/directory/memoryIndex.test.ts). */
export function indexRunner(db: Kysely<DB>, index: MemoryIndex): SearchRunner {
  return async (p, c, sort, page, perPage) => {
    const offset = (page - 1) * perPage;
    const rerank = sort === 'relevance' && c !== null && offset + perPage <= RERANK;
    let cache = facetCaches.get(index);
    if (!cache) facetCaches.set(index, (cache = new Map()));
    const key = p.facets !== false ? facetKey(p, c) : '';
    const cached = key ? cache.get(key) : undefined;
    const fresh = cached && cached.version === index.version && Date.now() - cached.at < FACET_TTL_MS;
    const a = index.search(p, c, {
      sort,
      take: rerank ? RERANK : offset + perPage,
      facets: p.facets !== false && !fresh,
    });
    if (fresh) a.facets = cached.facets;
    else if (key && a.facets) {
      setBounded(cache, key, { at: Date.now(), version: index.version, facets: a.facets }, 1000);
    }
    const distance = (d: number | null) => (p.near ? d : null);
    let hits: SearchHit[];
    if (rerank) {
      const feed = served.get(db);
      const scores = await textScores(
        db,
        index,
        feed?.index === index ? feed : undefined,
        reachingPage(a.top, offset, perPage).map((h) => h.id),
        c.any,
      );
      hits = a.top
        .map((h, i) => ({ h, i, score: scores.get(h.id) ?? 0 }))
        .sort(
          (x, y) =>
            y.h.matched - x.h.matched || y.h.tier - x.h.tier || y.h.held - x.h.held || y.score - x.score || x.i - y.i,
        )
        .slice(offset, offset + perPage)
        .map(({ h, score }) => ({
          id: h.id,
          rank: h.matched * 100 + h.tier + h.held + score,
          distanceKm: distance(h.distanceKm),
        }));
    } else {
      const words = c !== null && (sort === 'relevance' || sort === 'distance');
      hits = a.top.slice(offset).map((h) => ({
        id: h.id,
        rank: words ? h.matched * 100 + h.tier + (sort === 'relevance' ? h.held : 0) : 0,
        distanceKm: distance(h.distanceKm),
      }));
    }
    return { total: a.total, mappable: a.mappable, hits, facets: a.facets };
  };
}

/** The search (searchServices' answer), from the index when this database has one served. */
export async function findServices(db: Kysely<DB>, p: SearchParams): Promise<SearchResult> {
  const feed = served.get(db);
  if (!feed) return searchServices(db, p);
  await feed.fresh();
  return searchWith(db, p, 100, indexRunner(db, feed.index));
}

/** The matching set for a map (matchingServices' answer), from the index when this database has one served. */
export async function findMatching(db: Kysely<DB>, p: SearchParams, limit: number): Promise<SearchResult> {
  const feed = served.get(db);
  if (!feed) return matchingServices(db, p, limit);
  await feed.fresh();
  return matchingServices(db, p, limit, indexRunner(db, feed.index));
}

/** The index's gauges for /metrics (none when this database has no index served). */
export async function searchIndexMetrics(db: Kysely<DB>): Promise<string[]> {
  const feed = served.get(db);
  if (!feed) return [];
  const { latest, applied, lag } = await feed.lag();
  return [
    "# HELP yhdessa_search_index_lag Directory changes not yet applied to this instance's search index.",
    '# TYPE yhdessa_search_index_lag gauge',
    `yhdessa_search_index_lag ${lag}`,
    '# HELP yhdessa_search_index_sequence Change sequence: the newest in the database and the highest applied here.',
    '# TYPE yhdessa_search_index_sequence gauge',
    `yhdessa_search_index_sequence{state="latest"} ${latest}`,
    `yhdessa_search_index_sequence{state="applied"} ${applied}`,
    '# HELP yhdessa_search_index_documents Services held by the search index.',
    '# TYPE yhdessa_search_index_documents gauge',
    `yhdessa_search_index_documents ${feed.index.size}`,
    '# HELP yhdessa_search_index_build_seconds Time the search index took to build at start.',
    '# TYPE yhdessa_search_index_build_seconds gauge',
    `yhdessa_search_index_build_seconds ${(feed.buildMs / 1000).toFixed(3)}`,
  ];
}
