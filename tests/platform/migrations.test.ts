import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appliedVersions, listMigrations, migrate } from '../../src/db/migrate.js';
import { isReady, prepareDatabase } from '../../src/core/setup.js';
import { countRows, createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { MUNICIPALITIES } from '../../src/core/places/municipalities.js';
import {
  REBUILD_STEP,
  rebuildJob,
  SEARCH_INDEX_SERVABLE_FROM,
  SEARCH_INDEX_VERSION,
} from '../../src/core/directory/searchIndexer.js';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { enqueue, jobCounts, runDueJobs, type JobLog } from '../../src/core/jobs/jobs.js';
import { createMailer } from '../../src/core/mail/mailer.js';
import { readConfig } from '../../src/config.js';

const config = readConfig({ PUBLIC_URL: 'http://yhdessa.test' });
const quiet: JobLog = { info: () => {}, warn: () => {}, error: () => {} };
/** Rebuild jobs waiting or running. */
const queuedRebuilds = async (db: TestDatabase['db']) =>
  (await jobCounts(db))
    .filter((c) => c.name === rebuildJob.name && ['created', 'retry', 'active'].includes(c.state))
    .reduce((n, c) => n + c.count, 0);

describe.each(testDatabases())('migrations on %s', (kind) => {
  let d: TestDatabase | undefined;
  afterEach(async () => d?.dispose());

  it('apply every file once, in order, and report readiness', async () => {
    d = await createTestDatabase(kind, { prepare: false });
    expect((await isReady(d.db)).ok).toBe(false);
    const applied = await migrate(d.db);
    expect(applied).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(d.db)).toEqual([]);
    expect(await appliedVersions(d.db)).toEqual(listMigrations().map((m) => m.version));
    expect((await isReady(d.db)).ok).toBe(true);
  });

  it('go together, each in its own transaction: a failing one keeps those before it, not itself or those after', async () => {
    d = await createTestDatabase(kind, { prepare: false });
    const m = (version: string, text: string) => ({ version, name: `${version}_test`, sql: text });
    const tables = async () =>
      (
        await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_name like 'mig_%' order by 1`.execute(d!.db)
      ).rows.map((r) => r.name);
    const broken = [
      m('9001', 'create table mig_a (id int);\ncreate index on mig_a (id); -- a comment at the end, no newline'),
      m('9002', 'create table mig_b (id int)'),
      m('9003', 'create table mig_c (id int);\nselect 1 / 0;'),
      m('9004', 'create table mig_d (id int);'),
    ];
    await expect(migrate(d.db, broken)).rejects.toThrow(/division by zero/);
    expect(await appliedVersions(d.db)).toEqual(['9001', '9002']);
    expect(await tables()).toEqual(['mig_a', 'mig_b']);
    // The connection is usable again, and the rest applies once the broken one is mended.
    const mended = [...broken.slice(0, 2), m('9003', 'create table mig_c (id int);'), broken[3]!];
    expect(await migrate(d.db, mended)).toEqual(['9003_test', '9004_test']);
    expect(await tables()).toEqual(['mig_a', 'mig_b', 'mig_c', 'mig_d']);
    expect(await migrate(d.db, mended)).toEqual([]);
  });

  it('rebuild the search documents once after the indexer changes, saying so before they start', async () => {
    d = await createTestDatabase(kind, { demo: true });
    const services = await countRows(d.db, 'service');
    // Documents too old to be searched: the start waits for the rebuild.
    await sql`update search_index_state set version = ${SEARCH_INDEX_SERVABLE_FROM - 1}`.execute(d.db);
    await sql`delete from service_card`.execute(d.db);
    const said: string[] = [];
    await prepareDatabase(d.db, (line) => said.push(line));
    expect(said).toEqual([`Rebuilding the search documents of ${services} services (once, after an update)…`]);
    expect(await countRows(d.db, 'service_card')).toBe(services);
    await prepareDatabase(d.db, (line) => said.push(line));
    expect(said).toHaveLength(1);
    expect(await queuedRebuilds(d.db)).toBe(0);
  });

  it('rebuild documents that can still be searched in the background, while searches go on', async () => {
    d = await createTestDatabase(kind, { demo: true });
    const db = d.db;
    const services = await countRows(db, 'service');
    const ask = { q: 'perhekahvila', lang: 'fi' as const, pageSize: 50 };
    const before = await searchServices(db, ask);
    expect(before.total).toBeGreaterThan(0);
    await sql`update search_index_state set version = ${SEARCH_INDEX_VERSION - 1}`.execute(db);
    await sql`delete from service_card`.execute(db); // what the previous version did not store
    const changesBefore = await countRows(db, 'search_change');

    const said: string[] = [];
    await prepareDatabase(db, (line) => said.push(line));
    expect(said).toEqual([
      `The search documents of ${services} services are rebuilt in the background (once, after an update).`,
    ]);
    // Nothing rebuilt yet, and searches answer as before (cards assembled where none is stored).
    expect(await countRows(db, 'service_card')).toBe(0);
    expect(await searchServices(db, ask)).toEqual(before);
    await prepareDatabase(db); // a second start before the job ran queues no second one
    expect(await queuedRebuilds(db)).toBe(1);

    const env = () => ({ db, mailer: createMailer({ from: 'noreply@yhdessa.test' }), config, log: quiet });
    const report = await runDueJobs(env());
    expect(report).toEqual({ ran: 1, failed: 0 });
    expect(await countRows(db, 'service_card')).toBe(services);
    expect((await db.selectFrom('search_index_state').select('version').executeTakeFirst())?.version).toBe(
      SEARCH_INDEX_VERSION,
    );
    // Each step of the rebuild is a change of its own in the feed, which every instance applies.
    expect((await countRows(db, 'search_change')) - changesBefore).toBe(Math.ceil(services / REBUILD_STEP));
    expect(await searchServices(db, ask)).toEqual(before);
    said.length = 0;
    await prepareDatabase(db, (line) => said.push(line));
    expect(said).toEqual([]);
    expect(await queuedRebuilds(db)).toBe(0);

    // A job another version queued (a rolling update) is left to be retried by an instance of that version.
    await enqueue(db, rebuildJob, { version: SEARCH_INDEX_VERSION + 1 }, { singletonKey: 'all' });
    expect(await runDueJobs(env())).toEqual({ ran: 0, failed: 1 });
    expect(await queuedRebuilds(db)).toBe(1);
  });

  it('load the reference data idempotently', async () => {
    d = await createTestDatabase(kind);
    await prepareDatabase(d.db);
    expect(await countRows(d.db, 'municipality')).toBe(MUNICIPALITIES.length);
    const inkoo = (
      await sql<{
        name: { sv: string };
        languages: string[];
      }>`select name, languages from municipality where code = '149'`.execute(d.db)
    ).rows[0]!;
    expect(inkoo.name.sv).toBe('Ingå');
    expect(inkoo.languages).toEqual(['sv', 'fi']);
  });
});
