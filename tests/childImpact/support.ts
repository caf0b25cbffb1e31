/** Organisations and people for the child impact tests: Raasepori's and Hanko's municipality organisations. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { saveOrganization } from '../../src/core/directory/saveRecords.js';
import { addTestPerson, Agent } from '../support/agent.js';

export interface World {
  raasepori: string;
  hanko: string;
  county: string;
  people: { raasepori: string; raasepori2: string; hanko: string; member: string; coordinator: string; county: string };
}

export async function addWorld(db: Kysely<DB>): Promise<World> {
  const raasepori = await saveOrganization(db, {
    key: 'ci-raasepori',
    type: 'municipality',
    name: { fi: 'Raaseporin kaupunki', sv: 'Raseborgs stad' },
    municipalityCode: '710',
  });
  const hanko = await saveOrganization(db, {
    key: 'ci-hanko',
    type: 'municipality',
    name: { fi: 'Hangon kaupunki', sv: 'Hangö stad' },
    municipalityCode: '078',
  });
  const county = await saveOrganization(db, {
    key: 'ci-county',
    type: 'wellbeing_county',
    name: { fi: 'Länsi-Uudenmaan hyvinvointialue' },
    municipalityCode: '710',
  });
  const people = {
    raasepori: await addTestPerson(db, {
      email: 'editor@raasepori.test',
      name: 'Rea Editor',
      memberships: [{ organizationId: raasepori, role: 'editor' }],
    }),
    raasepori2: await addTestPerson(db, {
      email: 'admin@raasepori.test',
      name: 'Rasmus Admin',
      memberships: [{ organizationId: raasepori, role: 'org_admin' }],
    }),
    hanko: await addTestPerson(db, {
      email: 'editor@hanko.test',
      name: 'Hanna Hanko',
      memberships: [{ organizationId: hanko, role: 'editor' }],
    }),
    member: await addTestPerson(db, {
      email: 'member@raasepori.test',
      name: 'Mia Member',
      memberships: [{ organizationId: raasepori, role: 'member' }],
    }),
    coordinator: await addTestPerson(db, { email: 'coord@test.fi', name: 'Coordinator', systemRole: 'coordinator' }),
    county: await addTestPerson(db, {
      email: 'admin@county.test',
      name: 'County Admin',
      memberships: [{ organizationId: county, role: 'org_admin' }],
    }),
  };
  return { raasepori, hanko, county, people };
}

export async function agentFor(app: FastifyInstance, email?: string): Promise<Agent> {
  const a = new Agent(app);
  if (email) await a.signIn(email);
  return a;
}

/** Creates an assessment through the form as the Raasepori editor; returns its id. */
export async function createThroughForm(a: Agent, orgId: string, title = 'Koulukuljetusten muutos'): Promise<string> {
  const res = await a.postForm('/fi/work/child-impact/new', {
    organization: orgId,
    title,
    body: 'Sivistyslautakunta',
    reference: '§ 12/2026',
    decision_date: '18.3.2026',
    timing: 'before',
  });
  if (res.statusCode !== 303) throw new Error(`create failed ${res.statusCode}: ${res.body.slice(0, 500)}`);
  return /child-impact\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!;
}
