/**
 * Issue 17: `import ptv` into a fresh DATA_DIR, then `npm start`, crashed on team_membership_team_id_fkey: the demo
 * professionals' teams belong to demo organisations that a PTV-only directory does not have. Each demo person now
 * comes whole (with their organisations and teams) or not yet, and arrives when `yhdessa demo-data` adds them.
 * The start itself, as processes: tests/platform/dataDirLock.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveOrganization } from '../../src/core/directory/saveRecords.js';
import { loadDemoPeople } from '../../src/demo/demoPeople.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

describe.each(testDatabases())('demo professionals in a directory without the demo organisations (%s)', (kind) => {
  // Each test on a database of its own.
  let d: TestDatabase;
  beforeEach(async () => {
    d = await createTestDatabase(kind);
    await saveOrganization(d.db, {
      key: 'ptv:df0c2f24-d2bd-4ba7-bdcd-fcfc9f0d65a7',
      type: 'municipality',
      name: { fi: 'Otavian kunta' },
      source: 'ptv',
    });
  });
  afterEach(() => d?.dispose());

  const people = () =>
    d.db
      .selectFrom('person')
      .leftJoin('membership', 'membership.person_id', 'person.id')
      .leftJoin('team_membership', 'team_membership.person_id', 'person.id')
      .select(['person.email', 'membership.role', 'team_membership.team_id'])
      .orderBy('person.email')
      .execute();

  it('adds only the people who need no demo organisation, and nothing half', async () => {
    expect(await loadDemoPeople(d.db)).toBe(1);
    expect(await people()).toEqual([{ email: 'admin@yhdessa.demo', role: null, team_id: null }]);
    expect(await d.db.selectFrom('team').select('id').execute()).toEqual([]);
    expect(await loadDemoPeople(d.db)).toBe(0);
  });

  describe('once those people are there', () => {
    beforeEach(async () => {
      expect(await loadDemoPeople(d.db)).toBe(1);
    });

    it('adds the others whole once the demo data is there', async () => {
      await loadDemoData(d.db);
      expect(await loadDemoPeople(d.db)).toBe(8);
      const rows = await people();
      expect(new Set(rows.map((r) => r.email)).size).toBe(9);
      // Everyone but the two system roles is in an organisation; everyone but the admin and Hanko's editor in a team.
      expect(rows.filter((r) => r.role).map((r) => r.email)).toHaveLength(7);
      expect(rows.filter((r) => r.team_id).map((r) => r.email)).toEqual(
        expect.arrayContaining(['koordinaattori@yhdessa.demo', 'mll@askola.demo', 'lape@raasepori.demo']),
      );
      expect(rows.filter((r) => !r.team_id).map((r) => r.email)).toEqual([
        'admin@yhdessa.demo',
        'toimittaja@hanko.demo',
      ]);
      expect(await loadDemoPeople(d.db)).toBe(0);
    });
  });
});
