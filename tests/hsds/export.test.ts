import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHsds } from '../../src/core/hsds/exportDirectory.js';
import { EXPORTED_TABLES, tableColumns, tabularTables } from '../../src/core/hsds/tabular.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { expectValid } from './validate.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = directoryFixture();

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
const parseCsv = (text: string): string[][] => parse(text);

describe.each(testDatabases())('HSDS export on %s', (kind) => {
  let d: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [fixture]);
    dir = mkdtempSync(join(tmpdir(), 'yh-hsds-'));
    await exportHsds(d.db, { folder: dir, baseUrl: 'http://yhdessa.test', chunk: 5 });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await d?.dispose();
  });
  const read = (lang: string, file: string) => JSON.parse(readFileSync(join(dir, lang, file), 'utf8'));

  it('writes one folder per language and an index', () => {
    expect(readdirSync(dir).sort()).toEqual(['en', 'fi', 'index.json', 'sv']);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index).toMatchObject({
      hsds_version: '3.0',
      counts: { services: fixture.services.length, organizations: fixture.organizations.length },
    });
  });

  it.each(['fi', 'sv', 'en'])('writes JSON records that validate against the official schemas (%s)', (lang) => {
    const services = read(lang, 'services.json');
    expect(services.map((s: J) => s.id).sort()).toEqual(
      fixture.services.map((s) => idFromKey('service', s.key)).sort(),
    );
    for (const s of services) expectValid('service', s);
    for (const o of read(lang, 'organizations.json')) expectValid('organization', o);
    for (const t of read(lang, 'taxonomies.json')) expectValid('taxonomy', t);
    for (const t of read(lang, 'taxonomy_terms.json')) expectValid('taxonomy_term', t);
    const sals = read(lang, 'service_at_locations.json');
    expect(sals.length).toBe(fixture.services.reduce((n, s) => n + (s.locations?.length ?? 0), 0));
    for (const x of sals) expectValid('service_at_location', x);
    const neuvola = services.find((s: J) => s.id === idFromKey('service', 't-lastenneuvola'));
    const name = fixture.services.find((s) => s.key === 't-lastenneuvola')!.name;
    expect(neuvola.name).toBe(name[lang as 'fi' | 'sv' | 'en'] ?? name.fi);
    expect(neuvola.translations.name.sv).toBe('Barnrådgivning');
  });

  it('writes CSVs with exactly the columns of the HSDS tabular schema, one row per record', () => {
    const services = read('fi', 'services.json');
    for (const t of EXPORTED_TABLES) {
      const rows = parseCsv(readFileSync(join(dir, 'fi', tabularTables().get(t)!.path), 'utf8'));
      expect(rows[0], t).toEqual(tableColumns(t));
      for (const r of rows.slice(1)) expect(r.length, t).toBe(rows[0]!.length);
      const ids = rows.slice(1).map((r) => r[0]);
      expect(new Set(ids).size, `${t} ids unique`).toBe(ids.length);
    }
    const csv = parseCsv(readFileSync(join(dir, 'fi', 'services.csv'), 'utf8'));
    expect(csv.length - 1).toBe(services.length);
    const col = (name: string) => csv[0]!.indexOf(name);
    const row = csv.find((r) => r[0] === idFromKey('service', 't-lastenneuvola'))!;
    expect(row[col('name')]).toBe('Lastenneuvola');
    expect(row[col('organization_id')]).toBe(idFromKey('organization', 't-askola-hva'));
    expect(row[col('minimum_age')]).toBe('0');
    const areas = parseCsv(readFileSync(join(dir, 'fi', 'service_areas.csv'), 'utf8'));
    expect(areas.length - 1).toBe(services.reduce((n: number, s: J) => n + s.service_areas.length, 0));
    const sv = parseCsv(readFileSync(join(dir, 'sv', 'services.csv'), 'utf8'));
    expect(sv.find((r) => r[0] === idFromKey('service', 't-lastenneuvola'))![col('name')]).toBe('Barnrådgivning');
  });

  it('describes the CSVs in datapackage.json', () => {
    const dp = read('fi', 'datapackage.json');
    expect(dp.profile).toBe('tabular-data-package');
    expect(dp.resources.map((r: J) => r.path).sort()).toEqual(
      EXPORTED_TABLES.map((t) => tabularTables().get(t)!.path).sort(),
    );
    for (const r of dp.resources) {
      expect(r.schema.fields.map((f: J) => f.name)).toEqual(tableColumns(r.name));
      expect(readdirSync(join(dir, 'fi'))).toContain(r.path);
    }
  });
});

describe('npx yhdessa export hsds', () => {
  const run = promisify(execFile);
  it('refuses a path that is a file, in one line', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'yh-hsds-cli-'));
    const file = join(tmp, 'file.txt');
    writeFileSync(file, 'x');
    const err = await run(process.execPath, ['bin/yhdessa.js', 'export', 'hsds', file], {
      env: { ...process.env, DATA_DIR: join(tmp, 'data'), DATABASE_URL: '' },
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    rmSync(tmp, { recursive: true, force: true });
    expect(err?.code).toBe(1);
    expect(err?.stderr.trim()).toBe(`yhdessa: ${file} exists and is not a folder`);
  }, 120_000);
});
