/**
 * The embedded database has one owner (issue 17): commands refuse, in one line and without touching the data, while
 * the server or another command has DATA_DIR open; the server releases the folder when stopped, and a folder whose
 * owner was killed is taken over. Also: the server starts in a folder that began with a PTV import (no demo
 * organisations), where the demo professionals' teams used to break the start.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { LOCK_FILE } from '../../src/db/dataDirLock.js';
import { writeGenerated } from '../ptv/support.js';
import { createDataDir } from '../support/databases.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'yhdessa-owner-'));
/** Each test's own data folder (not there when the test starts). */
let dataDir = '';
let tests = 0;
const env = () => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEBUG: '', DEMO_DATA: 'true', PORT: '0' });
const yhdessa = (args: string[]) =>
  run('node', ['bin/yhdessa.js', ...args], { env: env(), timeout: 300_000 })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }));

/** Starts a long-running process and waits until a line of its output matches. */
async function startUntil(args: string[], ready: RegExp): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn('node', args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const line = await new Promise<string>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.split('\n').find((l) => ready.test(l));
      if (m) resolve(m);
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready:\n${out}`)));
  });
  return { child, line };
}

const children: ChildProcess[] = [];
const lockPath = () => join(dataDir, LOCK_FILE);

describe('one owner of the embedded database', { timeout: 600_000 }, () => {
  beforeEach(() => {
    dataDir = join(root, `data-${++tests}`);
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('the server starts in a folder that began with a PTV import, and commands refuse while it runs', async () => {
    const imported = await yhdessa(['import', 'ptv', 'tests/fixtures/ptv']);
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim().split('\n').at(-1)).toBe(
      'PTV import: 4 created, 0 updated, 0 unchanged, 0 deactivated, 0 failed',
    );
    expect(existsSync(lockPath())).toBe(false);

    const { child: server, line } = await startUntil(['bin/yhdessa.js', 'serve'], /Server listening at/);
    children.push(server);
    const url = /Server listening at (http:\/\/[^"]+)/.exec(line)![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const refusal = `yhdessa: The Yhdessä server (pid ${server.pid}) is using ${dataDir}. Stop it first, then run this command again.\n`;
    const again = await yhdessa(['import', 'ptv', 'tests/fixtures/ptv']);
    expect(again).toEqual({ code: 1, stdout: '', stderr: refusal });
    const other = writeGenerated({ services: 5, seed: 17 }, join(root, 'ptv'));
    const newRecords = await yhdessa(['import', 'ptv', other.dir]);
    expect(newRecords).toEqual({ code: 1, stdout: '', stderr: refusal });
    // Reading refuses too: PGlite cannot open a folder that another process writes.
    const exported = await yhdessa(['export', 'hsds', join(root, 'hsds')]);
    expect(exported).toEqual({ code: 1, stdout: '', stderr: refusal });
    expect(existsSync(join(root, 'hsds'))).toBe(false);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');
    expect(code).toBe(0);
    expect(existsSync(lockPath())).toBe(false);

    // Untouched by the refused commands: the first import's records, none of the second's.
    const d = await openDatabase({ dataDir, command: 'test' });
    try {
      const ids = await d.db.selectFrom('ptv_record').select('ptv_id').execute();
      expect(ids).toHaveLength(3); // what the fixtures' import keeps: an organisation, a channel, a service
      const refusedIds = new Set([...other.serviceIds, ...other.channelIds, ...other.organizationIds]);
      expect(ids.filter((r) => refusedIds.has(r.ptv_id))).toEqual([]);
      const people = await d.db.selectFrom('person').select('email').execute();
      expect(people.map((p) => p.email)).toEqual(['admin@yhdessa.demo']);
    } finally {
      await d.close();
    }
    expect(existsSync(lockPath())).toBe(false);
  });

  describe('in a folder holding a prepared database', () => {
    beforeEach(async () => {
      await createDataDir(dataDir);
    }, 120_000);

    it("takes over from an owner that was killed; an interrupted command's lock goes with it", async () => {
      const holder = await startUntil(['bin/run-ts.js', 'tests/platform/holdDataDir.ts'], /^open$/);
      children.push(holder.child);
      const refused = await yhdessa(['user', 'add', '--email', 'a@example.fi', '--name', 'A', '--role', 'admin']);
      expect(refused).toEqual({
        code: 1,
        stdout: '',
        stderr: `yhdessa: Another yhdessa command (import ptv, pid ${holder.child.pid}) is using ${dataDir}. Wait for it to finish, then run this command again.\n`,
      });
      holder.child.kill('SIGKILL');
      await once(holder.child, 'exit');
      expect(existsSync(lockPath())).toBe(true); // left behind

      const migrated = await yhdessa(['migrate']);
      expect(migrated).toMatchObject({ code: 0, stdout: 'Database is up to date.\n' });
      expect(existsSync(lockPath())).toBe(false);

      const interrupted = await startUntil(['bin/run-ts.js', 'tests/platform/holdDataDir.ts'], /^open$/);
      children.push(interrupted.child);
      expect(existsSync(lockPath())).toBe(true);
      interrupted.child.kill('SIGINT');
      const [code, signal] = await once(interrupted.child, 'exit');
      expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(existsSync(lockPath())).toBe(false);
    });
  });
});
