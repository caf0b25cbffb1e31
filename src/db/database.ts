/**
 * The one database: PostgreSQL, either embedded (PGlite, files in DATA_DIR) or a server (DATABASE_URL).
 * Everything above this file speaks Kysely and the same SQL to both.
 *
 * The embedded database has one owner: opening a folder takes its lock (dataDirLock.ts) or fails with
 * DataDirLockedError, and PGlite runs in a worker thread of that owner (pglite-engines.ts).
 */
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { Kysely, PostgresDialect, sql, type KyselyConfig } from 'kysely';
import type { DB } from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock.js';
import type { PGliteThread } from './pglite-engines.js';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DbKind;
  close(): Promise<void>;
  /**
   * PGlite: the data folder as a gzipped tar (PGlite's own dump), taken while no transaction is open: it waits for
   * the one connection, checkpoints, and dumps. `yhdessa backup` asks the server for it (src/http/localAdmin.ts).
   */
  backup?(): Promise<Uint8Array>;
  /** The connection pool now (for /metrics); PGlite's one connection counts as a pool of one. */
  pool?(): { total: number; idle: number; waiting: number };
  /** PostgreSQL: LISTEN on a channel over a connection of its own; returns what stops listening. */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
}

/**
 * Queries slower than SLOW_QUERY_MS (default 500 ms; 0 turns it off) are logged as one JSON line on stderr: the
 * time and the SQL text, never its parameters (they may hold personal data). By default only the server logs them;
 * other commands (and tests) do when SLOW_QUERY_MS is set, so a command's own output stays clean.
 */
function slowQueryLog(command: string | undefined): KyselyConfig['log'] {
  if (command !== 'serve' && process.env.SLOW_QUERY_MS === undefined) return undefined;
  const limit = Number(process.env.SLOW_QUERY_MS ?? 500);
  if (!(limit > 0)) return undefined;
  return (event) => {
    if (event.queryDurationMillis < limit) return; // (failed queries are reported by their callers)
    process.stderr.write(
      `${JSON.stringify({
        level: 40,
        time: Date.now(),
        msg: 'slow query',
        ms: Math.round(event.queryDurationMillis),
        sql: event.query.sql.slice(0, 1000),
      })}\n`,
    );
  };
}

export interface DatabaseOptions {
  /** postgres://… selects a PostgreSQL server; otherwise PGlite. */
  url?: string;
  /** PGlite data folder; undefined or 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * PostgreSQL: how long a new connection may take before it fails (a server that accepts and never answers, a
   * request that waits for a free connection of the pool). Default 10 s: a request answers 503, never hangs.
   */
  connectTimeoutMs?: number;
  /**
   * PGlite: where PostgreSQL's work runs. 'worker' (default): a worker thread that owns the database, so this thread
   * stays free for requests; 'main': this thread (for comparison in the benchmark).
   */
  pgliteThread?: PGliteThread;
  /** PGlite in a folder: what opens it ('serve', 'import ptv', …), named to anyone else who tries while it is open. */
  command?: string;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pg = await import('pg');
    // Dates stay as ISO strings ('YYYY-MM-DD'), as PGlite returns them; bigint counts become numbers.
    pg.default.types.setTypeParser(1082, (v: string) => v);
    pg.default.types.setTypeParser(20, (v: string) => Number(v));
    // JIT compilation pays off for long analytical queries, not for a web app's short ones (it can add 100s of ms).
    const connection = {
      connectionString: opts.url,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      // The kernel's keepalive finds a connection whose server went silent (a host gone, a network cut) while idle.
      keepAlive: true,
    };
    const pool = new pg.default.Pool({ ...connection, max: opts.poolSize ?? 10, options: '-c jit=off' });
    pool.on('error', () => {
      /* an idle client died: the pool replaces it; queries report their own errors */
    });
    // A connection that dies while checked out and between queries (a server restart in a transaction) emits
    // 'error' on its client, which the pool does not listen to then: without this the process would crash. The
    // next query on it fails and reports; the pool drops the broken client when it is released.
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: slowQueryLog(opts.command) });
    return {
      db,
      kind: 'postgres',
      close: () => db.destroy(),
      pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async listen(channel, onNotify) {
        const client = new pg.default.Client(connection);
        client.on('error', () => {
          /* the connection died: whoever listens also polls */
        });
        client.on('notification', (m) => {
          if (m.channel === channel) onNotify();
        });
        await client.connect();
        await client.query(`listen ${client.escapeIdentifier(channel)}`);
        return async () => {
          await client.end().catch(() => undefined);
        };
      },
    };
  }
  const dataDir = opts.dataDir && opts.dataDir !== 'memory://' ? opts.dataDir : undefined;
  let lock: DataDirLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(
      dataDir,
      opts.command ?? [basename(process.argv[1] ?? 'node'), ...process.argv.slice(2)].join(' '),
    );
  }
  try {
    const { PGliteDialect } = await import('./pglite-dialect.js');
    const { InThreadEngine, WorkerEngine } = await import('./pglite-engines.js');
    const engine = await (opts.pgliteThread === 'main' ? InThreadEngine : WorkerEngine).start({ dataDir });
    const dialect = new PGliteDialect(engine);
    const db = new Kysely<DB>({ dialect, log: slowQueryLog(opts.command) });
    return {
      db,
      kind: 'pglite',
      pool: () => dialect.stats(),
      // Holding the connection: queries and transactions wait, and the dump sees no half-done transaction.
      backup: () => db.connection().execute(() => engine.dump()),
      async close() {
        try {
          await db.destroy();
          await engine.close(); // Kysely closes only a driver that has run a query
        } finally {
          lock?.release();
        }
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
