/**
 * The search's in-memory index (issue 13, first step): each service's analysed terms (the lexemes of its search
 * document, exactly as the database analysed them: the same stemmers, unaccented copies and compound heads) and
 * the facts the filters and facets read, held in the process. A query is compiled by the database once (the same
 * tsquery the SQL path uses, cached) and evaluated here against sorted lexeme arrays; matching, "most of the words",
 * filters, totals, disjunctive facet counts and the order by name are answered without a database round trip.
 *
 * Kept in step with the database: every write goes through reindexServices, which notes the services it rebuilt
 * (noteReindexed); the next query reloads just those rows. PostgreSQL stays the source of truth; the SQL search
 * (searchServices) is the reference, and a differential test requires the same sets, totals and facets.
 *
 * Not yet here (the SQL path answers them): opening hours (open now), distances, and relevance scores (ts_rank_cd).
 * Another instance's writes are not followed (no change feed yet).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Lang } from '../../shared/lang.js';
import type { FacetName, Facets, SearchParams } from './searchServices.js';

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
  /** Sorted lexemes of the whole document. */
  lex: string[];
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

export function matches(n: Node, lex: string[]): boolean {
  switch (n.op) {
    case 'lex': {
      const at = lowerBound(lex, n.value);
      return at < lex.length && (n.prefix ? lex[at]!.startsWith(n.value) : lex[at] === n.value);
    }
    case 'and':
      return matches(n.left, lex) && matches(n.right, lex);
    case 'or':
      return matches(n.left, lex) || matches(n.right, lex);
    case 'not':
      return !matches(n.arg, lex);
  }
}

// JavaScript's default string order (UTF-16 code units) is what lowerBound compares by; sort the same way.
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Row {
  service_id: string;
  active: boolean;
  organization_id: string;
  org_type: string;
  areas: string[];
  languages: string[];
  modes: string[];
  life_situations: string[];
  age_min: number | null;
  age_max: number | null;
  free: boolean;
  sort_fi: string;
  sort_sv: string;
  sort_en: string;
  lex: string[];
}

async function loadRows(db: Kysely<DB>, ids: string[] | null): Promise<Doc[]> {
  const r = await sql<Row>`
    select service_id, active, organization_id, org_type, areas, languages, modes, life_situations, age_min,
      age_max, free, sort_fi, sort_sv, sort_en, tsvector_to_array(tsv) as lex
    from service_search ${ids ? sql`where service_id = any(${ids}::uuid[])` : sql``}`.execute(db);
  return r.rows.map((x) => ({
    id: x.service_id,
    active: x.active,
    organizationId: x.organization_id,
    orgType: x.org_type,
    areas: x.areas,
    languages: x.languages,
    modes: x.modes,
    life: x.life_situations,
    ageMin: x.age_min,
    ageMax: x.age_max,
    free: x.free,
    lex: [...x.lex].sort(byCodeUnit),
    sort: { fi: x.sort_fi, sv: x.sort_sv, en: x.sort_en },
  }));
}

// Services rebuilt since each index last looked: a write notes them, the next query reloads them.
const pending = new Set<string>();
let pendingAll = false;
export function noteReindexed(ids: string[]): void {
  if (pending.size + ids.length > 50_000) pendingAll = true;
  else for (const id of ids) pending.add(id);
  version++;
}
let version = 0;

export class MemoryIndex {
  private docs = new Map<string, Doc>();
  private seen = -1;
  /** Documents by ordinal, the sorted lexicon and each lexeme's posting list (ordinals, ascending). */
  private list: Doc[] = [];
  private lexicon: string[] = [];
  private postings = new Map<string, number[]>();

  static async build(db: Kysely<DB>): Promise<MemoryIndex> {
    const index = new MemoryIndex();
    for (const d of await loadRows(db, null)) index.docs.set(d.id, d);
    index.invert();
    index.seen = version;
    return index;
  }

  /** Rebuilds the posting lists from the documents held (no database work). */
  private invert(): void {
    this.list = [...this.docs.values()];
    this.postings = new Map();
    this.list.forEach((d, i) => {
      for (const l of d.lex) {
        const p = this.postings.get(l);
        if (p) p.push(i);
        else this.postings.set(l, [i]);
      }
    });
    this.lexicon = [...this.postings.keys()].sort(byCodeUnit);
  }

  /** The documents a compiled query matches, as a bitmap over ordinals. */
  private evaluate(n: Node): Uint8Array {
    const out = new Uint8Array(this.list.length);
    switch (n.op) {
      case 'lex': {
        if (!n.prefix) {
          for (const i of this.postings.get(n.value) ?? []) out[i] = 1;
          return out;
        }
        for (let at = lowerBound(this.lexicon, n.value); at < this.lexicon.length; at++) {
          const l = this.lexicon[at]!;
          if (!l.startsWith(n.value)) break;
          for (const i of this.postings.get(l)!) out[i] = 1;
        }
        return out;
      }
      case 'and': {
        const a = this.evaluate(n.left);
        const b = this.evaluate(n.right);
        for (let i = 0; i < out.length; i++) out[i] = a[i]! & b[i]!;
        return out;
      }
      case 'or': {
        const a = this.evaluate(n.left);
        const b = this.evaluate(n.right);
        for (let i = 0; i < out.length; i++) out[i] = a[i]! | b[i]!;
        return out;
      }
      case 'not': {
        const a = this.evaluate(n.arg);
        for (let i = 0; i < out.length; i++) out[i] = a[i]! ^ 1;
        return out;
      }
    }
  }

  get size(): number {
    return this.docs.size;
  }

  /** Applies the writes noted since this index last looked. */
  async refresh(db: Kysely<DB>): Promise<void> {
    if (this.seen === version) return;
    const at = version;
    if (pendingAll) {
      this.docs.clear();
      for (const d of await loadRows(db, null)) this.docs.set(d.id, d);
    } else {
      const ids = [...pending];
      const fresh = await loadRows(db, ids);
      for (const id of ids) this.docs.delete(id);
      for (const d of fresh) this.docs.set(d.id, d);
    }
    this.invert();
    this.seen = at;
  }

  /**
   * The matching services for compiled parts (each one tsquery text; `min` of them must match), the filters of
   * the search, facet counts, and the ids in the reader's alphabet.
   */
  search(
    p: SearchParams,
    text: { each: string[]; min: number } | null,
  ): { ids: string[]; total: number; facets: Facets } {
    const parts = text ? text.each.map((q) => parseTsquery(q)).filter((n): n is Node => !!n) : [];
    const min = text ? text.min : 0;
    const has = (list: string[], wanted?: string[]) => !wanted?.length || wanted.some((w) => list.includes(w));
    const facetOk = (d: Doc): Record<FacetName, boolean> => ({
      municipality: has(d.areas, p.municipality),
      life_situation: has(d.life, p.lifeSituation),
      language: has(d.languages, p.language),
      mode: has(d.modes, p.mode),
      org_type: !p.orgType?.length || p.orgType.includes(d.orgType),
      free: p.free === undefined || d.free === p.free,
    });
    const facets = {
      municipality: {},
      life_situation: {},
      language: {},
      org_type: {},
      mode: {},
      free: {},
    } as Facets;
    const count = (f: FacetName, v: string) => (facets[f][v] = (facets[f][v] ?? 0) + 1);
    const out: Doc[] = [];
    // How many parts each document meets, from the parts' bitmaps.
    let met: Uint8Array | null = null;
    for (const n of parts) {
      const bits = this.evaluate(n);
      if (!met) met = bits;
      else for (let i = 0; i < bits.length; i++) met[i] = met[i]! + bits[i]!;
    }
    for (let i = 0; i < this.list.length; i++) {
      const d = this.list[i]!;
      if (met && met[i]! < min) continue;
      if (!d.active) continue;
      if (p.organizationId && d.organizationId !== p.organizationId) continue;
      if (
        p.age !== undefined &&
        !((d.ageMin === null || d.ageMin <= p.age) && (d.ageMax === null || d.ageMax >= p.age))
      )
        continue;
      const ok = facetOk(d);
      const names = Object.keys(ok) as FacetName[];
      const others = (f: FacetName) => names.every((o) => o === f || ok[o]);
      if (others('municipality')) for (const v of d.areas) count('municipality', v);
      if (others('life_situation')) for (const v of d.life) count('life_situation', v);
      if (others('language')) for (const v of d.languages) count('language', v);
      if (others('mode')) for (const v of d.modes) count('mode', v);
      if (others('org_type')) count('org_type', d.orgType);
      if (others('free')) count('free', String(d.free));
      if (names.every((n) => ok[n])) out.push(d);
    }
    const lang = p.lang;
    out.sort((a, b) => byCodeUnit(a.sort[lang], b.sort[lang]) || byCodeUnit(a.id, b.id));
    return { ids: out.map((d) => d.id), total: out.length, facets };
  }
}
