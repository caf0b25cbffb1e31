/**
 * Real databases for tests: an in-memory PGlite always, and a fresh PostgreSQL database per use when
 * TEST_DATABASE_URL points at a server (CI sets it). `describe.each(testDatabases())` runs a suite on both.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { prepareDatabase } from '../../src/core/setup.js';

export type TestDbKind = 'pglite' | 'postgres';

export function testDatabases(): TestDbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) and closes it. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(kind: TestDbKind, opts: { prepare?: boolean } = {}): Promise<TestDatabase> {
  let d: Database;
  let drop = async () => {};
  if (kind === 'pglite') {
    d = await openDatabase({});
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `yh_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    d = await openDatabase({ url: url.toString(), poolSize: 4 });
    drop = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  if (opts.prepare !== false) await prepareDatabase(d.db);
  return {
    ...d,
    async dispose() {
      await d.close();
      await drop();
    },
  };
}
