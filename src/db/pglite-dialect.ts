/**
 * Kysely dialect for PGlite. PGlite is a single connection, so connections are handed out one at a time: a
 * transaction holds the connection and other queries wait for it, which gives the same isolation a pooled server
 * connection would. The connection talks to an engine: PGlite in a worker thread (the app's way, pglite-engines.ts)
 * or in this thread (the benchmark's comparison).
 * (The community package kysely-pglite-dialect pins older PGlite majors; this is the small part we need.)
 */
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { EngineRequest, EngineResult } from './pglite-engine.js';

/** Where PGlite runs: requests go in one at a time (the driver sees to that), results come out. */
export interface PGliteEngine {
  run(req: EngineRequest): Promise<EngineResult>;
  /** The data folder as a gzipped tar (PGlite's dumpDataDir after a checkpoint); call it holding the connection. */
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  /** Holders and waiters: 1 while the connection is in use, more while others wait for it. */
  #queued = 0;
  get queued(): number {
    return this.#queued;
  }
  lock(): Promise<() => void> {
    let release!: () => void;
    this.#queued++;
    const next = new Promise<void>((r) => (release = r));
    const done = () => {
      this.#queued--;
      release();
    };
    const acquired = this.#tail.then(() => done);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

/** The one connection as a pool of one (for /metrics): in use or idle, and the queries waiting for it. */
export interface PGliteConnectionStats {
  total: number;
  idle: number;
  waiting: number;
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly engine: PGliteEngine) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.engine.run({ sql: compiled.sql, params: compiled.parameters });
    const affected = res.affectedRows;
    return {
      rows: res.rows as R[],
      ...(affected !== undefined && res.fieldCount === 0 ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported on PGlite');
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  stats(): PGliteConnectionStats {
    const q = this.#mutex.queued;
    return { total: 1, idle: q === 0 ? 1 : 0, waiting: Math.max(0, q - 1) };
  }
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(private readonly engine: PGliteEngine) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new PGliteConnection(this.engine);
    this.#releases.set(conn, release);
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#releases.get(conn)?.();
    this.#releases.delete(conn);
  }
  async destroy(): Promise<void> {
    await this.engine.close();
  }
}

export class PGliteDialect implements Dialect {
  #driver: PGliteDriver | undefined;
  constructor(private readonly engine: PGliteEngine) {}
  /** The connection now: in use or idle, and how many queries wait for it. */
  stats(): PGliteConnectionStats {
    return this.#driver?.stats() ?? { total: 1, idle: 1, waiting: 0 };
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    this.#driver = new PGliteDriver(this.engine);
    return this.#driver;
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
