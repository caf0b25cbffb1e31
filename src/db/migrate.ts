/**
 * Versioned SQL migrations: migrations/NNNN_name.sql, applied in order, each in its own transaction,
 * recorded in schema_migrations. The same files run on PGlite and PostgreSQL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

async function ensureTable(db: Kysely<DB>): Promise<void> {
  await sql`create table if not exists schema_migrations (
    version text primary key, name text not null, applied_at timestamptz not null default now())`.execute(db);
}

export async function appliedVersions(db: Kysely<DB>): Promise<string[]> {
  await ensureTable(db);
  const rows = await sql<{ version: string }>`select version from schema_migrations order by version`.execute(db);
  return rows.rows.map((r) => r.version);
}

export async function pendingMigrations(db: Kysely<DB>, all = listMigrations()): Promise<Migration[]> {
  const applied = new Set(await appliedVersions(db));
  return all.filter((m) => !applied.has(m.version));
}

/**
 * All the pending migrations as one text for one round trip: each in a transaction of its own with its line in
 * schema_migrations, as if applied one by one. Versions and names are file names (digits, letters, _ and -).
 */
export function migrationScript(pending: Migration[]): string {
  return pending
    .map((m) => {
      if (!/^\d{4}$/.test(m.version) || !/^[\w-]+$/.test(m.name)) throw new Error(`bad migration name: ${m.name}`);
      return `begin;\n${m.sql}\n;\ninsert into schema_migrations (version, name) values ('${m.version}', '${m.name}');\ncommit;\n`;
    })
    .join('');
}

/**
 * Applies what is pending; returns the names applied. Safe with several instances starting at once.
 * The pending migrations go to the database together (migrationScript): on the embedded database every statement
 * sent is a hop between threads, and a first start has hundreds. When one fails, those before it stay applied, it
 * and those after it do not, and its error is thrown.
 */
export async function migrate(db: Kysely<DB>, all = listMigrations()): Promise<string[]> {
  await ensureTable(db);
  let done: string[] = [];
  await db.connection().execute(async (conn) => {
    // One migrator at a time across processes (no-op contention on PGlite, which is one process).
    await sql`select pg_advisory_lock(727274)`.execute(conn);
    try {
      const pending = await pendingMigrations(conn, all);
      if (!pending.length) return;
      try {
        await sql.raw(migrationScript(pending)).execute(conn);
      } catch (e) {
        // The failed migration's transaction is left open (aborted); the rest of the text did not run.
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw e;
      }
      done = pending.map((m) => m.name);
    } finally {
      await sql`select pg_advisory_unlock(727274)`.execute(conn);
    }
  });
  return done;
}
