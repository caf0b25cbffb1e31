/**
 * The search index's change feed across instances, on PostgreSQL: a service saved by another process is found by a
 * search on this app within a second, woken by NOTIFY; an instance without LISTEN finds it by polling within a
 * second too. The gauge of /metrics reports the lag.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexFeed } from '../../src/core/directory/search/indexFeed.js';
import { indexRunner, searchIndexReady } from '../../src/core/directory/search/indexedSearch.js';
import { searchWith } from '../../src/core/directory/search/searchServices.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

const run = promisify(execFile);

describe.skipIf(!testDatabases().includes('postgres'))('the search index follows other instances (postgres)', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let pollOnly: IndexFeed;
  let url: string;
  beforeAll(async () => {
    d = await createTestDatabase('postgres');
    await loadDemoData(d.db, [directoryFixture()]);
    app = await testApp(d);
    expect(await searchIndexReady(d.db)).toBeDefined();
    // An instance that only polls (as if LISTEN were not there).
    pollOnly = await IndexFeed.start({ ...d, listen: undefined });
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${(d as TestDatabase & { location: string }).location}`;
    url = u.toString();
  }, 60_000);
  afterAll(async () => {
    await pollOnly?.close();
    await app?.close();
    await d?.dispose();
  });

  /** Milliseconds until `found` holds, asking every 20 ms, or -1 after the deadline. */
  async function within(ms: number, found: () => Promise<boolean>): Promise<number> {
    const t = Date.now();
    while (Date.now() - t <= ms) {
      if (await found()) return Date.now() - t;
      await new Promise((r) => setTimeout(r, 20));
    }
    return -1;
  }

  it("finds another instance's write within a second, by NOTIFY and by polling", async () => {
    const search = async () => (await app.inject({ method: 'GET', url: '/api/v1/services?q=seeprakahvila' })).json();
    expect((await search()).total).toBe(0);
    // The other instance: a process of its own, through the same core. Its exit comes after its commit.
    await run(process.execPath, ['bin/run-ts.js', 'tests/support/searchWriter.ts', url, 'Seeprakahvila']);
    const viaApp = await within(1000, async () => (await search()).total === 1);
    const viaPolling = await within(1000, async () => {
      const r = await searchWith(d.db, { q: 'seeprakahvila', lang: 'fi' }, 100, indexRunner(d.db, pollOnly.index));
      return r.total === 1;
    });
    expect(viaApp).toBeGreaterThanOrEqual(0);
    expect(viaPolling).toBeGreaterThanOrEqual(0);
    expect((await search()).items[0].name).toBe('Seeprakahvila');

    const metrics = (await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).body;
    expect(metrics).toMatch(/^yhdessa_search_index_lag 0$/m);
    expect(metrics).toMatch(/^yhdessa_search_index_documents \d+$/m);
  }, 30_000);
});
