/**
 * `yhdessa backup <file>` and `yhdessa restore <file>`.
 *
 * - PostgreSQL (DATABASE_URL): pg_dump in its custom format, a consistent snapshot while the app runs; restored
 *   with pg_restore into an empty database. The client tools must be as new as the server: the one matching the
 *   server's version under /usr/lib/postgresql/<n>/bin (Debian's postgresql-client-<n>) or on PATH.
 * - Embedded (DATA_DIR): PGlite's own dump of the data folder (a gzipped tar). The folder has one owner: while the
 *   server runs, the server makes it and sends it over its local door (src/http/localAdmin.ts); otherwise this
 *   command opens the folder itself, holding its lock. Restored into an empty folder.
 *
 * A backup never overwrites a file; a restore never writes into a database or folder that holds anything.
 * The field encryption keys are not in a backup (README, Backups).
 */
import { execFile } from 'node:child_process';
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../db/dataDirLock.js';
import { BackupFileError, isGzip, unpackPgliteBackup } from '../db/pgliteBackup.js';
import { audit } from '../core/audit/auditLog.js';
import { CliError } from './errors.js';

const run = promisify(execFile);
const who = () => `command line (${process.env.USER ?? userInfo().username})`;
type Say = (line: string) => void;

export interface BackupResult {
  kind: 'pglite' | 'postgres';
  bytes: number;
  /** Made by the running server (PGlite), not by opening the folder here. */
  byServer: boolean;
}

function refuseExisting(file: string) {
  if (existsSync(file)) throw new CliError(`${file} already exists: give the backup a new name (none is overwritten)`);
}

/** Writes `bytes` to `file` through a temporary name; never over an existing file. */
function writeNew(file: string, bytes: Uint8Array) {
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  try {
    linkSync(partial, file);
  } finally {
    unlinkSync(partial);
  }
}

export async function backupCommand(config: Config, file: string, say: Say = console.log): Promise<BackupResult> {
  refuseExisting(file);
  const result = config.databaseUrl ? await backupPostgres(config.databaseUrl, file) : await backupPglite(config, file);
  say(
    `Backup of ${config.databaseUrl ? 'the PostgreSQL database' : `the embedded database in ${config.dataDir}`} ` +
      `written to ${file} (${(result.bytes / 1e6).toFixed(1)} MB${result.byServer ? ', made by the running server' : ''}).` +
      ' Keep the field encryption keys too: they are not in it.',
  );
  return result;
}

async function backupPglite(config: Config, file: string): Promise<BackupResult> {
  if (!existsSync(join(config.dataDir, 'PG_VERSION')))
    throw new CliError(`there is no database in ${config.dataDir} (DATA_DIR) to back up`);
  let d: Database;
  try {
    d = await openDatabase({ dataDir: config.dataDir, command: 'backup' });
  } catch (e) {
    if (!(e instanceof DataDirLockedError) || !(e.owner.command === 'serve' || e.sameProcess)) throw e;
    // The server owns the folder: it makes the backup.
    const { backupFromServer, LocalAdminError } = await import('../http/localAdmin.js');
    try {
      return { kind: 'pglite', bytes: await backupFromServer(config.dataDir, file, e.owner.pid), byServer: true };
    } catch (err) {
      if (err instanceof LocalAdminError) throw new CliError(err.message);
      throw err;
    }
  }
  try {
    await audit(d.db, { actor: null, actorName: who() }, { action: 'backup.made', details: { database: 'pglite' } });
    const bytes = await d.backup!();
    writeNew(file, bytes);
    return { kind: 'pglite', bytes: bytes.length, byServer: false };
  } finally {
    await d.close();
  }
}

/** The URL without its password, which goes to the tools in PGPASSWORD (not on a command line others can see). */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function toolMajor(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ['--version']);
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * pg_dump or pg_restore at least as new as the server (major version `server`): Debian's for that version first,
 * then a newer one there, then the one on PATH.
 */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', server: number): Promise<string> {
  const root = '/usr/lib/postgresql';
  const installed = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((n) => Number.isInteger(n) && n >= server)
        .sort((a, b) => (a === server ? -1 : b === server ? 1 : a - b))
    : [];
  for (const n of installed) {
    const path = join(root, String(n), 'bin', tool);
    if (existsSync(path)) return path;
  }
  const onPath = await toolMajor(tool);
  if (onPath !== null && onPath >= server) return tool;
  throw new CliError(
    `${tool} ${server} or newer is needed for PostgreSQL ${server} and is not installed` +
      `${onPath !== null ? ` (the one on PATH is ${onPath})` : ''}: apt-get install postgresql-client-${server}`,
  );
}

async function serverMajor(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ v: number }>`select current_setting('server_version_num')::int as v`.execute(db);
  return Math.floor(r.rows[0]!.v / 10000);
}

/** The first line of what a tool wrote on stderr that says what went wrong. */
function toolError(tool: string, e: unknown): CliError {
  const stderr = String((e as { stderr?: string }).stderr ?? '');
  const line =
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /error|fatal/i.test(l)) ??
    stderr.trim().split('\n')[0] ??
    (e as Error).message;
  return new CliError(`${tool} failed: ${line.replace(/^(pg_dump|pg_restore):\s*(error:\s*)?/, '')}`);
}

async function backupPostgres(url: string, file: string): Promise<BackupResult> {
  const d = await openDatabase({ url, poolSize: 1 });
  let tool: string;
  try {
    tool = await findPgTool('pg_dump', await serverMajor(d.db));
    await audit(d.db, { actor: null, actorName: who() }, { action: 'backup.made', details: { database: 'postgres' } });
  } finally {
    await d.close();
  }
  const partial = `${file}.partial-${process.pid}`;
  const { dbname, env } = toolConnection(url);
  try {
    await run(tool, ['--format=custom', '--file', partial, '--dbname', dbname], { env });
    linkSync(partial, file);
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EEXIST') refuseExisting(file);
    throw toolError('pg_dump', e);
  } finally {
    try {
      unlinkSync(partial);
    } catch {
      /* not written */
    }
  }
  return { kind: 'postgres', bytes: statSync(file).size, byServer: false };
}

function head(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new CliError(`cannot read ${file}: no such file`);
  }
  try {
    const b = new Uint8Array(5);
    readSync(fd, b, 0, 5, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}

export interface RestoreResult {
  services: number;
  people: number;
  auditEntries: number;
}

async function counts(db: Kysely<DB>): Promise<RestoreResult> {
  const r = await sql<RestoreResult>`select
      (select count(*) from service)::int as services,
      (select count(*) from person)::int as people,
      (select count(*) from audit_event)::int as "auditEntries"`.execute(db);
  return r.rows[0]!;
}

export async function restoreCommand(config: Config, file: string, say: Say = console.log): Promise<RestoreResult> {
  const magic = head(file);
  const pgDump = Buffer.from(magic).toString('latin1') === 'PGDMP';
  if (!pgDump && !isGzip(magic))
    throw new CliError(`${file} is not a Yhdessä backup (neither PGlite's dump nor pg_dump's custom format)`);
  if (config.databaseUrl && !pgDump)
    throw new CliError(`${file} is a backup of the embedded database: unset DATABASE_URL to restore it into DATA_DIR`);
  if (!config.databaseUrl && pgDump)
    throw new CliError(`${file} is a PostgreSQL dump: set DATABASE_URL to an empty database to restore it there`);
  const r = config.databaseUrl ? await restorePostgres(config.databaseUrl, file) : await restorePglite(config, file);
  say(
    `Restored ${file} into ${config.databaseUrl ? 'the PostgreSQL database' : config.dataDir}: ` +
      `${r.services} services, ${r.people} people, ${r.auditEntries} audit entries. ` +
      'It needs the field encryption keys it was made with (README, Backups).',
  );
  return r;
}

async function restorePglite(config: Config, file: string): Promise<RestoreResult> {
  const dir = config.dataDir;
  mkdirSync(dir, { recursive: true });
  const notEmpty = () => {
    const there = readdirSync(dir).filter((n) => n !== LOCK_FILE);
    if (there.length)
      throw new CliError(
        `${dir} (DATA_DIR) is not empty${there.includes('PG_VERSION') ? ': it holds a database' : ''}. ` +
          'Restore into a new folder (set DATA_DIR to it), or move this one aside first; nothing was changed.',
      );
  };
  notEmpty();
  const lock = acquireDataDirLock(dir, 'restore'); // a server started meanwhile finds it taken
  try {
    notEmpty();
    unpackPgliteBackup(readFileSync(file), dir);
  } catch (e) {
    if (e instanceof BackupFileError) throw new CliError(`cannot restore ${file}: ${e.message}`);
    throw e;
  } finally {
    lock.release();
  }
  // Started once here: PostgreSQL recovers as after any stop, and the counts show what came back.
  const d = await openDatabase({ dataDir: dir, command: 'restore' });
  try {
    return await counts(d.db);
  } finally {
    await d.close();
  }
}

async function restorePostgres(url: string, file: string): Promise<RestoreResult> {
  const d = await openDatabase({ url, poolSize: 1 });
  let tool: string;
  try {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg\\_%'`.execute(d.db);
    if (r.rows[0]!.n > 0)
      throw new CliError(
        `the database of DATABASE_URL is not empty (${r.rows[0]!.n} tables, indexes and sequences): restore into a ` +
          'new, empty database (createdb) and point DATABASE_URL at it; nothing was changed',
      );
    tool = await findPgTool('pg_restore', await serverMajor(d.db));
  } finally {
    await d.close();
  }
  const { dbname, env } = toolConnection(url);
  try {
    await run(
      tool,
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', dbname, file],
      { env },
    );
  } catch (e) {
    throw toolError('pg_restore', e);
  }
  const after = await openDatabase({ url, poolSize: 1 });
  try {
    return await counts(after.db);
  } finally {
    await after.close();
  }
}
