/**
 * The empty database cluster PGlite's initdb makes, made once and shipped beside this file (pglite-<version>.tar.br,
 * a brotli-compressed tar of the data folder), so that a new data folder does not run initdb. initdb is most of the
 * first start of a fresh clone (measured: 6–7 s of CPU on this project's machine, against ~0.3 s to unpack this);
 * PGlite itself runs initdb in memory and copies the result into the folder the same way. The two extensions the
 * first migration creates (pg_trgm, unaccent) are created in it already: their scripts run once, when it is made.
 *
 * The cluster belongs to one PGlite version (its PostgreSQL catalog): the file is named after it, and with no file
 * for the installed version PGlite runs initdb as before. After upgrading PGlite, `node bin/pglite-template.js`
 * makes the new one (a test fails until it is there).
 *
 * Plain JavaScript: the database's worker thread runs it without a TypeScript loader (see pglite-engine.js).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompress, brotliDecompressSync } from 'node:zlib';

const brotliDecompressAsync = promisify(brotliDecompress);

const here = dirname(fileURLToPath(import.meta.url));

/** The installed PGlite's version. */
export function pgliteVersion() {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@electric-sql/pglite'); // …/dist/index.cjs
  return JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')).version;
}

/** Where the cluster for `version` is (or would be). */
export function templateFile(version = pgliteVersion()) {
  return join(here, 'pglite-template', `pglite-${version}.tar.br`);
}

/** Files that belong to the process that made the cluster, not to the data. */
const LEFT_OUT = new Set(['postmaster.pid', 'yhdessa.lock']);

/**
 * The entries of a ustar archive as PGlite's dumpDataDir writes it (regular files and folders, names relative to
 * the data folder with a leading slash).
 * @param {Uint8Array} tar
 * @returns {{ name: string, directory: boolean, data: Uint8Array }[]}
 */
function entries(tar) {
  const text = (/** @type {Uint8Array} */ b) => {
    const s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
    const nul = s.indexOf('\0');
    return nul < 0 ? s : s.slice(0, nul);
  };
  const out = [];
  let off = 0;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    if (!text(h.subarray(257, 263)).startsWith('ustar')) throw new Error('not a tar archive');
    const prefix = text(h.subarray(345, 500));
    const name = (prefix ? `${prefix}/` : '') + text(h.subarray(0, 100));
    const size = parseInt(text(h.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(h[156] ?? 0);
    if (!Number.isSafeInteger(size) || size < 0 || off + 512 + size > tar.length) throw new Error('cut short');
    if (type === '0' || type === '\0' || type === '5')
      out.push({ name, directory: type === '5', data: tar.subarray(off + 512, off + 512 + size) });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/**
 * The shipped cluster for the installed PGlite as an uncompressed tar, or null when there is none for this version.
 * @returns {Uint8Array | null}
 */
export function readTemplate() {
  let packed;
  try {
    packed = readFileSync(templateFile());
  } catch {
    return null;
  }
  return new Uint8Array(brotliDecompressSync(packed));
}

/**
 * The same, unpacked on zlib's thread (the caller's thread stays free meanwhile).
 * @returns {Promise<Uint8Array | null>}
 */
export async function readTemplateAsync() {
  let packed;
  try {
    packed = await readFile(templateFile());
  } catch {
    return null;
  }
  return new Uint8Array(await brotliDecompressAsync(packed));
}

/**
 * Writes the shipped cluster into `dataDir` when the folder holds no database yet (no PG_VERSION) and there is a
 * cluster for the installed PGlite. Returns whether it did; on any failure it leaves the folder as it found it
 * (but for files it had itself written) and returns false, and PGlite's initdb runs as before.
 * @param {string} dataDir
 * @param {Uint8Array | null} [unpacked] the cluster as readTemplate gives it, if already read
 * @returns {boolean}
 */
export function unpackTemplate(dataDir, unpacked) {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  const tar = unpacked ?? readTemplate();
  if (!tar) return false;
  const before = new Set(existsSync(dataDir) ? readdirSync(dataDir) : []);
  try {
    const list = entries(tar);
    if (!list.some((e) => e.name.replace(/^\/+/, '') === 'PG_VERSION')) throw new Error('no PG_VERSION');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // PG_VERSION last: a folder cut short while unpacking (the process killed) is unpacked again next time.
    const last = [];
    for (const e of list) {
      const path = normalize(e.name.replace(/^\/+/, ''));
      if (path === '.' || path === '' || LEFT_OUT.has(path)) continue;
      if (path === '..' || path.startsWith(`..${sep}`)) throw new Error(`a path outside the folder: ${e.name}`);
      const to = join(dataDir, path);
      if (e.directory) mkdirSync(to, { recursive: true, mode: 0o700 });
      else if (path === 'PG_VERSION') last.push({ to, data: e.data });
      else {
        mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
        writeFileSync(to, e.data, { mode: 0o600 });
      }
    }
    for (const f of last) writeFileSync(f.to, f.data, { mode: 0o600 });
    return true;
  } catch {
    for (const name of existsSync(dataDir) ? readdirSync(dataDir) : [])
      if (!before.has(name)) rmSync(join(dataDir, name), { recursive: true, force: true });
    return false;
  }
}
