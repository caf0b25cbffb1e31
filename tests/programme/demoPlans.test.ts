/** The demo programme: the seed plans parsed and imported with the demo data, once. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { loadDemoPlans, readDemoPlans } from '../../src/demo/demoPlans.js';
import { programmeDescription, programmeOverview } from '../../src/core/programme/queries.js';
import {
  createDatabaseTemplate,
  createTestDatabase,
  type DatabaseTemplate,
  type TestDatabase,
} from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

describe('demo plans', () => {
  let d: TestDatabase;
  afterEach(async () => {
    await d?.dispose();
  });

  it('are not imported into a test fixture without the demo municipalities', async () => {
    d = await createTestDatabase('pglite');
    await loadDemoData(d.db, [directoryFixture()]);
    expect(await d.db.selectFrom('programme_plan').select('id').execute()).toHaveLength(0);
  });

  // The demo data loaded once; each test below on a copy of that database.
  describe('loaded with the demo data', () => {
    let demo: DatabaseTemplate;
    beforeAll(async () => {
      demo = await createDatabaseTemplate('pglite', undefined, { demo: true });
    });
    beforeEach(async () => {
      d = await demo.copy();
    });
    afterAll(async () => {
      await demo?.dispose();
    });

    it('come with the demo data: three municipal plans and the programme, filling the overview', async () => {
      const plans = await d.db.selectFrom('programme_plan').select(['key', 'current_version']).orderBy('key').execute();
      expect(plans).toEqual([
        { key: 'plan:018', current_version: 1 },
        { key: 'plan:149+755', current_version: 1 },
        { key: 'plan:710', current_version: 1 },
        { key: 'programme', current_version: 1 },
      ]);
      const o = await programmeOverview(d.db);
      expect(o.rows.find((r) => r.code === '710')!.plan).not.toBeNull();
      // Raasepori's three permanent practices; the Incredible Years groups spread to Inkoo and Siuntio.
      expect(o.statusCounts.permanent).toBe(2);
      expect(o.statusCounts.spread).toBe(1);
      expect(o.milestones.length).toBeGreaterThanOrEqual(8);
      expect(o.spread.map((l) => `${l.from}→${l.to}`).sort()).toEqual(['710→149', '710→755']);
      expect((await programmeDescription(d.db))!.parsed.partners.length).toBeGreaterThan(0);
    });

    it('change nothing when loaded again, from the folder or read ahead (as a first start reads them)', async () => {
      const again = await loadDemoPlans(d.db);
      expect(again.map((r) => r.changed)).toEqual([false, false, false, false]);
      const ahead = await readDemoPlans();
      expect(ahead.map((p) => p.fileName)).toEqual([
        'askola-2018.txt',
        'inkoo-siuntio-2018.txt',
        'raasepori-2018.txt',
        'uusimaa-programme-summary.txt',
      ]);
      const fromAhead = await loadDemoPlans(d.db, ahead);
      expect(fromAhead).toEqual(again);
      const updates = await d.db
        .selectFrom('programme_update')
        .select('id')
        .where('subject_type', '=', 'action')
        .execute();
      expect(updates).toHaveLength(1);
    });
  });
});
