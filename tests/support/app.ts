import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { searchIndexReady } from '../../src/core/directory/search/indexedSearch.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { createTestDatabase, type TestDatabase, type TestDbKind } from './databases.js';
import { directoryFixture } from './fixtures.js';
import { buildApp } from '../../src/http/app.js';
import { readConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';

export async function testApp(database: Database, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = readConfig({ PORT: '0', PUBLIC_URL: 'http://yhdessa.test', ...env });
  const app = await buildApp({ database, config });
  await app.ready();
  return app;
}

/**
 * A suite's app on a fresh database holding the directory fixture, set up before and torn down after the suite.
 * `get` injects a GET request; `app` and `database` are the suite's own (read them inside tests). With `searchIndex`,
 * the set-up waits until the app's search index is served.
 */
export function useFixtureApp(kind: TestDbKind, opts: { searchIndex?: boolean } = {}) {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    app = await testApp(d);
    if (opts.searchIndex && !(await searchIndexReady(d.db))) throw new Error('the search index was not served');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });
  return {
    get: (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers }),
    get app() {
      return app;
    },
    get database() {
      return d;
    },
  };
}
