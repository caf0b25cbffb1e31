/**
 * The early worker of `yhdessa serve` (pglite-early.js): opening the database takes it and it opens the folder it is
 * told; a folder another process holds is left as it was; a worker nobody takes keeps nothing alive.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { acquireDataDirLock } from './dataDirLock.js';
import { startEarlyWorker, takeEarlyWorker } from './pglite-early.js';

const run = promisify(execFile);

describe('the early worker of the embedded database', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(os.tmpdir(), 'yhdessa-early-'));
  afterAll(() => {
    takeEarlyWorker()?.terminate(); // (none is left unless a test failed)
    rmSync(root, { recursive: true, force: true });
  });

  it('is taken by the next opening, and opens the folder it is told, new or not', async () => {
    const dataDir = join(root, 'data');
    startEarlyWorker(dataDir);
    const d = await openDatabase({ dataDir, command: 'test' });
    try {
      expect(takeEarlyWorker()).toBe(null); // taken
      await sql`create table t (id int primary key)`.execute(d.db);
      await sql`insert into t values (1)`.execute(d.db);
    } finally {
      await d.close();
    }
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    // A folder that holds a database: opened as it is (the hint said nothing of it this time).
    startEarlyWorker(undefined);
    const again = await openDatabase({ dataDir, command: 'test' });
    try {
      expect(takeEarlyWorker()).toBe(null);
      expect((await sql<{ id: number }>`select id from t`.execute(again.db)).rows).toEqual([{ id: 1 }]);
    } finally {
      await again.close();
    }
  });

  it('leaves a folder another process holds as it was: serve refuses in one line', async () => {
    const dataDir = join(root, 'held');
    mkdirSync(dataDir);
    const lock = acquireDataDirLock(dataDir, 'serve');
    try {
      const refused = await run('node', ['bin/yhdessa.js', 'serve'], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', DEBUG: '' },
        timeout: 90_000,
      }).catch((e: { code: number; stdout: string; stderr: string }) => e);
      expect('code' in refused ? refused.code : 0).toBe(1);
      expect(refused.stderr).toBe(
        `yhdessa: The Yhdessä server (pid ${process.pid}) is using ${dataDir}. Stop it first, then run this command again.\n`,
      );
      expect(readdirSync(dataDir)).toEqual(['yhdessa.lock']);
    } finally {
      lock.release();
    }
  });

  it('keeps nothing alive when nobody takes it', async () => {
    const script = `import('./src/db/pglite-early.js').then((m) => m.startEarlyWorker(${JSON.stringify(join(root, 'never'))}))`;
    const done = await run('node', ['--input-type=module', '-e', script], { timeout: 60_000 });
    expect(done.stderr).toBe('');
    expect(existsSync(join(root, 'never'))).toBe(false);
  });
});
