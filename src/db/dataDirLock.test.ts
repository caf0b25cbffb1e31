/**
 * The data folder's lock, in this process: taken and released, refused to a second owner with who has it, recovered
 * from owners that are gone (exited, or a pid now used by another process), respected for another host. Other
 * processes: tests/platform/dataDirLock.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE, processStartTime, removeStaleLock, type LockOwner } from './dataDirLock.js';

const root = mkdtempSync(join(tmpdir(), 'yhdessa-lock-'));
const folder = () => mkdtempSync(join(root, 'data-'));
const writeLock = (dir: string, o: Partial<LockOwner>) =>
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ host: hostname(), started: null, command: 'serve', since: '2026-01-01T00:00:00.000Z', ...o }),
  );
/** A pid that was a process's and is no longer. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('the data folder lock', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is taken with its owner written in it, and removed on release', () => {
    const dir = folder();
    const lock = acquireDataDirLock(dir, 'import ptv');
    const written = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockOwner;
    expect(written).toMatchObject({ pid: process.pid, host: hostname(), command: 'import ptv' });
    expect(written.started).toBe(processStartTime(process.pid));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lock.release(); // harmless
    acquireDataDirLock(dir, 'serve').release(); // free again
  });

  it('refuses a second owner while the first holds it, naming the first, also within one process', () => {
    const dir = folder();
    // Held by a live process: this test's parent, the test runner.
    writeLock(dir, { pid: process.ppid, started: processStartTime(process.ppid) });
    expect(() => acquireDataDirLock(dir, 'user add')).toThrow(
      `The Yhdessä server (pid ${process.ppid}) is using ${dir}. Stop it first, then run this command again.`,
    );
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.ppid });
    writeLock(dir, { pid: process.ppid, command: 'import ptv' });
    expect(() => acquireDataDirLock(dir, 'serve')).toThrow(
      `Another yhdessa command (import ptv, pid ${process.ppid}) is using ${dir}. Wait for it to finish, then run this command again.`,
    );
    const other = folder();
    const lock = acquireDataDirLock(other, 'serve');
    expect(() => acquireDataDirLock(other, 'serve')).toThrow(
      `The database in ${other} is already open in this process.`,
    );
    lock.release();
  });

  it('recovers the lock of a process that has exited', () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid() });
    const lock = acquireDataDirLock(dir, 'import ptv');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it.skipIf(processStartTime(process.pid) === null)(
    'recovers a lock whose pid now belongs to another process (started later), and one with this pid from before',
    () => {
      const dir = folder();
      writeLock(dir, { pid: process.ppid, started: processStartTime(process.ppid)! - 1 });
      acquireDataDirLock(dir, 'serve').release();
      // A container's server is pid 1 again after a restart: the old lock names this process's pid.
      writeLock(dir, { pid: process.pid, started: processStartTime(process.pid) });
      acquireDataDirLock(dir, 'serve').release();
    },
  );

  it("respects another host's lock (it cannot be checked from here) and says how to remove it", () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), host: 'elsewhere.example' });
    expect(() => acquireDataDirLock(dir, 'serve')).toThrow(
      /^The Yhdessä server \(pid \d+ on elsewhere\.example\) is using .+\. Stop it first, then run this command again\. If nothing runs there any more, delete .+yhdessa\.lock\.$/,
    );
  });

  it('recovers an unreadable lock once it is not being written any more', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    acquireDataDirLock(dir, 'serve').release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid": "nonsense"');
    utimesSync(join(dir, LOCK_FILE), old, old);
    acquireDataDirLock(dir, 'serve').release();
  });

  it('leaves a newer lock in place when it was taken while a stale one was being recovered', () => {
    const dir = folder();
    const path = join(dir, LOCK_FILE);
    const stale = JSON.stringify({ pid: deadPid(), host: hostname() });
    // Process A read `stale`, B recovered it and took the lock, now A recovers what it read: B's lock stays.
    const b = acquireDataDirLock(dir, 'serve');
    const fresh = readFileSync(path, 'utf8');
    removeStaleLock(path, stale);
    expect(readFileSync(path, 'utf8')).toBe(fresh);
    b.release();
    writeFileSync(path, stale);
    removeStaleLock(path, stale);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]); // nothing left aside
  });
});
