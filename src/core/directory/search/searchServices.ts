/**
 * Service search: full-text over every language with ranking name > keywords > description, filters,
 * disjunctive facet counts, sorting by relevance, by name in the reader's alphabet, or by distance, and a
 * "did you mean" correction for typos from the words the directory actually uses.
 */
import type { Lang } from '../../shared/lang.js';
import { setBounded } from '../../shared/bounded.js';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { WEEKDAYS } from '../vocabulary.js';
import { analyzeQuery, needConcept, type QueryAnalysis } from './needs.js';
import { needVocabulary } from './needPhrases.js';
import { queryVariants } from './text.js';

export type SortOrder = 'relevance' | 'name' | 'distance';

export interface SearchParams {
  q?: string;
  lang: Lang;
  municipality?: string[];
  lifeSituation?: string[];
  language?: string[];
  orgType?: string[];
  mode?: string[];
  age?: number;
  free?: boolean;
  openNow?: boolean;
  near?: { lat: number; lon: number };
  /** Only services with a place at most this far from `near` (services without a place drop out). */
  withinKm?: number;
  sort?: SortOrder;
  page?: number;
  perPage?: number;
  organizationId?: string;
  /** Facet counts cost a little; lists that do not show them skip them. */
  facets?: boolean;
  now?: Date;
}

export type FacetName = 'municipality' | 'life_situation' | 'language' | 'org_type' | 'mode' | 'free';
export type Facets = Record<FacetName, Record<string, number>>;

export interface SearchHit {
  id: string;
  rank: number;
  distanceKm: number | null;
}

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  facets: Facets | null;
  /** When the words typed matched nothing and a near spelling did: the query that was used instead. */
  correctedQuery: string | null;
  sort: SortOrder;
  /** How many of the matching services have at least one place with coordinates (what a map can show). */
  mappable: number;
  /** Concepts of the need vocabulary the query was read as (ids of data/needs.json). */
  concepts: string[];
  /** Words left out as filler or question forms ("mistä saa apua", "where can I get help"). */
  ignoredWords: string[];
  /** The parts the query was read as (each concept one part, each other word one part). */
  parts: number;
  /** How many of the parts every result meets at least (fewer than `parts`: some results meet only most). */
  minMatch: number;
}

/** Minute of the week (Monday 00:00 = 0) in Finnish local time. */
export function minuteOfWeek(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = WEEKDAYS.indexOf(get('weekday').slice(0, 2).toUpperCase() as (typeof WEEKDAYS)[number]);
  return day * 1440 + Number(get('hour')) * 60 + Number(get('minute'));
}

/** One part of a query: its alternative forms (a typed word's inflections, or a concept's words). */
type Group = string[];
type Groups = [string, boolean, boolean][][];
function queryGroups(groups: Group[]): Groups {
  return groups.map((g) => g.map((v) => [v, v.length >= 5, v.length >= 3] as [string, boolean, boolean]));
}

/** The parts a read query is searched by: each concept (typed words + the words services use), each other word. */
export function queryParts(a: QueryAnalysis): Group[] {
  return [...a.concepts.map((c) => conceptPart(c)), ...a.words.map((w) => queryVariants(w))];
}

/** Only what was typed (each word's forms): the name and keyword tiers rank by these, not by a concept's words. */
export function typedParts(a: QueryAnalysis): Group[] {
  return [
    ...a.concepts.map((c) => c.words.flatMap((w) => queryVariants(w))),
    ...a.words.map((w) => queryVariants(w)),
  ].filter((g) => g.length > 0);
}

function conceptPart(c: QueryAnalysis['concepts'][number]): Group {
  const forms = new Set<string>();
  for (const w of c.words) for (const v of queryVariants(w)) forms.add(v);
  const concept = needConcept(c.id);
  for (const w of [...(concept?.nameWords ?? []), ...(concept?.serviceWords ?? [])])
    for (const t of w.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) forms.add(t);
  return [...forms].slice(0, 48);
}

/** The words in the names of services that answer the concepts found (one group: any of them). */
export function conceptNameParts(a: QueryAnalysis): Group[] {
  const words = new Set<string>();
  for (const c of a.concepts) for (const w of needConcept(c.id)?.nameWords ?? []) words.add(w.toLowerCase());
  return words.size ? [[...words]] : [];
}

/** At least this many of n parts must match: all of one or two, two of three, three of four, four of five or six. */
export function minimumMatch(n: number): number {
  return n <= 2 ? n : Math.ceil((n * 2) / 3);
}

export interface Compiled {
  all: string;
  any: string;
  /** The typed words alone (all of them, any of them): what the name and keyword tiers are measured by. */
  typedAll: string;
  typedAny: string;
  /** Any of the concepts' name words: a service named so ranks above one that only mentions the need. */
  conceptNames: string | null;
  /** One tsquery per part. */
  each: string[];
  /** At least this many parts must match. */
  min: number;
}

/** One operand of a tsquery as PostgreSQL writes it: a quoted lexeme ('' for a quote), then :* and/or weights. */
const OPERAND = /'(?:[^']|'')*'(?::[*A-D]+)?/g;

/**
 * A disjunction without the operands that add nothing: the same operand again, and an operand that a prefix
 * operand of it already matches ('vuod':* matches every lexeme 'vuode':* or 'vuodet' does). A part's forms in
 * every language's stemming repeat a lot ("ihmeelliset vuodet": 40 operands, 13 distinct), and ts_rank_cd's time
 * grows with the operands while its value does not change: the same positions match, and it joins each position's
 * operands into one (measured: the same score on every service for 17 typical and everyday queries, 3–15 ms → 1–9
 * ms for 60 candidates on PostgreSQL at 100 000 services). Anything but a plain disjunction of lexemes is returned
 * as it is.
 */
export function leanDisjunction(q: string): string {
  const ops = q.match(OPERAND);
  if (!ops || q.replace(OPERAND, '').replaceAll(' | ', '') !== '') return q;
  const distinct = [...new Set(ops)];
  // Only plain lexemes ('x' or 'x':*, no weights, no quote inside) are compared by prefix.
  const plain = (o: string) => /^'[^']*'(?::\*)?$/.test(o);
  const lexeme = (o: string) => o.slice(1, o.lastIndexOf("'"));
  const prefixes = distinct.filter((o) => plain(o) && o.endsWith(':*')).map(lexeme);
  const kept = distinct.filter(
    (o) => !plain(o) || !prefixes.some((p) => lexeme(o).startsWith(p) && (lexeme(o) !== p || !o.endsWith(':*'))),
  );
  return kept.join(' | ');
}

// The tsquery for a list of parts depends only on the parts (and the database's stemmers): remember recent ones.
const compiledCache = new Map<string, Omit<Compiled, 'min'> | null>();

export async function compileQuery(
  db: Kysely<DB>,
  parts: Group[],
  typed: Group[],
  names: Group[],
  min?: number,
): Promise<Compiled | null> {
  if (!parts.length) return null;
  const cacheKey = JSON.stringify([parts, typed, names]);
  let compiled = compiledCache.get(cacheKey);
  if (compiled === undefined) {
    const groups = queryGroups(parts);
    const typedGroups = JSON.stringify(queryGroups(typed.length ? typed : parts));
    const r = await sql<{
      all: string | null;
      any: string | null;
      typed_all: string | null;
      typed_any: string | null;
      names: string | null;
      each: (string | null)[] | null;
    }>`
      select yh_query(${JSON.stringify(groups)}::jsonb, 'all')::text as all,
        yh_query(${JSON.stringify(groups)}::jsonb, 'any')::text as any,
        yh_query(${typedGroups}::jsonb, 'all')::text as typed_all,
        yh_query(${typedGroups}::jsonb, 'any')::text as typed_any,
        yh_query(${JSON.stringify(queryGroups(names))}::jsonb, 'any')::text as names,
        array(select yh_query(jsonb_build_array(g), 'all')::text
          from jsonb_array_elements(${JSON.stringify(groups)}::jsonb) with ordinality as e(g, i) order by i) as each`.execute(
      db,
    );
    const row = r.rows[0];
    const each = (row?.each ?? []).filter((x): x is string => !!x).map(leanDisjunction);
    compiled =
      row?.all && each.length === parts.length
        ? {
            all: row.all,
            any: leanDisjunction(row.any ?? row.all),
            typedAll: row.typed_all ?? row.all,
            typedAny: leanDisjunction(row.typed_any ?? row.typed_all ?? row.any ?? row.all),
            conceptNames: row.names ? leanDisjunction(row.names) : null,
            each,
          }
        : null;
    setBounded(compiledCache, cacheKey, compiled, 2000);
  }
  if (!compiled) return null;
  const n = compiled.each.length;
  return { ...compiled, min: Math.max(1, Math.min(n, min ?? minimumMatch(n))) };
}

/** How many parts a service's document meets (SQL), or the constant when every part is required. */
function matchedParts(c: Compiled): RawBuilder<number> {
  if (c.min >= c.each.length) return sql<number>`${c.each.length}::int`;
  return sql<number>`(${sql.join(
    c.each.map((q) => sql`(s.tsv @@ ${q}::tsquery)::int`),
    sql` + `,
  )})`;
}

/** The text condition: every part, or the minimum number of them (the any-query first, from the GIN index). */
function textMatch(c: Compiled): RawBuilder<boolean> {
  if (c.min >= c.each.length) return sql<boolean>`s.tsv @@ ${c.all}::tsquery`;
  return sql<boolean>`(s.tsv @@ ${c.any}::tsquery and ${matchedParts(c)} >= ${c.min})`;
}

/**
 * For each word the directory does not know, the nearest word it does (trigram similarity), if any is near. Words it
 * knows stay as they are (nothing is nearer to a word than itself), without a trigram search: when filters leave
 * nothing, the words typed are usually known.
 */
async function correctWords(db: Kysely<DB>, words: string[]): Promise<string[] | null> {
  const exact = await sql<{ word: string }>`select word from search_word where word = any(${words}::text[])`.execute(
    db,
  );
  const knownWords = new Set(exact.rows.map((r) => r.word));
  if (words.every((w) => knownWords.has(w))) return null;
  let changed = false;
  const out: string[] = [];
  for (const w of words) {
    if (knownWords.has(w)) {
      out.push(w);
      continue;
    }
    const known = await sql<{ word: string; sim: number }>`
      select word, similarity(word, ${w}) as sim from search_word
      where word % ${w} order by sim desc, word limit 1`.execute(db);
    const best = known.rows[0];
    if (best && best.word !== w && best.sim >= 0.35) {
      out.push(best.word);
      changed = true;
    } else out.push(w);
  }
  return changed ? out : null;
}

type Filters = Record<FacetName, RawBuilder<boolean> | null>;

/** The filters that facets are counted across (each facet ignores its own). */
function facetFilters(p: SearchParams): Filters {
  const arr = (col: string, values?: string[]) =>
    values?.length ? sql<boolean>`s.${sql.ref(col)} && ${values}::text[]` : null;
  return {
    municipality: arr('areas', p.municipality),
    life_situation: arr('life_situations', p.lifeSituation),
    language: arr('languages', p.language),
    mode: arr('modes', p.mode),
    org_type: p.orgType?.length ? sql<boolean>`s.org_type = any(${p.orgType}::text[])` : null,
    free: p.free === undefined ? null : sql<boolean>`s.free = ${p.free}`,
  };
}

/** Filters that apply to every count. */
function commonFilters(p: SearchParams): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (p.age !== undefined)
    out.push(
      sql<boolean>`(s.age_min is null or s.age_min <= ${p.age}) and (s.age_max is null or s.age_max >= ${p.age})`,
    );
  if (p.openNow) out.push(sql<boolean>`s.open_hours @> ${minuteOfWeek(p.now ?? new Date())}::int4`);
  if (p.organizationId) out.push(sql<boolean>`s.organization_id = ${p.organizationId}::uuid`);
  if (p.near && p.withinKm !== undefined)
    out.push(sql<boolean>`yh_min_distance_km(s.points, ${p.near.lat}, ${p.near.lon}) <= ${p.withinKm}::float8`);
  return out;
}

const FACET_COLUMNS: Record<FacetName, { expr: RawBuilder<unknown>; multi: boolean }> = {
  municipality: { expr: sql`areas`, multi: true },
  life_situation: { expr: sql`life_situations`, multi: true },
  language: { expr: sql`languages`, multi: true },
  mode: { expr: sql`modes`, multi: true },
  org_type: { expr: sql`org_type`, multi: false },
  free: { expr: sql`free::text`, multi: false },
};
const FACET_NAMES = Object.keys(FACET_COLUMNS) as FacetName[];

/** How many of the best matches (by tier and name) get the full relevance score. Later pages keep tier order. */
export const RERANK = 60;

/**
 * Facet counts touch every matching service, which costs at scale; they are cached briefly per search. Results and
 * totals are always read live. A write in this process clears the cache; another instance's write shows within
 * FACET_TTL_MS.
 */
const FACET_TTL_MS = 30_000;
// One cache per database (tests open several); a write bumps the generation, which retires every entry.
const facetCaches = new WeakMap<object, Map<string, { at: number; generation: number; facets: Facets }>>();
let generation = 0;
export function directoryChanged(): void {
  generation++;
}
/** Changes with every write in this process: caches derived from the directory compare it. */
export function directoryGeneration(): number {
  return generation;
}
function cacheFor(db: object) {
  let c = facetCaches.get(db);
  if (!c) facetCaches.set(db, (c = new Map()));
  return c;
}

/** The text match and the filters every count shares (facet filters excluded). */
function baseFilters(p: SearchParams, c: Compiled | null): RawBuilder<boolean>[] {
  return [...(c ? [textMatch(c)] : []), ...commonFilters(p)];
}

const active = (parts: RawBuilder<boolean>[]) =>
  parts.length ? sql<boolean>`s.active and ${sql.join(parts, sql` and `)}` : sql<boolean>`s.active`;

function whereAll(p: SearchParams, c: Compiled | null): RawBuilder<boolean> {
  const f = facetFilters(p);
  return active([
    ...baseFilters(p, c),
    ...FACET_NAMES.map((n) => f[n]).filter((x): x is RawBuilder<boolean> => x !== null),
  ]);
}

/**
 * Text searches run with sequential scans off (in their own transaction): the text vectors live out of line, and a
 * scan would unpack every one of them, a cost the planner does not see; the GIN indexes answer without reading them.
 */
async function withTextPlan<T>(db: Kysely<DB>, c: Compiled | null, fn: (q: Kysely<DB>) => Promise<T>): Promise<T> {
  if (!c) return fn(db);
  return db.transaction().execute(async (tx) => {
    // Disabling scans inflates plan costs past jit_above_cost; compiling the plan would cost more than running it.
    await sql`set local enable_seqscan = off`.execute(tx);
    await sql`set local jit = off`.execute(tx);
    return fn(tx);
  });
}

/**
 * Total and one page of hits, live. The matching set is built once, then counted and paged.
 *
 * By relevance: services meeting more of the query's parts first; then the tier (the parts met in the name, in
 * the keywords); then, for the same match, services given in the page's language before the others; then the
 * full text score. By distance with words: services meeting more parts first, then nearest, and at the same
 * distance (to 100 m) the relevance order — a service next door that meets less of the need does not come first.
 */
async function runPage(
  db: Kysely<DB>,
  p: SearchParams,
  c: Compiled | null,
  sort: SortOrder,
  page: number,
  perPage: number,
) {
  const near = p.near;
  const offset = (page - 1) * perPage;
  const sortKey = sql.ref(`s.sort_${p.lang}`);
  const distance = near ? sql`yh_min_distance_km(s.points, ${near.lat}, ${near.lon})` : sql`null::float8`;
  const ctes = [
    sql`m as materialized (select s.service_id, ${sortKey} as sort_key, ${distance} as distance_km,
      jsonb_array_length(s.points) > 0 as mappable,
      ${c ? matchedParts(c) : sql`0`} as matched,
      (${p.lang}::text = any(s.languages))::int as held
    from service_search s where ${whereAll(p, c)})`,
  ];
  let pageQuery: RawBuilder<unknown>;
  if ((sort === 'relevance' || sort === 'distance') && c) {
    // Tier from membership of the name and keyword matches, each straight from its GIN index.
    const nameAll = c.each.length > 1;
    ctes.push(sql`n as materialized (select service_id from service_search where tsv_name @@ ${c.typedAny}::tsquery)`);
    if (nameAll)
      ctes.push(
        sql`na as materialized (select service_id from service_search where tsv_name @@ ${c.typedAll}::tsquery)`,
      );
    ctes.push(
      sql`k as materialized (select service_id from service_search where tsv_keywords @@ ${c.typedAny}::tsquery)`,
    );
    ctes.push(
      c.conceptNames
        ? sql`cn as materialized (select service_id from service_search
            where tsv_name @@ ${c.conceptNames}::tsquery or tsv_keywords @@ ${c.conceptNames}::tsquery)`
        : sql`cn as (select null::uuid as service_id where false)`,
    );
    ctes.push(sql`t as (select m.service_id, m.sort_key, m.distance_km, m.matched, m.held,
        ${nameAll ? sql`(na.service_id is not null)::int * 8 + ` : sql`(n.service_id is not null)::int * 8 + `}(n.service_id is not null)::int * 4
        + (k.service_id is not null)::int * 2 + (cn.service_id is not null)::int * 3 as tier
      from m left join n on n.service_id = m.service_id
      left join cn on cn.service_id = m.service_id
      ${nameAll ? sql`left join na on na.service_id = m.service_id` : sql``}
      left join k on k.service_id = m.service_id)`);
    if (sort === 'distance') {
      const order = sql`matched desc, round(distance_km::numeric, 1) asc nulls last, tier desc, held desc, sort_key, service_id`;
      pageQuery = sql`select 'hit'::text, (row_number() over (order by ${order}))::int, service_id, (matched * 100 + tier)::float8, distance_km, null::int
        from t order by ${order} limit ${perPage} offset ${offset}`;
    } else if (offset + perPage <= RERANK) {
      // The best candidates by parts met and tier get the full score, read from their ranking vector.
      const order = sql`r.matched desc, r.tier desc, r.held desc, r.score desc, r.sort_key, r.service_id`;
      pageQuery = sql`select 'hit'::text, (row_number() over (order by ${order}))::int, r.service_id, r.matched * 100 + r.tier + r.held + r.score, r.distance_km, null::int
        from (
          select b.service_id, b.sort_key, b.distance_km, b.matched, b.tier, b.held,
            least(ts_rank_cd(x.tsv_rank, ${c.any}::tsquery, 1), 0.99)::float8 as score
          from (select * from t order by matched desc, tier desc, held desc, sort_key, service_id limit ${RERANK}) b
          join service_search_rank x on x.service_id = b.service_id
        ) r
        order by ${order} limit ${perPage} offset ${offset}`;
    } else {
      const order = sql`matched desc, tier desc, held desc, sort_key, service_id`;
      pageQuery = sql`select 'hit'::text, (row_number() over (order by ${order}))::int, service_id, (matched * 100 + tier + held)::float8, distance_km, null::int
        from t order by ${order} limit ${perPage} offset ${offset}`;
    }
  } else {
    const order =
      sort === 'distance' ? sql`distance_km asc nulls last, sort_key, service_id` : sql`sort_key, service_id`;
    pageQuery = sql`select 'hit'::text, (row_number() over (order by ${order}))::int, service_id, 0::float8, distance_km, null::int
      from m order by ${order} limit ${perPage} offset ${offset}`;
  }
  const r = await withTextPlan(db, c, (q) =>
    sql<{
      kind: string;
      n: number;
      id: string | null;
      rank: number | null;
      distance_km: number | null;
      mappable: number | null;
    }>`
    with ${sql.join(ctes)}
    select 'total'::text as kind, count(*)::int as n, null::uuid as id, null::float8 as rank, null::float8 as distance_km,
      (count(*) filter (where mappable))::int as mappable from m
    union all (${pageQuery})`.execute(q),
  );
  let total = 0;
  let mappable = 0;
  const hits: (SearchHit & { ord: number })[] = [];
  for (const row of r.rows) {
    if (row.kind === 'total') {
      total = row.n;
      mappable = Number(row.mappable ?? 0);
    } else
      hits.push({
        id: row.id!,
        rank: Number(row.rank ?? 0),
        distanceKm: row.distance_km === null ? null : Number(row.distance_km),
        ord: row.n,
      });
  }
  hits.sort((a, b) => a.ord - b.ord);
  return { total, mappable, hits: hits.map(({ ord: _ord, ...h }) => h) };
}

/** Disjunctive facet counts: each facet counted with every filter but its own. */
async function runFacets(db: Kysely<DB>, p: SearchParams, c: Compiled | null): Promise<Facets> {
  const key = JSON.stringify([
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
  const facetCache = cacheFor(db);
  const hit = facetCache.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.at < FACET_TTL_MS) return hit.facets;

  const filters = facetFilters(p);
  const flags = FACET_NAMES.map((n) => sql`${filters[n] ?? sql`true`} as ${sql.ref(`p_${n}`)}`);
  const parts = FACET_NAMES.map((n) => {
    const others = FACET_NAMES.filter((o) => o !== n).map((o) => sql.ref(`p_${o}`));
    const where = others.length ? sql.join(others, sql` and `) : sql`true`;
    const col = FACET_COLUMNS[n];
    return col.multi
      ? sql`select ${n}::text as facet, v::text as value, count(*)::int as n from base, unnest(${col.expr}) v where ${where} group by v`
      : sql`select ${n}::text as facet, (${col.expr})::text as value, count(*)::int as n from base where ${where} group by 2`;
  });
  const r = await withTextPlan(db, c, (q) =>
    sql<{ facet: FacetName; value: string; n: number }>`
    with base as materialized (
      select s.areas, s.life_situations, s.languages, s.modes, s.org_type, s.free, ${sql.join(flags)}
      from service_search s
      where ${active(baseFilters(p, c))}
    )
    ${sql.join(parts, sql` union all `)}`.execute(q),
  );
  const facets = Object.fromEntries(FACET_NAMES.map((n) => [n, {}])) as Facets;
  for (const row of r.rows) facets[row.facet][row.value] = row.n;
  setBounded(facetCache, key, { at: Date.now(), generation, facets }, 1000);
  return facets;
}

/** What answers one search once its words are compiled: the SQL below, or the in-memory index (indexedSearch.ts). */
export type SearchRunner = (
  p: SearchParams,
  c: Compiled | null,
  sort: SortOrder,
  page: number,
  perPage: number,
) => Promise<{ total: number; mappable: number; hits: SearchHit[]; facets: Facets | null }>;

function sqlRunner(db: Kysely<DB>): SearchRunner {
  return async (p, c, sort, page, perPage) => {
    const [pageResult, facets] = await Promise.all([
      runPage(db, p, c, sort, page, perPage),
      p.facets === false ? Promise.resolve(null) : runFacets(db, p, c),
    ]);
    return { ...pageResult, facets };
  };
}

/** The search in SQL: the reference implementation (the in-memory index is held to it by a differential test). */
export async function searchServices(db: Kysely<DB>, p: SearchParams): Promise<SearchResult> {
  return searchWith(db, p, 100, sqlRunner(db));
}

/** The most a map's set of services (matchingServices) may hold. */
export const MAX_MATCHING = 5000;

/**
 * The matching set itself, for a map or a GeoJSON answer: the same words, filters and typo correction as the
 * search, up to `limit` services, nearest first when a point is given, otherwise in the reader's alphabet.
 * No facets, no relevance scoring.
 */
export async function matchingServices(
  db: Kysely<DB>,
  p: SearchParams,
  limit: number,
  runner: SearchRunner = sqlRunner(db),
): Promise<SearchResult> {
  const perPage = Math.min(MAX_MATCHING, Math.max(1, Math.floor(limit)));
  return searchWith(
    db,
    { ...p, facets: false, sort: p.near ? 'distance' : 'name', page: 1, perPage },
    MAX_MATCHING,
    runner,
  );
}

/**
 * The query's parts as the SQL search compiles them (one tsquery text each) and how many must match: what the
 * in-memory index (memoryIndex.ts) evaluates. `min` overrides the default ("most of the parts").
 */
export async function compiledParts(
  db: Kysely<DB>,
  q: string,
  min?: number,
): Promise<{ each: string[]; min: number } | null> {
  const analysis = await readQuery(db, q);
  const c = await compileQuery(db, queryParts(analysis), typedParts(analysis), conceptNameParts(analysis), min);
  return c ? { each: c.each, min: c.min } : null;
}

/** How a typed query is read: the need vocabulary's concepts, the other words, what was left out. */
export async function readQuery(db: Kysely<DB>, q: string): Promise<QueryAnalysis> {
  return analyzeQuery(q, await needVocabulary(db));
}

/**
 * The search around its runner: the query read (need vocabulary) and compiled (cached), the order chosen, a typo
 * correction when nothing matches, "any of the parts" when nothing meets most of them.
 */
export async function searchWith(
  db: Kysely<DB>,
  p: SearchParams,
  maxPerPage: number,
  runSearch: SearchRunner,
): Promise<SearchResult> {
  const page = Math.max(1, p.page ?? 1);
  const perPage = Math.min(maxPerPage, Math.max(1, p.perPage ?? 20));
  const analysis = await readQuery(db, p.q ?? '');
  let compiled = await compileQuery(db, queryParts(analysis), typedParts(analysis), conceptNameParts(analysis));

  let sort: SortOrder = p.sort ?? (compiled ? 'relevance' : p.near ? 'distance' : 'name');
  if (sort === 'distance' && !p.near) sort = compiled ? 'relevance' : 'name';
  if (sort === 'relevance' && !compiled) sort = p.near ? 'distance' : 'name';

  let result = await runSearch(p, compiled, sort, page, perPage);
  let correctedQuery: string | null = null;
  if (result.total === 0 && analysis.words.length) {
    const corrected = await correctWords(db, analysis.words);
    const fixed = { ...analysis, words: corrected ?? [] };
    const recompiled = corrected
      ? await compileQuery(db, queryParts(fixed), typedParts(fixed), conceptNameParts(fixed))
      : null;
    if (corrected && recompiled) {
      const again = await runSearch(p, recompiled, sort, page, perPage);
      if (again.total > 0) {
        result = again;
        compiled = recompiled;
        correctedQuery = [...analysis.concepts.map((c) => c.typed), ...corrected].join(' ');
      }
    }
  }
  // Nothing meets most of the parts: the services meeting any of them, those meeting more first.
  if (result.total === 0 && compiled && compiled.min > 1 && !correctedQuery) {
    const loose = await compileQuery(db, queryParts(analysis), typedParts(analysis), conceptNameParts(analysis), 1);
    const again = await runSearch(p, loose, sort, page, perPage);
    if (again.total > 0) {
      result = again;
      compiled = loose;
    }
  }
  return {
    ...result,
    page,
    perPage,
    sort,
    correctedQuery,
    concepts: analysis.concepts.map((c) => c.id),
    ignoredWords: analysis.ignored,
    parts: compiled?.each.length ?? 0,
    minMatch: compiled?.min ?? 0,
  };
}
