/** The full demo (organisations, services, plans, people, working models, the VATU onboarding path) on a test database. */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { loadDemoPeople } from '../../src/demo/demoPeople.js';
import { loadDemoWorkingModels } from '../../src/demo/workingModels/demoWorkingModels.js';

export { DEMO_PASSWORD } from '../../src/demo/demoPeople.js';

export async function loadFullDemo(db: Kysely<DB>) {
  await loadDemoData(db);
  await loadDemoPeople(db);
  return loadDemoWorkingModels(db);
}
