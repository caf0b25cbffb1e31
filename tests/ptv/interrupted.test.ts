/**
 * kill -9 during `yhdessa import ptv` (issue 17): the process is killed while it writes (after it has committed
 * records), the database is consistent (whole chunks: each written service has its row and its search document),
 * the next run completes what the first began, and both runs have their `ptv.import` audit entry: the interrupted one
 * written by the run that resumed it, with what it had written.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { importPtv, type ImportProgress } from '../../src/core/ptv/importPtv.js';
import { fromFiles } from '../../src/core/ptv/source.js';
import { openDatabase } from '../../src/db/database.js';
import {
  countRows,
  createDataDir,
  createTestDatabase,
  testDatabases,
  type TestDatabase,
} from '../support/databases.js';
import { writeGenerated } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'yhdessa-ptv-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const g = writeGenerated({ services: 150, seed: 23 }, join(root, 'ptv'));
const records = g.serviceIds.length + g.channelIds.length + g.organizationIds.length;

/** Bytes the process has written to files and pipes so far (Linux). */
function written(pid: number): number {
  const m = /^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  return Number(m![1]);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDatabases())('an import killed while it writes, on %s', { timeout: 300_000 }, (kind) => {
  it('leaves whole records, and the next run completes it and audits both runs', async () => {
    let env: NodeJS.ProcessEnv;
    let pgUrl = '';
    let pgDb: TestDatabase | undefined;
    if (kind === 'pglite') {
      const dataDir = join(root, 'data');
      await createDataDir(dataDir);
      env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEBUG: '' };
    } else {
      pgDb = await createTestDatabase('postgres');
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${(pgDb as TestDatabase & { location: string }).location}`;
      pgUrl = url.toString();
      env = { ...process.env, DATABASE_URL: pgUrl, DEBUG: '' };
    }

    const child = spawn('node', ['bin/yhdessa.js', 'import', 'ptv', g.dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = once(child, 'exit');
    // Writing begins once it has said so; its start is in the audit log by then.
    while (!/records read, writing/.test(out)) {
      if (child.exitCode !== null) throw new Error(`the import ended before it wrote:\n${out}`);
      await pause(10);
    }
    // Killed once it has committed records: PostgreSQL shows them; PGlite's folder is the child's alone, so its
    // writes are watched instead (a chunk's commit writes the write-ahead log).
    const from = written(child.pid!);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the import ended before it was killed:\n${out}`);
      if (pgDb) {
        if ((await countRows(pgDb.db, 'ptv_record')) > 0) break;
      } else if (written(child.pid!) - from > 256 * 1024) break;
      await pause(10);
    }
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect({ code, signal, out }).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(out).not.toMatch(/PTV import: \d+ created/);

    // The next run: the stale lock is taken over, the folder opens, the import completes.
    const d = pgDb ?? (await openDatabase({ dataDir: env.DATA_DIR!, command: 'test' }));
    try {
      const before = await sql<{ services: number; searchable: number; recorded: number }>`select
          (select count(*) from service where source = 'ptv')::int as services,
          (select count(*) from service_search s join service v on v.id = s.service_id where v.source = 'ptv')::int
            as searchable,
          (select count(*) from ptv_record where kind = 'service')::int as recorded`.execute(d.db);
      // Whole chunks: each service the import recorded has its row and its search document, and no more.
      expect(before.rows[0]!.services).toBe(before.rows[0]!.recorded);
      expect(before.rows[0]!.searchable).toBe(before.rows[0]!.recorded);
      const kept = await countRows(d.db, 'ptv_record');
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(records);

      const said: ImportProgress[] = [];
      const s = await importPtv(
        d.db,
        fromFiles(g.dir),
        { actor: null, actorName: 'test' },
        { progress: (p) => said.push(p) },
      );
      expect([s.created + s.updated, s.unchanged, s.failed]).toEqual([records - kept, kept, 0]);
      expect(said).toHaveLength(1);
      expect(said[0]!.resumes).toHaveLength(1);
      const resumed = said[0]!.resumes[0]!;
      expect(resumed.records.organization + resumed.records.channel + resumed.records.service).toBe(kept);
      expect(resumed.actorName).toMatch(/^command line \(/);

      const after = await sql<{ services: number; searchable: number }>`select
          (select count(*) from service where source = 'ptv')::int as services,
          (select count(*) from service_search s join service v on v.id = s.service_id where v.source = 'ptv')::int
            as searchable`.execute(d.db);
      expect(after.rows[0]).toEqual({ services: g.serviceIds.length, searchable: g.serviceIds.length });
      const stored = await sql<{ n: number }>`select count(*)::int as n from ptv_record where written_hash is not null`;
      expect((await stored.execute(d.db)).rows[0]!.n).toBe(records);

      // Two runs, two entries: the interrupted one (written when it was resumed) and the one that completed it.
      const runs = await d.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'actor_name', 'details'])
        .where('action', 'like', 'ptv.import%')
        .orderBy('id')
        .execute();
      expect(runs.map((r) => r.action)).toEqual([
        'ptv.import.started',
        'ptv.import',
        'ptv.import.started',
        'ptv.import',
      ]);
      const [firstStart, interrupted, secondStart, completed] = runs as {
        outcome: string;
        actor_name: string;
        details: Record<string, unknown>;
      }[];
      expect(interrupted).toMatchObject({
        outcome: 'failed',
        actor_name: firstStart!.actor_name,
        details: { run: firstStart!.details.run, interrupted: true, resumedBy: secondStart!.details.run },
      });
      expect(completed).toMatchObject({
        outcome: 'ok',
        actor_name: 'test',
        details: { run: secondStart!.details.run, resumes: [firstStart!.details.run], created: records - kept },
      });
    } finally {
      await (pgDb ? pgDb.dispose() : d.close());
    }
  });
});
