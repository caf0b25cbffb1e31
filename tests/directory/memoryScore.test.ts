/**
 * The text score from memory (MemoryIndex.textScores, issue 13): the index scores a search's candidates as the
 * database does (least(ts_rank_cd(tsv_rank, query, 1), 0.99)::float8), to the bit, so the database is not asked. For
 * every service of the demo directory and of a PTV import, for everyday queries in three languages, on both
 * databases; queries it cannot score (not a plain disjunction) are left to the database.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryIndex, readRankVector } from '../../src/core/directory/search/memoryIndex.js';
import {
  compileQuery,
  conceptNameParts,
  queryParts,
  readQuery,
  typedParts,
} from '../../src/core/directory/search/searchServices.js';
import { importPtv } from '../../src/core/ptv/importPtv.js';
import { fromFiles } from '../../src/core/ptv/source.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { writeGenerated } from '../ptv/support.js';

const QUERIES = [
  'neuvola',
  'perhekahvila',
  'barnrådgivning',
  'familjecafé',
  'ihmeelliset vuodet',
  'etsivä nuorisotyö',
  'väsynyt vanhempi',
  'lapsi ei nuku',
  'mistä apua kun lapsi kiusataan',
  'help with my baby',
  'skilsmässa',
  'perhe',
  'barn',
  'tuki',
  'ero',
  'kotipalvelu askola',
  'puheterapia',
];

describe('readRankVector', () => {
  const terms = new Map<string, number>();
  const term = (l: string) => {
    if (!terms.has(l)) terms.set(l, terms.size);
    return terms.get(l)!;
  };
  const read = (text: string) => {
    const entries: number[] = [];
    const length = readRankVector(text, term, entries);
    return { length, entries: entries.length };
  };

  it("reads lexemes, quotes and positions as PostgreSQL writes them, and counts the vector's length", () => {
    expect(read(`'a':1A,5B 'o''neil':3C 'x\\\\y':2A`)).toEqual({ length: 4, entries: 3 });
    expect(terms.has("o'neil")).toBe(true);
    expect(terms.has('x\\y')).toBe(true);
    expect(read('')).toEqual({ length: 0, entries: 0 });
  });

  it('leaves to the database what it does not score: weight D, no positions, the last position', () => {
    expect(read(`'a':1A,2`).length).toBeNull();
    expect(read(`'a' 'b':1A`).length).toBeNull();
    expect(read(`'a':16383A`).length).toBeNull();
    expect(read(`'a':${Array.from({ length: 16 }, (_, i) => `${i + 1}A`).join(',')}`).length).toBeNull();
    expect(read(`'a':${Array.from({ length: 15 }, (_, i) => `${i + 1}A`).join(',')}`).length).toBe(15);
  });
});

describe.each(testDatabases())('the text score from memory (%s)', (kind) => {
  let d: TestDatabase;
  let index: MemoryIndex;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
    const g = writeGenerated({ services: 60, seed: 5 });
    await importPtv(d.db, fromFiles(g.dir), { actor: null, actorName: 'test' });
    index = await MemoryIndex.build(d.db);
  }, 180_000);
  afterAll(async () => {
    await d?.dispose();
  });

  it('gives every service the score the database gives it, to the bit', async () => {
    let scored = 0;
    let positive = 0;
    for (const q of QUERIES) {
      const a = await readQuery(d.db, q);
      const c = await compileQuery(d.db, queryParts(a), typedParts(a), conceptNameParts(a));
      expect(c, q).not.toBeNull();
      const r = await sql<{ id: string; score: number }>`
        select service_id::text as id, least(ts_rank_cd(tsv_rank, ${c!.any}::tsquery, 1), 0.99)::float8 as score
        from service_search_rank`.execute(d.db);
      const own = index.textScores(
        r.rows.map((x) => x.id),
        c!.any,
      );
      expect(own, q).not.toBeNull();
      for (const { id, score } of r.rows) {
        expect(own!.get(id), `${q}: ${id}`).toBe(Number(score));
        scored++;
        if (score > 0) positive++;
      }
    }
    expect(scored).toBeGreaterThan(QUERIES.length * 300);
    // Scores that differ from 0 and from the cap are compared, not only those.
    expect(positive).toBeGreaterThan(500);
  });

  it('leaves a query that is not a plain disjunction to the database', () => {
    expect(index.textScores(['x'], "'lapsi' & 'neuvol':*")).toBeNull();
    expect(index.textScores(['x'], "!'lapsi'")).toBeNull();
    expect(index.textScores(['x'], "'lapsi':A | 'neuvola'")).toBeNull();
    expect(index.textScores(['x'], "'lapsi' <-> 'neuvola'")).toBeNull();
    expect(index.textScores(['x'], "'lapsi' | 'neuvol':*")?.size).toBe(0);
  });
});
