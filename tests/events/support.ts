/** Organisations, a place, people and helpers for the events tests. */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { saveLocation, saveOrganization } from '../../src/core/directory/saveRecords.js';
import { addTestPerson, Agent } from '../support/agent.js';
import type { FastifyInstance } from 'fastify';
import { addDays, localParts } from '../../src/core/events/time.js';

export interface EventOrgs {
  folkhalsan: string;
  hanko: string;
  place: string;
  hankoPlace: string;
}

export async function addEventOrgs(db: Kysely<DB>): Promise<EventOrgs> {
  const folkhalsan = await saveOrganization(db, {
    key: 'e-folkhalsan-inga',
    type: 'ngo',
    name: { fi: 'Folkhälsan Inkoo', sv: 'Folkhälsan i Ingå' },
    municipalityCode: '149',
  });
  const hanko = await saveOrganization(db, {
    key: 'e-hanko',
    type: 'municipality',
    name: { fi: 'Hangon kaupunki', sv: 'Hangö stad' },
    municipalityCode: '078',
  });
  const place = await saveLocation(db, {
    key: 'e-inkoo-folkhalsanhuset',
    organizationKey: 'e-folkhalsan-inga',
    name: { fi: 'Inkoon Folkhälsan-talo', sv: 'Folkhälsanhuset i Ingå' },
    street: { fi: 'Rantatie 5', sv: 'Strandvägen 5' },
    postalCode: '10210',
    city: { fi: 'Inkoo', sv: 'Ingå' },
    municipalityCode: '149',
    lat: 60.045,
    lon: 24.006,
  });
  const hankoPlace = await saveLocation(db, {
    key: 'e-hanko-seurakuntakoti',
    organizationKey: 'e-hanko',
    name: { fi: 'Hangon seurakuntakoti', sv: 'Hangö församlingshem' },
    municipalityCode: '078',
    lat: 59.823,
    lon: 22.968,
  });
  return { folkhalsan, hanko, place, hankoPlace };
}

export async function addEventPeople(db: Kysely<DB>, o: EventOrgs) {
  await addTestPerson(db, {
    email: 'editor@folkhalsan.test',
    name: 'Fia Editor',
    memberships: [{ organizationId: o.folkhalsan, role: 'editor' }],
  });
  await addTestPerson(db, {
    email: 'member@folkhalsan.test',
    name: 'Mats Member',
    memberships: [{ organizationId: o.folkhalsan, role: 'member' }],
  });
  await addTestPerson(db, {
    email: 'editor@hanko.test',
    name: 'Hanna Hanko',
    memberships: [{ organizationId: o.hanko, role: 'editor' }],
  });
}

export async function signedIn(app: FastifyInstance, email: string): Promise<Agent> {
  const a = new Agent(app);
  await a.signIn(email);
  return a;
}

/** A local date n days from today (Helsinki), 'YYYY-MM-DD'. */
export const daysFromNow = (n: number) => addDays(localParts(new Date()).date, n);

/** A minimal event body for POST /api/v1/events. */
export const eventBody = (orgId: string, place: string, over: Record<string, unknown> = {}) => ({
  organization_id: orgId,
  name: { fi: 'Perhekahvila', sv: 'Familjecafé' },
  description: { fi: 'Leikkiä ja kahvia.', sv: 'Lek och kaffe.' },
  languages: ['sv'],
  location_id: place,
  capacity: 10,
  occurrences: [{ start: `${daysFromNow(3)}T09:30`, end: `${daysFromNow(3)}T11:30` }],
  status: 'published',
  ...over,
});
