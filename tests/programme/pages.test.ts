/** The programme pages and exports, in Finnish, Swedish and English, on both databases. */
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importPlanDocument } from '../../src/core/programme/importPlan.js';
import { planIdForMunicipality } from '../../src/core/programme/queries.js';
import {
  createDatabaseTemplate,
  testDatabases,
  type DatabaseTemplate,
  type TestDatabase,
} from '../support/databases.js';
import { testApp } from '../support/app.js';
import { askola, inkooSiuntio, programmeSummary, raasepori, seedText } from './fixtures.js';
import { addProgrammeOrgs, CLI } from './support.js';

const LANGS = ['fi', 'sv', 'en'] as const;
const TITLES = {
  fi: 'LAPE-ohjelma Uudellamaalla',
  sv: 'LAPE-programmet i Nyland',
  en: 'The LAPE programme in Uusimaa',
};

describe.each(testDatabases())('programme pages on %s', (kind) => {
  // The plans imported once; the tests that only read share one copy and app, those that change what is stored
  // each have their own (below).
  let plans: DatabaseTemplate;
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    plans = await createDatabaseTemplate(kind, async ({ db }) => {
      await addProgrammeOrgs(db);
      await importPlanDocument(db, CLI, raasepori(), {
        text: seedText('raasepori-2018.txt'),
        fileName: 'raasepori-2018.txt',
      });
      await importPlanDocument(db, CLI, inkooSiuntio(), {
        text: seedText('inkoo-siuntio-2018.txt'),
        fileName: 'inkoo-siuntio-2018.txt',
      });
      await importPlanDocument(db, CLI, askola(), { text: seedText('askola-2018.txt'), fileName: 'askola-2018.txt' });
      await importPlanDocument(db, CLI, programmeSummary(), {
        text: seedText('uusimaa-programme-summary.txt'),
        fileName: 'uusimaa-programme-summary.txt',
      });
    });
    d = await plans.copy();
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
    await plans?.dispose();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });
  const noMissingKeys = (html: string) => expect(html.match(/programme\.[a-z_]+\.[a-z_.]+/g) ?? []).toEqual([]);

  it.each(LANGS)(
    'shows the region overview in %s: matrix, permanent practices, timeline, chart with tables',
    async (lang) => {
      const res = await get(`/${lang}/programme`);
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain(TITLES[lang]);
      noMissingKeys(html);
      // The matrix names every LAPE municipality and links those with a plan.
      expect(html).toContain(`href="/${lang}/programme/municipalities/710"`);
      expect(html).toContain(`href="/${lang}/programme/municipalities/018"`);
      expect(html).toMatch(lang === 'sv' ? /Hangö/ : /Hanko/);
      // What was made permanent, by municipality.
      expect(html).toContain('Perhekeskusverkosto');
      expect(html).toContain('Koulukohtaisen oppilashuoltoryhmän toimintamalli');
      // Pictures are named images with a table of the same facts.
      expect(html.match(/<svg[^>]*role="img"/g)?.length).toBeGreaterThanOrEqual(3);
      expect(html).toContain('<caption>');
      expect(html).toContain('Toimivat sähköiset palvelut');
      expect(html).toContain(`href="/${lang}/coverage"`);
    },
  );

  it('filters the timeline to one year with a GET form', async () => {
    const res = await get('/fi/programme?year=2022');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Toimivat sähköiset palvelut');
    expect(res.body).toContain('Lapsiasiamiestoiminta vakiintunut.');
    expect(res.body).not.toContain('Lapsiperheiden palvelukartta valmis.');
    expect(res.body).toContain('<option value="2022" selected="">2022</option>');
    const permanent = await get('/fi/programme?status=permanent&municipality=018');
    expect(permanent.body).toContain('Perhekeskusverkosto');
    expect(permanent.body).not.toContain('Koulukohtaisen oppilashuoltoryhmän toimintamalli');
    // Unknown values are ignored rather than failing.
    expect((await get('/fi/programme?year=abc&status=nope&municipality=999')).statusCode).toBe(200);
  });

  it.each(LANGS)(
    'shows a municipality plan in %s with experiments, roadmap, structural changes and working group',
    async (lang) => {
      const res = await get(`/${lang}/programme/municipalities/149`);
      expect(res.statusCode).toBe(200);
      noMissingKeys(res.body);
      expect(res.body).toContain('Lasten- ja nuorten osallistumisilta');
      expect(res.body).toContain('Anne Öhman');
      expect(res.body).toContain('Molemmissa kunnissa yhteistyö on lisääntynyt');
      expect(res.body).not.toContain('/edit"'); // nobody signed in: no edit links
      const r = await get(`/${lang}/programme/municipalities/710`);
      expect(r.body).toContain('Raasepori edelleen Unicefin lapsiystävällinen kunta.');
      expect(r.body).toContain('2030');
    },
  );

  it('answers a municipality without a plan and an unknown code', async () => {
    const res = await get('/sv/programme/municipalities/078');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Kommunens plan har ännu inte importerats.');
    expect((await get('/fi/programme/municipalities/999')).statusCode).toBe(404);
  });

  it.each(LANGS)('shows the programme description in %s', async (lang) => {
    const res = await get(`/${lang}/programme/about`);
    expect(res.statusCode).toBe(200);
    noMissingKeys(res.body);
    expect(res.body).toContain('FSKC');
    expect(res.body).toContain('Merja Kuusimurto');
  });

  describe('changing what is stored', () => {
    let d: TestDatabase;
    let app: FastifyInstance;
    beforeEach(async () => {
      d = await plans.copy();
      app = await testApp(d);
    });
    afterEach(async () => {
      await app?.close();
      await d?.dispose();
    });
    const get = (url: string) => app.inject({ method: 'GET', url });

    it('lists versions and shows what changed between them', async () => {
      const planId = (await planIdForMunicipality(d.db, '018'))!;
      const next = askola();
      next.roadmap.push({ year: 2025, text: 'Perhekeskusverkosto arvioitu.' });
      await importPlanDocument(d.db, CLI, next, {
        text: `${seedText('askola-2018.txt')}\nPerhekeskusverkosto arvioitu.\n`,
        fileName: 'askola-2019.txt',
      });
      const list = await get(`/en/programme/plans/${planId}/versions`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('askola-2019.txt');
      expect(list.body).toContain(`/en/programme/plans/${planId}/diff?from=1&amp;to=2`);
      const diff = await get(`/en/programme/plans/${planId}/diff?from=1&to=2`);
      expect(diff.statusCode).toBe(200);
      expect(diff.body).toMatch(/<ins>.*Perhekeskusverkosto arvioitu\./s);
      expect(diff.body).toContain('2025: Perhekeskusverkosto arvioitu.');
      const text = await get(`/fi/programme/plans/${planId}/versions/1`);
      expect(text.body).toContain('Perhekeskusverkoston vahvistaminen');
      expect((await get(`/fi/programme/plans/${planId}/versions/9`)).statusCode).toBe(404);
      expect((await get(`/fi/programme/plans/${planId}/diff?from=1&to=1`)).statusCode).toBe(404);
    });

    it('shows what a plan adopts from another municipality as a link between them, and text the parser could not place', async () => {
      const porvoo = {
        ...askola(),
        municipalities: [{ name: 'Porvoo', code: '638' }],
        experiments: [],
        roadmap: [],
        unplaced: ['Liite: kokousmuistio 12.9.2018'],
        adopted_from_others: [
          'Lapsivaikutusten arviointi Raaseporin mallin mukaan',
          'Unicefin lapsiystävällinen kunta -malli',
        ],
      };
      await importPlanDocument(d.db, CLI, porvoo, { text: 'Porvoo 2018', fileName: 'porvoo-2018.txt' });
      const page = await get('/fi/programme/municipalities/638');
      expect(page.body).toContain('Liite: kokousmuistio 12.9.2018');
      expect(page.body).toContain('href="/fi/programme/municipalities/710">Raasepori</a>');
      const overview = await get('/en/programme');
      expect(overview.body).toMatch(
        /municipalities\/710">Raasepori<\/a><\/td><td><a href="\/en\/programme\/municipalities\/638">Porvoo<\/a><\/td><td><span lang="fi">Lapsivaikutusten arviointi Raaseporin mallin mukaan/,
      );
      expect(overview.body).toContain('taken up from another municipality');
    });

    it('writes CSV cells that a spreadsheet would run as formulas as plain text (OWASP CSV injection)', async () => {
      const planId = (await planIdForMunicipality(d.db, '710'))!;
      await d.db
        .updateTable('programme_action')
        .set({ owner_team: '=HYPERLINK("http://evil.invalid","x")', evidence: '+SUM(1,2)', notes: '@cmd' })
        .where('plan_id', '=', planId)
        .execute();
      const csv = await get('/api/v1/programme/experiments.csv?municipality=710');
      const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.owner_team).toBe(`'=HYPERLINK("http://evil.invalid","x")`);
        expect(r.evidence).toBe("'+SUM(1,2)");
        expect(r.notes).toBe("'@cmd");
      }
    });
  });

  it('exports everything as JSON and the experiments and milestones as CSV', async () => {
    const json = await get('/api/v1/programme.json');
    expect(json.statusCode).toBe(200);
    const body = json.json() as {
      programme: { partners: string[] };
      plans: {
        municipalities: { code: string }[];
        experiments: { status: string; original: string }[];
        roadmap: { year: number }[];
      }[];
    };
    expect(body.programme.partners).toContain('FSKC');
    expect(body.plans.map((p) => p.municipalities.map((m) => m.code).join('+')).sort()).toEqual([
      '018',
      '149+755',
      '710',
    ]);
    const rsp = body.plans.find((p) => p.municipalities[0]!.code === '710')!;
    expect(rsp.experiments.map((e) => e.status)).toEqual(['permanent', 'permanent', 'permanent']);
    expect(rsp.roadmap).toHaveLength(8);
    const planId = (await planIdForMunicipality(d.db, '710'))!;
    const one = await get(`/api/v1/programme/plans/${planId}.json`);
    expect(one.statusCode).toBe(200);
    expect((one.json() as { id: string }).id).toBe(planId);
    expect((await get('/api/v1/programme/plans/00000000-0000-4000-8000-000000000000.json')).statusCode).toBe(404);

    const csv = await get('/api/v1/programme/experiments.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^id,plan_id,municipality_codes,municipalities,kind,title,status/);
    expect(lines.filter((l) => l.includes('Perhekeskusverkosto'))).toHaveLength(1);
    const onlyAskola = await get('/api/v1/programme/milestones.csv?municipality=018');
    const rows = onlyAskola.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1);
    expect(rows.length).toBe(5); // Askola's milestones of 2018 (the test of versions imports a sixth, on its own database)
    expect(rows.every((r) => r.includes(',018,'))).toBe(true);
    const bad = await get('/api/v1/programme/milestones.csv?municipality=999');
    expect(bad.statusCode).toBe(400);
  });
});
