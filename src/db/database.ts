/**
 * The one database: PostgreSQL, either embedded (PGlite, files in DATA_DIR) or a server (DATABASE_URL).
 * Everything above this file speaks Kysely and the same SQL to both.
 */
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from './schema.js';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DbKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects a PostgreSQL server; otherwise PGlite. */
  url?: string;
  /** PGlite data folder; undefined or 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pg = await import('pg');
    // Dates stay as ISO strings ('YYYY-MM-DD'), as PGlite returns them; bigint counts become numbers.
    pg.default.types.setTypeParser(1082, (v: string) => v);
    pg.default.types.setTypeParser(20, (v: string) => Number(v));
    // JIT compilation pays off for long analytical queries, not for a web app's short ones (it can add 100s of ms).
    const pool = new pg.default.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, options: '-c jit=off' });
    pool.on('error', () => {
      /* an idle client died: the pool replaces it; queries report their own errors */
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { PGliteDialect } = await import('./pglite-dialect.js');
  const dataDir = opts.dataDir && opts.dataDir !== 'memory://' ? opts.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm, unaccent },
    parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) },
  });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
