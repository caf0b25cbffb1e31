/** The full demo (organisations, services, plans, people, working models, the VATU onboarding path) on a test database. */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { loadDemoPeople } from '../../src/demo/demoPeople.js';
import { loadDemoWorkingModels } from '../../src/demo/workingModels/demoWorkingModels.js';

export { DEMO_PASSWORD } from '../../src/demo/demoPeople.js';

/** On a database with the demo directory (createTestDatabase(kind, { demo: true })): the people and the models. */
export async function loadFullDemo(db: Kysely<DB>) {
  await loadDemoPeople(db);
  return loadDemoWorkingModels(db);
}
