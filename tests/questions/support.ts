/**
 * The world of the e-advice tests: the directory fixture's organisations, four teams and the people around them.
 *  - team A (Askola county's advice team) answers Askola (018) in Finnish, every topic;
 *  - team A2 is another team of the same organisation, answering nothing;
 *  - team H (Hanko's team, another organisation) answers Hanko (078) in Swedish;
 *  - people: two members of A, a member of A2, a member of H, a coordinator, a system admin, an org admin of
 *    the Askola county (not in any team), an org admin of Hanko, and a colleague (Hanko, no team) to consult.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson } from '../support/agent.js';
import { directoryFixture } from '../support/fixtures.js';

export const ORG = {
  county: idFromKey('organization', 't-askola-hva'),
  hanko: idFromKey('organization', 't-hanko'),
};
export const TEAM = {
  a: idFromKey('team', 'q-askola-advice'),
  a2: idFromKey('team', 'q-askola-other'),
  h: idFromKey('team', 'q-hanko-advice'),
};
export const EMAIL = {
  a1: 'a1@test.fi',
  a2: 'a2@test.fi',
  other: 'other-team@test.fi',
  hanko: 'hanko@test.fi',
  coordinator: 'coord@test.fi',
  admin: 'admin@test.fi',
  countyAdmin: 'county-admin@test.fi',
  hankoAdmin: 'hanko-admin@test.fi',
  colleague: 'colleague@test.fi',
};

export async function questionWorld(db: Kysely<DB>): Promise<Record<keyof typeof EMAIL, string>> {
  await loadDemoData(db, [directoryFixture()]);
  const team = (id: string, organization_id: string, fi: string) =>
    db
      .insertInto('team')
      .values({ id, organization_id, name: JSON.stringify({ fi, sv: `${fi} (sv)` }), description: '{}' })
      .execute();
  await team(TEAM.a, ORG.county, 'Askolan neuvonta');
  await team(TEAM.a2, ORG.county, 'Askolan toinen tiimi');
  await team(TEAM.h, ORG.hanko, 'Hangon neuvonta');
  const route = (team_id: string, municipality_code: string, language: 'fi' | 'sv') =>
    db
      .insertInto('question_route')
      .values({
        id: idFromKey('route', `${team_id}${municipality_code}`),
        team_id,
        municipality_code,
        topic: null,
        language,
        created_by: null,
      })
      .execute();
  await route(TEAM.a, '018', 'fi');
  await route(TEAM.h, '078', 'sv');
  return {
    a1: await addTestPerson(db, {
      email: EMAIL.a1,
      name: 'Anna Vastaaja',
      memberships: [{ organizationId: ORG.county, role: 'member' }],
      teams: [{ teamId: TEAM.a, role: 'member' }],
    }),
    a2: await addTestPerson(db, { email: EMAIL.a2, name: 'Aku Toinen', teams: [{ teamId: TEAM.a, role: 'lead' }] }),
    other: await addTestPerson(db, {
      email: EMAIL.other,
      name: 'Olli Muutiimi',
      memberships: [{ organizationId: ORG.county, role: 'member' }],
      teams: [{ teamId: TEAM.a2, role: 'member' }],
    }),
    hanko: await addTestPerson(db, {
      email: EMAIL.hanko,
      name: 'Hanna Hanko',
      memberships: [{ organizationId: ORG.hanko, role: 'member' }],
      teams: [{ teamId: TEAM.h, role: 'member' }],
    }),
    coordinator: await addTestPerson(db, {
      email: EMAIL.coordinator,
      name: 'Kaisa Koordinaattori',
      systemRole: 'coordinator',
    }),
    admin: await addTestPerson(db, { email: EMAIL.admin, name: 'Aino Admin', systemRole: 'admin' }),
    countyAdmin: await addTestPerson(db, {
      email: EMAIL.countyAdmin,
      name: 'Pekka Pääkäyttäjä',
      memberships: [{ organizationId: ORG.county, role: 'org_admin' }],
    }),
    hankoAdmin: await addTestPerson(db, {
      email: EMAIL.hankoAdmin,
      name: 'Helena Hanko',
      memberships: [{ organizationId: ORG.hanko, role: 'org_admin' }],
    }),
    colleague: await addTestPerson(db, {
      email: EMAIL.colleague,
      name: 'Kalle Kollega',
      memberships: [{ organizationId: ORG.hanko, role: 'member' }],
    }),
  };
}

/** The follow-up code of a receipt redirect (`/fi/ask/{code}?notice=sent`). */
export function codeOf(location: string | undefined): string {
  const m = /\/ask\/([A-Za-z0-9_-]{43})/.exec(location ?? '');
  if (!m) throw new Error(`no follow-up code in ${location}`);
  return m[1]!;
}

export const QUESTION_TEXT = 'Lapsemme nukkuu huonosti ja isä Matti Meikäläinen on uupunut – salainen-lause-123';
