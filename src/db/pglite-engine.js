/**
 * PGlite as the app uses it: the extensions, the type parsers, and one request at a time ({sql, params} in, rows and
 * an affected-row count out). Shared by the worker thread that owns the embedded database (pglite-worker.js) and by
 * the in-thread mode the benchmark compares it with.
 *
 * Plain JavaScript on purpose: a worker thread does not inherit the tsx loader of the thread that starts it, and
 * registering tsx in every worker costs more than half a second (measured), so this file and the worker need none.
 * Types: pglite-engine.d.ts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { readTemplateAsync, unpackTemplate } from './pglite-template.js';

/** @type {{ wasm: Promise<WebAssembly.Module | undefined>, template: Promise<Uint8Array | null> | null } | null} */
let early = null;

/** Whether a database in `dataDir` (undefined: in memory) would start from the shipped cluster. */
const isNew = (/** @type {string | undefined} */ dataDir) => !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));

/**
 * Starts the part of opening that needs no data folder, on threads of their own (V8's compiler, zlib's): compiling
 * PGlite's WebAssembly and, when `dataDir` (where the database will likely be; undefined: memory) holds no database
 * yet, unpacking the shipped cluster's archive. An early worker (pglite-early.js) calls it while the command line
 * gets its own code ready; openPGlite then takes what is done. Safe to call again.
 * @param {string | undefined} dataDir
 * @param {boolean} [withTemplate] false: the WebAssembly only
 */
export function prepareOpen(dataDir, withTemplate = true) {
  if (!early) {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    // On failure PGlite compiles it itself, as without this.
    const wasm = readFile(join(dist, 'pglite.wasm'))
      .then((b) => WebAssembly.compile(b))
      .catch(() => undefined);
    early = { wasm, template: null };
  }
  if (withTemplate && !early.template && isNew(dataDir)) {
    early.template = readTemplateAsync();
    early.template.catch(() => {}); // (read again when opening)
  }
}

/** @param {import('./pglite-engine.js').EngineOptions} opts */
export async function openPGlite(opts) {
  prepareOpen(opts.dataDir, opts.template !== false); // (what an early worker has not started already)
  const ready = /** @type {NonNullable<typeof early>} */ (early);
  // A new database starts from the cluster shipped for this PGlite instead of running initdb (pglite-template.js):
  // a new folder gets its files written here, memory gets it through PGlite's loadDataDir.
  let template = null;
  if (opts.template !== false && isNew(opts.dataDir)) {
    const tar = await (ready.template ?? readTemplateAsync()).catch(() => null);
    // (No cluster read, none written: PGlite's initdb runs, as without one.)
    if (opts.dataDir && tar) unpackTemplate(opts.dataDir, tar);
    else template = tar;
  }
  ready.template = null; // (40 MB: not kept once used)
  const wasmModule = await ready.wasm;
  const pg = new PGlite({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(template ? { loadDataDir: new Blob([template]) } : {}),
    ...(wasmModule ? { pgliteWasmModule: wasmModule } : {}),
    extensions: { pg_trgm, unaccent },
    // Dates stay as ISO strings ('YYYY-MM-DD'); bigint counts become numbers (the same parsers as for pg).
    parsers: { [types.DATE]: (v) => v, [types.INT8]: (v) => Number(v), [types.BYTEA]: parseBytea },
    serializers: { [types.BYTEA]: serializeBytea },
  });
  await pg.waitReady;
  return pg;
}

/**
 * bytea in PostgreSQL's hex text form ('\\x' and two digits a byte) decoded by Node rather than by PGlite's own
 * parser, which reads it two digits at a time (11 s for the search index's 30 MB snapshot; this: a few ms). A plain
 * Uint8Array of its own, as PGlite's parser gives, so that it crosses to the other thread without a shared pool.
 * @param {string} v
 * @returns {Uint8Array}
 */
export function parseBytea(v) {
  if (!v.startsWith('\\x')) throw new Error('bytea not in the hex format');
  const out = new Uint8Array((v.length - 2) >>> 1);
  Buffer.from(out.buffer).write(v.slice(2), 'hex');
  return out;
}

/**
 * The other way (PGlite's serializer builds a string per byte).
 * @param {unknown} v
 * @returns {string}
 */
export function serializeBytea(v) {
  if (!(v instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
}

/**
 * One request. Parameterless text may hold several statements (migrations, begin/commit): that needs the simple
 * protocol, and the last statement's result is the answer.
 * @param {PGlite} pg
 * @param {import('./pglite-engine.js').EngineRequest} req
 * @returns {Promise<import('./pglite-engine.js').EngineResult>}
 */
export async function runRequest(pg, req) {
  const res =
    req.params.length === 0
      ? ((await pg.exec(req.sql)).at(-1) ?? { rows: [], fields: [], affectedRows: 0 })
      : await pg.query(req.sql, req.params);
  return { rows: res.rows, fieldCount: res.fields.length, affectedRows: res.affectedRows };
}

/**
 * The data folder as a gzipped tar (PGlite's own dump), consistent: taken between requests (the caller holds the
 * only connection, so no transaction is open) after a checkpoint has written every changed page to the files.
 * @param {PGlite} pg
 * @returns {Promise<Uint8Array>}
 */
export async function dumpDataDir(pg) {
  await pg.exec('checkpoint');
  const file = await pg.dumpDataDir('gzip');
  return new Uint8Array(await file.arrayBuffer());
}

/** The fields of a PostgreSQL error report (as pg and PGlite name them) that cross the thread boundary. */
const ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
  'query',
];

/**
 * A structured-clone-safe copy of an error: its message, name and PostgreSQL fields (the parameters stay behind).
 * @param {unknown} e
 * @returns {import('./pglite-engine.js').ErrorReport}
 */
export function errorReport(e) {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  /** @type {Record<string, string | number>} */
  const fields = {};
  const source = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (e));
  for (const k of ERROR_FIELDS) {
    const v = source[k];
    if (typeof v === 'string' || typeof v === 'number') fields[k] = v;
  }
  return { name: e.name, message: e.message, fields, ...(e.stack ? { stack: e.stack } : {}) };
}
