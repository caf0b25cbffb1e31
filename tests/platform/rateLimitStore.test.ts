/**
 * The rate-limit store (src/http/rateLimitStore.ts) on both databases: a route's counts are in table rate_limit and
 * shared by every store on the database (every instance), counted per route and address in a fixed window that
 * starts again once ended; ended rows are deleted; the global limit counts in memory and writes nothing.
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitStore } from '../../src/http/rateLimitStore.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

type Counted = { current: number; ttl: number };

const incr = (store: FastifyRateLimitStore, key: string, timeWindow = 60_000) =>
  new Promise<Counted>((resolve, reject) => store.incr(key, (e, r) => (e ? reject(e) : resolve(r!)), timeWindow, 10));

describe.each(testDatabases())('the rate-limit store on %s', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await d?.dispose();
  });

  /** What the plugin does: one store from the global options, a child for each route with limits of its own. */
  const route = (method: string, url: string) => {
    const Store = rateLimitStore(d.db);
    return new Store({}).child({ routeInfo: { method, url } } as unknown as Parameters<
      FastifyRateLimitStore['child']
    >[0]);
  };
  const rows = () => d.db.selectFrom('rate_limit').select(['key', 'hits']).orderBy('key').execute();

  it("counts a route's requests per address in the database, shared by every instance's store", async () => {
    const one = route('POST', '/:lang/sign-in');
    const two = route('POST', '/:lang/sign-in'); // the same route in another instance
    expect((await incr(one, '10.1.1.1')).current).toBe(1);
    expect((await incr(two, '10.1.1.1')).current).toBe(2);
    const third = await incr(one, '10.1.1.1');
    expect(third.current).toBe(3);
    expect(third.ttl).toBeGreaterThan(55_000);
    expect(third.ttl).toBeLessThanOrEqual(60_000);
    expect((await incr(two, '10.1.1.2')).current).toBe(1); // another address
    expect((await incr(route('POST', '/api/v1/questions'), '10.1.1.1')).current).toBe(1); // another route
    expect(await rows()).toEqual([
      { key: 'POST /:lang/sign-in 10.1.1.1', hits: 3 },
      { key: 'POST /:lang/sign-in 10.1.1.2', hits: 1 },
      { key: 'POST /api/v1/questions 10.1.1.1', hits: 1 },
    ]);
    const peek = await new Promise<Counted>((resolve, reject) =>
      (one as FastifyRateLimitStore & { read: FastifyRateLimitStore['incr'] }).read(
        '10.1.1.1',
        (e, r) => (e ? reject(e) : resolve(r!)),
        60_000,
        10,
      ),
    );
    expect(peek.current).toBe(3);
  });

  it('starts a new window once the last one ended, and deletes the rows of ended windows', async () => {
    await sql`delete from rate_limit`.execute(d.db);
    await d.db
      .insertInto('rate_limit')
      .values([
        { key: 'POST /:lang/forgot-password 10.2.2.2', hits: 9, expires_at: new Date(Date.now() - 1000) },
        { key: 'POST /:lang/forgot-password 10.2.2.3', hits: 4, expires_at: new Date(Date.now() - 1000) },
      ])
      .execute();
    const store = route('POST', '/:lang/forgot-password'); // a new instance: its first request cleans up
    const fresh = await incr(store, '10.2.2.2');
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(55_000);
    expect(await rows()).toEqual([{ key: 'POST /:lang/forgot-password 10.2.2.2', hits: 1 }]);
  });

  it('counts the global limit in memory, writing nothing', async () => {
    await sql`delete from rate_limit`.execute(d.db);
    const Store = rateLimitStore(d.db);
    const global = new Store({});
    expect((await incr(global, '10.3.3.3')).current).toBe(1);
    expect((await incr(global, '10.3.3.3')).current).toBe(2);
    expect((await incr(new Store({}), '10.3.3.3')).current).toBe(1); // another instance counts its own
    expect(await rows()).toEqual([]);
  });
});
