/**
 * Real databases for tests: PGlite always, and a fresh PostgreSQL database per use when TEST_DATABASE_URL points at a
 * server (CI sets it). `describe.each(testDatabases())` runs a suite on both.
 *
 * Every test database is its own: test files running side by side (vitest's workers) never share one. A prepared
 * database is a copy of the run's template (globalSetup.ts) — for PGlite a copy of a prepared data folder, for
 * PostgreSQL `create database … template` — instead of running initdb, the migrations and the reference data again.
 * `{ prepare: false }` gives an empty database (PGlite in memory), for the tests of preparing one.
 *
 * `createDatabaseTemplate` does the same for a suite's own starting state: filled once, copied for each test.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { prepareDatabase } from '../../src/core/setup.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';

export type TestDbKind = 'pglite' | 'postgres';

export function testDatabases(): TestDbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Closes the database and drops it (PostgreSQL) or removes its folder (PGlite). Safe after close(). */
  dispose(): Promise<void>;
}

/** The run's template of a kind, or '' where there is none (outside a vitest run, or a run without globalSetup). */
function runTemplate(kind: TestDbKind, demo = false): string {
  try {
    if (demo) return inject(kind === 'pglite' ? 'pgliteDemoTemplate' : 'postgresDemoTemplate') ?? '';
    return inject(kind === 'pglite' ? 'pgliteTemplate' : 'postgresTemplate') ?? '';
  } catch {
    return '';
  }
}

const uniqueName = () => randomBytes(6).toString('hex');

/** A test database and where it lives: its PGlite data folder ('' in memory) or its PostgreSQL database name. */
interface Located extends TestDatabase {
  location: string;
}

function located(d: Database, location: string, drop: () => Promise<void>): Located {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= d.close());
  return {
    ...d,
    location,
    close,
    async dispose() {
      try {
        await close();
      } finally {
        await drop();
      }
    },
  };
}

/** PGlite in the data folder `dir` (or in memory without one); the folder is removed on dispose. */
async function openPglite(dir?: string): Promise<Located> {
  const remove = async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    return located(await openDatabase(dir ? { dataDir: dir } : {}), dir ?? '', remove);
  } catch (e) {
    await remove();
    throw e;
  }
}

/** PGlite in a copy of the closed data folder `from`, beside it. */
function copyPglite(from: string): Promise<Located> {
  const dir = join(dirname(from), `db-${uniqueName()}`);
  copyDataDir(from, dir);
  return openPglite(dir);
}

/** A new PostgreSQL database on TEST_DATABASE_URL's server, empty or a copy of the database `template`. */
async function newPostgres(template?: string): Promise<Located> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `yh_test_${uniqueName()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const d = await openDatabase({ url: url.toString(), poolSize: 4 });
  return located(d, name, async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  });
}

async function create(
  kind: TestDbKind,
  opts: { prepare?: boolean; inFolder?: boolean; demo?: boolean } = {},
): Promise<Located> {
  const prepared = opts.prepare !== false;
  if (opts.demo) {
    const demoFrom = runTemplate(kind, true);
    if (demoFrom) return kind === 'pglite' ? copyPglite(demoFrom) : newPostgres(demoFrom);
    const d = await create(kind, { inFolder: opts.inFolder });
    try {
      await loadDemoData(d.db);
    } catch (e) {
      await d.dispose();
      throw e;
    }
    return d;
  }
  const from = prepared ? runTemplate(kind) : '';
  if (from) return kind === 'pglite' ? copyPglite(from) : newPostgres(from);
  const d =
    kind === 'postgres'
      ? await newPostgres()
      : await openPglite(opts.inFolder ? mkdtempSync(join(tmpdir(), 'yhdessa-test-')) : undefined);
  if (prepared) {
    try {
      await prepareDatabase(d.db);
    } catch (e) {
      await d.dispose();
      throw e;
    }
  }
  return d;
}

/**
 * A test database of its own: prepared (migrations and reference data), empty with `{ prepare: false }`, or with
 * `{ demo: true }` holding the whole demo directory — what `loadDemoData(db)` loads, copied from the run's demo
 * template instead of loaded again (a few seconds on PGlite each time).
 */
export function createTestDatabase(
  kind: TestDbKind,
  opts: { prepare?: boolean; demo?: boolean } = {},
): Promise<TestDatabase> {
  return create(kind, opts);
}

/**
 * A suite's own test database (createTestDatabase's), opened before the suite and disposed of after it. Read `db`
 * inside tests (`database` where the whole Database is wanted): `const d = useTestDatabase(kind, { demo: true }); … d.db`.
 */
export function useTestDatabase(kind: TestDbKind, opts: { prepare?: boolean; demo?: boolean } = {}) {
  let d: TestDatabase | undefined;
  beforeAll(async () => {
    d = await createTestDatabase(kind, opts);
  }, 120_000);
  afterAll(async () => {
    await d?.dispose();
  });
  return {
    get db(): Kysely<DB> {
      return this.database.db;
    },
    get database(): TestDatabase {
      if (!d) throw new Error('useTestDatabase: read the database inside a test');
      return d;
    },
  };
}

/** A filled database kept closed, to copy from: every copy starts with exactly what `fill` left. */
export interface DatabaseTemplate {
  kind: TestDbKind;
  /** A new database holding what the template holds; the caller disposes of it. */
  copy(): Promise<TestDatabase>;
  /** Removes the template. */
  dispose(): Promise<void>;
}

/**
 * A prepared database filled once by `fill`, then closed and kept to be copied — for suites whose tests each need
 * the same starting state and change it: each test takes a `copy()` (in `beforeEach`), so no test sees what another
 * did and the tests can run in any order, without repeating an expensive `fill` for each of them.
 */
export async function createDatabaseTemplate(
  kind: TestDbKind,
  fill: (d: TestDatabase) => Promise<unknown> = async () => {},
  opts: { demo?: boolean } = {},
): Promise<DatabaseTemplate> {
  // PGlite is copied as a folder, so the template lives in one even without the run's template.
  const d = await create(kind, { inFolder: true, demo: opts.demo });
  try {
    await fill(d);
    await d.close(); // closed: PGlite's folder is complete, and PostgreSQL copies no database that has connections
  } catch (e) {
    await d.dispose();
    throw e;
  }
  return {
    kind,
    copy: () => (kind === 'pglite' ? copyPglite(d.location) : newPostgres(d.location)),
    dispose: () => d.dispose(),
  };
}

/**
 * A PGlite data folder at `dir` (not there yet) holding a prepared database (with the whole demo directory when
 * `opts.demo`), filled by `fill` if given and closed: for the tests of commands (bin/yhdessa.js with DATA_DIR), which
 * open it themselves. A copy of the run's template is not opened at all when there is nothing to fill.
 */
export async function createDataDir(
  dir: string,
  fill?: (d: TestDatabase) => Promise<unknown>,
  opts: { demo?: boolean } = {},
): Promise<void> {
  const from = runTemplate('pglite', opts.demo);
  if (from) copyDataDir(from, dir);
  if (from && !fill) return;
  const d = located(await openDatabase({ dataDir: dir }), dir, async () => {});
  try {
    if (!from) await prepareDatabase(d.db);
    if (!from && opts.demo) await loadDemoData(d.db);
    await fill?.(d);
  } finally {
    await d.close();
  }
}

/**
 * Copies a closed PGlite data folder (one no process has open: a command's after it ended, a template). A closed
 * folder has no lock file of its owner; one would not belong in a copy in any case.
 */
export function copyDataDir(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (src) => basename(src) !== 'yhdessa.lock' });
}

/** How many rows a table holds. */
export async function countRows(db: Kysely<DB>, table: keyof DB): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number((r as { n: number | string }).n);
}
