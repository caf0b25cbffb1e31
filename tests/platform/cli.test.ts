import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'yhdessa-cli-'));
const yhdessa = (args: string[], env: Record<string, string> = {}) =>
  run('node', ['bin/yhdessa.js', ...args], { env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...env }, timeout: 120_000 })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

describe('yhdessa command line', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates an embedded database, then says it is up to date', async () => {
    const first = await yhdessa(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);
    const second = await yhdessa(['migrate']);
    expect(second.stdout).toContain('Database is up to date.');
  });

  it('loads demo data twice without adding anything twice', async () => {
    const a = await yhdessa(['demo-data']);
    expect(a.code).toBe(0);
    const b = await yhdessa(['demo-data']);
    expect(b.stdout).toBe(a.stdout);
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
