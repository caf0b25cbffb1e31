/**
 * Scoring candidates costs less (issue 13): a query's disjunctions lose the operands that add nothing
 * (leanDisjunction), and only the candidates whose score can change the page are scored (reachingPage). Neither
 * may change an answer: the lean query matches and scores every service of the demo directory as the full one does,
 * on both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachingPage } from '../../src/core/directory/search/indexedSearch.js';
import {
  compileQuery,
  conceptNameParts,
  leanDisjunction,
  queryParts,
  readQuery,
  typedParts,
} from '../../src/core/directory/search/searchServices.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

describe('leanDisjunction', () => {
  it('drops repeated operands and those a prefix operand already matches, keeping the first order', () => {
    expect(leanDisjunction("'vuode':* | 'vuodet' | 'vuod' | 'vuod':* | 'vuode':* | 'lapsi'")).toBe(
      "'vuod':* | 'lapsi'",
    );
    expect(leanDisjunction("'neuvola' | 'neuvol':* | 'neuvola'")).toBe("'neuvol':*");
    expect(leanDisjunction("'a' | 'b' | 'a'")).toBe("'a' | 'b'");
  });

  it('leaves what is not a plain disjunction as it is, and compares weighted or quoted operands only exactly', () => {
    const and = "( 'vuod':* | 'vuodet' ) & 'lapsi'";
    expect(leanDisjunction(and)).toBe(and);
    expect(leanDisjunction("!'vuod' | 'vuodet'")).toBe("!'vuod' | 'vuodet'");
    expect(leanDisjunction("'vuod':* | 'vuodet':A | 'vuodet':A")).toBe("'vuod':* | 'vuodet':A");
    expect(leanDisjunction("'o''neil':* | 'o''neill' | 'o':*")).toBe("'o''neil':* | 'o''neill' | 'o':*");
  });
});

describe('reachingPage', () => {
  const h = (matched: number, tier: number, held: number, id: string) => ({ id, matched, tier, held });
  const top = [h(2, 8, 1, 'a'), h(2, 8, 1, 'b'), h(2, 4, 1, 'c'), h(1, 4, 1, 'd'), h(1, 4, 1, 'e'), h(1, 4, 0, 'f')];
  const ids = (o: number, n: number) => reachingPage(top, o, n).map((x) => x.id);

  it('takes the runs of equals that reach into the page, whole', () => {
    expect(ids(0, 1)).toEqual(['a', 'b']);
    expect(ids(0, 3)).toEqual(['a', 'b', 'c']);
    expect(ids(2, 2)).toEqual(['c', 'd', 'e']);
    expect(ids(4, 2)).toEqual(['d', 'e', 'f']);
    expect(ids(5, 10)).toEqual(['f']);
  });

  it('takes nothing past the candidates', () => {
    expect(ids(6, 2)).toEqual([]);
  });
});

describe.each(testDatabases())('the lean query (%s)', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
  }, 120_000);
  afterAll(async () => {
    await d?.dispose();
  });

  const QUERIES = [
    'ihmeelliset vuodet',
    'neuvola',
    'barnrådgivning',
    'väsynyt vanhempi',
    'lapsi ei nuku',
    'mistä apua kun lapsi kiusataan',
    'help with my baby',
    'ero',
    'etsivä nuorisotyö',
  ];

  it('is shorter for everyday queries, and matches and scores every service as the full one', async () => {
    let shorter = 0;
    let matched = 0;
    for (const q of QUERIES) {
      const a = await readQuery(d.db, q);
      const c = await compileQuery(d.db, queryParts(a), typedParts(a), conceptNameParts(a));
      expect(c, q).not.toBeNull();
      // The full disjunction, as the database writes it.
      const full = (
        await sql<{ any: string }>`select yh_query(${JSON.stringify(
          queryParts(a).map((g) => g.map((v) => [v, v.length >= 5, v.length >= 3])),
        )}::jsonb, 'any')::text as any`.execute(d.db)
      ).rows[0]!.any;
      expect(leanDisjunction(full), q).toBe(c!.any);
      if (c!.any.length < full.length) shorter++;
      const r = await sql<{ n: number; matched: number; differ: number }>`
        select count(*)::int as n,
          count(*) filter (where r.tsv_rank @@ ${full}::tsquery)::int as matched,
          count(*) filter (where (r.tsv_rank @@ ${full}::tsquery) <> (r.tsv_rank @@ ${c!.any}::tsquery)
            or ts_rank_cd(r.tsv_rank, ${full}::tsquery, 1) <> ts_rank_cd(r.tsv_rank, ${c!.any}::tsquery, 1))::int as differ
        from service_search_rank r`.execute(d.db);
      expect(r.rows[0]!.n, q).toBeGreaterThan(200);
      expect(r.rows[0]!.differ, q).toBe(0);
      matched += r.rows[0]!.matched;
    }
    // The scores compared are those of services the queries match (nothing matched would compare nothing).
    expect(matched).toBeGreaterThan(100);
    expect(shorter).toBeGreaterThanOrEqual(QUERIES.length - 2);
  });
});
