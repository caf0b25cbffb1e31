import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, loadDemoPeople } from '../../src/demo/demoPeople.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createDatabaseTemplate, type DatabaseTemplate, type TestDatabase } from '../support/databases.js';

describe('demo professionals', () => {
  // The demo data, once; each test on a copy of that database, with an app of its own.
  let demo: DatabaseTemplate;
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    demo = await createDatabaseTemplate('pglite', undefined, { demo: true });
  });
  beforeEach(async () => {
    d = await demo.copy();
    app = await testApp(d);
  });
  afterEach(async () => {
    await app?.close();
    await d?.dispose();
  });
  afterAll(async () => {
    await demo?.dispose();
  });

  it('are added once, in their organisations and teams, and can sign in', async () => {
    expect(await loadDemoPeople(d.db)).toBe(9);
    expect(await loadDemoPeople(d.db)).toBe(0);
    const vatu = await d.db
      .selectFrom('team_membership')
      .innerJoin('person', 'person.id', 'team_membership.person_id')
      .select('person.email')
      .where(
        'team_id',
        'in',
        d.db
          .selectFrom('team')
          .select('id')
          .where('name', '@>', sql<never>`${JSON.stringify({ fi: 'VATU – varhaisen tuen tiimi (Askola)' })}::jsonb`),
      )
      .execute();
    expect(vatu.map((r) => r.email).sort()).toEqual([
      'diakonia@askola.demo',
      'mll@askola.demo',
      'paakayttaja@ita-uusimaa.demo',
      'perhetyo@ita-uusimaa.demo',
    ]);
    const a = new Agent(app);
    await a.signIn('paakayttaja@ita-uusimaa.demo', DEMO_PASSWORD);
    const work = await a.get('/fi/work');
    expect(work.body).toContain('Itä-Uudenmaan hyvinvointialue');
    expect(work.body).toContain('VATU – varhaisen tuen tiimi (Askola)');
  });

  describe('once added', () => {
    beforeEach(async () => {
      await loadDemoPeople(d.db);
    });

    it("include a municipality's LAPE contact, who updates their own municipality's plan and no other", async () => {
      const actionOf = async (code: string) =>
        (
          await d.db
            .selectFrom('programme_action')
            .innerJoin('programme_plan', 'programme_plan.id', 'programme_action.plan_id')
            .select('programme_action.id')
            .where('programme_plan.municipality_codes', '@>', sql<never>`array[${code}]::text[]`)
            .executeTakeFirstOrThrow()
        ).id;
      const a = new Agent(app);
      await a.signIn('lape@raasepori.demo', DEMO_PASSWORD);
      expect((await a.get(`/fi/programme/actions/${await actionOf('710')}/edit`)).statusCode).toBe(200);
      expect((await a.get(`/fi/programme/actions/${await actionOf('149')}/edit`)).statusCode).toBe(403);
    });
  });
});
