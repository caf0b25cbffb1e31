/**
 * Where the embedded database runs. By default in a worker thread that owns PGlite (pglite-worker.js): PostgreSQL's
 * work then takes none of the server's own thread, so /healthz, static files and pages that need no database answer
 * while a search runs. In this thread only when asked (the benchmark compares the two).
 */
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
// (PGlite itself is loaded in this thread only for InThreadEngine: the worker thread loads its own)
import type * as Engine from './pglite-engine.js';
import type { EngineRequest, EngineResult, ErrorReport } from './pglite-engine.js';
import type { PGliteEngine } from './pglite-dialect.js';
import { takeEarlyWorker } from './pglite-early.js';

export type PGliteThread = 'worker' | 'main';

/** An error PostgreSQL reported inside the worker, with its fields (code, detail, constraint, …) as pg names them. */
export class DatabaseError extends Error {
  declare severity?: string;
  declare code?: string;
  declare detail?: string;
  declare hint?: string;
  declare schema?: string;
  declare table?: string;
  declare column?: string;
  declare constraint?: string;
  declare where?: string;
  declare routine?: string;
  constructor(report: ErrorReport, caller: Error | undefined) {
    super(report.message);
    Object.assign(this, report.fields);
    this.name = report.name;
    // The caller's frames say which query failed; the worker's own frames only say that PGlite did.
    const frames = caller?.stack?.split('\n').slice(1).join('\n');
    if (frames) this.stack = `${this.name}: ${this.message}\n${frames}`;
  }
}

interface Pending {
  resolve(r: EngineResult | Uint8Array | null): void;
  reject(e: Error): void;
  caller: Error;
}

/** PGlite in a worker thread: requests and results cross as structured-clone messages, errors with their fields. */
export class WorkerEngine implements PGliteEngine {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #stopped: Error | null = null;
  #closing: Promise<void> | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on(
      'message',
      (msg: { id: number; ok: boolean; result?: EngineResult | Uint8Array | null; error?: ErrorReport }) => {
        const p = this.#pending.get(msg.id);
        if (!p) return;
        this.#settled(msg.id);
        if (msg.ok) p.resolve(msg.result ?? null);
        else p.reject(new DatabaseError(msg.error!, p.caller));
      },
    );
    worker.on('error', (e) => this.#stop(e));
    worker.on('exit', (code) =>
      this.#stop(new Error(`the embedded database's worker thread stopped (exit code ${code})`)),
    );
    // An idle database does not keep the process alive (as PGlite in this thread would not); a pending request does.
    worker.unref();
  }

  static async start(opts: { dataDir?: string | undefined }): Promise<WorkerEngine> {
    // The worker `yhdessa serve` started early (pglite-early.js) if there is one: it has been preparing meanwhile.
    const early = takeEarlyWorker();
    const worker =
      early ?? new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: { dataDir: opts.dataDir } });
    let onMessage!: (msg: { type: string; error?: ErrorReport }) => void;
    let onError!: (e: Error) => void;
    let onExit!: (code: number) => void;
    try {
      await new Promise<void>((resolve, reject) => {
        onMessage = (msg) => (msg.type === 'ready' ? resolve() : reject(new DatabaseError(msg.error!, undefined)));
        onError = reject;
        onExit = (code) => reject(new Error(`the embedded database's worker thread exited (${code})`));
        worker.once('message', onMessage).once('error', onError).once('exit', onExit);
        early?.postMessage({ op: 'open', dataDir: opts.dataDir });
      });
    } catch (e) {
      await worker.terminate();
      throw e;
    } finally {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    }
    return new WorkerEngine(worker);
  }

  run(req: EngineRequest): Promise<EngineResult> {
    return this.#send({ op: 'run', sql: req.sql, params: req.params }) as Promise<EngineResult>;
  }

  dump(): Promise<Uint8Array> {
    return this.#send({ op: 'dump' }) as Promise<Uint8Array>;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (!this.#stopped) await this.#send({ op: 'close' }).catch(() => {});
      await this.#worker.terminate();
    })();
    return this.#closing;
  }

  #send(
    msg: { op: 'run'; sql: string; params: readonly unknown[] } | { op: 'dump' } | { op: 'close' },
  ): Promise<EngineResult | Uint8Array | null> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    if (this.#closing && msg.op !== 'close') return Promise.reject(new Error('the embedded database is closed'));
    const id = this.#nextId++;
    const caller = new Error();
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject, caller });
      try {
        this.#worker.postMessage({ id, ...msg });
      } catch (e) {
        this.#settled(id);
        reject(e as Error); // a parameter that cannot be copied to the worker (a function, a class with private state)
      }
    });
  }

  #settled(id: number) {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #stop(e: Error) {
    this.#stopped ??= e;
    for (const [id, p] of this.#pending) {
      this.#settled(id);
      p.reject(this.#stopped);
    }
  }
}

/** PGlite in this thread, for comparison: every query's work is done on the caller's thread. */
export class InThreadEngine implements PGliteEngine {
  private constructor(
    private readonly pg: PGlite,
    private readonly engine: typeof Engine,
  ) {}
  static async start(opts: { dataDir?: string | undefined }): Promise<InThreadEngine> {
    const engine = await import('./pglite-engine.js');
    return new InThreadEngine(await engine.openPGlite({ dataDir: opts.dataDir }), engine);
  }
  run(req: EngineRequest): Promise<EngineResult> {
    return this.engine.runRequest(this.pg, req);
  }
  dump(): Promise<Uint8Array> {
    return this.engine.dumpDataDir(this.pg);
  }
  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}
