/**
 * The demo e-advice after `npm start`: Raasepori family centre's advice team and Askola's VATU answer their
 * municipalities' questions; a VATU member sees Askola's questions (not Raasepori's), a demo follow-up link shows
 * the answer and who read it, and the published Q&A is on /fi/ask. Loading again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, loadDemoPeople } from '../../src/demo/demoPeople.js';
import { demoFollowUpLinks, loadDemoQuestions } from '../../src/demo/questions/demoQuestions.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('demo e-advice', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase('pglite', { demo: true });
    await loadDemoPeople(d.db);
    app = await testApp(d, { AUTH_RATE_LIMIT: '1000' });
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('loads once and shows the flow to the demo people', async () => {
    expect(await loadDemoQuestions(d.db)).toBe(5);
    expect(await loadDemoQuestions(d.db)).toBe(0);
    const maija = new Agent(app);
    await maija.signIn('perhetyo@ita-uusimaa.demo', DEMO_PASSWORD);
    const askola = (await maija.get('/api/v1/questions')).json() as { items: { reference: string }[] };
    expect(askola.items.map((i) => i.reference).sort()).toEqual(['Q-DEMO-AS01', 'Q-DEMO-AS02']);
    const elin = new Agent(app);
    await elin.signIn('redaktor@lansi-uusimaa.demo', DEMO_PASSWORD);
    const raasepori = (await elin.get('/api/v1/questions')).json() as { items: { reference: string }[] };
    expect(raasepori.items.map((i) => i.reference).sort()).toEqual(['Q-DEMO-RA01', 'Q-DEMO-RA02', 'Q-DEMO-RA03']);
    const coordinator = new Agent(app);
    await coordinator.signIn('koordinaattori@yhdessa.demo', DEMO_PASSWORD);
    expect(((await coordinator.get('/api/v1/questions')).json() as { total: number }).total).toBe(0);

    const link = demoFollowUpLinks('http://yhdessa.test').find((l) => l.reference === 'Q-DEMO-RA01')!;
    const page = await app.inject({ method: 'GET', url: new URL(link.url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Familjecentralen i Ekenäs');
    expect(page.body).toContain('Elin Lindqvist');
    expect((await app.inject({ method: 'GET', url: '/fi/ask' })).body).toContain('Leikki-ikäinen raivoaa iltaisin');
  });
});
