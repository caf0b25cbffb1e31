/**
 * The front page's figures read from the whole directory (its service count, the counties' social emergency
 * numbers) are kept between requests (src/core/directory/directoryCache.ts), yet a change shows at once: a write of
 * this instance on its next request, another instance's once its search index has applied the change.
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedForDirectory } from '../../src/core/directory/directoryCache.js';
import { saveService } from '../../src/core/directory/saveRecords.js';
import type { ServiceInput } from '../../src/core/directory/types.js';
import { searchIndexReady } from '../../src/core/directory/search/indexedSearch.js';
import { CHANGE_CHANNEL } from '../../src/core/directory/search/indexFeed.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

const service = (key: string, more: Partial<ServiceInput> = {}): ServiceInput => ({
  key,
  organizationKey: 't-askola-hva',
  name: { fi: `Palvelu ${key}` },
  summary: { fi: 'Testipalvelu.' },
  areas: ['018'],
  languages: ['fi'],
  modes: ['in_person'],
  lifeSituations: ['baby'],
  fee: 'free',
  access: 'no_referral',
  ...more,
});

describe.each(testDatabases())('the front page kept between directory changes (%s)', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    app = await testApp(d);
    expect(await searchIndexReady(d.db)).toBeDefined();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const front = async () => {
    const r = await app.inject({ url: '/fi' });
    expect(r.statusCode).toBe(200);
    return r.body;
  };
  const shownCount = async () => Number(/<p class="lead">(\d+) palvelua/.exec(await front())?.[1]);
  const activeCount = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from service where status = 'active'`.execute(d.db)).rows[0]!.n;

  it("shows this instance's writes on the next request: a new service, a county's emergency number, a withdrawal", async () => {
    const before = await shownCount();
    expect(before).toBe(await activeCount());
    expect(await shownCount()).toBe(before);

    await saveService(d.db, service('t-cache-new'));
    expect(await shownCount()).toBe(before + 1);

    // The county's social emergency service is read from the directory: its number shows at once.
    expect(await front()).not.toContain('+358 40 000 9999');
    await saveService(
      d.db,
      service('t-cache-sosiaalipaivystys', {
        name: { fi: 'Sosiaalipäivystys', sv: 'Socialjouren' },
        keywords: { fi: ['sosiaalipäivystys'] },
        phones: [{ number: '+358 40 000 9999', note: {} }],
      }),
    );
    expect(await front()).toContain('+358 40 000 9999');
    expect(await shownCount()).toBe(before + 2);

    await saveService(d.db, service('t-cache-new', { status: 'inactive' }));
    expect(await shownCount()).toBe(before + 1);
    expect(await shownCount()).toBe(await activeCount());
  });

  it("shows another instance's write once the search index has applied it", async () => {
    const before = await shownCount();
    const id = idFromKey('service', 't-lastenneuvola');
    // As another instance would: the rows and the change feed's row, committed, and nothing of this process told.
    await d.db.transaction().execute(async (tx) => {
      await sql`update service set status = 'inactive' where id = ${id}`.execute(tx);
      await sql`update service_search set active = false where service_id = ${id}`.execute(tx);
      await sql`with c as (insert into search_change (service_ids, everything) values (${[id]}::uuid[], false)
        returning seq) select pg_notify(${CHANGE_CHANNEL}, seq::text) from c`.execute(tx);
    });
    const feed = (await searchIndexReady(d.db))!;
    await feed.refresh(); // what NOTIFY (PostgreSQL) or polling (within POLL_MS) does
    expect(await shownCount()).toBe(before - 1);
  });

  it('computes once per change, shares one computation between requests, and keeps no failure', async () => {
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([
      cachedForDirectory(d.db, 'test-runs', compute),
      cachedForDirectory(d.db, 'test-runs', compute),
    ]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await cachedForDirectory(d.db, 'test-runs', compute)).toBe(1);
    await saveService(d.db, service('t-cache-other'));
    expect(await cachedForDirectory(d.db, 'test-runs', compute)).toBe(2);

    const failing = async (): Promise<number> => {
      throw new Error('database unavailable');
    };
    await expect(cachedForDirectory(d.db, 'test-fails', failing)).rejects.toThrow('database unavailable');
    expect(await cachedForDirectory(d.db, 'test-fails', compute)).toBe(3);
  });
});
