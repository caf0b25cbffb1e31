/**
 * How the in-memory index applies the change feed (search/indexFeed.ts, issue 13): a few changes, more changes than
 * one batch reads (500), and a change naming more services than one read of rows takes (2 000). Each time the index
 * answers as the SQL search does: a renamed service is found by its new name, a deleted one is gone, and a catch-up
 * that finds nothing leaves the index as it was.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexFeed, recordSearchChange } from '../../src/core/directory/search/indexFeed.js';
import { indexRunner } from '../../src/core/directory/search/indexedSearch.js';
import { searchServices, searchWith, type SearchParams } from '../../src/core/directory/search/searchServices.js';
import { reindexServices } from '../../src/core/directory/searchIndexer.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

describe.each(testDatabases())('the index applying the change feed (%s)', (kind) => {
  let d: TestDatabase;
  let feed: IndexFeed;
  let ids: string[];
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
    feed = await IndexFeed.start(d, undefined, { pollMs: 60_000 });
    ids = (
      await sql<{ id: string }>`select id::text as id from service where status = 'active' order by id`.execute(d.db)
    ).rows.map((r) => r.id);
  }, 120_000);
  afterAll(async () => {
    await feed?.close();
    await d?.dispose();
  });

  const viaIndex = (p: SearchParams) => searchWith(d.db, p, 100, indexRunner(d.db, feed.index));
  async function rename(id: string, name: string) {
    await sql`update service set name = jsonb_set(name, '{fi}', to_jsonb(${name}::text)) where id = ${id}::uuid`.execute(
      d.db,
    );
    await reindexServices(d.db, [id]);
  }
  async function same(q: string, total: number) {
    const p: SearchParams = { q, lang: 'fi', facets: true };
    const mem = await viaIndex(p);
    const ref = await searchServices(d.db, p);
    expect(ref.total, q).toBe(total);
    expect(mem.total, q).toBe(total);
    expect(mem.hits.map((h) => h.id)).toEqual(ref.hits.map((h) => h.id));
    expect(mem.facets).toEqual(ref.facets);
  }

  it('applies a few changes: a rename, and a service deleted', async () => {
    await rename(ids[0]!, 'Seeprakahvila');
    const gone = ids[1]!;
    const goneName = (
      await sql<{ n: string }>`select name->>'fi' as n from service where id = ${gone}::uuid`.execute(d.db)
    ).rows[0]!.n;
    await rename(gone, 'Kirahvikerho');
    await feed.refresh();
    await same('seeprakahvila', 1);
    await same('kirahvikerho', 1);
    await sql`delete from service where id = ${gone}::uuid`.execute(d.db);
    await recordSearchChange(d.db, [gone]);
    await feed.refresh();
    await same('kirahvikerho', 0);
    expect(goneName).not.toBe('Kirahvikerho');
    // A catch-up that finds nothing new changes nothing: the index keeps its version (what is kept per version stays).
    const version = feed.index.version;
    await feed.refresh();
    expect(feed.index.version).toBe(version);
  });

  it('applies more changes than one batch reads', async () => {
    await rename(ids[2]!, 'Gepardikahvila');
    // 600 changes more (a batch is 500).
    for (let i = 0; i < 600; i++) await recordSearchChange(d.db, [ids[3 + (i % 50)]!]);
    await rename(ids[3]!, 'Laamakerho');
    await feed.refresh();
    await same('gepardikahvila', 1);
    await same('laamakerho', 1);
    expect((await feed.lag()).lag).toBe(0);
  });

  it('applies a change naming more services than one read of rows takes', async () => {
    await rename(ids[60]!, 'Tapiirikerho');
    // 2 500 services named (rows are read 2 000 at a time): unknown ones leave nothing in the index.
    await recordSearchChange(d.db, [...Array.from({ length: 2500 }, () => randomUUID()), ids[60]!]);
    await feed.refresh();
    await same('tapiirikerho', 1);
  });
});
