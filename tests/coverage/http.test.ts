import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { LIFE_SITUATIONS } from '../../src/core/directory/vocabulary.js';
import { MUNICIPALITIES } from '../../src/core/places/municipalities.js';
import { useFixtureApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { expectedCounts, serving, servicesOf } from './expected.js';

/** RFC 4180 records (CRLF between them; quotes doubled inside quoted fields), any delimiter. */
const parseCsv = (text: string, delimiter: string): string[][] => parse(text, { delimiter, record_delimiter: '\r\n' });

const decode = (s: string) => s.replace(/&amp;/g, '&');
const services = servicesOf([directoryFixture()]);

describe.each(testDatabases())('coverage over HTTP (%s)', (kind) => {
  const { get } = useFixtureApp(kind);

  it.each([
    ['fi', 'Palvelujen kattavuus', 'Puuttuu: ruotsi', 'Inkoo'],
    ['sv', 'Tjänsternas täckning', 'Saknas: svenska', 'Ingå'],
    ['en', 'Service coverage', 'Missing: Swedish', 'Inkoo'],
  ])(
    'renders the matrix in %s: headers with scope, a row per municipality, gaps in words',
    async (lang, title, missing, inkoo) => {
      const r = await get(`/${lang}/coverage`);
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain(`<html lang="${lang}"`);
      expect(r.body).toContain(`<h1>${title}</h1>`);
      expect(r.body).toMatch(/<caption[^>]*>/);
      expect(r.body.match(/<th scope="col"/g)!.length).toBe(2 + LIFE_SITUATIONS.length);
      expect(r.body.match(/<tr id="cov-m-\d{3}"/g)!.length).toBe(MUNICIPALITIES.length);
      // Inkoo's row: the small children's column has only the Finnish family café.
      const row = r.body.slice(
        r.body.indexOf('<tr id="cov-m-149"'),
        r.body.indexOf('</tr>', r.body.indexOf('<tr id="cov-m-149"')),
      );
      expect(row).toContain(`<span class="cov-name">${inkoo}</span>`);
      expect(row).toContain(missing);
      // The summary names Inkoo among the bilingual municipalities with a Swedish gap, linking to its row.
      expect(r.body).toMatch(/<li data-municipality="149"><a href="#cov-m-149">/);
      expect(r.body).toContain(`href="/${lang}/coverage.csv"`);
    },
  );

  it('links every count to the search that finds exactly that many services', async () => {
    const r = await get('/fi/coverage?language=sv&mode=in_person&mode=online');
    const links = [...r.body.matchAll(/<a href="(\/fi\/search\?[^"]+)">(?:<span[^>]*>)?[^<\d]*(\d+)/g)].map((m) => ({
      href: decode(m[1]!),
      n: Number(m[2]),
    }));
    expect(links.length).toBeGreaterThan(20);
    for (const l of links) {
      const api = await get(`/api/v1/services?${l.href.split('?')[1]}&per_page=1`);
      expect(api.statusCode, l.href).toBe(200);
      expect(JSON.parse(api.body).total, l.href).toBe(l.n);
    }
    // A zero is not a link (there is nothing to find).
    expect(r.body).toMatch(/<span class="cov-zero">/);
  });

  it('filters by group, language, mode and gaps, keeping the choices in the form', async () => {
    const r = await get('/sv/coverage?group=lansi-uusimaa&language=sv&mode=in_person&gaps=true');
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/<option value="lansi-uusimaa" selected="">/);
    expect(r.body).toMatch(/id="cov-language-sv"[^>]*checked=""/);
    expect(r.body).toMatch(/id="cov-mode-in_person"[^>]*checked=""/);
    expect(r.body).toMatch(/id="cov-gaps"[^>]*checked=""/);
    const rows = [...r.body.matchAll(/<tr id="cov-m-(\d{3})"/g)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(0);
    for (const code of rows) expect(MUNICIPALITIES.find((m) => m.code === code)!.county).toBe('lansi-uusimaa');
    // Only gaps: every row shown has a gap mark; no total row.
    for (const code of rows) {
      const start = r.body.indexOf(`<tr id="cov-m-${code}"`);
      expect(r.body.slice(start, r.body.indexOf('</tr>', start))).toContain('cov-gap-mark');
    }
    expect(r.body).not.toContain('<tfoot>');
    expect(r.body).toContain(
      'href="/sv/coverage.csv?group=lansi-uusimaa&amp;language=sv&amp;mode=in_person&amp;gaps=true"',
    );
  });

  it('ignores values the form cannot send instead of failing', async () => {
    const r = await get('/fi/coverage?group=mars&language=de&mode=teleport&municipality=999');
    expect(r.statusCode).toBe(200);
    expect(r.body.match(/<tr id="cov-m-\d{3}"/g)!.length).toBe(MUNICIPALITIES.length);
  });

  it('answers JSON with the counts the fixture gives, names in the asked language', async () => {
    const r = await get('/api/v1/coverage?group=bilingual&lang=sv&mode=online&mode=phone');
    expect(r.statusCode).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.filter).toEqual({
      group: 'bilingual',
      municipality: [],
      life_situation: [],
      language: [],
      mode: ['phone', 'online'],
      only_gaps: false,
    });
    const bilingual = MUNICIPALITIES.filter((m) => m.languages.length === 2);
    expect(body.municipalities.map((m: { code: string }) => m.code).sort()).toEqual(
      bilingual.map((m) => m.code).sort(),
    );
    expect(body.municipalities.find((m: { code: string }) => m.code === '710').name).toBe('Raseborg');
    for (const m of body.municipalities) {
      for (const c of m.cells) {
        const want = expectedCounts(serving(services, [m.code], [c.life_situation]), { modes: ['phone', 'online'] });
        expect(
          { services: c.services, all_languages: c.all_languages, languages: c.languages, modes: c.modes },
          `${m.code} ${c.life_situation}`,
        ).toEqual({
          services: want.total,
          all_languages: want.allLanguages,
          languages: want.languages,
          modes: want.modes,
        });
      }
    }
    expect(body.summary.bilingual_municipalities).toBe(bilingual.length);
    expect(body.municipalities[0].cells[0].search_url).toMatch(
      /^http:\/\/yhdessa\.test\/sv\/search\?municipality=\d{3}&life_situation=\w+&mode=phone&mode=online$/,
    );
  });

  it('refuses bad API parameters with a translated 400', async () => {
    const bad = await get('/api/v1/coverage?language=de&lang=sv');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error).toBe('invalid_parameter');
    const unknown = await get('/api/v1/coverage?municipality=999');
    expect(unknown.statusCode).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: 'unknown_municipality' });
    expect((await get('/api/v1/coverage?colour=red')).statusCode).toBe(400);
  });

  it("exports CSV for Excel from the page (labels in the reader's language) and for machines from the API", async () => {
    const page = await get('/sv/coverage.csv?group=lape');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(page.headers['content-disposition']).toMatch(
      /^attachment; filename="tjansternas-tackning-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(page.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(page.body.slice(1), ';');
    expect(rows[0]!.slice(0, 3)).toEqual(['Kommunnummer', 'Kommun', 'Officiella språk']);
    const lape = MUNICIPALITIES.filter((m) => m.lape);
    expect(rows.length - 1).toBe(lape.length * LIFE_SITUATIONS.length);
    const inga = rows.find((x) => x[0] === '149' && x[4] === 'under_school_age')!;
    expect(inga.slice(1, 3)).toEqual(['Ingå', 'sv fi']);
    const want = expectedCounts(serving(services, ['149'], ['under_school_age']));
    expect(inga.slice(6, 11).map(Number)).toEqual([
      want.total,
      want.allLanguages,
      want.languages.fi,
      want.languages.sv,
      want.languages.en,
    ]);
    expect(inga[15]).toBe('sv');

    const api = await get('/api/v1/coverage.csv');
    expect(api.statusCode).toBe(200);
    expect(api.body.startsWith('\uFEFF')).toBe(false);
    const arows = parseCsv(api.body, ',');
    expect(arows[0]).toEqual([
      'municipality_code',
      'municipality',
      'official_languages',
      'wellbeing_county',
      'life_situation_code',
      'life_situation',
      'services',
      'all_languages',
      'fi',
      'sv',
      'en',
      'in_person',
      'phone',
      'online',
      'home_visit',
      'missing_languages',
      'search_url',
    ]);
    expect(arows.length - 1).toBe(MUNICIPALITIES.length * LIFE_SITUATIONS.length);
    // "Kriisi, väkivalta tai turvattomuus" holds the delimiter: quoted, read back whole.
    expect(arows.find((x) => x[4] === 'crisis_violence')![5]).toBe('Kriisi, väkivalta tai turvattomuus');
    for (const x of arows.slice(1)) {
      expect(Number(x[6]), `${x[0]} ${x[4]}`).toBe(serving(services, [x[0]!], [x[4] as never]).length);
    }
  });

  it('describes the coverage API in the OpenAPI document, with its parameters', async () => {
    const doc = JSON.parse((await get('/api/v1/openapi.json')).body) as {
      paths: Record<string, { get: { tags: string[]; parameters: { name: string }[] } }>;
    };
    for (const path of ['/api/v1/coverage', '/api/v1/coverage.csv']) {
      expect(doc.paths[path]!.get.tags).toEqual(['coverage']);
      expect(doc.paths[path]!.get.parameters.map((p) => p.name).sort()).toEqual([
        'gaps',
        'group',
        'lang',
        'language',
        'life_situation',
        'mode',
        'municipality',
      ]);
    }
    expect(Object.keys(doc.paths).some((p) => p.includes('/coverage') && !p.startsWith('/api/'))).toBe(false);
  });
});
