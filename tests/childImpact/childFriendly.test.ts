/**
 * The child-friendly municipality over HTTP (both databases): the municipality's team keeps its stage, building
 * blocks and action plan; another municipality's official and the signed-out are refused; the region view has a
 * chart and a table of the same facts; the open data and OpenAPI; the demo data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { loadDemoPeople } from '../../src/demo/demoPeople.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { Agent } from '../support/agent.js';
import { addWorld, agentFor } from './support.js';

describe.each(testDatabases())('the child-friendly municipality on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await addWorld(d.db);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('the team keeps its stage, blocks and action plan; others are refused', async () => {
    const hanna = await agentFor(app, 'editor@hanko.test');
    expect((await hanna.get('/fi/work/child-friendly/710')).statusCode).toBe(403);
    expect(
      (
        await hanna.postForm('/fi/work/child-friendly/710/stage', {
          stage: 'recognised',
          date_recognised: '2023-05-16',
        })
      ).statusCode,
    ).toBe(403);
    const coord = await agentFor(app, 'coord@test.fi');
    expect((await coord.postForm('/fi/work/child-friendly/710/stage', { stage: 'recognised' })).statusCode).toBe(403);
    const anon = await agentFor(app);
    expect((await anon.postForm('/fi/work/child-friendly/710/stage', { stage: 'recognised' })).statusCode).toBe(401);
    expect(await d.db.selectFrom('child_friendly_status').selectAll().execute()).toEqual([]);

    const rea = await agentFor(app, 'editor@raasepori.test');
    let res = await rea.postForm('/sv/work/child-friendly/710/stage', {
      stage: 'recognised',
      date_recognised: '16.5.2035x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('16.5.2035x');
    res = await rea.postForm('/sv/work/child-friendly/710/stage', {
      stage: 'recognised',
      date_application: '2.9.2019',
      date_recognised: '16.5.2023',
    });
    expect(res.statusCode).toBe(303);
    res = await rea.postForm('/fi/work/child-friendly/710/blocks', {
      block_participation_status: 'in_place',
      block_participation_evidence: 'Nuorisovaltuusto',
    });
    expect(res.statusCode).toBe(303);
    res = await rea.postForm('/fi/work/child-friendly/710/actions', {
      title: 'Lasten parlamentti',
      owner: 'Nuorisopalvelut',
      status: 'done',
      due: '2025-06-30',
    });
    expect(res.statusCode).toBe(303);
    expect(
      (await hanna.postForm('/fi/work/child-friendly/710/actions', { title: 'x', status: 'planned' })).statusCode,
    ).toBe(403);

    const page = await anon.get('/fi/child-friendly/710');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tunnustus myönnetty');
    expect(page.body).toContain('Nuorisovaltuusto');
    expect(page.body).toContain('Lasten parlamentti');
    const region = await anon.get('/sv/child-friendly');
    expect(region.body).toContain('<svg');
    expect(region.body).toContain('<table');
    expect(region.body).toMatch(/Raseborg<\/a><\/th><td>Erkännande beviljat<\/td><td>16\.5\.2023<\/td>/);
    const api = await anon.get('/api/v1/child-friendly-municipalities');
    const raasepori = api
      .json()
      .municipalities.find((m: { municipality_code: string }) => m.municipality_code === '710');
    expect(raasepori).toMatchObject({
      stage: 'recognised',
      stage_since: '2023-05-16',
      building_blocks_in_place: 1,
      action_plan_items: 1,
      action_plan_items_done: 1,
    });
    const audits = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'child_friendly.%')
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'child_friendly.action_added',
      'child_friendly.blocks_updated',
      'child_friendly.stage_updated',
    ]);
  });

  it('lists both open data paths in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/child-impact-assessments', '/api/v1/child-friendly-municipalities']),
    );
  });
});

describe('the demo data', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase('pglite', { demo: true });
    await loadDemoPeople(d.db);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('Raasepori is recognised with three published assessments; Hanko plans to apply', async () => {
    const api = (await app.inject({ method: 'GET', url: '/api/v1/child-impact-assessments?municipality=710' })).json();
    expect(api.assessments).toHaveLength(3);
    expect(api.assessments.every((a: { demo: boolean; title: string }) => a.demo && a.title.startsWith('Demo:'))).toBe(
      true,
    );
    expect(api.assessments.map((a: { status: string }) => a.status).sort()).toEqual([
      'completed',
      'completed',
      'screened_out',
    ]);
    const status = (await app.inject({ method: 'GET', url: '/api/v1/child-friendly-municipalities' })).json();
    const by = (c: string) =>
      status.municipalities.find((m: { municipality_code: string }) => m.municipality_code === c);
    expect(by('710').stage).toBe('recognised');
    expect(by('078').stage).toBe('application');
    // The school network assessment shows what children said as counts (12 answers).
    const school = api.assessments.find((a: { title: string }) => a.title.includes('Kouluverkko'));
    const page = await app.inject({ method: 'GET', url: `/fi/child-impact/${school.id}` });
    expect(page.body).toContain('12 vastausta');
    expect(page.body).not.toContain('Haluan olla samassa koulussa'); // free text stays with the team
    // Raasepori's demo contact owns the follow-up that has fallen due, and sees it stand out.
    const camilla = new Agent(app);
    await camilla.signIn('lape@raasepori.demo', 'yhdessa-demo-2026');
    const list = await camilla.get('/fi/work/child-impact');
    expect(list.body).toContain('ci-overdue');
    expect(list.body).toContain('Camilla Grönroos');
    // Hanko's youth council questionnaire is open, with fewer than five answers: no counts.
    const jonas = new Agent(app);
    await jonas.signIn('toimittaja@hanko.demo', 'yhdessa-demo-2026');
    const hanko = await jonas.get('/fi/work/child-impact');
    expect(hanko.body).toContain('Kouluterveyskyselyn');
    expect(hanko.body).not.toContain('Kouluverkko');
    // Every page speaks words, never a raw translation key.
    const school2 = `/fi/work/child-impact/${school.id}`;
    const pages = [
      ...['fi', 'sv', 'en'].flatMap((l) => [
        `/${l}/child-impact`,
        `/${l}/child-impact/${school.id}`,
        `/${l}/child-friendly`,
      ]),
      '/sv/child-friendly/710',
      '/fi/child-friendly/078',
    ];
    for (const path of pages) {
      const r = await app.inject({ method: 'GET', url: path });
      expect(r.statusCode, path).toBe(200);
      expect(r.body, path).not.toMatch(/>[^<]*child(Impact|Friendly)\.[a-z_]/);
    }
    for (const l of ['fi', 'sv', 'en']) {
      const steps = ['screening', 'plan', 'legal_basis', 'affected', 'alternatives', 'evidence', 'views', 'impacts'];
      for (const path of [
        `/${l}/work/child-impact`,
        school2.replace('/fi/', `/${l}/`),
        ...[...steps, 'comparison', 'decision', 'follow_up', 'summary'].map(
          (st) => `${school2.replace('/fi/', `/${l}/`)}/steps/${st}`,
        ),
        `${school2.replace('/fi/', `/${l}/`)}/versions/2`,
        `/${l}/work/child-friendly/710`,
      ]) {
        const r = await camilla.get(path);
        expect(r.statusCode, path).toBe(200);
        expect(r.body, path).not.toMatch(/>[^<]*child(Impact|Friendly)\.[a-z_]/);
        expect(r.body, path).not.toMatch(/(placeholder|aria-label|title)="child(Impact|Friendly)\./);
      }
    }
    // Loading again adds nothing twice.
    await loadDemoData(d.db);
    expect(await d.db.selectFrom('child_impact_assessment').selectAll().execute()).toHaveLength(4);
  });
});
