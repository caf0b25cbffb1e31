/**
 * Service search: full-text over every language with ranking name > keywords > description, filters,
 * disjunctive facet counts, sorting by relevance, by name in the reader's alphabet, or by distance, and a
 * "did you mean" correction for typos from the words the directory actually uses.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { WEEKDAYS, type Lang } from '../vocabulary.js';
import { queryVariants, tokenize } from './text.js';

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
}

/** Minute of the week (Monday 00:00 = 0) in Finnish local time. */
export function minuteOfWeek(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = WEEKDAYS.indexOf(get('weekday').slice(0, 2).toUpperCase() as (typeof WEEKDAYS)[number]);
  return day * 1440 + Number(get('hour')) * 60 + Number(get('minute'));
}

type Groups = [string, boolean, boolean][][];
function queryGroups(words: string[]): Groups {
  return words.map((w) => queryVariants(w).map((v) => [v, v.length >= 5, v.length >= 3] as [string, boolean, boolean]));
}

// The tsquery for a list of words depends only on the words (and the database's stemmers): remember recent ones.
const compiledCache = new Map<string, { all: string; any: string } | null>();

async function compileQuery(db: Kysely<DB>, words: string[]): Promise<{ all: string; any: string } | null> {
  if (!words.length) return null;
  const cacheKey = words.join(' ');
  const cached = compiledCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const groups = JSON.stringify(queryGroups(words));
  const r = await sql<{ all: string | null; any: string | null }>`
    select yh_query(${groups}::jsonb, 'all')::text as all, yh_query(${groups}::jsonb, 'any')::text as any`.execute(db);
  const row = r.rows[0];
  const compiled = row?.all ? { all: row.all, any: row.any ?? row.all } : null;
  if (compiledCache.size >= 2000) compiledCache.delete(compiledCache.keys().next().value!);
  compiledCache.set(cacheKey, compiled);
  return compiled;
}

/** For each word the directory does not know, the nearest word it does (trigram similarity), if any is near. */
async function correctWords(db: Kysely<DB>, words: string[]): Promise<string[] | null> {
  let changed = false;
  const out: string[] = [];
  for (const w of words) {
    const known = await sql<{ word: string; sim: number }>`
      select word, similarity(word, ${w}) as sim from search_word
      where word % ${w} order by sim desc, word limit 1`.execute(db);
    const best = known.rows[0];
    if (best && best.word !== w && best.sim >= 0.35) { out.push(best.word); changed = true; } else out.push(w);
  }
  return changed ? out : null;
}

interface Predicates {
  text: RawBuilder<boolean> | null;
  municipality: RawBuilder<boolean> | null;
  life_situation: RawBuilder<boolean> | null;
  language: RawBuilder<boolean> | null;
  org_type: RawBuilder<boolean> | null;
  mode: RawBuilder<boolean> | null;
  free: RawBuilder<boolean> | null;
  age: RawBuilder<boolean> | null;
  open: RawBuilder<boolean> | null;
  organization: RawBuilder<boolean> | null;
}

function predicates(p: SearchParams, tsq: string | null): Predicates {
  const arr = (col: string, values?: string[]) => (values?.length ? sql<boolean>`${sql.ref(col)} && ${values}::text[]` : null);
  return {
    text: tsq ? sql<boolean>`tsv @@ ${tsq}::tsquery` : null,
    municipality: arr('areas', p.municipality),
    life_situation: arr('life_situations', p.lifeSituation),
    language: arr('languages', p.language),
    mode: arr('modes', p.mode),
    org_type: p.orgType?.length ? sql<boolean>`org_type = any(${p.orgType}::text[])` : null,
    free: p.free === undefined ? null : sql<boolean>`free = ${p.free}`,
    age: p.age === undefined ? null : sql<boolean>`(age_min is null or age_min <= ${p.age}) and (age_max is null or age_max >= ${p.age})`,
    open: p.openNow ? sql<boolean>`open_hours @> ${minuteOfWeek(p.now ?? new Date())}::int4` : null,
    organization: p.organizationId ? sql<boolean>`organization_id = ${p.organizationId}::uuid` : null,
  };
}

const and = (parts: (RawBuilder<boolean> | null)[]): RawBuilder<boolean> => {
  const present = parts.filter((x): x is RawBuilder<boolean> => x !== null);
  return present.length ? sql<boolean>`(${sql.join(present, sql` and `)})` : sql<boolean>`true`;
};

const FACET_COLUMNS: Record<FacetName, { expr: RawBuilder<unknown>; multi: boolean }> = {
  municipality: { expr: sql`areas`, multi: true },
  life_situation: { expr: sql`life_situations`, multi: true },
  language: { expr: sql`languages`, multi: true },
  mode: { expr: sql`modes`, multi: true },
  org_type: { expr: sql`org_type`, multi: false },
  free: { expr: sql`free::text`, multi: false },
};

async function facetCounts(db: Kysely<DB>, pred: Predicates): Promise<Facets> {
  // Disjunctive facets: each facet is counted with every filter but its own, so choosing a second
  // municipality or language shows how many more it brings.
  const common = [pred.text, pred.age, pred.open, pred.organization];
  const names = Object.keys(FACET_COLUMNS) as FacetName[];
  const own: Record<FacetName, RawBuilder<boolean> | null> = {
    municipality: pred.municipality, life_situation: pred.life_situation, language: pred.language,
    org_type: pred.org_type, mode: pred.mode, free: pred.free,
  };
  const flags = names.map((n) => sql`${own[n] ?? sql`true`} as ${sql.ref(`p_${n}`)}`);
  const parts = names.map((n) => {
    const others = names.filter((m) => m !== n).map((m) => sql.ref(`p_${m}`));
    const where = others.length ? sql.join(others, sql` and `) : sql`true`;
    const col = FACET_COLUMNS[n];
    return col.multi
      ? sql`select ${n}::text as facet, v::text as value, count(*)::int as n from base, unnest(${col.expr}) v where ${where} group by v`
      : sql`select ${n}::text as facet, (${col.expr})::text as value, count(*)::int as n from base where ${where} group by 2`;
  });
  const r = await sql<{ facet: FacetName; value: string; n: number }>`
    with base as materialized (
      select areas, life_situations, languages, modes, org_type, free, ${sql.join(flags)}
      from service_search where active and ${and(common)}
    )
    ${sql.join(parts, sql` union all `)}`.execute(db);
  const facets = Object.fromEntries(names.map((n) => [n, {}])) as Facets;
  for (const row of r.rows) facets[row.facet][row.value] = row.n;
  return facets;
}

export async function searchServices(db: Kysely<DB>, p: SearchParams): Promise<SearchResult> {
  const page = Math.max(1, p.page ?? 1);
  const perPage = Math.min(100, Math.max(1, p.perPage ?? 20));
  let words = tokenize(p.q ?? '').slice(0, 8);
  let compiled = await compileQuery(db, words);
  let correctedQuery: string | null = null;

  let sort: SortOrder = p.sort ?? (compiled ? 'relevance' : p.near ? 'distance' : 'name');
  if (sort === 'distance' && !p.near) sort = compiled ? 'relevance' : 'name';
  if (sort === 'relevance' && !compiled) sort = p.near ? 'distance' : 'name';

  const near = p.near;
  const distance = near ? sql<number>`yh_min_distance_km(points, ${near.lat}, ${near.lon})` : sql<null>`null::float8`;
  const nameKey = sql.ref(`sort_${p.lang}`);
  const order =
    sort === 'relevance' ? sql`rank desc, ${nameKey}`
      : sort === 'distance' ? sql`distance_km asc nulls last, ${nameKey}`
        : sql`${nameKey}`;

  // Count, page and facets are independent reads: on a server they run on separate connections at once.
  const run = (c: { all: string; any: string } | null) => {
    const pred = predicates(p, c?.all ?? null);
    // Ranking reads only the small vectors (name, keywords, summary); the whole document is only matched.
    const rank = c
      ? sql<number>`(tsv_name @@ ${c.all}::tsquery)::int * 8 + (tsv_name @@ ${c.any}::tsquery)::int * 4
          + (tsv_keywords @@ ${c.any}::tsquery)::int * 2 + ts_rank_cd(tsv_rank, ${c.any}::tsquery, 1)`
      : sql<number>`0`;
    const where = and(Object.values(pred));
    return Promise.all([
      sql<{ n: number }>`select count(*)::int as n from service_search where active and ${where}`.execute(db).then((r) => r.rows[0]!.n),
      sql<{ id: string; rank: number; distance_km: number | null }>`
        select service_id as id, ${rank} as rank, ${distance} as distance_km
        from service_search where active and ${where}
        order by ${order}, service_id
        limit ${perPage} offset ${(page - 1) * perPage}`.execute(db).then((r) => r.rows),
      p.facets === false ? Promise.resolve(null) : facetCounts(db, pred),
    ]);
  };

  let [total, rows, facets] = await run(compiled);
  if (total === 0 && words.length) {
    const corrected = await correctWords(db, words);
    const recompiled = corrected ? await compileQuery(db, corrected) : null;
    if (corrected && recompiled) {
      const again = await run(recompiled);
      if (again[0] > 0) {
        [total, rows, facets] = again;
        words = corrected;
        correctedQuery = corrected.join(' ');
      }
    }
  }

  return {
    total, page, perPage, sort, correctedQuery, facets,
    hits: rows.map((h) => ({ id: h.id, rank: Number(h.rank), distanceKm: h.distance_km === null ? null : Number(h.distance_km) })),
  };
}
