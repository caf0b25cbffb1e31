import type { Lang } from '../../src/core/shared/lang.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCoverage } from '../../src/core/coverage/serviceCoverage.js';
import type { Coverage, CoverageFilter } from '../../src/core/coverage/types.js';
import { reindexServices } from '../../src/core/directory/searchIndexer.js';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { LIFE_SITUATIONS } from '../../src/core/directory/vocabulary.js';
import { MUNICIPALITIES, municipalityByCode } from '../../src/core/places/municipalities.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData, readDemoFiles } from '../../src/demo/loadDemoData.js';
import type { DemoFile } from '../../src/demo/types.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { expectedCounts, serving, servicesOf, type ExpectedFilter } from './expected.js';

/** Every cell, row, column and the grand total of `c` against the files, counted again without the database. */
function expectMatchesFiles(c: Coverage, files: DemoFile[], f: ExpectedFilter, inactive: string[] = []) {
  const services = servicesOf(files, inactive);
  const columns = c.filter.lifeSituations.length ? c.filter.lifeSituations : undefined;
  for (const row of c.rows) {
    const code = row.municipality.code;
    expect(row.counts, `row ${code}`).toEqual(expectedCounts(serving(services, [code], columns), f));
    for (const cell of row.cells) {
      const want = expectedCounts(serving(services, [code], [cell.lifeSituation]), f);
      const { municipality: _m, lifeSituation: _l, missing, ...counts } = cell;
      expect(counts, `${code} × ${cell.lifeSituation}`).toEqual(want);
      // A gap: an official language (within the language filter) with no service at all.
      const official = municipalityByCode(code)!.languages as Lang[];
      expect(missing, `gap ${code} × ${cell.lifeSituation}`).toEqual(
        official.filter((l) => (!f.languages?.length || f.languages.includes(l)) && want.languages[l] === 0),
      );
    }
  }
  for (const ls of c.lifeSituations) {
    expect(c.columns[ls], `column ${ls}`).toEqual(expectedCounts(serving(services, c.municipalityCodes, [ls]), f));
  }
  expect(c.counts).toEqual(expectedCounts(serving(services, c.municipalityCodes, columns), f));
}

describe.each(testDatabases())('service coverage (%s)', (kind) => {
  let d: TestDatabase;
  const files = [directoryFixture()];
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, files);
  });
  afterAll(async () => d?.dispose());

  it('counts every municipality × life situation as the files say: by language, by mode, rows, columns, all', async () => {
    const c = await serviceCoverage(d.db, {}, 'fi');
    expect(c.rows.map((r) => r.municipality.code).sort()).toEqual(MUNICIPALITIES.map((m) => m.code).sort());
    expect(c.lifeSituations).toEqual([...LIFE_SITUATIONS]);
    expectMatchesFiles(c, files, {});
    expect(c.activeServices).toBe(servicesOf(files).length);
    // The fixture serves some cells and not others: the comparison above is not all zeros.
    expect(c.rows.flatMap((r) => r.cells).filter((x) => x.total > 0).length).toBeGreaterThan(5);
  });

  it.each<[string, CoverageFilter, ExpectedFilter]>([
    ['Swedish-language', { languages: ['sv'] }, { languages: ['sv'] }],
    ['online or by phone', { modes: ['online', 'phone'] }, { modes: ['online', 'phone'] }],
    [
      'in person, in Finnish or English',
      { languages: ['fi', 'en'], modes: ['in_person'] },
      { languages: ['fi', 'en'], modes: ['in_person'] },
    ],
  ])('filters %s services, each breakdown without its own filter', async (_name, filter, expected) => {
    expectMatchesFiles(await serviceCoverage(d.db, filter, 'fi'), files, expected);
  });

  it('finds exactly what the directory search finds with the same filters', async () => {
    const c = await serviceCoverage(d.db, { languages: ['sv'], modes: ['in_person', 'online'] }, 'fi');
    for (const row of c.rows.filter((r) => ['149', '710', '018'].includes(r.municipality.code))) {
      for (const cell of row.cells) {
        const base = {
          lang: 'fi' as const,
          municipality: [row.municipality.code],
          lifeSituation: [cell.lifeSituation],
          perPage: 1,
        };
        expect((await searchServices(d.db, { ...base, language: ['sv'], mode: ['in_person', 'online'] })).total).toBe(
          cell.total,
        );
        expect((await searchServices(d.db, { ...base, language: ['fi'], mode: ['in_person', 'online'] })).total).toBe(
          cell.languages.fi,
        );
        expect((await searchServices(d.db, { ...base, language: ['sv'], mode: ['in_person'] })).total).toBe(
          cell.modes.in_person,
        );
      }
    }
  });

  it('marks a bilingual municipality without a Swedish-language service for a life situation as a gap', async () => {
    // Inkoo (Swedish majority): the Finnish family café serves small children; nothing in Swedish does.
    const c = await serviceCoverage(d.db, {}, 'sv');
    const inkoo = c.rows.find((r) => r.municipality.code === '149')!;
    expect(inkoo.municipality).toMatchObject({ bilingual: true, languages: ['sv', 'fi'] });
    const cell = (ls: string) => inkoo.cells.find((x) => x.lifeSituation === ls)!;
    expect(cell('under_school_age')).toMatchObject({ languages: { fi: 1, sv: 0 }, missing: ['sv'] });
    expect(cell('baby').missing).toEqual([]);
    expect(c.summary.bilingualGaps.sv.municipalities).toContain('149');
    // Hanko serves nothing for babies in any language: no service, not two language gaps.
    expect(
      c.rows.find((r) => r.municipality.code === '078')!.cells.find((x) => x.lifeSituation === 'baby'),
    ).toMatchObject({ allLanguages: 0, missing: ['fi', 'sv'] });
    expect(c.summary.noService.municipalities).toContain('078');
    expect(c.summary.bilingualGaps.sv.municipalities).not.toContain('078');
    expect(c.summary.byMunicipality.find((m) => m.code === '078')!.gaps).toContainEqual({
      lifeSituation: 'baby',
      missing: ['fi', 'sv'],
      none: true,
    });
    expect(c.summary.bilingualGaps.sv.lifeSituations).toContain('under_school_age');
    expect(c.summary.byMunicipality.find((m) => m.code === '149')!.gaps).toContainEqual({
      lifeSituation: 'under_school_age',
      missing: ['sv'],
      none: false,
    });
    // A unilingual municipality is never short of Swedish.
    const askola = c.rows.find((r) => r.municipality.code === '018')!;
    expect(askola.cells.every((x) => !x.missing.includes('sv'))).toBe(true);
    expect(c.summary.bilingualGaps.sv.municipalities).not.toContain('018');
  });

  it("with a language filter looks only for that language's gaps", async () => {
    const c = await serviceCoverage(d.db, { languages: ['fi'] }, 'fi');
    expect(c.rows.flatMap((r) => r.cells).every((x) => !x.missing.includes('sv'))).toBe(true);
    expect(c.summary.bilingualGaps.sv.cells).toBe(0);
  });

  it('shows only the gaps: rows and columns with at least one', async () => {
    const all = await serviceCoverage(d.db, { group: 'bilingual' }, 'fi');
    const c = await serviceCoverage(d.db, { group: 'bilingual', onlyGaps: true }, 'fi');
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows.map((r) => r.municipality.code)).toEqual(
      all.rows.filter((r) => r.gaps > 0).map((r) => r.municipality.code),
    );
    for (const r of c.rows) expect(r.cells.map((x) => x.lifeSituation)).toEqual(c.lifeSituations);
    for (const ls of c.lifeSituations)
      expect(c.rows.some((r) => r.cells.some((x) => x.lifeSituation === ls && x.missing.length))).toBe(true);
    expect(c.summary).toEqual(all.summary);
  });

  it('leaves out inactive services', async () => {
    await sql`update service set status = 'inactive' where id = ${idFromKey('service', 't-familjecafe-inga')}::uuid`.execute(
      d.db,
    );
    await reindexServices(d.db, [idFromKey('service', 't-familjecafe-inga')]);
    try {
      const c = await serviceCoverage(d.db, {}, 'fi');
      expectMatchesFiles(c, files, {}, ['t-familjecafe-inga']);
      const inkoo = c.rows.find((r) => r.municipality.code === '149')!;
      expect(inkoo.cells.find((x) => x.lifeSituation === 'baby')!.missing).toEqual(['sv']);
    } finally {
      await sql`update service set status = 'active' where id = ${idFromKey('service', 't-familjecafe-inga')}::uuid`.execute(
        d.db,
      );
      await reindexServices(d.db, [idFromKey('service', 't-familjecafe-inga')]);
    }
  });

  it('filters municipalities by group: bilingual, LAPE, wellbeing services county; and by code', async () => {
    const codes = async (f: CoverageFilter) =>
      (await serviceCoverage(d.db, f, 'fi')).rows.map((r) => r.municipality.code).sort();
    expect(await codes({ group: 'bilingual' })).toEqual(
      MUNICIPALITIES.filter((m) => m.languages.length === 2)
        .map((m) => m.code)
        .sort(),
    );
    expect(await codes({ group: 'lape' })).toEqual(
      MUNICIPALITIES.filter((m) => m.lape)
        .map((m) => m.code)
        .sort(),
    );
    expect(await codes({ group: 'ita-uusimaa' })).toEqual(
      MUNICIPALITIES.filter((m) => m.county === 'ita-uusimaa')
        .map((m) => m.code)
        .sort(),
    );
    expect(await codes({ group: 'lansi-uusimaa', municipalities: ['149', '018'] })).toEqual(['149']);
    const c = await serviceCoverage(d.db, { group: 'lansi-uusimaa', lifeSituations: ['separation', 'leisure'] }, 'fi');
    expect(c.lifeSituations).toEqual(['separation', 'leisure']);
    expectMatchesFiles(c, files, {});
  });

  it("sorts municipalities in the reader's alphabet (ä after z in Finnish, å ä ö last in Swedish)", async () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const names = (await serviceCoverage(d.db, {}, lang)).rows.map((r) =>
        lang === 'sv' ? r.municipality.name.sv : r.municipality.name.fi,
      );
      expect(names).toEqual([...names].sort(new Intl.Collator(lang).compare));
    }
    const fi = (await serviceCoverage(d.db, {}, 'fi')).rows.map((r) => r.municipality.name.fi);
    expect(fi.indexOf('Myrskylä')).toBeLessThan(fi.indexOf('Mäntsälä'));
  });
});

describe.each(testDatabases())('service coverage of the demo data (%s)', (kind) => {
  let d: TestDatabase;
  const files = readDemoFiles();
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true }); // what loadDemoData(db, files) loads
  });
  afterAll(async () => d?.dispose());

  it('counts every cell as the demo files say, and finds the gaps the files have', async () => {
    const c = await serviceCoverage(d.db, {}, 'sv');
    expectMatchesFiles(c, files, {});
    // The gaps, found again from the files: bilingual municipalities with a life situation served, but not in
    // Swedish; and pairs nobody serves.
    const services = servicesOf(files);
    const noSv = (code: string, ls: (typeof LIFE_SITUATIONS)[number]) => {
      const here = serving(services, [code], [ls]);
      return here.length > 0 && !here.some((s) => s.languages.includes('sv'));
    };
    const expectedSv = MUNICIPALITIES.filter(
      (m) => m.languages.length === 2 && LIFE_SITUATIONS.some((ls) => noSv(m.code, ls)),
    );
    expect([...c.summary.bilingualGaps.sv.municipalities].sort()).toEqual(expectedSv.map((m) => m.code).sort());
    expect(c.summary.bilingualGaps.sv.cells).toBe(
      MUNICIPALITIES.filter((m) => m.languages.length === 2).reduce(
        (n, m) => n + LIFE_SITUATIONS.filter((ls) => noSv(m.code, ls)).length,
        0,
      ),
    );
    const nobody = MUNICIPALITIES.reduce(
      (n, m) => n + LIFE_SITUATIONS.filter((ls) => !serving(services, [m.code], [ls]).length).length,
      0,
    );
    expect(c.summary.noService.cells).toBe(nobody);
  });

  it('counts in-person Swedish-language services as the files say', async () => {
    expectMatchesFiles(await serviceCoverage(d.db, { languages: ['sv'], modes: ['in_person'] }, 'fi'), files, {
      languages: ['sv'],
      modes: ['in_person'],
    });
  });
});
