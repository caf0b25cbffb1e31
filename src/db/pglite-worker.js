/**
 * The worker thread that owns the embedded database. PGlite runs PostgreSQL's work on the thread that calls it; here
 * that thread is this one, so the server's own thread keeps answering while a search runs.
 *
 * workerData: { dataDir } to open at once, or { early: true, dataDirHint } for an early worker (pglite-early.js),
 * which prepares what needs no folder (prepareOpen) and opens when told: its first message in is
 * { op: 'open', dataDir }, sent once the folder's lock is held.
 * Messages in: { id, op: 'run', sql, params }, { id, op: 'dump' } (the data folder as a gzipped tar, see
 * dumpDataDir) and { id, op: 'close' }, handled one after another in arrival order.
 * Messages out: { type: 'ready' } or { type: 'failed', error } once; then { id, ok: true, result } or
 * { id, ok: false, error } per request (error: see errorReport in pglite-engine.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dumpDataDir, errorReport, openPGlite, prepareOpen, runRequest } from './pglite-engine.js';

const port = parentPort;
if (!port) throw new Error('pglite-worker.js runs as a worker thread');

/** @returns {Promise<import('./pglite-engine.js').EngineOptions>} */
async function openWhenTold() {
  prepareOpen(workerData.dataDirHint);
  const msg = await new Promise((resolve) => port.once('message', resolve));
  return { dataDir: msg.dataDir };
}

/** @type {import('@electric-sql/pglite').PGlite} */
let pg;
try {
  pg = await openPGlite(workerData?.early ? await openWhenTold() : (workerData ?? {}));
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'failed', error: errorReport(e) });
  port.close();
}

/** @param {{ id: number, op: 'run' | 'dump' | 'close', sql?: string, params?: unknown[] }} msg */
async function handle(msg) {
  try {
    if (msg.op === 'close') {
      if (!pg.closed) await pg.close();
      port.postMessage({ id: msg.id, ok: true, result: null });
      port.close();
      return;
    }
    if (msg.op === 'dump') {
      const bytes = await dumpDataDir(pg);
      port.postMessage({ id: msg.id, ok: true, result: bytes }, [bytes.buffer]);
      return;
    }
    const result = await runRequest(pg, { sql: msg.sql ?? '', params: msg.params ?? [] });
    port.postMessage({ id: msg.id, ok: true, result });
  } catch (e) {
    port.postMessage({ id: msg.id, ok: false, error: errorReport(e) });
  }
}

let queue = Promise.resolve();
port.on('message', (msg) => {
  queue = queue.then(() => handle(msg));
});
