/**
 * One owner for the embedded database's folder. PGlite is PostgreSQL without a postmaster: a second process that
 * opens the same DATA_DIR writes the same files unseen by the first, its records vanish and indexes break. So the
 * owner keeps DATA_DIR/yhdessa.lock, and every other process that would open the folder refuses.
 *
 * - Taken atomically: the lock is written whole to a file of its own and hard-linked into place, which fails if a
 *   lock is there (O_EXCL semantics without a moment in which the file is empty); where the file system has no hard
 *   links, it is created with the `wx` flag.
 * - It names its owner: pid, host, the process's start time (Linux: /proc, so that a reused pid is not mistaken
 *   for the owner), the command, since when.
 * - A lock whose process is gone (killed, crashed, the machine restarted) is recovered by the next process. A lock
 *   of another host cannot be checked from here, so it is respected; the message says how to remove it.
 * - Released on close, on exit, and on SIGINT/SIGTERM/SIGHUP when nothing else handles them (the server does: it
 *   closes and exits, and the exit releases).
 */
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { constants, hostname } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';

export const LOCK_FILE = 'yhdessa.lock';

export interface LockOwner {
  pid: number;
  host: string;
  /** Start time of the process in clock ticks since boot (Linux), or null where it cannot be read. */
  started: number | null;
  /** What holds the folder: 'serve', 'import ptv', … */
  command: string;
  since: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock if it is still this process's; safe to call twice. */
  release(): void;
}

/** The folder is in use: the message is the one line the command line prints. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
    readonly sameProcess = false,
  ) {
    super(lockedMessage(dataDir, owner, sameProcess));
  }
}

function shown(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : !rel.startsWith('..') && !isAbsolute(rel) ? `./${rel}` : dir;
}

function lockedMessage(dataDir: string, o: LockOwner, sameProcess: boolean): string {
  const where = shown(dataDir);
  if (sameProcess) return `The database in ${where} is already open in this process.`;
  const otherHost = o.host !== hostname();
  const who = `pid ${o.pid}${otherHost ? ` on ${o.host}` : ''}`;
  const what =
    o.command === 'serve'
      ? `The Yhdessä server (${who}) is using ${where}. Stop it first, then run this command again.`
      : `Another yhdessa command (${o.command}, ${who}) is using ${where}. Wait for it to finish, then run this command again.`;
  return otherHost ? `${what} If nothing runs there any more, delete ${join(where, LOCK_FILE)}.` : what;
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), or null. */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote a lock on this host still runs. */
export function ownerIsAlive(o: LockOwner): boolean {
  if (o.host !== hostname()) return true; // cannot tell from here: respected
  // This pid: the lock is this process's own, or one left by an earlier process that had the same pid (a container's
  // pid 1 after a restart).
  if (o.pid === process.pid) return [...heldPaths.values()].some((l) => sameOwner(l.owner, o));
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: the process exists, under another user
  }
  // The pid is in use: by the owner, or (after a restart) by an unrelated process that got the same number.
  const started = processStartTime(o.pid);
  return o.started === null || started === null || started === o.started;
}

function sameOwner(a: LockOwner, b: LockOwner) {
  return a.pid === b.pid && a.host === b.host && a.since === b.since && a.command === b.command;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0 || typeof o.host !== 'string') return null;
    return {
      pid: o.pid,
      host: o.host,
      started: typeof o.started === 'number' ? o.started : null,
      command: typeof o.command === 'string' ? o.command : 'unknown',
      since: typeof o.since === 'string' ? o.since : '',
    };
  } catch {
    return null;
  }
}

/** Creates the lock with `text` unless one exists; true when this call created it. */
function create(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
  try {
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  // No hard links here: exclusive creation; a reader may see the file empty for a moment, and waits.
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a lock judged stale out of the way. Renaming is atomic, so of several processes recovering the same lock
 * one moves it; the moved file is checked to be the stale one (not a fresh lock another process took meanwhile),
 * and a fresh one is put back.
 */
export function removeStaleLock(path: string, staleText: string): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    if (readFileSync(aside, 'utf8') !== staleText) linkSync(aside, path);
  } catch {
    /* a newer lock is already in place: it stands */
  } finally {
    unlinkSync(aside);
  }
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The locks this process holds, by path. */
const heldPaths = new Map<string, DataDirLock>();

/** Takes DATA_DIR's lock for `command`, or throws DataDirLockedError naming the owner. The folder must exist. */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  const path = join(realpathSync(dataDir), LOCK_FILE);
  const mine = heldPaths.get(path);
  if (mine) throw new DataDirLockedError(dataDir, mine.owner, true);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: processStartTime(process.pid),
    command,
    since: new Date().toISOString(),
  };
  const text = `${JSON.stringify(owner)}\n`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (create(path, text)) {
      const lock: DataDirLock = {
        path,
        owner,
        release() {
          if (heldPaths.get(path) !== lock) return;
          heldPaths.delete(path);
          try {
            if (readFileSync(path, 'utf8') === text) unlinkSync(path);
          } catch {
            /* already gone */
          }
          if (heldPaths.size === 0) unwatchProcess();
        },
      };
      heldPaths.set(path, lock);
      watchProcess();
      return lock;
    }
    let current: string;
    try {
      current = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      throw e;
    }
    const other = parseOwner(current);
    if (other && ownerIsAlive(other)) throw new DataDirLockedError(dataDir, other);
    if (!other && Date.now() - mtime(path) < 2000) {
      sleep(50); // being written (no hard links here), or unreadable: a moment, then again
      continue;
    }
    removeStaleLock(path, current);
  }
  throw new Error(`cannot take the lock ${path}: it keeps changing`);
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function releaseAll() {
  for (const lock of [...heldPaths.values()]) lock.release();
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals) {
  // Another handler (the server's) closes the database and exits; the exit releases the lock.
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.exit(128 + (constants.signals[signal] ?? 0));
}

let watching = false;
function watchProcess() {
  if (watching) return;
  watching = true;
  process.on('exit', releaseAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function unwatchProcess() {
  if (!watching) return;
  watching = false;
  process.off('exit', releaseAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}
