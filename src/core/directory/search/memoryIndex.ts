/**
 * The search's in-memory index (issue 13): each service's analysed terms (the lexemes of its search document,
 * exactly as the database analysed them: the same stemmers, unaccented copies and compound heads) as posting lists,
 * and the facts the filters, facets and orders read (areas, languages, modes, life situations, ages, fee, provider
 * type, opening hours, points, sort keys), held in the process. A query is compiled by the database once (the same
 * tsquery the SQL path uses, cached in the process) and evaluated here: matching, "most of the parts", filters,
 * totals, disjunctive facet counts, the name and keyword tiers, the orders by name and by distance.
 *
 * Layout: documents have ordinals; one lexicon (term → id, and the terms sorted for prefixes) and three posting lists
 * per term (the whole document, the name, the keywords), ordinals in each. A changed document gets a new ordinal and
 * its old one is left dead (no posting list is searched for it); when a quarter is dead, the ordinals are compacted
 * in memory. The order by name is kept per language as a sorted array of ordinals, merged on each change.
 *
 * PostgreSQL stays the source of truth: the index is built from service_search and follows its change feed
 * (indexFeed.ts). The SQL search (searchServices) is the reference; a differential test holds the two together.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { LANGS, type Lang } from '../../shared/lang.js';
import { distanceKm } from '../../places/distance.js';
import { minuteOfWeek, type FacetName, type Facets, type SearchParams, type SortOrder } from './searchServices.js';

interface Doc {
  id: string;
  active: boolean;
  organizationId: string;
  orgType: string;
  areas: string[];
  languages: string[];
  modes: string[];
  life: string[];
  ageMin: number | null;
  ageMax: number | null;
  free: boolean;
  /** Opening minutes of the week as [from, to) pairs. */
  open: Int32Array | null;
  /** Points as lat, lon pairs. */
  points: Float64Array | null;
  sort: Record<Lang, string>;
}

/** A compiled tsquery as a tree. */
type Node =
  | { op: 'lex'; value: string; prefix: boolean }
  | { op: 'and' | 'or'; left: Node; right: Node }
  | { op: 'not'; arg: Node };

/** Parses PostgreSQL's text form of a tsquery ('a':* & ( 'b' | 'c' ), with <-> read as &). */
export function parseTsquery(text: string): Node | null {
  const tokens = text.match(/'(?:[^']|'')*'(?::\*?[A-D]*)?|&|\||!|<\d*->|\(|\)/g) ?? [];
  let i = 0;
  const primary = (): Node => {
    const t = tokens[i++];
    if (t === '(') {
      const n = or();
      i++; // ')'
      return n;
    }
    if (t === '!') return { op: 'not', arg: primary() };
    const m = /^'((?:[^']|'')*)'(?::(\*?)[A-D]*)?$/.exec(t ?? '');
    if (!m) throw new Error(`tsquery token ${t}`);
    return { op: 'lex', value: m[1]!.replace(/''/g, "'"), prefix: m[2] === '*' };
  };
  const and = (): Node => {
    let left = primary();
    while (tokens[i] === '&' || /^<\d*->$/.test(tokens[i] ?? '')) {
      i++;
      left = { op: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (tokens[i] === '|') {
      i++;
      left = { op: 'or', left, right: and() };
    }
    return left;
  };
  return tokens.length ? or() : null;
}

// JavaScript's string order (UTF-16 code units) equals COLLATE "C" (UTF-8 bytes) outside the surrogates.
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function lowerBound(a: string[], v: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the index needs of a compiled query (searchServices' Compiled). */
export interface IndexText {
  each: string[];
  min: number;
  typedAll: string;
  typedAny: string;
  conceptNames: string | null;
}

export interface IndexHit {
  id: string;
  matched: number;
  tier: number;
  held: number;
  distanceKm: number | null;
}

export interface IndexAnswer {
  total: number;
  mappable: number;
  facets: Facets | null;
  /** The first `take` matches in the order asked for (relevance: the SQL path's order before its text score). */
  top: IndexHit[];
}

const FACETS: FacetName[] = ['municipality', 'life_situation', 'language', 'org_type', 'mode', 'free'];
const ALL_FACETS = (1 << FACETS.length) - 1;
const SEP = '\u001f';

type Posting = number[] | Int32Array;
type Kind = 0 | 1 | 2; // the whole document, the name, the keywords

/** One row of service_search as the index reads it (lists joined, so the driver parses strings, not arrays). */
interface Row {
  id: string;
  active: boolean;
  org: string;
  org_type: string;
  areas: string;
  languages: string;
  modes: string;
  life: string;
  age_min: number | null;
  age_max: number | null;
  free: boolean;
  open: string;
  points: string;
  sort_fi: string;
  sort_sv: string;
  sort_en: string;
  lex: string;
  lex_name: string;
  lex_kw: string;
}

const SELECT = sql`select service_id::text as id, active, organization_id::text as org, org_type,
  array_to_string(areas, ' ') as areas, array_to_string(languages, ' ') as languages,
  array_to_string(modes, ' ') as modes, array_to_string(life_situations, ' ') as life, age_min, age_max, free,
  open_hours::text as open, points::text as points, sort_fi, sort_sv, sort_en,
  array_to_string(tsvector_to_array(tsv), chr(31)) as lex,
  array_to_string(tsvector_to_array(tsv_name), chr(31)) as lex_name,
  array_to_string(tsvector_to_array(tsv_keywords), chr(31)) as lex_kw
  from service_search`;

/** The rows of these services (those gone are simply not there). */
export async function loadIndexRows(db: Kysely<DB>, ids: string[]): Promise<Row[]> {
  if (!ids.length) return [];
  return (await sql<Row>`${SELECT} where service_id = any(${ids}::uuid[])`.execute(db)).rows;
}

/** Every row, read in ranges of the id side by side (PostgreSQL answers them on several connections). */
async function loadAllRows(db: Kysely<DB>, onRows: (rows: Row[]) => void): Promise<void> {
  const CHUNK = 10_000;
  const ids = (
    await sql<{ id: string }>`select service_id::text as id from service_search order by service_id`.execute(db)
  ).rows;
  const ranges: [string, string | null][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) ranges.push([ids[i]!.id, ids[i + CHUNK]?.id ?? null]);
  let next = 0;
  const worker = async () => {
    while (next < ranges.length) {
      const [from, to] = ranges[next++]!;
      const r = await sql<Row>`${SELECT} where service_id >= ${from}::uuid
        ${to ? sql`and service_id < ${to}::uuid` : sql``}`.execute(db);
      onRows(r.rows);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

export class MemoryIndex {
  /** Documents by ordinal (null: dead, replaced by a newer ordinal or gone). */
  private docs: (Doc | null)[] = [];
  private ordinalOf = new Map<string, number>();
  private dead = 0;
  private terms = new Map<string, number>();
  /** The terms in code-unit order, for prefixes. */
  private sorted: string[] = [];
  private postings: [Posting[], Posting[], Posting[]] = [[], [], []];
  /** Live ordinals in each language's alphabet (sort key, then id) and each ordinal's place in it. */
  private order: Record<Lang, Int32Array> = { fi: new Int32Array(0), sv: new Int32Array(0), en: new Int32Array(0) };
  private rank: Record<Lang, Int32Array> = { fi: new Int32Array(0), sv: new Int32Array(0), en: new Int32Array(0) };
  private interned = new Map<string, string[]>();
  private opens = new Map<string, Int32Array | null>();
  private places = new Map<string, Float64Array | null>();
  private internedText = new Map<string, string>();

  static async build(db: Kysely<DB>): Promise<MemoryIndex> {
    const index = new MemoryIndex();
    await loadAllRows(db, (rows) => {
      for (const r of rows) index.add(r);
    });
    index.finish(null);
    // Built: the posting lists become typed arrays (4 bytes an entry, not 8); a list written to later grows as an array.
    for (const lists of index.postings)
      for (let t = 0; t < lists.length; t++) {
        const p = lists[t];
        if (p) lists[t] = Int32Array.from(p);
      }
    return index;
  }

  /** Live documents. */
  get size(): number {
    return this.ordinalOf.size;
  }

  /** Changes with every change applied (caches of answers compare it). */
  version = 0;

  /** Applies rebuilt rows: `ids` were rebuilt; `rows` are those still there (the others are gone). */
  apply(ids: string[], rows: Row[]): void {
    this.version++;
    const fresh: number[] = [];
    for (const id of ids) this.kill(id);
    for (const r of rows) {
      this.kill(r.id);
      fresh.push(this.add(r));
    }
    if (this.dead > 1000 && this.dead * 4 > this.docs.length) this.compact();
    else this.finish(fresh);
  }

  private kill(id: string): void {
    const o = this.ordinalOf.get(id);
    if (o === undefined) return;
    this.docs[o] = null;
    this.ordinalOf.delete(id);
    this.dead++;
  }

  private list(s: string): string[] {
    if (!s) return [];
    let l = this.interned.get(s);
    if (!l) this.interned.set(s, (l = s.split(' ').map((x) => this.text(x))));
    return l;
  }

  private text(s: string): string {
    let t = this.internedText.get(s);
    if (t === undefined) this.internedText.set(s, (t = s));
    return t;
  }

  private add(r: Row): number {
    const o = this.docs.length;
    // Services share schedules and places: one array for each distinct one (a typed array costs ~200 bytes).
    let open = this.opens.get(r.open);
    if (open === undefined) {
      const nums = r.open && r.open !== '{}' ? (r.open.match(/\d+/g) ?? []) : [];
      this.opens.set(r.open, (open = nums.length ? Int32Array.from(nums, Number) : null));
    }
    let points = this.places.get(r.points);
    if (points === undefined) {
      const pts = r.points ? (JSON.parse(r.points) as [number, number][]) : [];
      this.places.set(r.points, (points = pts.length ? Float64Array.from(pts.flat()) : null));
    }
    this.docs.push({
      id: r.id,
      active: r.active,
      organizationId: this.text(r.org),
      orgType: this.text(r.org_type),
      areas: this.list(r.areas),
      languages: this.list(r.languages),
      modes: this.list(r.modes),
      life: this.list(r.life),
      ageMin: r.age_min,
      ageMax: r.age_max,
      free: r.free,
      open,
      points,
      sort: { fi: r.sort_fi, sv: r.sort_sv, en: r.sort_en },
    });
    this.ordinalOf.set(r.id, o);
    this.post(0, r.lex, o);
    this.post(1, r.lex_name, o);
    this.post(2, r.lex_kw, o);
    return o;
  }

  private post(kind: Kind, lexemes: string, o: number): void {
    if (!lexemes) return;
    const lists = this.postings[kind];
    for (const l of lexemes.split(SEP)) {
      let t = this.terms.get(l);
      if (t === undefined) {
        t = this.terms.size;
        this.terms.set(l, t);
        this.newTerms.push(l);
      }
      let p = lists[t];
      if (!p) lists[t] = p = [];
      else if (!Array.isArray(p)) lists[t] = p = Array.from(p);
      p.push(o);
    }
  }
  private newTerms: string[] = [];

  /** After adding: new terms into the sorted lexicon, the alphabets merged (null: built afresh). */
  private finish(fresh: number[] | null): void {
    if (fresh === null || this.newTerms.length > 1000) {
      this.sorted = [...this.terms.keys()].sort(byCodeUnit);
    } else {
      for (const t of this.newTerms) this.sorted.splice(lowerBound(this.sorted, t), 0, t);
    }
    this.newTerms = [];
    for (const lang of LANGS) {
      const cmp = (a: number, b: number) => {
        const x = this.docs[a]!;
        const y = this.docs[b]!;
        return byCodeUnit(x.sort[lang], y.sort[lang]) || byCodeUnit(x.id, y.id);
      };
      let order: Int32Array;
      if (fresh === null) {
        order = Int32Array.from(this.ordinalOf.values()).sort(cmp);
      } else {
        const add = fresh.filter((o) => this.docs[o]).sort(cmp);
        const old = this.order[lang];
        order = new Int32Array(this.ordinalOf.size);
        let i = 0;
        let j = 0;
        let k = 0;
        while (i < old.length || j < add.length) {
          if (i < old.length && !this.docs[old[i]!]) {
            i++;
            continue;
          }
          if (j >= add.length || (i < old.length && cmp(old[i]!, add[j]!) <= 0)) order[k++] = old[i++]!;
          else order[k++] = add[j++]!;
        }
        order = order.subarray(0, k);
      }
      const rank = new Int32Array(this.docs.length);
      order.forEach((o, i) => (rank[o] = i));
      this.order[lang] = order;
      this.rank[lang] = rank;
    }
  }

  /** Drops the dead ordinals: every posting list and alphabet is renumbered (no database work). */
  private compact(): void {
    const map = new Int32Array(this.docs.length).fill(-1);
    const docs: Doc[] = [];
    this.docs.forEach((d, o) => {
      if (d) {
        map[o] = docs.length;
        docs.push(d);
      }
    });
    for (const lists of this.postings)
      for (let t = 0; t < lists.length; t++) {
        const p = lists[t];
        if (!p) continue;
        const out: number[] = [];
        for (const o of p) if (map[o]! >= 0) out.push(map[o]!);
        lists[t] = Int32Array.from(out);
      }
    this.docs = docs;
    this.dead = 0;
    this.ordinalOf = new Map(docs.map((d, o) => [d.id, o]));
    this.finish(null);
  }

  /** The ordinals a compiled query matches in one kind of posting list, as a bitmap. */
  private evaluate(n: Node, kind: Kind): Uint8Array {
    const out = new Uint8Array(this.docs.length);
    this.evaluateInto(n, kind, out);
    return out;
  }

  /**
   * Marks in `out` the ordinals a query matches (ORed into what is there). A chain of alternatives (a word's forms
   * in every language) marks its posting lists straight into the one bitmap; only & and ! need bitmaps of their own.
   */
  private evaluateInto(n: Node, kind: Kind, out: Uint8Array): void {
    const lists = this.postings[kind];
    switch (n.op) {
      case 'lex': {
        const mark = (t: number | undefined) => {
          const p = t === undefined ? undefined : lists[t];
          if (p) for (let i = 0; i < p.length; i++) out[p[i]!] = 1;
        };
        if (!n.prefix) {
          mark(this.terms.get(n.value));
          return;
        }
        for (let at = lowerBound(this.sorted, n.value); at < this.sorted.length; at++) {
          const l = this.sorted[at]!;
          if (!l.startsWith(n.value)) break;
          mark(this.terms.get(l));
        }
        return;
      }
      case 'or':
        this.evaluateInto(n.left, kind, out);
        this.evaluateInto(n.right, kind, out);
        return;
      case 'and': {
        const a = this.evaluate(n.left, kind);
        const b = this.evaluate(n.right, kind);
        for (let i = 0; i < out.length; i++) out[i] = out[i]! | (a[i]! & b[i]!);
        return;
      }
      case 'not': {
        const a = this.evaluate(n.arg, kind);
        for (let i = 0; i < out.length; i++) out[i] = out[i]! | (a[i]! ^ 1);
        return;
      }
    }
  }

  private bits(query: string | null, kind: Kind): Uint8Array | null {
    const n = query ? parseTsquery(query) : null;
    return n ? this.evaluate(n, kind) : null;
  }

  /**
   * The search: the matching set (text parts, `min` of them; the filters), its total, how many have a point,
   * disjunctive facet counts, and the first `take` in the order asked for.
   */
  search(
    p: SearchParams,
    text: IndexText | null,
    opts: { sort: SortOrder; take: number; facets: boolean },
  ): IndexAnswer {
    const n = this.docs.length;
    let met: Uint8Array | null = null;
    for (const q of text?.each ?? []) {
      const b = this.bits(q, 0);
      if (!b) continue;
      if (!met) met = b;
      else for (let i = 0; i < n; i++) met[i] = met[i]! + b[i]!;
    }
    const min = text ? text.min : 0;
    if (text && !met) met = new Uint8Array(n);
    const minute = p.openNow ? minuteOfWeekCached(p.now ?? new Date()) : -1;
    const near = p.near;
    const within = near && p.withinKm !== undefined ? p.withinKm : undefined;
    const any = (list: string[], wanted?: string[]) => {
      if (!wanted?.length) return true;
      for (const w of wanted) if (list.includes(w)) return true;
      return false;
    };
    // Counted in maps (codes such as '149' would make an object's keys array indices), turned into objects at the end.
    const counts = opts.facets ? FACETS.map(() => new Map<string, number>()) : null;
    const count = (f: Map<string, number>, v: string) => f.set(v, (f.get(v) ?? 0) + 1);
    const matches: number[] = [];
    const distances = near ? new Float64Array(n) : null;
    let mappable = 0;
    for (let o = 0; o < n; o++) {
      if (met && met[o]! < min) continue;
      const d = this.docs[o];
      if (!d || !d.active) continue;
      if (p.organizationId && d.organizationId !== p.organizationId) continue;
      if (p.age !== undefined && ((d.ageMin !== null && d.ageMin > p.age) || (d.ageMax !== null && d.ageMax < p.age)))
        continue;
      if (minute >= 0 && !isOpen(d.open, minute)) continue;
      let dist = NaN;
      if (near) {
        dist = minDistance(d.points, near);
        if (within !== undefined && !(dist <= within)) continue;
      }
      let ok = 0;
      if (any(d.areas, p.municipality)) ok |= 1;
      if (any(d.life, p.lifeSituation)) ok |= 2;
      if (any(d.languages, p.language)) ok |= 4;
      if (!p.orgType?.length || p.orgType.includes(d.orgType)) ok |= 8;
      if (any(d.modes, p.mode)) ok |= 16;
      if (p.free === undefined || d.free === p.free) ok |= 32;
      if (counts) {
        if ((ok | 1) === ALL_FACETS) for (const v of d.areas) count(counts[0]!, v);
        if ((ok | 2) === ALL_FACETS) for (const v of d.life) count(counts[1]!, v);
        if ((ok | 4) === ALL_FACETS) for (const v of d.languages) count(counts[2]!, v);
        if ((ok | 8) === ALL_FACETS) count(counts[3]!, d.orgType);
        if ((ok | 16) === ALL_FACETS) for (const v of d.modes) count(counts[4]!, v);
        if ((ok | 32) === ALL_FACETS) count(counts[5]!, d.free ? 'true' : 'false');
      }
      if (ok !== ALL_FACETS) continue;
      matches.push(o);
      if (d.points) mappable++;
      if (distances) distances[o] = dist;
    }

    const facets = counts
      ? (Object.fromEntries(FACETS.map((f, i) => [f, Object.fromEntries(counts[i]!)])) as Facets)
      : null;
    const rank = this.rank[p.lang];
    const lang = p.lang;
    let tierOf: ((o: number) => number) | null = null;
    let cmp: (a: number, b: number) => number;
    const byName = (a: number, b: number) => rank[a]! - rank[b]!;
    const held = (o: number) => (this.docs[o]!.languages.includes(lang) ? 1 : 0);
    if (text && met && (opts.sort === 'relevance' || opts.sort === 'distance')) {
      const nameAll = text.each.length > 1;
      const na = nameAll ? this.bits(text.typedAll, 1) : null;
      const nm = this.bits(text.typedAny, 1);
      const kw = this.bits(text.typedAny, 2);
      const cnName = this.bits(text.conceptNames, 1);
      const cnKw = this.bits(text.conceptNames, 2);
      const tiers = new Uint8Array(n);
      for (const o of matches)
        tiers[o] =
          ((nameAll ? na?.[o] : nm?.[o]) ? 8 : 0) +
          (nm?.[o] ? 4 : 0) +
          (kw?.[o] ? 2 : 0) +
          (cnName?.[o] || cnKw?.[o] ? 3 : 0);
      tierOf = (o) => tiers[o]!;
      const m = met;
      if (opts.sort === 'distance' && distances) {
        const r1 = (o: number) => (Number.isNaN(distances[o]!) ? Infinity : Math.round(distances[o]! * 10));
        cmp = (a, b) => m[b]! - m[a]! || r1(a) - r1(b) || tiers[b]! - tiers[a]! || held(b) - held(a) || byName(a, b);
      } else cmp = (a, b) => m[b]! - m[a]! || tiers[b]! - tiers[a]! || held(b) - held(a) || byName(a, b);
    } else if (opts.sort === 'distance' && distances) {
      const dk = (o: number) => (Number.isNaN(distances[o]!) ? Infinity : distances[o]!);
      cmp = (a, b) => dk(a) - dk(b) || byName(a, b);
    } else cmp = byName;

    const top = firstInOrder(matches, opts.take, cmp);
    return {
      total: matches.length,
      mappable,
      facets,
      top: top.map((o) => ({
        id: this.docs[o]!.id,
        matched: met ? met[o]! : 0,
        tier: tierOf ? tierOf(o) : 0,
        held: held(o),
        distanceKm: distances && !Number.isNaN(distances[o]!) ? distances[o]! : null,
      })),
    };
  }
}

/** The first k of the list in the order of cmp (a sorted buffer when k is small beside the list). */
function firstInOrder(list: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 8 >= list.length) return list.sort(cmp).slice(0, k);
  const buf: number[] = [];
  for (const x of list) {
    if (buf.length === k && cmp(x, buf[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(buf[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    buf.splice(lo, 0, x);
    if (buf.length > k) buf.pop();
  }
  return buf;
}

function isOpen(open: Int32Array | null, minute: number): boolean {
  if (!open) return false;
  for (let i = 0; i + 1 < open.length; i += 2) if (open[i]! <= minute && minute < open[i + 1]!) return true;
  return false;
}

function minDistance(points: Float64Array | null, near: { lat: number; lon: number }): number {
  if (!points) return NaN;
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const km = distanceKm({ lat: points[i]!, lon: points[i + 1]! }, near);
    if (km < best) best = km;
  }
  return best;
}

let minuteAt = { ms: NaN, minute: 0 };
/** minuteOfWeek, computed once a minute (formatting a date costs more than a search's own work). */
function minuteOfWeekCached(now: Date): number {
  const ms = Math.floor(now.getTime() / 60_000);
  if (ms !== minuteAt.ms) minuteAt = { ms, minute: minuteOfWeek(now) };
  return minuteAt.minute;
}
