/**
 * The embedded database's worker thread, started before the command line's own code is ready: `yhdessa serve`
 * starts it first thing (bin/yhdessa.js), and while the code is read (or bundled, after an update), the worker
 * compiles PGlite's WebAssembly and decompresses the shipped cluster's archive (prepareOpen in pglite-engine.js).
 * Opening the database takes it (WorkerEngine.start) once the folder's lock is held, and tells it which folder to
 * open; until then it touches no folder. Not taken (DATABASE_URL, a locked folder, a failed start), it keeps
 * nothing alive and goes with the process.
 *
 * Plain JavaScript: bin/yhdessa.js loads it before any TypeScript can be. It is also bundled with the command's
 * code, a second copy of this module: the worker is handed over through a global, not through module state.
 */
import { Worker } from 'node:worker_threads';

const KEY = Symbol.for('yhdessa.pglite.earlyWorker');

/**
 * @typedef {{ worker: Worker, exited: boolean, ignore: () => void }} Early
 * @returns {{ [KEY]?: Early }}
 */
const slot = () => /** @type {{ [KEY]?: Early }} */ (globalThis);

/**
 * Starts the early worker (once per process).
 * @param {string | undefined} dataDirHint where the database will likely be (undefined: memory)
 */
export function startEarlyWorker(dataDirHint) {
  if (slot()[KEY]) return;
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: { early: true, dataDirHint },
  });
  /** @type {Early} */
  const early = { worker, exited: false, ignore: () => {} };
  worker.unref();
  worker.on('error', early.ignore); // (until taken; it reports its own failures when told to open)
  worker.once('exit', () => (early.exited = true));
  slot()[KEY] = early;
}

/**
 * The early worker, if one was started and is still waiting to be told what to open; it is then this caller's.
 * @returns {Worker | null}
 */
export function takeEarlyWorker() {
  const early = slot()[KEY];
  delete slot()[KEY];
  if (!early || early.exited) return null;
  early.worker.off('error', early.ignore);
  early.worker.ref(); // (as a worker just started: the process waits for it to open)
  return early.worker;
}
