/**
 * Builds each service's search document (table service_search): the weighted text in every language, the
 * filterable facts, the weekly opening minutes, the points of its locations and alphabet-correct sort keys.
 * Called by every write of a service or of something it shows (organisation, location).
 */
import { type Translated, LANGS, type Lang } from '../shared/lang.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { municipalityByCode } from '../places/municipalities.js';
import { lifeOrder, type CardRow } from './queries.js';
import { allTexts, pick } from '../shared/translated.js';
import { defineJob, enqueue } from '../jobs/jobs.js';
import { recordSearchChange } from './search/indexFeed.js';
import { sortKey } from './search/sortKey.js';
import { compoundHeads, tokenize } from './search/text.js';
import { LIFE_SITUATIONS, LIFE_SITUATION_SEARCH_WORDS, WEEKDAYS, type LifeSituation } from './vocabulary.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Raise when documents are built differently: start-up then rebuilds every document. */
export const SEARCH_INDEX_VERSION = 8;
/**
 * The oldest version whose documents this code can still search, correctly if not yet as the new version would:
 * from it on, a start after an update serves at once and the documents are rebuilt in the background (the job
 * below); documents older than it are rebuilt before the start goes on. Raise it to SEARCH_INDEX_VERSION when a
 * change makes older documents unreadable (a column the index reads, a changed meaning). 7 → 8 added the stored
 * cards, which fall back to yh_service_cards where missing.
 */
export const SEARCH_INDEX_SERVABLE_FROM = 7;
type Weighted = Record<'A' | 'B' | 'C' | 'D', Record<Lang, string[]>>;

const emptyWeighted = (): Weighted => ({
  A: { fi: [], sv: [], en: [] },
  B: { fi: [], sv: [], en: [] },
  C: { fi: [], sv: [], en: [] },
  D: { fi: [], sv: [], en: [] },
});

function add(w: Weighted, weight: keyof Weighted, t: Translated | null | undefined) {
  for (const l of LANGS) if (t?.[l]) w[weight][l].push(t[l]!);
}

/** Times of day recur (a few dozen in a directory): each one's minutes worked out once. */
const minutesOf = new Map<string, number>();
function minutes(hhmm: string): number {
  let out = minutesOf.get(hhmm);
  if (out === undefined) {
    const [h, m] = hhmm.split(':').map(Number);
    out = h! * 60 + m! + (hhmm.startsWith('23:59:59') ? 1 : 0);
    if (minutesOf.size >= 10_000) minutesOf.clear();
    minutesOf.set(hhmm, out);
  }
  return out;
}

/** Weekly schedules as a multirange of minutes from Monday 00:00. */
export function openHoursRange(rows: { byday: string[]; opens_at: string; closes_at: string }[]): string {
  const ranges: string[] = [];
  for (const r of rows) {
    for (const day of r.byday) {
      const d = (WEEKDAYS as readonly string[]).indexOf(day);
      if (d < 0) continue;
      const from = d * 1440 + minutes(r.opens_at);
      const to = d * 1440 + minutes(r.closes_at);
      if (to > from) ranges.push(`[${from},${to})`);
    }
  }
  return `{${ranges.join(',')}}`;
}

export async function reindexServices(db: Db, ids: string[], opts: { background?: boolean } = {}): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await reindexChunk(db, ids.slice(i, i + 500));
  // The change feed: every instance's in-memory index applies these documents (this one before its next search,
  // unless they are rebuilt in the background).
  await recordSearchChange(db, ids, opts);
}

/**
 * A change that shows on these services' pages but is not in their search documents (an event naming them, its
 * publishing or removal): recorded in the change feed in the caller's transaction, as a rebuild is, so that what
 * every instance remembers of the directory (search/memo.ts: records, pages, answers) is forgotten, this one's at
 * once and another's within a second. The documents are read again unchanged.
 */
export async function servicesTouched(db: Db, ids: (string | null | undefined)[]): Promise<void> {
  const list = [...new Set(ids.filter((id): id is string => !!id))];
  if (!list.length) return;
  await recordSearchChange(db, list);
}

async function reindexChunk(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const services = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select([
      's.id',
      's.status',
      's.name',
      's.summary',
      's.description',
      's.keywords',
      's.languages',
      's.modes',
      's.age_min',
      's.age_max',
      's.fee',
      's.access',
      's.last_reviewed',
      's.organization_id',
      'o.type as org_type',
      'o.name as org_name',
    ])
    .where('s.id', 'in', ids)
    .execute();
  const [areas, terms, ownHours, locs] = await Promise.all([
    db.selectFrom('service_area').select(['service_id', 'municipality_code']).where('service_id', 'in', ids).execute(),
    db
      .selectFrom('service_taxonomy_term as st')
      .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
      .select(['st.service_id', 't.taxonomy_id', 't.code', 't.name'])
      .where('st.service_id', 'in', ids)
      .execute(),
    db
      .selectFrom('schedule')
      .select(['service_id', 'byday', 'opens_at', 'closes_at'])
      .where('service_id', 'in', ids)
      .execute(),
    db
      .selectFrom('service_at_location as sl')
      .innerJoin('location as l', 'l.id', 'sl.location_id')
      .select(['sl.service_id', 'l.id as location_id', 'l.name', 'l.city', 'l.street', 'l.lat', 'l.lon'])
      .where('sl.service_id', 'in', ids)
      // In the order of their keys, as a card lists them (the database's collation, as yh_service_cards').
      .orderBy('sl.service_id')
      .orderBy('l.key')
      .execute(),
  ]);
  const locIds = [...new Set(locs.map((l) => l.location_id))];
  const locHours = locIds.length
    ? await db
        .selectFrom('schedule')
        .select(['location_id', 'byday', 'opens_at', 'closes_at'])
        .where('location_id', 'in', locIds)
        .execute()
    : [];

  // Each service's rows, in the order the queries gave them (the text's order decides the positions in its vectors).
  const termsOf = groupBy(terms, (t) => t.service_id);
  const areasOf = groupBy(areas, (a) => a.service_id);
  const locsOf = groupBy(locs, (l) => l.service_id);
  const hoursOf = groupBy(ownHours, (h) => h.service_id!);
  const locHoursAt = new Map<string, number[]>(); // each place's rows of locHours, by index
  locHours.forEach((h, i) => {
    const at = locHoursAt.get(h.location_id!);
    if (at) at.push(i);
    else locHoursAt.set(h.location_id!, [i]);
  });
  const texts = new DistinctTexts();
  const cards: { id: string; card: object }[] = [];
  const rows = services.map((s) => {
    const w = emptyWeighted();
    add(w, 'A', s.name);
    for (const l of LANGS) for (const k of s.keywords[l] ?? []) w.B[l].push(k);
    add(w, 'B', s.org_name);
    const myTerms = termsOf.get(s.id) ?? [];
    for (const t of myTerms) add(w, t.taxonomy_id === 'life-situation' ? 'B' : 'D', t.name);
    // Synonyms of the service's life situations weigh as description, so a word in the unit's own text ranks higher.
    const synonyms = myTerms
      .filter((t) => t.taxonomy_id === 'life-situation')
      .map((t) => LIFE_SITUATION_SEARCH_WORDS[t.code as LifeSituation] ?? '')
      .join(' ');
    if (synonyms) {
      w.D.fi.push(synonyms);
    }
    add(w, 'C', s.summary);
    add(w, 'D', s.description);
    const myAreas = (areasOf.get(s.id) ?? []).map((a) => a.municipality_code);
    for (const code of myAreas) add(w, 'D', municipalityByCode(code)?.name);
    const myLocs = locsOf.get(s.id) ?? [];
    for (const l of myLocs) {
      add(w, 'D', l.name);
      add(w, 'D', l.city);
    }

    const hours = hoursOf.get(s.id) ?? [];
    // Without hours of its own, those of its places, in the order the query gave them.
    const effectiveHours = hours.length
      ? hours
      : [...new Set(myLocs.map((l) => l.location_id))]
          .flatMap((id) => locHoursAt.get(id) ?? [])
          .sort((a, b) => a - b)
          .map((i) => locHours[i]!);
    // Each weight's text in the three languages, as an index into the chunk's distinct texts (see below).
    const doc = (weight: keyof Weighted) =>
      texts.indexOf(weight, indexedText(w[weight].fi), indexedText(w[weight].sv), indexedText(w[weight].en));
    cards.push({ id: s.id, card: cardOf(s, myAreas, myTerms, myLocs) });
    return {
      id: s.id,
      active: s.status === 'active',
      organization_id: s.organization_id,
      org_type: s.org_type,
      a: doc('A'),
      b: doc('B'),
      c: doc('C'),
      d: doc('D'),
      areas: myAreas,
      languages: s.languages,
      modes: s.modes,
      life: myTerms.filter((t) => t.taxonomy_id === 'life-situation').map((t) => t.code),
      age_min: s.age_min,
      age_max: s.age_max,
      free: s.fee === 'free',
      open: openHoursRange(effectiveHours),
      points: myLocs.filter((l) => l.lat != null && l.lon != null).map((l) => [l.lat, l.lon]),
      sort_fi: sortKey(pick(s.name, 'fi'), 'fi'),
      sort_sv: sortKey(pick(s.name, 'sv'), 'sv'),
      sort_en: sortKey(pick(s.name, 'en'), 'en'),
      words: [
        ...new Set(
          [...allTexts(s.name), ...allTexts(s.summary), ...LANGS.flatMap((l) => s.keywords[l] ?? [])].flatMap(tokenize),
        ),
      ].filter((x) => x.length >= 4 && !/\d/.test(x)),
    };
  });

  // One statement for the chunk, whatever its size: the rows travel as one JSON parameter (so the plan does not
  // grow with the rows), the chunk's distinct weighted texts as another. Each distinct text's weighted vector
  // (`yh_doc`, its to_tsvector calls the statement's main cost) is built once (the CTE t, materialised) and joined
  // to every row that has it: summaries, keywords and organisation names recur across a chunk's services. Each
  // row's vectors (v, materialised: it is read twice) feed both the search row and the ranking vector; the
  // ranking vector a || b || c is the search vector's first three (a || b || c || d is (a || b || c) || d), so
  // it is concatenated once. json, not jsonb: each row's fields are read once, so the parameter need not be
  // parsed into jsonb first.
  // The cards (service_card) in the same statement: the JSON of yh_service_cards, but for the time of the last change,
  // which the database writes as that function does (see cardOf).
  const docs = rows.map(({ words: _words, ...r }) => r);
  await sql`with cards as (
      insert into service_card (service_id, card)
      select c.id, c.card || jsonb_build_object('updated_at', s.updated_at)
      from json_to_recordset(${JSON.stringify(cards)}::json) as c(id uuid, card jsonb)
      join service s on s.id = c.id
      on conflict (service_id) do update set card = excluded.card
    ), t as materialized (
      select x.i, yh_doc(x.w::"char", x.fi, x.sv, x.en) as doc
      from json_to_recordset(${JSON.stringify(texts.list)}::json) as x(i int, w text, fi text, sv text, en text)
    ), v as (
      select r.id, r.active, r.organization_id, r.org_type, r.areas, r.languages, r.modes, r.life, r.age_min, r.age_max,
        r.free, r.open::int4multirange as open_hours, r.points, r.sort_fi, r.sort_sv, r.sort_en,
        ta.doc as a, tb.doc as b, ta.doc || tb.doc || tc.doc as abc, td.doc as d
      from json_to_recordset(${JSON.stringify(docs)}::json) as r(id uuid, active boolean, organization_id uuid,
        org_type text, areas text[], languages text[], modes text[], life text[], age_min int, age_max int,
        free boolean, open text, points jsonb, sort_fi text, sort_sv text, sort_en text, a int, b int, c int, d int)
      join t ta on ta.i = r.a
      join t tb on tb.i = r.b
      join t tc on tc.i = r.c
      join t td on td.i = r.d
    ), search as (
      insert into service_search (service_id, active, organization_id, org_type, tsv, tsv_name, tsv_keywords,
        areas, languages, modes, life_situations, age_min, age_max, free, open_hours, points, sort_fi, sort_sv, sort_en)
      select id, active, organization_id, org_type, abc || d, a, b,
        areas, languages, modes, life, age_min, age_max, free, open_hours, points, sort_fi, sort_sv, sort_en
      from v
      on conflict (service_id) do update set active = excluded.active, organization_id = excluded.organization_id,
        org_type = excluded.org_type, tsv = excluded.tsv, tsv_name = excluded.tsv_name,
        tsv_keywords = excluded.tsv_keywords, areas = excluded.areas, languages = excluded.languages,
        modes = excluded.modes, life_situations = excluded.life_situations, age_min = excluded.age_min,
        age_max = excluded.age_max, free = excluded.free, open_hours = excluded.open_hours, points = excluded.points,
        sort_fi = excluded.sort_fi, sort_sv = excluded.sort_sv, sort_en = excluded.sort_en
    )
    insert into service_search_rank (service_id, tsv_rank)
    select id, abc from v
    on conflict (service_id) do update set tsv_rank = excluded.tsv_rank`.execute(db);

  // Sorted: writers side by side insert shared words in one order, so they never wait for each other in a circle.
  const words = [...new Set(rows.flatMap((r) => r.words))].sort();
  if (words.length) {
    await sql`insert into search_word (word) select unnest(${words}::text[]) on conflict do nothing`.execute(db);
  }
}

/**
 * A service's card as yh_service_cards (migrations 0023, 0025) assembles it, from the rows the indexer has read
 * (its places in the order of their keys), without the time of its last change. Stored as jsonb, where key order
 * and number form do not matter. tests/directory/storedCards.test.ts holds the two equal.
 */
function cardOf(
  s: Omit<CardRow, 'updated_at' | 'org_id' | 'areas' | 'life_situations'> & { organization_id: string },
  areas: string[],
  terms: { taxonomy_id: string; code: string }[],
  places: { name: unknown; city: unknown; lat: number | null; lon: number | null }[],
): object {
  const life = terms
    .filter((t) => t.taxonomy_id === 'life-situation')
    .map((t) => t.code)
    .sort(lifeOrder);
  return {
    id: s.id,
    name: s.name,
    summary: s.summary,
    languages: s.languages,
    modes: s.modes,
    age_min: s.age_min,
    age_max: s.age_max,
    fee: s.fee,
    access: s.access,
    last_reviewed: s.last_reviewed,
    status: s.status,
    org_id: s.organization_id,
    org_name: s.org_name,
    org_type: s.org_type,
    areas: [...areas].sort(),
    life_situations: life,
    places: places.map((l) => ({ name: l.name, city: l.city, lat: l.lat, lon: l.lon })),
  };
}

/**
 * Stores these services' cards (service_card: what a page of results shows of each, read by serviceCards) as
 * yh_service_cards assembles them now. Part of every rebuild of their documents; called alone by a change that
 * shows only on the card (a review's date).
 */
export async function storeCards(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await sql`insert into service_card (service_id, card)
    select (c->>'id')::uuid, c from yh_service_cards(${ids}::uuid[], ${[...LIFE_SITUATIONS]}::text[]) as c
    on conflict (service_id) do update set card = excluded.card`.execute(db);
}

/** Short pieces whose compound heads are remembered (names of organisations, places, municipalities, terms). */
const HEADS_PIECE_MAX = 120;
const HEADS_CACHE_MAX = 20_000;
const headsCache = new Map<string, string[]>();
/** The compound heads of single words: the words of long texts (descriptions) recur across services. */
const WORD_CACHE_MAX = 100_000;
const wordHeadsCache = new Map<string, string[]>();

function wordHeads(word: string): string[] {
  if (word.length < 7) return compoundHeads(word); // none (compoundHeads' own shortcut)
  let heads = wordHeadsCache.get(word);
  if (!heads) {
    heads = compoundHeads(word);
    if (wordHeadsCache.size >= WORD_CACHE_MAX) wordHeadsCache.clear();
    wordHeadsCache.set(word, heads);
  }
  return heads;
}

/** The compound heads of one piece of text, in the order its words give them. */
function headsOf(piece: string): string[] {
  const known = headsCache.get(piece);
  if (known) return known;
  const heads = new Set<string>();
  for (const w of tokenize(piece)) for (const h of wordHeads(w)) heads.add(h);
  const out = [...heads];
  if (piece.length <= HEADS_PIECE_MAX) {
    if (headsCache.size >= HEADS_CACHE_MAX) headsCache.clear();
    headsCache.set(piece, out);
  }
  return out;
}

/**
 * What a weight's text in one language is indexed as: `withCompoundHeads` (search/text.ts) of the pieces joined
 * by ' \n ', the heads of each piece worked out once for the names that recur across thousands of services. No
 * word crosses the separator, so the heads of the whole are those of its pieces, in order
 * (tests/directory/indexedText.test.ts holds the two equal).
 */
export function indexedText(pieces: string[]): string {
  const text = pieces.join(' \n ');
  const heads = new Set<string>();
  for (const p of pieces) for (const h of headsOf(p)) heads.add(h);
  return heads.size ? `${text} ${[...heads].join(' ')}` : text;
}

/**
 * The distinct weighted texts of a chunk's documents, each with its index: the documents name them by index, and
 * the database builds each one's vector once.
 */
class DistinctTexts {
  readonly list: { i: number; w: string; fi: string; sv: string; en: string }[] = [];
  private readonly index = new Map<string, number>();
  indexOf(w: string, fi: string, sv: string, en: string): number {
    // No text holds a NUL (PostgreSQL text cannot), so the key is unambiguous.
    const key = `${w}\0${fi}\0${sv}\0${en}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(key, i);
      this.list.push({ i, w, fi, sv, en });
    }
    return i;
  }
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = out.get(k);
    if (l) l.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** Rebuilds every document (after a change to how documents are built); `before` is told how many first. */
export async function reindexAll(db: Kysely<DB>, before?: (services: number) => void): Promise<number> {
  const ids = (await db.selectFrom('service').select('id').orderBy('id').execute()).map((r) => r.id);
  before?.(ids.length);
  await reindexServices(db, ids);
  return ids.length;
}

/**
 * Brings the documents to this version of the indexer, if an older one built them. Documents this code can still
 * search (SEARCH_INDEX_SERVABLE_FROM) are rebuilt by a job, in the background: the start goes on, and searches use
 * them until each chunk's new ones arrive through the change feed. Older ones are rebuilt now: the start waits
 * (about a second for 1 000 services). `say` is told either way, for a directory that has services.
 */
export async function ensureSearchIndexCurrent(db: Kysely<DB>, say?: (line: string) => void): Promise<void> {
  const row = await db.selectFrom('search_index_state').select('version').executeTakeFirst();
  if (row?.version === SEARCH_INDEX_VERSION) return;
  if (row && row.version >= SEARCH_INDEX_SERVABLE_FROM && row.version < SEARCH_INDEX_VERSION) {
    const services = await countServices(db);
    if (services > 0) {
      await enqueue(db, rebuildJob, { version: SEARCH_INDEX_VERSION }, { singletonKey: 'all' });
      say?.(`The search documents of ${services} services are rebuilt in the background (once, after an update).`);
      return;
    }
  }
  await reindexAll(db, (services) => {
    if (services > 0) say?.(`Rebuilding the search documents of ${services} services (once, after an update)…`);
  });
  await markCurrent(db);
}

async function countServices(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Records that this version built the documents (`raiseOnly`: unless a newer one has meanwhile). */
async function markCurrent(db: Kysely<DB>, raiseOnly = false): Promise<void> {
  await db
    .insertInto('search_index_state')
    .values({ id: true, version: SEARCH_INDEX_VERSION })
    .onConflict((oc) => {
      const set = oc.column('id').doUpdateSet({ version: SEARCH_INDEX_VERSION });
      return raiseOnly ? set.where('search_index_state.version', '<', SEARCH_INDEX_VERSION) : set;
    })
    .execute();
}

/**
 * Services per step of the background rebuild: each step is one statement (on PGlite, where one runs at a time, a
 * request's query waits at most for it: about a tenth of a second at 100 000 services) and one change in the feed,
 * applied by every instance.
 */
export const REBUILD_STEP = 100;

/**
 * The background rebuild after an update: every service's document, a step at a time in the order of their ids,
 * each step recorded in the change feed (so every instance's index takes the new documents as they come, not all
 * at once; searches do not wait for them), then the version. A write meanwhile rebuilds its own service as always.
 * Run again after a failure, it starts over: a rebuild changes nothing but the documents. During a rolling update
 * an instance of another version may take the job: it leaves it to be retried, for an instance of the version that
 * queued it.
 */
export const rebuildJob = defineJob<{ version: number }>('directory.rebuild_search', async (data, ctx) => {
  if (data.version !== SEARCH_INDEX_VERSION)
    throw new Error(`queued by indexer version ${data.version}; this instance builds version ${SEARCH_INDEX_VERSION}`);
  const row = await ctx.db.selectFrom('search_index_state').select('version').executeTakeFirst();
  if (row && row.version >= SEARCH_INDEX_VERSION) return; // done already (by a start that could not wait)
  const started = Date.now();
  let after: string | null = null;
  let done = 0;
  for (;;) {
    let q = ctx.db.selectFrom('service').select('id').orderBy('id').limit(REBUILD_STEP);
    if (after) q = q.where('id', '>', after);
    const ids = (await q.execute()).map((r) => r.id);
    if (!ids.length) break;
    const t = performance.now();
    await reindexServices(ctx.db, ids, { background: true });
    done += ids.length;
    after = ids.at(-1)!;
    // As long again for everything else: the rebuild takes at most half of the database's time.
    await new Promise((resolve) => setTimeout(resolve, performance.now() - t));
  }
  await markCurrent(ctx.db, true);
  ctx.log.info({ services: done, ms: Date.now() - started }, 'search documents rebuilt after an update');
});
