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
 * in memory. The order by name is kept per language as a sorted array of ordinals and a rank for each, spaced so that
 * a change puts its documents between their neighbours without renumbering the rest.
 *
 * PostgreSQL stays the source of truth: the index is built from service_search and follows its change feed
 * (indexFeed.ts). The SQL search (searchServices) is the reference; a differential test holds the two together.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { LANGS, type Lang } from '../../shared/lang.js';
import { distanceKm } from '../../places/distance.js';
import { minuteOfWeek, type FacetName, type Facets, type SearchParams, type SortOrder } from './searchServices.js';

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

/**
 * A ranking vector's lexeme, packed in 32 bits: its term (the low TERM_BITS), how many of its positions weigh A (4
 * bits) and what the others weigh in units of C (7 bits: B weighs two C's). A vector with a term or a count beyond
 * that, or with a D, is scored by the database.
 */
const TERM_BITS = 21;
/**
 * The ranking entries grow by a quarter when full (all of them are copied then: a doubling would hold up to twice
 * what is used, some 35 MB at 100 000 services); this many are left free after a build, for the changes to come.
 */
const RANK_GROWTH = 1.25;
const RANK_SPARE = 1 << 16;
const TERM_MASK = (1 << TERM_BITS) - 1;
/** ts_rank_cd's default weights (float4, as tsrank.c has them): A 1.0, B 0.4 (exactly two C's), C 0.2. */
const WEIGHT_C = Math.fround(0.2);
/** The cap the SQL score puts on ts_rank_cd (least(…, 0.99): a real). */
const SCORE_CAP = Math.fround(0.99);
/** Positions from this on are where PostgreSQL puts every later word (MAXENTRYPOS - 1): the database scores those. */
const LAST_POSITION = 16383;

function rankEntry(term: number, a: number, b: number, c: number): number | null {
  const cs = 2 * b + c;
  if (term > TERM_MASK || a > 15 || cs > 127) return null;
  return term | (a << TERM_BITS) | (cs << (TERM_BITS + 4)) | 0;
}

/** What a lexeme's positions add to the score: each A 1.0, each C 0.2 (float4), exactly. */
function rankWeight(x: number): number {
  return ((x >>> TERM_BITS) & 15) + (x >>> (TERM_BITS + 4)) * WEIGHT_C;
}

/**
 * A tsvector's text ('lexeme':1A,5B 'other':3C …) into packed entries (rankEntry) pushed on `into`; returns the
 * vector's length as ts_rank_cd counts it (its positions; a lexeme without any counts one), or null when the
 * index does not score it (see rankEntry, LAST_POSITION; a lexeme without positions).
 */
export function readRankVector(
  text: string,
  term: (lexeme: string) => number,
  into: { push(v: number): void },
): number | null {
  let i = 0;
  let length = 0;
  const n = text.length;
  while (i < n) {
    while (text[i] === ' ') i++;
    if (i >= n) break;
    if (text[i] !== "'") return null;
    i++;
    let lexeme = '';
    for (;;) {
      if (i >= n) return null;
      const ch = text[i]!;
      if (ch === "'") {
        if (text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (ch === '\\') {
        lexeme += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      lexeme += ch;
      i++;
    }
    if (text[i] !== ':') return null; // no positions
    i++;
    let a = 0;
    let b = 0;
    let c = 0;
    for (;;) {
      let pos = 0;
      const start = i;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) pos = pos * 10 + text.charCodeAt(i++) - 48;
      if (i === start || pos >= LAST_POSITION) return null;
      const w = text[i];
      if (w === 'A') a++;
      else if (w === 'B') b++;
      else if (w === 'C') c++;
      else return null; // D, written without a letter
      i++;
      length++;
      if (text[i] !== ',') break;
      i++;
    }
    const e = rankEntry(term(lexeme), a, b, c);
    if (e === null) return null;
    into.push(e);
  }
  return length;
}

/** The operands of a query that is a plain disjunction ('a' | 'b':* …, no weights), or null. */
function plainDisjunction(query: string): { value: string; prefix: boolean }[] | null {
  const out: { value: string; prefix: boolean }[] = [];
  const re = /\s*'((?:[^']|'')*)'(:\*)?\s*(\||$)/y;
  let at = 0;
  while (at < query.length) {
    re.lastIndex = at;
    const m = re.exec(query);
    if (!m) return null;
    out.push({ value: m[1]!.replace(/''/g, "'"), prefix: m[2] === ':*' });
    at = re.lastIndex;
    if (m[3] === '') break;
  }
  return at >= query.length && out.length ? out : null;
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
  /** The ranking vector (service_search_rank.tsv_rank) as text, for the text score (null: none). */
  rank: string | null;
}

const SELECT = sql`select service_id::text as id, active, organization_id::text as org, org_type,
  array_to_string(areas, ' ') as areas, array_to_string(languages, ' ') as languages,
  array_to_string(modes, ' ') as modes, array_to_string(life_situations, ' ') as life, age_min, age_max, free,
  open_hours::text as open, points::text as points, sort_fi, sort_sv, sort_en,
  array_to_string(tsvector_to_array(tsv), chr(31)) as lex,
  array_to_string(tsvector_to_array(tsv_name), chr(31)) as lex_name,
  array_to_string(tsvector_to_array(tsv_keywords), chr(31)) as lex_kw,
  r.tsv_rank::text as rank
  from service_search left join service_search_rank r using (service_id)`;

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

/** Codes of one facet's values (municipality codes, languages, …), in the order first seen. */
class Codes {
  readonly of = new Map<string, number>();
  readonly names: string[] = [];
  constructor(names: string[] = []) {
    for (const s of names) this.code(s);
  }
  code(s: string): number {
    let c = this.of.get(s);
    if (c === undefined) {
      c = this.names.length;
      this.of.set(s, c);
      this.names.push(s);
    }
    return c;
  }
}

/** A growing Int32Array (by `growth` times its length, and some, when full). */
class Ints {
  a: Int32Array;
  n = 0;
  constructor(
    capacity: number,
    private readonly growth = 2,
  ) {
    this.a = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(Math.ceil(this.a.length * this.growth) + 1024);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** Gives back the room beyond what is used and `spare` more. */
  trim(spare: number): void {
    if (this.a.length > this.n + spare) this.a = this.a.slice(0, this.n + spare);
  }
  get view(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

/**
 * The posting lists of one kind, packed: term t's ordinals are data[start[t] .. start[t + 1]] (ascending); what was
 * added since packing (changes applied) is in `extra`, ascending too (new ordinals only grow).
 */
interface Postings {
  start: Int32Array;
  data: Int32Array;
  extra: Map<number, number[]>;
}

const EMPTY_POSTINGS = (): Postings => ({ start: new Int32Array(1), data: new Int32Array(0), extra: new Map() });

/**
 * Packs posting lists from each document's terms in ordinal order (`terms` of document o end at ends[o]): counted,
 * then filled, so every list comes out ascending without sorting.
 */
function pack(terms: Int32Array, ends: Int32Array, termCount: number): Postings {
  const start = new Int32Array(termCount + 1);
  for (let i = 0; i < terms.length; i++) start[terms[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
  const at = start.slice(0, termCount);
  const data = new Int32Array(terms.length);
  let o = 0;
  for (let i = 0; i < terms.length; i++) {
    while (i >= ends[o]!) o++;
    data[at[terms[i]!]!++] = o;
  }
  return { start, data, extra: new Map() };
}

/** The five facets held as lists of codes (free is a flag of its own), in FACETS' order. */
const LIST_FACETS = 5;
/** Sort keys by relevance: the name's place in the alphabet is the lowest part (below 2^26 documents). */
const RANKS = 2 ** 26;

/** The space between two neighbours' ranks in a fresh order of n documents (at most 1024; all below RANKS). */
function rankGap(n: number): number {
  return Math.max(1, Math.min(1024, Math.floor((RANKS - 1) / (n + 2))));
}
/** Changes when the snapshot's layout or the documents' analysis changes: an older snapshot is not read. */
export const SNAPSHOT_FORMAT = 4;

/**
 * The snapshot's bytes: sections, each its byte length (uint32 LE) and then its bytes. The first holds the format
 * (read before anything else), the second a JSON head with the strings and small tables, then typed arrays (little
 * endian) and the posting lists as differences in LEB128 varints (most ordinals are near the one before: about a
 * byte each instead of four, so less to store, move and inflate).
 */
class SnapshotWriter {
  readonly parts: Uint8Array[] = [];
  raw(b: Uint8Array): void {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.byteLength);
    this.parts.push(len, b);
  }
  ints(a: ArrayLike<number>): void {
    this.typed(a instanceof Int32Array ? a : Int32Array.from(a));
  }
  doubles(a: ArrayLike<number>): void {
    this.typed(a instanceof Float64Array ? a : Float64Array.from(a));
  }
  private typed(t: Int32Array | Float64Array): void {
    this.raw(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
  }
  /** Arrays of one kind as one flat array and their lengths. */
  flat(arrays: ArrayLike<number>[], kind: 'ints' | 'doubles'): void {
    this.ints(arrays.map((a) => a.length));
    const all: number[] = [];
    for (const a of arrays) for (let i = 0; i < a.length; i++) all.push(a[i]!);
    if (kind === 'ints') this.ints(all);
    else this.doubles(all);
  }
  /** Posting lists (`data` between `start[t]` and `start[t + 1]`): each number less the one before in its list. */
  deltas(start: Int32Array, data: Int32Array): void {
    // Two passes: the size first, so that no buffer of five bytes a posting is needed meanwhile.
    let size = 0;
    for (let t = 0; t + 1 < start.length; t++)
      for (let i = start[t]!, prev = 0; i < start[t + 1]!; i++) {
        const v = (data[i]! - prev) >>> 0; // any order survives: a decrease wraps around and back
        prev = data[i]!;
        size += v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
      }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (let t = 0; t + 1 < start.length; t++)
      for (let i = start[t]!, prev = 0; i < start[t + 1]!; i++) {
        let v = (data[i]! - prev) >>> 0;
        prev = data[i]!;
        while (v >= 0x80) {
          out[at++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        out[at++] = v;
      }
    this.raw(out);
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Reads what SnapshotWriter wrote, in the same order; a damaged snapshot throws (the caller builds afresh). */
class SnapshotReader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  raw(): Buffer {
    if (this.at + 4 > this.buf.length) throw new Error('search index snapshot cut short');
    const len = this.buf.readUInt32LE(this.at);
    const end = this.at + 4 + len;
    if (end > this.buf.length) throw new Error('search index snapshot cut short');
    const b = this.buf.subarray(this.at + 4, end);
    this.at = end;
    return b;
  }
  ints(): Int32Array {
    return this.typed(Int32Array);
  }
  doubles(): Float64Array {
    return this.typed(Float64Array);
  }
  /** Copies (the arrays are kept; a view would keep the whole snapshot in memory). */
  private typed<T extends Int32Array | Float64Array>(C: { new (n: number): T; readonly BYTES_PER_ELEMENT: number }): T {
    const b = this.raw();
    if (b.byteLength % C.BYTES_PER_ELEMENT) throw new Error('search index snapshot damaged');
    const a = new C(b.byteLength / C.BYTES_PER_ELEMENT);
    new Uint8Array(a.buffer).set(b);
    return a;
  }
  flat<T extends Int32Array | Float64Array>(kind: 'ints' | 'doubles'): T[] {
    const lengths = this.ints();
    const all = kind === 'ints' ? this.ints() : this.doubles();
    const out: T[] = [];
    for (let i = 0, at = 0; i < lengths.length; at += lengths[i++]!) out.push(all.slice(at, at + lengths[i]!) as T);
    return out;
  }
  deltas(start: Int32Array): Int32Array {
    const b = this.raw();
    const n = start[start.length - 1]!;
    // At least a byte a number: a length beyond that is damage, not a reason to allocate.
    if (start[0] !== 0 || n > b.length) throw new Error('search index snapshot damaged');
    const data = new Int32Array(n);
    let at = 0;
    for (let t = 0; t + 1 < start.length; t++)
      for (let i = start[t]!, end = start[t + 1]!, prev = 0; i < end; i++) {
        let byte = b[at++]!;
        let v = byte & 0x7f;
        for (let shift = 7; byte & 0x80; shift += 7) {
          byte = b[at++]!;
          v |= (byte & 0x7f) << shift;
        }
        prev = (prev + v) | 0;
        data[i] = prev;
      }
    if (at !== b.length) throw new Error('search index snapshot damaged');
    return data;
  }
  end(): void {
    if (this.at !== this.buf.length) throw new Error('search index snapshot damaged');
  }
}

interface SnapshotHead {
  ids: string[];
  orgs: string[];
  codes: string[][];
  /** Each facet's distinct lists of codes. */
  lists: number[][][];
  sort: Record<Lang, string[]>;
  terms: string[];
  dead: number;
}

export class MemoryIndex {
  // Documents by ordinal, one array per fact. A changed document gets a new ordinal; the old one is left dead.
  /** @internal */ ids: string[] = [];
  /** @internal */ alive: number[] = [];
  /** @internal */ active: number[] = [];
  /** @internal */ org: number[] = [];
  /** NaN: no bound. */
  /** @internal */ ageMin: number[] = [];
  /** @internal */ ageMax: number[] = [];
  /** @internal */ free: number[] = [];
  /** Which of the site's languages (bits in LANGS' order) each service is given in. */
  private heldBits: number[] = [];
  /** Each facet's documents by code, ascending (the dead among them too). */
  private byValue: number[][][] = Array.from({ length: LIST_FACETS }, () => []);
  /** Opening minutes of the week as [from, to) pairs (one array for each distinct schedule). */
  /** @internal */ open: (Int32Array | null)[] = [];
  /** Points as lat, lon pairs (one array for each distinct set of places). */
  /** @internal */ points: (Float64Array | null)[] = [];
  private sortKey: Record<Lang, string[]> = { fi: [], sv: [], en: [] };
  /** Each facet's codes per document (one array for each distinct list). */
  /** @internal */ vals: Uint16Array[][] = Array.from({ length: LIST_FACETS }, () => []);
  private codes: Codes[] = Array.from({ length: LIST_FACETS }, () => new Codes());
  private orgs = new Codes();
  private lists = new Map<string, Uint16Array>();
  private opens = new Map<string, Int32Array | null>();
  private places = new Map<string, Float64Array | null>();
  private ordinalOf = new Map<string, number>();
  private dead = 0;
  private terms = new Map<string, number>();
  private termNames: string[] = [];
  /** The terms in code-unit order, for prefixes, and their numbers in the same order. */
  private sorted: string[] = [];
  private sortedIds: number[] = [];
  private newTerms: string[] = [];
  private postings: [Postings, Postings, Postings] = [EMPTY_POSTINGS(), EMPTY_POSTINGS(), EMPTY_POSTINGS()];
  /** Live ordinals in each language's alphabet (sort key, then id) and each ordinal's place in it. */
  private order: Record<Lang, Int32Array> = { fi: new Int32Array(0), sv: new Int32Array(0), en: new Int32Array(0) };
  private rank: Record<Lang, Int32Array> = { fi: new Int32Array(0), sv: new Int32Array(0), en: new Int32Array(0) };
  /**
   * What the text score reads of each document's ranking vector (see textScores): its entries (one a lexeme: the
   * term and how many positions it has of each weight, packed by rankEntry) are rankData[rankFrom[o] ..
   * rankFrom[o] + rankCount[o]], and rankLength[o] is the vector's length as ts_rank_cd counts it; -1 when the
   * vector is one the index does not score (the database does).
   */
  private rankData = new Ints(1 << 16, RANK_GROWTH);
  private rankFrom: number[] = [];
  private rankCount: number[] = [];
  private rankLength: number[] = [];

  /** Changes with every change applied (caches of answers compare it). */
  version = 0;

  /**
   * The bitmaps and keys one search works in (one byte or number per document), kept for the next search instead of
   * allocated each time: at 100 000 services a search used about 1.5 MB of them, and collecting those cost more than
   * the search. A search runs to its end without yielding, so no other search can take them meanwhile.
   */
  private spareBits: Uint8Array[] = [];
  private spareBitsUsed = 0;
  private spareNumbers: Float64Array[] = [];

  /** A bitmap of zeros over every document, from the spares (search() hands them all back when it starts). */
  private zeroBits(): Uint8Array {
    const n = this.ids.length;
    if (this.spareBitsUsed >= MAX_SPARE_BITS) return new Uint8Array(n);
    let a = this.spareBits[this.spareBitsUsed];
    if (a?.length === n) a.fill(0);
    else this.spareBits[this.spareBitsUsed] = a = new Uint8Array(n);
    this.spareBitsUsed++;
    return a;
  }

  private spareOrdinals: Int32Array | null = null;
  /** Room for every document's ordinal (the matches of a search). */
  private spareMatches(): Int32Array {
    const n = this.ids.length;
    if (this.spareOrdinals?.length !== n) this.spareOrdinals = new Int32Array(n);
    return this.spareOrdinals;
  }

  /** A number per document (not cleared: only what the search writes is read), the `which`th spare. */
  private numbers(which: 0 | 1): Float64Array {
    const n = this.ids.length;
    let a = this.spareNumbers[which];
    if (a?.length !== n) this.spareNumbers[which] = a = new Float64Array(n);
    return a;
  }

  static async build(db: Kysely<DB>): Promise<MemoryIndex> {
    const index = new MemoryIndex();
    const terms = [new Ints(1 << 20), new Ints(1 << 16), new Ints(1 << 18)];
    const ends = [new Ints(1 << 14), new Ints(1 << 14), new Ints(1 << 14)];
    await loadAllRows(db, (rows) => {
      for (const r of rows) {
        index.addDoc(r);
        const lex = [r.lex, r.lex_name, r.lex_kw];
        for (let k = 0; k < 3; k++) {
          const into = terms[k]!;
          if (lex[k]) for (const l of lex[k]!.split(SEP)) into.push(index.term(l));
          ends[k]!.push(into.n);
        }
      }
    });
    for (let k = 0; k < 3; k++) index.postings[k] = pack(terms[k]!.view, ends[k]!.view, index.termNames.length);
    index.rankData.trim(RANK_SPARE);
    index.finish(null);
    return index;
  }

  /** Live documents. */
  get size(): number {
    return this.ordinalOf.size;
  }

  /** Applies rebuilt rows: `ids` were rebuilt; `rows` are those still there (the others are gone). */
  apply(ids: string[], rows: Row[]): void {
    this.version++;
    const fresh: number[] = [];
    for (const id of ids) this.kill(id);
    for (const r of rows) {
      this.kill(r.id);
      const o = this.addDoc(r);
      const lex = [r.lex, r.lex_name, r.lex_kw];
      for (let k = 0; k < 3; k++) {
        if (!lex[k]) continue;
        const extra = this.postings[k]!.extra;
        for (const l of lex[k]!.split(SEP)) {
          const t = this.term(l);
          const list = extra.get(t);
          if (list) list.push(o);
          else extra.set(t, [o]);
        }
      }
      fresh.push(o);
    }
    if (this.dead > 1000 && this.dead * 4 > this.ids.length) this.compact();
    else this.finish(fresh);
  }

  private kill(id: string): void {
    const o = this.ordinalOf.get(id);
    if (o === undefined) return;
    this.alive[o] = 0;
    this.ordinalOf.delete(id);
    this.dead++;
  }

  private term(l: string): number {
    let t = this.terms.get(l);
    if (t === undefined) {
      // A piece of split() keeps the whole row's text alive (V8 slices strings): a term kept is a copy of its own.
      if (l.length >= 13) l = JSON.parse(JSON.stringify(l)) as string;
      t = this.termNames.length;
      this.terms.set(l, t);
      this.termNames.push(l);
      this.newTerms.push(l);
    }
    return t;
  }

  private list(f: number, s: string): Uint16Array {
    const key = `${f}${SEP}${s}`;
    let l = this.lists.get(key);
    if (!l) {
      const c = this.codes[f]!;
      this.lists.set(key, (l = Uint16Array.from(s ? s.split(' ') : [], (x) => c.code(x))));
    }
    return l;
  }

  private addDoc(r: Row): number {
    const o = this.ids.length;
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
    this.ids.push(r.id);
    this.alive.push(1);
    this.active.push(r.active ? 1 : 0);
    this.org.push(this.orgs.code(r.org));
    this.ageMin.push(r.age_min ?? NaN);
    this.ageMax.push(r.age_max ?? NaN);
    this.free.push(r.free ? 1 : 0);
    this.open.push(open);
    this.points.push(points);
    this.sortKey.fi.push(r.sort_fi);
    this.sortKey.sv.push(r.sort_sv);
    this.sortKey.en.push(r.sort_en);
    const lists = [r.areas, r.life, r.languages, r.org_type, r.modes];
    for (let f = 0; f < LIST_FACETS; f++) this.vals[f]!.push(this.list(f, lists[f]!));
    this.addRank(r.rank);
    this.indexValues(o);
    this.ordinalOf.set(r.id, o);
    return o;
  }

  /** Ordinal o into the lists by facet value, and its languages held. */
  private indexValues(o: number): void {
    for (let f = 0; f < LIST_FACETS; f++) {
      const docs = this.byValue[f]!;
      for (const c of this.vals[f]![o]!) (docs[c] ??= []).push(o);
    }
    const langs = this.vals[2]![o]!;
    const names = this.codes[2]!.names;
    let held = 0;
    for (const c of langs) {
      const i = LANGS.indexOf(names[c] as Lang);
      if (i >= 0) held |= 1 << i;
    }
    this.heldBits[o] = held;
  }

  /** After adding: new terms into the sorted lexicon, the alphabets made afresh (null) or the new documents put in. */
  private finish(fresh: number[] | null): void {
    if (fresh === null || this.newTerms.length > 1000) this.sortTerms();
    else
      for (const t of this.newTerms) {
        const at = lowerBound(this.sorted, t);
        this.sorted.splice(at, 0, t);
        this.sortedIds.splice(at, 0, this.terms.get(t)!);
      }
    this.newTerms = [];
    for (const lang of LANGS) {
      const key = this.sortKey[lang];
      const ids = this.ids;
      const cmp = (x: number, y: number) => byCodeUnit(key[x]!, key[y]!) || byCodeUnit(ids[x]!, ids[y]!);
      if (fresh === null) this.setOrder(lang, Int32Array.from(this.ordinalOf.values()).sort(cmp));
      else this.insertOrder(lang, fresh.filter((o) => this.alive[o]).sort(cmp), cmp);
    }
  }

  /**
   * New documents (sorted) into a language's order by name. Each goes after every document that sorts before it or
   * equal (the dead keep their keys and their places until the next compaction), found by halving; the order is copied
   * once in pieces, and each run of new documents between two old ones gets ranks spaced between theirs. A change
   * costs a few comparisons and a copy of integers, not a pass over every service (about 40 ms at 100 000); only when
   * no rank is left between two neighbours are all renumbered.
   */
  private insertOrder(lang: Lang, add: number[], cmp: (x: number, y: number) => number): void {
    if (!add.length) return;
    const old = this.order[lang];
    const at = add.map((o) => upperBound(old, o, cmp));
    const order = new Int32Array(old.length + add.length);
    let from = 0;
    let k = 0;
    for (let j = 0; j < add.length; j++) {
      order.set(old.subarray(from, at[j]), k);
      k += at[j]! - from;
      from = at[j]!;
      order[k++] = add[j]!;
    }
    order.set(old.subarray(from), k);
    this.order[lang] = order;
    let rank = this.rank[lang];
    if (rank.length < this.ids.length) {
      const grown = this.newRanks();
      grown.set(rank);
      rank = this.rank[lang] = grown;
    }
    const gap = rankGap(order.length);
    for (let i = 0; i < add.length;) {
      let e = i;
      while (e + 1 < add.length && at[e + 1] === at[i]) e++;
      const p = at[i]!;
      const lo = p > 0 ? rank[old[p - 1]!]! : 0;
      const hi = p < old.length ? rank[old[p]!]! : lo + (e - i + 2) * gap;
      const step = (hi - lo) / (e - i + 2);
      if (step < 1 || hi > RANKS - 1) {
        this.setOrder(lang, order);
        return;
      }
      for (let x = i; x <= e; x++) rank[add[x]!] = Math.floor(lo + step * (x - i + 1));
      i = e + 1;
    }
  }

  private sortTerms(): void {
    const names = this.termNames;
    this.sortedIds = names.map((_, i) => i).sort((a, b) => byCodeUnit(names[a]!, names[b]!));
    this.sorted = this.sortedIds.map((i) => names[i]!);
  }

  /** A rank for every ordinal, with room for the documents that changes add before it must grow. */
  private newRanks(): Int32Array {
    return new Int32Array(Math.ceil(this.ids.length * 1.25) + 64);
  }

  private setOrder(lang: Lang, order: Int32Array): void {
    const rank = this.newRanks();
    const gap = rankGap(order.length);
    for (let i = 0; i < order.length; i++) rank[order[i]!] = (i + 1) * gap;
    this.order[lang] = order;
    this.rank[lang] = rank;
  }

  /** Each kind's posting lists packed anew (what was added merged in; with `map`, renumbered and the dead left out). */
  private repack(map: Int32Array | null): void {
    const T = this.termNames.length;
    const keep = (o: number) => (map ? map[o]! >= 0 : true);
    const to = (o: number) => (map ? map[o]! : o);
    for (let k = 0; k < 3; k++) {
      const P = this.postings[k]!;
      const start = new Int32Array(T + 1);
      const each = (t: number, fn: (o: number) => void) => {
        if (t + 1 < P.start.length) for (let i = P.start[t]!; i < P.start[t + 1]!; i++) fn(P.data[i]!);
        const x = P.extra.get(t);
        if (x) for (const o of x) fn(o);
      };
      for (let t = 0; t < T; t++) {
        let c = 0;
        each(t, (o) => {
          if (keep(o)) c++;
        });
        start[t + 1] = start[t]! + c;
      }
      const data = new Int32Array(start[T]!);
      for (let t = 0, at = 0; t < T; t++)
        each(t, (o) => {
          if (keep(o)) data[at++] = to(o);
        });
      this.postings[k] = { start, data, extra: new Map() };
    }
  }

  /** Drops the dead ordinals: every posting list and alphabet is renumbered (no database work). */
  private compact(): void {
    const n = this.ids.length;
    const map = new Int32Array(n).fill(-1);
    let live = 0;
    for (let o = 0; o < n; o++) if (this.alive[o]) map[o] = live++;
    this.repack(map);
    const keep = <T>(a: T[]): T[] => a.filter((_, o) => map[o]! >= 0);
    this.ids = keep(this.ids);
    this.alive = keep(this.alive);
    this.active = keep(this.active);
    this.org = keep(this.org);
    this.ageMin = keep(this.ageMin);
    this.ageMax = keep(this.ageMax);
    this.free = keep(this.free);
    this.open = keep(this.open);
    this.points = keep(this.points);
    for (const lang of LANGS) this.sortKey[lang] = keep(this.sortKey[lang]);
    this.vals = this.vals.map(keep);
    const data = this.rankData.view;
    const from = this.rankFrom;
    const count = this.rankCount;
    this.rankData = new Ints(data.length + RANK_SPARE, RANK_GROWTH);
    this.rankFrom = [];
    for (let o = 0; o < n; o++)
      if (map[o]! >= 0) {
        this.rankFrom.push(this.rankData.n);
        for (let i = from[o]!, e = i + count[o]!; i < e; i++) this.rankData.push(data[i]!);
      }
    this.rankCount = keep(this.rankCount);
    this.rankLength = keep(this.rankLength);
    this.byValue = Array.from({ length: LIST_FACETS }, () => []);
    this.heldBits = [];
    for (let o = 0; o < this.ids.length; o++) this.indexValues(o);
    this.dead = 0;
    this.ordinalOf = new Map(this.ids.map((id, o) => [id, o]));
    this.finish(null);
  }

  /** The terms an operand names: the one it is, or every term it is a prefix of. */
  private eachTerm(o: { value: string; prefix: boolean }, fn: (t: number) => void): void {
    if (!o.prefix) {
      const t = this.terms.get(o.value);
      if (t !== undefined) fn(t);
      return;
    }
    const sorted = this.sorted;
    for (let at = lowerBound(sorted, o.value); at < sorted.length; at++) {
      if (!sorted[at]!.startsWith(o.value)) break;
      fn(this.sortedIds[at]!);
    }
  }

  /** Marks term t's documents in `out`. */
  private mark(kind: Kind, t: number | undefined, out: Uint8Array): void {
    if (t === undefined) return;
    const P = this.postings[kind];
    if (t + 1 < P.start.length) {
      const data = P.data;
      for (let i = P.start[t]!, e = P.start[t + 1]!; i < e; i++) out[data[i]!] = 1;
    }
    const x = P.extra.get(t);
    if (x) for (let i = 0; i < x.length; i++) out[x[i]!] = 1;
  }

  /** The ordinals a compiled query matches in one kind of posting list, as a bitmap. */
  private evaluate(n: Node, kind: Kind): Uint8Array {
    const out = this.zeroBits();
    this.evaluateInto(n, kind, out);
    return out;
  }

  /**
   * Marks in `out` the ordinals a query matches (ORed into what is there). A chain of alternatives (a word's forms
   * in every language) marks its posting lists straight into the one bitmap; only & and ! need bitmaps of their own.
   */
  private evaluateInto(n: Node, kind: Kind, out: Uint8Array): void {
    switch (n.op) {
      case 'lex':
        this.eachTerm(n, (t) => this.mark(kind, t, out));
        return;
      case 'or': {
        // A word's forms in every language often repeat a prefix or fall under a shorter one ('perh':* | 'perhe':*):
        // each term's list is marked once.
        const chain: Node[] = [];
        const flatten = (x: Node) => {
          if (x.op === 'or') {
            flatten(x.left);
            flatten(x.right);
          } else chain.push(x);
        };
        flatten(n);
        const prefixes = chain.flatMap((x) => (x.op === 'lex' && x.prefix ? [x.value] : []));
        const seen = new Set<string>();
        for (const x of chain) {
          if (x.op === 'lex') {
            const key = `${x.prefix ? '*' : '='}${x.value}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const covered = prefixes.some(
              (u) => x.value.startsWith(u) && (u.length < x.value.length || (!x.prefix && u === x.value)),
            );
            if (covered) continue;
          }
          this.evaluateInto(x, kind, out);
        }
        return;
      }
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

  /** A filter's values as a table by code (null: no filter; values the index has never seen match nothing). */
  private wanted(f: number, values: string[] | undefined): Uint8Array | null {
    if (!values?.length) return null;
    const c = this.codes[f]!;
    const w = new Uint8Array(c.names.length);
    for (const v of values) {
      const code = c.of.get(v);
      if (code !== undefined) w[code] = 1;
    }
    return w;
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
    const n = this.ids.length;
    this.spareBitsUsed = 0;
    let met: Uint8Array | null = null;
    for (const q of text?.each ?? []) {
      const b = this.bits(q, 0);
      if (!b) continue;
      if (!met) met = b;
      else for (let i = 0; i < n; i++) met[i] = met[i]! + b[i]!;
    }
    const min = text ? text.min : 0;
    if (text && !met) met = this.zeroBits();
    const minute = p.openNow ? minuteOfWeekCached(p.now ?? new Date()) : -1;
    const near = p.near;
    const within = near && p.withinKm !== undefined ? p.withinKm : undefined;
    const want = [p.municipality, p.lifeSituation, p.language, p.orgType, p.mode].map((w, f) => this.wanted(f, w));
    const org = p.organizationId ? (this.orgs.of.get(p.organizationId) ?? -2) : -1;
    const freeWanted = p.free === undefined ? -1 : p.free ? 1 : 0;
    const age = p.age;
    const counts = opts.facets ? [...this.codes.map((c) => new Int32Array(c.names.length)), new Int32Array(2)] : null;
    const distances = near ? this.numbers(0) : null;
    const { matches, mappable } = scan(this, {
      drive: counts ? null : this.drive(want),
      met,
      min,
      org,
      age: age ?? NaN,
      minute,
      near: near ?? null,
      within: within ?? NaN,
      freeWanted,
      want,
      counts,
      distances,
      out: this.spareMatches(),
    });

    const facets = counts ? this.facetsOf(counts) : null;
    const rank = this.rank[p.lang];
    const heldBit = 1 << LANGS.indexOf(p.lang);
    const heldBits = this.heldBits;
    const held = (o: number) => ((heldBits[o]! & heldBit) !== 0 ? 1 : 0);
    let tierOf: ((o: number) => number) | null = null;
    let cmp: (a: number, b: number) => number;
    const byName = (a: number, b: number) => rank[a]! - rank[b]!;
    if (text && met && (opts.sort === 'relevance' || opts.sort === 'distance')) {
      const nameAll = text.each.length > 1;
      const na = nameAll ? this.bits(text.typedAll, 1) : null;
      const nm = this.bits(text.typedAny, 1);
      const kw = this.bits(text.typedAny, 2);
      const cnName = this.bits(text.conceptNames, 1);
      const cnKw = this.bits(text.conceptNames, 2);
      const tiers = this.zeroBits();
      const none = this.zeroBits();
      const all = (nameAll ? na : nm) ?? none;
      const any = nm ?? none;
      const kws = kw ?? none;
      const cn = cnName ?? none;
      const ck = cnKw ?? none;
      const m = met;
      // By relevance, one number per match: parts met, tier, language held, then the alphabet (higher first).
      const keyed = opts.sort === 'relevance' && n < RANKS;
      const key = keyed ? this.numbers(1) : null;
      for (let i = 0; i < matches.length; i++) {
        const o = matches[i]!;
        const tier = (all[o] ? 8 : 0) + (any[o] ? 4 : 0) + (kws[o] ? 2 : 0) + (cn[o] || ck[o] ? 3 : 0);
        tiers[o] = tier;
        if (key)
          key[o] =
            ((m[o]! * 32 + tier) * 2 + ((heldBits[o]! & heldBit) !== 0 ? 1 : 0)) * RANKS + (RANKS - 1 - rank[o]!);
      }
      tierOf = (o) => tiers[o]!;
      if (key) cmp = (a, b) => key[b]! - key[a]!;
      else if (opts.sort === 'distance' && distances) {
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
        id: this.ids[o]!,
        matched: met ? met[o]! : 0,
        tier: tierOf ? tierOf(o) : 0,
        held: held(o),
        distanceKm: distances && !Number.isNaN(distances[o]!) ? distances[o]! : null,
      })),
    };
  }

  /**
   * The documents to look at when a filter narrows them enough: those of the most selective facet's wanted values
   * (every other check still runs on each). Null: all of them.
   */
  private drive(want: (Uint8Array | null)[]): number[] | null {
    let best: number[][] | null = null;
    let size = this.ids.length / 4;
    want.forEach((w, f) => {
      if (!w) return;
      const lists: number[][] = [];
      let total = 0;
      w.forEach((on, code) => {
        const l = on ? this.byValue[f]![code] : undefined;
        if (l) {
          lists.push(l);
          total += l.length;
        }
      });
      if (total < size) {
        best = lists;
        size = total;
      }
    });
    const lists = best as number[][] | null;
    if (!lists) return null;
    if (lists.length === 1) return lists[0]!;
    const seen = new Uint8Array(this.ids.length);
    const out: number[] = [];
    for (const l of lists)
      for (const o of l)
        if (!seen[o]) {
          seen[o] = 1;
          out.push(o);
        }
    return out;
  }

  /** Reads a document's ranking vector (tsvector text) into rankData (see rankEntry), or marks it -1. */
  private addRank(text: string | null): void {
    const at = this.rankData.n;
    const read = text === null ? null : readRankVector(text, (l) => this.term(l), this.rankData);
    this.rankFrom.push(at);
    this.rankCount.push(read === null ? 0 : this.rankData.n - at);
    this.rankLength.push(read === null ? -1 : read);
    if (read === null) this.rankData.n = at;
  }

  /**
   * The text score SQL gives a service for a query (least(ts_rank_cd(tsv_rank, query, 1), 0.99)::float8, as
   * searchServices and indexedSearch's textScores ask), for each of `ids` the index can score; null when it cannot
   * score the query at all (anything but a plain disjunction of words and prefixes).
   *
   * ts_rank_cd (PostgreSQL's tsrank.c, calc_rank_cd) on a disjunction: every position of a lexeme the query matches
   * is a cover of its own, which adds its weight (D 0.1, C 0.2, B 0.4, A 1.0, as float4) and nothing for noise;
   * the sum is divided by log(1 + the vector's length) and given as float4. The weights are float4 values (each a
   * multiple of 2^-27 with at most 24 significant bits), so their sum is exact in a double in any order, and the
   * score is the database's to the bit (tests/directory/memoryScore.test.ts compares every demo service's).
   */
  textScores(ids: string[], query: string): Map<string, number> | null {
    const operands = plainDisjunction(query);
    if (!operands) return null;
    const wanted = new Set<number>();
    for (const o of operands) this.eachTerm(o, (t) => wanted.add(t));
    const out = new Map<string, number>();
    const data = this.rankData.a;
    for (const id of ids) {
      const o = this.ordinalOf.get(id);
      if (o === undefined || this.rankLength[o]! < 0) continue;
      let sum = 0;
      for (let i = this.rankFrom[o]!, e = i + this.rankCount[o]!; i < e; i++) {
        const x = data[i]! >>> 0;
        if (wanted.has(x & TERM_MASK)) sum += rankWeight(x);
      }
      // A lexeme matched has a position, so the length is at least 1 whenever the sum is not 0.
      const score = sum === 0 ? 0 : Math.fround(sum / Math.log(this.rankLength[o]! + 1));
      out.set(id, Math.min(score, SCORE_CAP));
    }
    return out;
  }

  private facetsOf(counts: Int32Array[]): Facets {
    const out = {} as Facets;
    FACETS.forEach((name, f) => {
      const names = f < LIST_FACETS ? this.codes[f]!.names : ['false', 'true'];
      // Maps first: codes such as '149' would make an object's keys array indices.
      const m = new Map<string, number>();
      counts[f]!.forEach((c, code) => {
        if (c > 0) m.set(names[code]!, c);
      });
      out[name] = Object.fromEntries(m);
    });
    return out;
  }

  /** The whole index as bytes (uncompressed), to be read back by fromSnapshot: no database work on either side. */
  snapshot(): Buffer {
    this.repack(null);
    /** The distinct arrays (shared between documents) and, for each document, its array's place (-1: none). */
    const tableOf = <T extends object>(arrays: (T | null)[]) => {
      const at = new Map<T, number>();
      const table: T[] = [];
      const of = arrays.map((a) => {
        if (!a) return -1;
        let i = at.get(a);
        if (i === undefined) {
          at.set(a, (i = table.length));
          table.push(a);
        }
        return i;
      });
      return { table, of };
    };
    const lists = this.vals.map((v) => tableOf(v));
    const opens = tableOf(this.open);
    const places = tableOf(this.points);
    const head: SnapshotHead = {
      ids: this.ids,
      orgs: this.orgs.names,
      codes: this.codes.map((c) => c.names),
      lists: lists.map((l) => l.table.map((a) => [...a])),
      sort: this.sortKey,
      terms: this.termNames,
      dead: this.dead,
    };
    const w = new SnapshotWriter();
    w.ints([SNAPSHOT_FORMAT]);
    w.raw(Buffer.from(JSON.stringify(head)));
    w.ints(this.alive);
    w.ints(this.active);
    w.ints(this.org);
    w.doubles(this.ageMin);
    w.doubles(this.ageMax);
    w.ints(this.free);
    for (const l of lists) w.ints(l.of);
    w.ints(opens.of);
    w.flat(opens.table, 'ints');
    w.ints(places.of);
    w.flat(places.table, 'doubles');
    for (const P of this.postings) {
      w.ints(P.start);
      w.deltas(P.start, P.data);
    }
    for (const lang of LANGS) w.ints(this.order[lang].filter((o) => this.alive[o] === 1));
    w.ints(this.sortedIds);
    w.ints(this.rankLength);
    w.ints(this.rankCount);
    // Each document's entries follow the one before's (addRank appends, compact keeps the order): as they are.
    w.ints(this.rankData.view);
    return w.done();
  }

  /** The index a snapshot holds (a snapshot of another format, or a damaged one: an error). */
  static fromSnapshot(buf: Buffer): MemoryIndex {
    const r = new SnapshotReader(buf);
    const format = r.ints()[0];
    if (format !== SNAPSHOT_FORMAT) throw new Error(`search index snapshot format ${format}`);
    const head = JSON.parse(r.raw().toString('utf8')) as SnapshotHead;
    const x = new MemoryIndex();
    const n = head.ids.length;
    const perDoc = <T>(a: T[]): T[] => {
      if (a.length !== n) throw new Error('search index snapshot damaged');
      return a;
    };
    x.ids = head.ids;
    x.alive = perDoc(Array.from(r.ints()));
    x.active = perDoc(Array.from(r.ints()));
    x.org = perDoc(Array.from(r.ints()));
    x.orgs = new Codes(head.orgs);
    x.ageMin = perDoc(Array.from(r.doubles()));
    x.ageMax = perDoc(Array.from(r.doubles()));
    x.free = perDoc(Array.from(r.ints()));
    x.codes = head.codes.map((names) => new Codes(names));
    x.vals = head.lists.map((table, f) => {
      const arrays = table.map((codes) => {
        const a = Uint16Array.from(codes);
        x.lists.set(`${f}${SEP}${codes.map((c) => x.codes[f]!.names[c]).join(' ')}`, a);
        return a;
      });
      return perDoc(Array.from(r.ints(), (i) => arrays[i]!));
    });
    const openOf = r.ints();
    const opens = r.flat<Int32Array>('ints');
    x.open = perDoc(Array.from(openOf, (i) => (i < 0 ? null : opens[i]!)));
    const placeOf = r.ints();
    const places = r.flat<Float64Array>('doubles');
    x.points = perDoc(Array.from(placeOf, (i) => (i < 0 ? null : places[i]!)));
    for (let o = 0; o < n; o++) x.indexValues(o);
    x.sortKey = head.sort;
    x.termNames = head.terms;
    const terms = new Map<string, number>();
    for (let i = 0; i < head.terms.length; i++) terms.set(head.terms[i]!, i);
    x.terms = terms;
    x.dead = head.dead;
    for (let o = 0; o < n; o++) if (x.alive[o]) x.ordinalOf.set(x.ids[o]!, o);
    for (let k = 0; k < 3; k++) {
      const start = r.ints();
      if (start.length !== head.terms.length + 1) throw new Error('search index snapshot damaged');
      x.postings[k] = { start, data: r.deltas(start), extra: new Map() };
    }
    for (const lang of LANGS) x.setOrder(lang, r.ints());
    x.sortedIds = Array.from(r.ints());
    x.sorted = x.sortedIds.map((i) => x.termNames[i]!);
    x.rankLength = perDoc(Array.from(r.ints()));
    x.rankCount = perDoc(Array.from(r.ints()));
    const entries = r.ints();
    x.rankFrom = [];
    let at = 0;
    for (const c of x.rankCount) {
      x.rankFrom.push(at);
      at += c;
    }
    if (at !== entries.length) throw new Error('search index snapshot damaged');
    x.rankData = new Ints(entries.length + RANK_SPARE, RANK_GROWTH);
    x.rankData.a.set(entries);
    x.rankData.n = entries.length;
    r.end();
    return x;
  }
}

interface ScanArgs {
  /** Only these ordinals (null: every one). */
  drive: number[] | null;
  met: Uint8Array | null;
  min: number;
  org: number;
  age: number;
  minute: number;
  near: { lat: number; lon: number } | null;
  within: number;
  freeWanted: number;
  want: (Uint8Array | null)[];
  counts: Int32Array[] | null;
  distances: Float64Array | null;
  /** Where the matches are written (room for every document). */
  out: Int32Array;
}

/** Spare bitmaps kept by an index (a query with more parts than this allocates the rest). */
const MAX_SPARE_BITS = 24;

/** The loop over every document: the filters, the facet counts, the matches (a function of its own, without closures). */
function scan(x: MemoryIndex, a: ScanArgs): { matches: Int32Array; mappable: number } {
  const { alive, active, org: orgOf, ageMin, ageMax, open, points, free, vals } = x;
  const { drive, met, min, org, age, minute, near, within, freeWanted, want, counts, distances, out } = a;
  const n = drive ? drive.length : alive.length;
  let found = 0;
  let mappable = 0;
  const hasAge = !Number.isNaN(age);
  const hasWithin = !Number.isNaN(within);
  if (
    drive === null &&
    counts === null &&
    org === -1 &&
    !hasAge &&
    minute < 0 &&
    near === null &&
    freeWanted < 0 &&
    want.every((w) => w === null)
  ) {
    // Words alone (or nothing): every live, active document that meets enough parts.
    for (let o = 0; o < n; o++) {
      if ((met !== null && met[o]! < min) || alive[o] === 0 || active[o] === 0) continue;
      out[found++] = o;
      if (points[o] !== null) mappable++;
    }
    return { matches: out.subarray(0, found), mappable };
  }
  for (let i = 0; i < n; i++) {
    const o = drive !== null ? drive[i]! : i;
    if (met !== null && met[o]! < min) continue;
    if (alive[o] === 0 || active[o] === 0) continue;
    if (org !== -1 && orgOf[o] !== org) continue;
    if (hasAge && (ageMin[o]! > age || ageMax[o]! < age)) continue;
    if (minute >= 0 && !isOpen(open[o]!, minute)) continue;
    let dist = NaN;
    if (near !== null) {
      dist = minDistance(points[o]!, near);
      if (hasWithin && !(dist <= within)) continue;
    }
    let ok = freeWanted < 0 || free[o] === freeWanted ? 32 : 0;
    for (let f = 0; f < LIST_FACETS; f++) {
      const w = want[f];
      if (w === null) {
        ok |= 1 << f;
        continue;
      }
      const l = vals[f]![o]!;
      for (let j = 0; j < l.length; j++)
        if (w![l[j]!] === 1) {
          ok |= 1 << f;
          break;
        }
    }
    if (counts !== null) {
      // Disjunctive: a facet counts the documents every other filter lets through.
      const missing = ALL_FACETS ^ ok;
      if ((missing & (missing - 1)) === 0) {
        for (let f = 0; f < LIST_FACETS; f++) {
          if (missing !== 0 && missing !== 1 << f) continue;
          const l = vals[f]![o]!;
          const c = counts[f]!;
          for (let j = 0; j < l.length; j++) c[l[j]!]!++;
        }
        if (missing === 0 || missing === 32) counts[5]![free[o]!]!++;
      }
    }
    if (ok !== ALL_FACETS) continue;
    out[found++] = o;
    if (points[o] !== null) mappable++;
    if (distances !== null) distances[o] = dist;
  }
  return { matches: out.subarray(0, found), mappable };
}

/** Where x goes in a list sorted by cmp: after every item that sorts before it or equal (found by halving). */
function upperBound(list: ArrayLike<number>, x: number, cmp: (a: number, b: number) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid]!, x) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first k of the list in the order of cmp (a sorted buffer when k is small beside the list). */
function firstInOrder(list: Int32Array, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 8 >= list.length) return Array.from(list.sort(cmp).subarray(0, k));
  const buf: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    if (buf.length === k && cmp(x, buf[k - 1]!) >= 0) continue;
    buf.splice(upperBound(buf, x, cmp), 0, x);
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
