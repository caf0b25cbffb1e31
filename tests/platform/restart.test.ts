/**
 * A PostgreSQL restart (issue 17): the app keeps no acknowledged write from being lost, answers 503 (never 500)
 * while the server is away, and recovers by itself when it is back: the pool drops its dead connections and opens
 * new ones. The server of the test run is shared, so it is not restarted itself: what the app sees of a restart is
 * made happen to this test's database only — every connection ended by the server (as a fast shutdown does,
 * SQLSTATE 57P01), then the server unreachable for a while (a TCP proxy that cuts and refuses), then back; and a
 * server that takes connections and never answers (the proxy holds them), which must not hold requests either.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { cuttableProxy, type CuttableProxy } from '../support/cuttableProxy.js';
import { directoryFixture } from '../support/fixtures.js';

const perhetyo = idFromKey('service', 't-perhetyo');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!process.env.TEST_DATABASE_URL)('a PostgreSQL restart', { timeout: 120_000 }, () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  let owner: TestDatabase;
  let name = '';
  let proxy: CuttableProxy;
  let database: Database;
  let app: FastifyInstance;
  let editor: Agent;

  beforeAll(async () => {
    owner = await createTestDatabase('postgres');
    name = (owner as TestDatabase & { location: string }).location;
    await loadDemoData(owner.db, [directoryFixture()]);
    await addTestPerson(owner.db, {
      email: 'eeva@askola.test',
      memberships: [{ organizationId: idFromKey('organization', 't-askola'), role: 'editor' }],
    });
    proxy = await cuttableProxy(adminUrl);
    database = await openDatabase({ url: proxy.url(name), poolSize: 3, connectTimeoutMs: 1000 });
    app = await testApp(database);
    editor = new Agent(app);
    await editor.signIn('eeva@askola.test');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await proxy?.close();
    await owner?.dispose();
  });

  const save = async (summary: string) =>
    editor.request({
      method: 'PUT',
      url: `/api/v1/editing/services/${perhetyo}/draft`,
      payload: { summary: { fi: summary } },
      headers: { 'x-csrf-token': await editor.csrf() },
    });
  const draftSummary = async () => {
    const res = await editor.get(`/api/v1/editing/services/${perhetyo}`);
    expect(res.statusCode).toBe(200);
    const state = res.json() as { draft: { id: string } | null; data: { summary: { fi?: string } } };
    expect(state.draft).not.toBeNull();
    return state.data.summary.fi;
  };
  /** Asks until the answer is 200; every answer on the way is 200 or 503, never 500. */
  const recovered = async (ask: () => Promise<{ statusCode: number }>) => {
    const seen: number[] = [];
    for (let i = 0; i < 50; i++) {
      const { statusCode } = await ask();
      seen.push(statusCode);
      if (statusCode === 200) break;
      await pause(100);
    }
    expect(seen.at(-1)).toBe(200);
    expect(seen.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    return seen;
  };

  it('keeps an acknowledged write, answers 503 while the server is away, and recovers by itself', async () => {
    expect((await save('Ennen katkoa.')).statusCode).toBe(200); // acknowledged: committed

    // The server ends every connection of this database, as a restart does.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const ended = await admin.query<{ n: number }>(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1`,
        [name],
      );
      expect(ended.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await recovered(() => editor.get(`/api/v1/editing/services/${perhetyo}`));
    expect(await draftSummary()).toBe('Ennen katkoa.');

    // The server is away: reads and writes answer 503 with the stable code, nothing of the cause shown.
    await proxy.down(); // the server goes away: open connections are cut and new ones refused
    const write = await editor.request({
      method: 'PUT',
      url: `/api/v1/editing/services/${perhetyo}/draft`,
      payload: { summary: { fi: 'Katkon aikana.' } },
      headers: { 'x-csrf-token': 'whatever: the session cannot be read either' },
    });
    expect(write.statusCode).toBe(503);
    expect(write.json()).toMatchObject({ error: 'database_unavailable' });
    const page = await app.inject({ method: 'GET', url: `/fi/services/${perhetyo}` });
    expect(page.statusCode).toBe(503);
    expect(page.body).not.toMatch(/ECONN|127\.0\.0\.1/);

    // Back: the app answers again without a restart of its own; the acknowledged write is there, new ones work.
    await proxy.up();
    await recovered(() => app.inject({ method: 'GET', url: `/api/v1/services/${perhetyo}` }));
    expect(await draftSummary()).toBe('Ennen katkoa.');
    expect((await save('Katkon jälkeen.')).statusCode).toBe(200);
    const row = await owner.db
      .selectFrom('record_draft')
      .select('data')
      .where('record_id', '=', perhetyo)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row.data)).toContain('Katkon jälkeen.');
  });

  it('answers 503 when the server takes connections and never answers, instead of waiting for it', async () => {
    await proxy.silent(); // open connections are cut; new ones are accepted and never answered
    // (a public service is answered from the search index's memory: what needs the database is a signed-in read)
    const read = await editor.get(`/api/v1/editing/services/${perhetyo}`);
    expect(read.statusCode).toBe(503);
    expect(read.json()).toMatchObject({ error: 'database_unavailable' });
    const page = await editor.get(`/sv/work/services/${perhetyo}/edit`);
    expect(page.statusCode).toBe(503);
    expect(page.body).not.toMatch(/timeout|127\.0\.0\.1/i);

    await proxy.up();
    await recovered(() => editor.get(`/api/v1/editing/services/${perhetyo}`));
    expect(await draftSummary()).toBe('Katkon jälkeen.');
  });
});
