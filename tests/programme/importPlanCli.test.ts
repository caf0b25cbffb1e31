/**
 * `yhdessa import plan` as a person runs it: --dry-run [--json] opens no database; without it the plan is stored
 * with its history (new plan, new version, unchanged); errors are one line.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { parsePlanDocument } from '../../src/core/programme/planDocument/parsePlanDocument.js';
import { testDatabases, type TestDbKind } from '../support/databases.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'yhdessa-plan-cli-'));
const seed = (f: string) => `src/demo/data/plans/${f}`;
const yhdessa = (args: string[], env: Record<string, string> = {}) =>
  run('node', ['bin/yhdessa.js', 'import', 'plan', ...args], {
    env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ...env },
    timeout: 180_000,
  })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yhdessa import plan --dry-run', () => {
  it.each(['raasepori-2018.txt', 'inkoo-siuntio-2018.txt', 'askola-2018.txt', 'uusimaa-programme-summary.txt'])(
    '--json prints what %s says, and opens no database',
    async (f) => {
      const r = await yhdessa([seed(f), '--dry-run', '--json']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual(parsePlanDocument(readFileSync(seed(f), 'utf8')));
      expect(existsSync(join(dir, 'data'))).toBe(false);
    },
  );

  it('without --json, a short summary', async () => {
    const r = await yhdessa([seed('inkoo-siuntio-2018.txt'), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: Inkoo (149) & Siuntio (755), 2018-10-30');
    expect(r.stdout).toContain(
      '  sections: 1 (3 items), 2 (2 items), 3 (1 item, 1 note), 4 (1 item, 1 note), 5 (1 item), 6 (3 items)\n',
    );
    // "Inkoo: Ei ollut ketteriä kokeiluja" is a note of section 3, not an experiment.
    expect(r.stdout).toContain('  experiments: 1 (one_off 1)\n');
    expect(r.stdout).toContain('  people: Anne Öhman, perusturvajohtaja, Inkoo; Merja Olkinuora');
    expect(r.stdout).toContain('  unplaced: none\n');
    expect(r.stdout).toMatch(/Dry run: nothing stored\.\n$/);
    const summary = await yhdessa([seed('uusimaa-programme-summary.txt'), '--dry-run']);
    expect(summary.stdout).toContain('Regional summary: UUDENMAAN MAAKUNTA');
    expect(summary.stdout).toContain('  sub-goals: 4\n');
    expect(summary.stdout).toContain('  partners: 4\n');
  });

  it('lists what it could not place (and says so on stderr with --json)', async () => {
    const f = 'tests/fixtures/plans/porvoo-sipoo-2019.txt';
    const r = await yhdessa([f, '--dry-run']);
    expect(r.stdout).toContain(
      '  could not place 3 lines (kept as unplaced):\n    7. Muut huomiot:\n    Hankkeen loppuraportti julkaistaan kuntien verkkosivuilla.\n    Vuoden 2025 tavoite puuttuu taulukosta\n',
    );
    expect(r.stdout).toContain('  roadmap: 6 cells (2018: 2, 2019: 2, 2022: 2)');
    const j = await yhdessa([f, '--dry-run', '--json']);
    expect(JSON.parse(j.stdout).unplaced).toHaveLength(3);
    expect(j.stderr).toBe('yhdessa: 3 lines could not be placed; see "unplaced"\n');
  });

  it('reads a file saved in the Windows code page', async () => {
    const file = join(dir, 'raasepori-ansi.txt');
    const text = readFileSync(seed('raasepori-2018.txt'), 'utf8');
    writeFileSync(file, Buffer.from(text.replace(/–/g, '-'), 'latin1'));
    const r = await yhdessa([file, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(parsePlanDocument(text.replace(/–/g, '-')));
  });

  it('errors are one line: missing file, a folder, not a plan', async () => {
    const missing = await yhdessa(['nope.txt', '--dry-run']);
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'yhdessa: cannot read nope.txt: no such file\n' });
    const folder = await yhdessa([dir, '--dry-run', '--json']);
    expect(folder).toMatchObject({ code: 1, stderr: `yhdessa: cannot read ${dir}: it is a folder, not a file\n` });
    const notPlan = join(dir, 'shopping.txt');
    writeFileSync(notPlan, 'Kauppalista\n- maito\n- leipä\n');
    const r = await yhdessa([notPlan, '--dry-run', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `yhdessa: ${notPlan} is not a plan document: none of the numbered sections of the plan template (or the questions of the regional summary) were found\n`,
    );
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect((await yhdessa([empty, '--dry-run'])).stderr).toBe(
      `yhdessa: ${empty} is not a plan document: it is empty\n`,
    );
  });
});

describe.each(testDatabases())('yhdessa import plan, stored (%s)', (kind: TestDbKind) => {
  let env: Record<string, string>;
  let drop = async () => {};
  const dataDir = join(dir, `store-${kind}`);

  beforeAll(async () => {
    if (kind === 'pglite') {
      env = { DATA_DIR: dataDir };
      return;
    }
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `yh_test_${randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    drop = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    };
  });
  afterAll(() => drop());

  it('a new plan, the same text again unchanged, a newer text a new version; the summary too', async () => {
    const first = await yhdessa([seed('raasepori-2018.txt')], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Plan: Raasepori (710), 2018-08-30');
    expect(first.stdout).toMatch(/Stored a new plan [0-9a-f-]{36} \(version 1\)\.\n$/);
    const planId = /Stored a new plan ([0-9a-f-]{36})/.exec(first.stdout)![1]!;

    const again = await yhdessa([seed('raasepori-2018.txt')], env);
    expect(again.stdout).toMatch(new RegExp(`Unchanged: plan ${planId} is already at version 1 with this text\\.\\n$`));

    const newer = join(dir, `raasepori-2019-${kind}.txt`);
    writeFileSync(
      newer,
      readFileSync(seed('raasepori-2018.txt'), 'utf8').replace(
        '4. Alueelle juurrutettavat kokeilut muista kunnista:\n',
        '4. Alueelle juurrutettavat kokeilut muista kunnista:\n\n- Hangon nuorisovaltuuston malli kouluterveyskyselyn käsittelyyn.\n',
      ),
    );
    const second = await yhdessa([newer, '--json'], env);
    expect(second.code).toBe(0);
    const out = JSON.parse(second.stdout);
    expect(out).toMatchObject({ plan_id: planId, version: 2, changed: true });
    expect(out.document.adopted_from_others).toEqual([
      'Hangon nuorisovaltuuston malli kouluterveyskyselyn käsittelyyn.',
    ]);

    const summary = await yhdessa([seed('uusimaa-programme-summary.txt')], env);
    expect(summary.stdout).toMatch(/Stored a new plan [0-9a-f-]{36} \(version 1\)\.\n$/);

    const d = await openDatabase(kind === 'pglite' ? { dataDir } : { url: env.DATABASE_URL! });
    try {
      const versions = await d.db
        .selectFrom('programme_plan_version')
        .select(['plan_id', 'version', 'file_name'])
        .orderBy('version')
        .execute();
      expect(versions.filter((v) => v.plan_id === planId).map((v) => [v.version, v.file_name])).toEqual([
        [1, 'raasepori-2018.txt'],
        [2, `raasepori-2019-${kind}.txt`],
      ]);
      const audit = await d.db
        .selectFrom('audit_event')
        .select(['actor_name'])
        .where('action', '=', 'programme.plan_imported')
        .execute();
      expect(audit).toHaveLength(3);
      expect(audit[0]!.actor_name).toMatch(/^command line \(/);
    } finally {
      await d.close();
    }
  }, 400_000);
});
