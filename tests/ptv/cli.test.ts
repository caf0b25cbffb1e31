/**
 * `yhdessa import ptv`: imports a folder, reports each broken record and unreadable file on one line of its own,
 * and ends with the summary line; a path that is not there is one readable error line and a non-zero exit.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyDataDir } from '../support/databases.js';
import { FIXTURES, writeGenerated } from './support.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'yhdessa-ptv-cli-'));
/** Each test's own data folder (not there when the test starts). */
let dataDir = '';
let tests = 0;
const yhdessa = (args: string[]) =>
  run('node', ['bin/yhdessa.js', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEBUG: '' },
    timeout: 600_000,
  })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }));

describe('yhdessa import ptv', () => {
  const g = writeGenerated({ services: 40, broken: true, seed: 11 }, join(dir, 'ptv'));
  // The folder imported into an empty data folder, once: the first test reads what the command said, the second
  // imports again into a copy of the data folder it left.
  const imported = join(dir, 'imported');
  let first: Awaited<ReturnType<typeof yhdessa>>;
  beforeAll(async () => {
    dataDir = imported;
    first = await yhdessa(['import', 'ptv', g.dir]);
  }, 600_000);
  beforeEach(() => {
    dataDir = join(dir, `data-${++tests}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'imports a folder, reports broken records one line each, and ends with the summary',
    { timeout: 600_000 },
    async () => {
      const r = first;
      expect(r.code).toBe(0);
      const records = g.serviceIds.length + g.channelIds.length + g.organizationIds.length;
      expect(r.stdout.trim().split('\n').at(-1)).toBe(
        `PTV import: ${records - g.broken.length} created, 0 updated, 0 unchanged, 0 deactivated, ${g.broken.length + 1} failed`,
      );
      const errors = r.stderr.trim().split('\n');
      expect(errors).toHaveLength(g.broken.length + 1);
      for (const b of g.broken)
        expect(errors.filter((l) => l.startsWith(`failed: ${b.kind} ${b.id} in `))).toHaveLength(1);
      expect(errors).toContainEqual(expect.stringMatching(/^failed: record in services-broken\.json: not valid JSON/));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('changes nothing the second time', { timeout: 600_000 }, async () => {
    copyDataDir(imported, dataDir);
    const r = await yhdessa(['import', 'ptv', g.dir]);
    const records = g.serviceIds.length + g.channelIds.length + g.organizationIds.length;
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      `PTV import: 0 created, 0 updated, ${records - g.broken.length} unchanged, 0 deactivated, ${g.broken.length + 1} failed`,
    );
  });

  it('imports a single file, and refuses what is not there in one line', { timeout: 600_000 }, async () => {
    const one = await yhdessa(['import', 'ptv', join(FIXTURES, 'v11_service_list_sample.json')]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/note: municipalities outside the directory left out of service areas: 123, 426/);
    expect(one.stdout.trim().split('\n').at(-1)).toBe(
      'PTV import: 2 created, 0 updated, 0 unchanged, 0 deactivated, 0 failed',
    );
    const missing = await yhdessa(['import', 'ptv', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `yhdessa: cannot import ${join(dir, 'nope')}: no such file or folder: ${join(dir, 'nope')}\n`,
    );
  });
});
