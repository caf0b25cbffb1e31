import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appliedVersions, listMigrations, migrate } from '../../src/db/migrate.js';
import { isReady, prepareDatabase } from '../../src/core/setup.js';
import { countRows, createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { MUNICIPALITIES } from '../../src/core/places/municipalities.js';

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
