/**
 * Real databases for tests: PGlite always, and a fresh PostgreSQL database per use when TEST_DATABASE_URL points at a
 * server (CI sets it). `describe.each(testDatabases())` runs a suite on both.
 *
 * Every test database is its own: test files running side by side (vitest's workers) never share one. A prepared
 * database is a copy of the run's template (globalSetup.ts) — for PGlite a copy of a prepared data folder, for
 * PostgreSQL `create database … template` — instead of running initdb, the migrations and the reference data again.
 * `{ prepare: false }` gives an empty database (PGlite in memory), for the tests of preparing one.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { prepareDatabase } from '../../src/core/setup.js';

export type TestDbKind = 'pglite' | 'postgres';

export function testDatabases(): TestDbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or removes its folder (PGlite), and closes it. */
  dispose(): Promise<void>;
}

/** The run's template of a kind, or '' where there is none (outside a vitest run, or a run without globalSetup). */
function template(key: 'pgliteTemplate' | 'postgresTemplate'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return '';
  }
}

const uniqueName = () => randomBytes(6).toString('hex');

export async function createTestDatabase(kind: TestDbKind, opts: { prepare?: boolean } = {}): Promise<TestDatabase> {
  const prepared = opts.prepare !== false;
  let d: Database;
  let copied = false;
  let drop = async () => {};
  if (kind === 'pglite') {
    const from = prepared ? template('pgliteTemplate') : '';
    if (from) {
      const dir = join(dirname(from), `db-${uniqueName()}`);
      // The template is closed; a lock file of its owner would not belong in a copy in any case.
      cpSync(from, dir, { recursive: true, filter: (src) => basename(src) !== 'yhdessa.lock' });
      drop = async () => rmSync(dir, { recursive: true, force: true });
      try {
        d = await openDatabase({ dataDir: dir });
      } catch (e) {
        await drop();
        throw e;
      }
      copied = true;
    } else {
      d = await openDatabase({});
    }
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const from = prepared ? template('postgresTemplate') : '';
    const name = `yh_test_${uniqueName()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(from ? `create database ${name} template ${from}` : `create database ${name}`);
    } finally {
      await admin.end();
    }
    copied = !!from;
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    d = await openDatabase({ url: url.toString(), poolSize: 4 });
    drop = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    };
  }
  if (prepared && !copied) await prepareDatabase(d.db);
  return {
    ...d,
    async dispose() {
      try {
        await d.close();
      } finally {
        await drop();
      }
    },
  };
}
