/** The guides' tests share one filled database per kind: the whole demo data (Hanko's and Raasepori's services). */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { addTestPerson } from '../support/agent.js';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/databases.js';

export const serviceId = (key: string) => idFromKey('service', key);
export const orgId = (key: string) => idFromKey('organization', key);

export const PEOPLE = {
  coordinator: 'koordinaattori@guides.test',
  countyEditor: 'editor@lansi.test',
  hankoEditor: 'editor@hanko.test',
  member: 'member@lansi.test',
};

/** On a database with the demo directory (createTestDatabase(kind, { demo: true })): the guides' test people. */
export async function fillDemo(db: Kysely<DB>): Promise<void> {
  await addTestPerson(db, { email: PEOPLE.coordinator, name: 'Koordinaattori', systemRole: 'coordinator' });
  await addTestPerson(db, {
    email: PEOPLE.countyEditor,
    name: 'Länsi Editor',
    memberships: [{ organizationId: orgId('lansi-uusimaa-hva'), role: 'editor' }],
  });
  await addTestPerson(db, {
    email: PEOPLE.hankoEditor,
    name: 'Hanko Editor',
    memberships: [{ organizationId: orgId('hanko-kaupunki'), role: 'editor' }],
  });
  await addTestPerson(db, {
    email: PEOPLE.member,
    name: 'Länsi Member',
    memberships: [{ organizationId: orgId('lansi-uusimaa-hva'), role: 'member' }],
  });
}

export async function demoApp(d: TestDatabase): Promise<FastifyInstance> {
  await fillDemo(d.db);
  return testApp(d, { AUTH_RATE_LIMIT: '1000' });
}
