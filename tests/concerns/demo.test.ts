/**
 * The demo concerns: after the demo data and people, VATU in Askola, Raasepori's family centre and MLL Askola's
 * family café are set up with open and closed cases and a referral from VATU to the café that the café accepted;
 * vatu@askola.demo signs in with the demo password and sees them. Loading again adds nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoConcerns } from '../../src/demo/concerns/demoConcerns.js';
import { DEMO_PASSWORD, loadDemoPeople } from '../../src/demo/demoPeople.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('demo concerns', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let path: string | null;
  beforeAll(async () => {
    d = await createTestDatabase('pglite', { demo: true });
    await loadDemoPeople(d.db);
    path = await loadDemoConcerns(d.db);
    app = await testApp(d);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it("shows VATU's cases and the referral to MLL's family café to vatu@askola.demo", async () => {
    const vatu = new Agent(app);
    await vatu.signIn('vatu@askola.demo', DEMO_PASSWORD);
    const cases = (await vatu.get('/api/v1/cases?status=all')).json() as {
      items: { status: string; urgency: string | null; overdue: boolean }[];
    };
    expect(cases.items.length).toBe(4);
    expect(cases.items.filter((c) => c.status === 'closed')).toHaveLength(1);
    expect(cases.items.some((c) => c.urgency === 'urgent' && c.status === 'intake')).toBe(true);
    expect(cases.items.some((c) => c.overdue)).toBe(true);
    const sent = (await vatu.get('/api/v1/referrals?box=sent')).json() as {
      items: { status: string; to_team_id: string; service_id: string }[];
    };
    expect(sent.items).toEqual([
      expect.objectContaining({
        status: 'accepted',
        to_team_id: idFromKey('team', 'mll-askola-perhekahvila'),
        service_id: idFromKey('service', 'askola-mll-perhekahvila'),
      }),
    ]);
    const dash = await vatu.get('/fi/work/concerns');
    expect(dash.statusCode).toBe(200);
    expect(dash.body).toContain('Myöhässä');

    const mll = new Agent(app, '10.0.0.2');
    await mll.signIn('mll@askola.demo', DEMO_PASSWORD);
    const received = (await mll.get('/api/v1/referrals')).json() as { items: { status: string }[] };
    expect(received.items.map((r) => r.status)).toEqual(['accepted']);

    const raasepori = new Agent(app, '10.0.0.3');
    await raasepori.signIn('redaktor@lansi-uusimaa.demo', DEMO_PASSWORD);
    const theirs = (await raasepori.get('/api/v1/cases?status=all')).json() as { items: unknown[] };
    expect(theirs.items).toHaveLength(2);

    expect(path).toMatch(/^\/fi\/concern\/[A-Za-z0-9_-]{43}$/);
    const resident = await new Agent(app, '10.0.0.4').get(path!);
    expect(resident.body).toContain('Hanna Lehtonen');
  });

  it('adds nothing when loaded again', async () => {
    const before = await d.db.selectFrom('concern_case').select('id').execute();
    expect(await loadDemoConcerns(d.db)).toBeNull();
    expect(await d.db.selectFrom('concern_case').select('id').execute()).toHaveLength(before.length);
  });
});
