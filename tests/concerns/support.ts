/**
 * The concerns suites' world: the directory fixture, Askola's VATU team taking concerns from Askola (018), a family
 * work team of the Askola wellbeing county that receives referrals, Hanko's team (another team, another
 * organisation), and people in each role.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { directoryFixture } from '../support/fixtures.js';
import type { FastifyInstance } from 'fastify';

export const ORG = {
  askola: idFromKey('organization', 't-askola'),
  county: idFromKey('organization', 't-askola-hva'),
  hanko: idFromKey('organization', 't-hanko'),
  mll: idFromKey('organization', 't-mll-inkoo'),
};
export const TEAM = {
  vatu: idFromKey('team', 't-vatu'),
  family: idFromKey('team', 't-family-work'),
  hanko: idFromKey('team', 't-hanko-hyva'),
};
export const SERVICE = {
  perheohjaus: idFromKey('service', 't-perheohjaus'),
  kuraattoriHanko: idFromKey('service', 't-kuraattori-hanko'),
};
export const PEOPLE = {
  vatu: 'vatu@test.fi',
  vatuLead: 'vatu-lead@test.fi',
  family: 'perhetyo@test.fi',
  hanko: 'hanko@test.fi',
  otherOrg: 'mll@test.fi',
  coordinator: 'koordinaattori@test.fi',
  admin: 'admin@test.fi',
  askolaAdmin: 'askola-admin@test.fi',
};

export async function setUpConcernWorld(db: Kysely<DB>): Promise<void> {
  await loadDemoData(db, [directoryFixture()]);
  const team = (id: string, organization_id: string, fi: string) =>
    db
      .insertInto('team')
      .values({ id, organization_id, name: JSON.stringify({ fi, sv: fi, en: fi }), description: '{}' })
      .execute();
  await team(TEAM.vatu, ORG.askola, 'VATU Askola');
  await team(TEAM.family, ORG.county, 'Perheohjaus Askola');
  await team(TEAM.hanko, ORG.hanko, 'HyVä Hanko');
  await db
    .insertInto('concern_team_settings')
    .values([
      {
        team_id: TEAM.vatu,
        municipality_codes: ['018'],
        languages: ['fi', 'sv'],
        first_contact_days: 3,
        meeting_weekday: 2,
        receives_referrals: true,
      },
      {
        team_id: TEAM.hanko,
        municipality_codes: ['078'],
        languages: ['fi', 'sv'],
        first_contact_days: 5,
        meeting_weekday: 3,
        receives_referrals: true,
      },
    ])
    .execute();
  await addTestPerson(db, {
    email: PEOPLE.vatu,
    name: 'Veera Vatu',
    memberships: [{ organizationId: ORG.askola, role: 'member' }],
    teams: [{ teamId: TEAM.vatu, role: 'member' }],
  });
  await addTestPerson(db, { email: PEOPLE.vatuLead, name: 'Leena Lead', teams: [{ teamId: TEAM.vatu, role: 'lead' }] });
  await addTestPerson(db, {
    email: PEOPLE.family,
    name: 'Pirjo Perhetyö',
    memberships: [{ organizationId: ORG.county, role: 'member' }],
    teams: [{ teamId: TEAM.family, role: 'member' }],
  });
  await addTestPerson(db, {
    email: PEOPLE.hanko,
    name: 'Hanna Hanko',
    memberships: [{ organizationId: ORG.hanko, role: 'member' }],
    teams: [{ teamId: TEAM.hanko, role: 'member' }],
  });
  await addTestPerson(db, {
    email: PEOPLE.otherOrg,
    name: 'Mikko MLL',
    memberships: [{ organizationId: ORG.mll, role: 'org_admin' }],
  });
  await addTestPerson(db, { email: PEOPLE.coordinator, name: 'Kaisa Koordinaattori', systemRole: 'coordinator' });
  await addTestPerson(db, { email: PEOPLE.admin, name: 'Aino Admin', systemRole: 'admin' });
  await addTestPerson(db, {
    email: PEOPLE.askolaAdmin,
    name: 'Pekka Pääkäyttäjä',
    memberships: [{ organizationId: ORG.askola, role: 'org_admin' }],
  });
}

export const CONCERN_TEXT = 'Naapurin lapsi on usein yksin pihalla myöhään illalla, salainen-huoli-7731';
export const CONCERN_EMAIL = 'huolestunut.naapuri.5519@example.fi';

export function concernBody(over: Record<string, unknown> = {}) {
  return {
    municipality: '018',
    language: 'fi',
    text: CONCERN_TEXT,
    age_group: '7-12',
    anonymous: false,
    family_knows: false,
    contact: { email: CONCERN_EMAIL },
    ...over,
  };
}

/** A resident (no session) posting a concern through the JSON API; returns the receipt and the code's path. */
export async function postConcern(app: FastifyInstance, body: unknown = concernBody(), ip = '10.9.0.1') {
  const resident = new Agent(app, ip);
  const res = await resident.json('POST', '/api/v1/concerns', body);
  if (res.statusCode !== 201) throw new Error(`concern not accepted: ${res.statusCode} ${res.body}`);
  const r = res.json() as { reference: string; follow_up_url: string };
  return { ...r, path: new URL(r.follow_up_url).pathname, resident };
}

export async function signedIn(app: FastifyInstance, email: string, ip = '10.0.0.1'): Promise<Agent> {
  const a = new Agent(app, ip);
  await a.signIn(email);
  return a;
}
