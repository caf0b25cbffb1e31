/**
 * The embedded database's backup: PGlite's own dump of the data folder (dumpDataDir: a gzipped tar, made by the
 * folder's owner, see Database.backup) and putting one back into an empty folder.
 *
 * Restoring unpacks the tar itself rather than through PGlite's `loadDataDir`, to leave out what belongs to the
 * process that made it, not to the data: the folder's lock (yhdessa.lock) and PostgreSQL's postmaster.pid. On first
 * start PostgreSQL recovers from the write-ahead log as after any stop.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LOCK_FILE } from './dataDirLock.js';

/** What a PGlite backup file starts with (gzip); a PostgreSQL custom-format dump starts with PGDMP. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

export class BackupFileError extends Error {}

interface TarEntry {
  name: string;
  directory: boolean;
  data: Uint8Array;
}

const text = (b: Uint8Array) => {
  const s = Buffer.from(b).toString('utf8');
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

/** The entries of a ustar archive (regular files and folders; PGlite writes nothing else). */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let off = 0;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    if (!text(h.subarray(257, 263)).startsWith('ustar')) throw new BackupFileError('not a PGlite backup (no tar)');
    const prefix = text(h.subarray(345, 500));
    const name = (prefix ? `${prefix}/` : '') + text(h.subarray(0, 100));
    const size = parseInt(text(h.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(h[156] ?? 0);
    if (!Number.isSafeInteger(size) || size < 0 || off + 512 + size > tar.length)
      throw new BackupFileError('the backup is cut short');
    if (type === '0' || type === '\0' || type === '5')
      entries.push({ name, directory: type === '5', data: tar.subarray(off + 512, off + 512 + size) });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** Left out of a restore: they name the process that made the backup, not the data. */
const NOT_RESTORED = new Set([LOCK_FILE, 'postmaster.pid']);

/**
 * Unpacks a PGlite backup into `dataDir`, which must exist and be empty but for its lock (the caller holds it).
 * On failure the folder is emptied again. Returns the number of files written.
 */
export function unpackPgliteBackup(bytes: Uint8Array, dataDir: string): number {
  let entries: TarEntry[];
  try {
    entries = readTar(gunzipSync(bytes));
  } catch (e) {
    if (e instanceof BackupFileError) throw e;
    throw new BackupFileError(`not a readable PGlite backup (${(e as Error).message})`);
  }
  const rel = (name: string) => normalize(name.replace(/^\/+/, ''));
  if (!entries.some((e) => rel(e.name) === 'PG_VERSION'))
    throw new BackupFileError('not a PGlite backup (no PG_VERSION in it)');
  let files = 0;
  try {
    for (const e of entries) {
      const path = rel(e.name);
      if (path === '.' || path === '') continue;
      if (path.startsWith(`..${sep}`) || path === '..')
        throw new BackupFileError(`a path outside the folder: ${e.name}`);
      if (NOT_RESTORED.has(path)) continue;
      const to = join(dataDir, path);
      if (e.directory) mkdirSync(to, { recursive: true, mode: 0o700 });
      else {
        mkdirSync(join(to, '..'), { recursive: true, mode: 0o700 });
        writeFileSync(to, e.data, { mode: 0o600, flag: 'wx' });
        files++;
      }
    }
  } catch (e) {
    for (const name of readdirSync(dataDir))
      if (name !== LOCK_FILE) rmSync(join(dataDir, name), { recursive: true, force: true });
    throw e;
  }
  return files;
}
