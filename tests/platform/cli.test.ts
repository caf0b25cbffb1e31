import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDataDir } from '../support/databases.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'yhdessa-cli-'));
/** Each test's own data folder (not there when the test starts). */
let dataDir = '';
let tests = 0;
const yhdessa = (args: string[], env: Record<string, string> = {}) =>
  run('node', ['bin/yhdessa.js', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    timeout: 120_000,
  })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }));

describe('yhdessa command line', { timeout: 180_000 }, () => {
  beforeEach(() => {
    dataDir = join(dir, `data-${++tests}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates an embedded database, then says it is up to date', async () => {
    const first = await yhdessa(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);
    const second = await yhdessa(['migrate']);
    expect(second.stdout).toContain('Database is up to date.');
  });

  it('runs with its code bundle kept outside the project (CLI_CACHE_DIR), where node_modules is not above it', async () => {
    const cache = join(dir, 'cli-cache');
    const r = await yhdessa(['migrate'], { CLI_CACHE_DIR: cache });
    expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Applied \d+ migration/);
    expect(readdirSync(cache).some((f) => f.endsWith('.json'))).toBe(true);
  });

  it('loads demo data twice without adding anything twice', async () => {
    const a = await yhdessa(['demo-data']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Added 9 demo professionals.');
    const b = await yhdessa(['demo-data']);
    // The second run adds nothing: the same output without the first run's "Added …" lines.
    expect(b.stdout).not.toMatch(/^Added /m);
    expect(b.stdout).toBe(a.stdout.replace(/^Added .*\n/gm, ''));
  });

  describe('with the demo organisations', () => {
    beforeEach(async () => {
      await createDataDir(dataDir, undefined, { demo: true });
    }, 120_000);

    it('adds a person and prints a single-use link; refuses bad input with one line', async () => {
      const ok = await yhdessa(
        [
          'user',
          'add',
          '--email',
          'Eka@Example.fi',
          '--name',
          'Eka Ensimmäinen',
          '--role',
          'org_admin',
          '--org',
          'askola-kunta',
          '--lang',
          'sv',
        ],
        { PUBLIC_URL: 'https://yhdessa.example.fi' },
      );
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(
        /^Added Eka Ensimmäinen <Eka@Example.fi> as org_admin\. .*\nhttps:\/\/yhdessa\.example\.fi\/sv\/set-password\?token=[\w-]{43}\n$/,
      );
      const again = await yhdessa(['user', 'add', '--email', 'eka@example.fi', '--name', 'X', '--role', 'admin']);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe('yhdessa: cannot add eka@example.fi: email taken\n');
      const noOrg = await yhdessa(['user', 'add', '--email', 'toka@example.fi', '--name', 'X', '--role', 'editor']);
      expect(noOrg.stderr).toBe("yhdessa: --role editor needs --org (an organisation's id or key)\n");
      const badRole = await yhdessa(['user', 'add', '--email', 'toka@example.fi', '--name', 'X', '--role', 'boss']);
      expect(badRole.stderr).toContain('--role must be one of admin, coordinator, member, editor, org_admin');
      const unknownOrg = await yhdessa([
        'user',
        'add',
        '--email',
        'toka@example.fi',
        '--name',
        'X',
        '--role',
        'member',
        '--org',
        'nope',
      ]);
      expect(unknownOrg.stderr).toBe('yhdessa: no organisation with id or key "nope"\n');
    });
  });

  it('fails with one readable line and no stack trace', async () => {
    const bad = await yhdessa(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('yhdessa: DATABASE_URL must start with postgres://');
    const unknown = await yhdessa(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
