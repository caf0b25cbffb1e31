/**
 * The demo loader writes the directory through the batch writers: a few multi-row statements per table, whatever
 * the number of records, and loading again replaces each record's rows instead of adding to them.
 */
import { InsertQueryNode, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import type { DemoFile } from '../../src/demo/types.js';
import { countRows, createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

/** Counts the insert statements per table that pass through a Kysely instance. */
function insertCounter() {
  const inserts = new Map<string, number>();
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      if (InsertQueryNode.is(node) && node.into) {
        const table = node.into.table.identifier.name;
        inserts.set(table, (inserts.get(table) ?? 0) + 1);
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { plugin, inserts };
}

const DIRECTORY_TABLES = [
  'organization',
  'location',
  'accessibility',
  'service',
  'service_area',
  'service_taxonomy_term',
  'phone',
  'service_at_location',
  'schedule',
];

describe.each(testDatabases())('demo data load on %s', (kind) => {
  let d: TestDatabase;
  const fixture = directoryFixture();

  const count = (table: 'service' | 'service_area' | 'phone' | 'service_at_location' | 'schedule') =>
    countRows(d.db, table);
  const expected = (f: DemoFile) => ({
    service: f.services.length,
    service_area: f.services.reduce((n, s) => n + new Set(s.area).size, 0),
    phone: f.services.reduce((n, s) => n + (s.phones?.length ?? 0), 0),
    service_at_location: f.services.reduce((n, s) => n + new Set(s.locations ?? []).size, 0),
    schedule:
      f.services.reduce((n, s) => n + (s.hours?.length ?? 0), 0) +
      f.locations.reduce((n, l) => n + (l.hours?.length ?? 0), 0),
  });
  const counts = async () => ({
    service: await count('service'),
    service_area: await count('service_area'),
    phone: await count('phone'),
    service_at_location: await count('service_at_location'),
    schedule: await count('schedule'),
  });

  beforeAll(async () => {
    d = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await d?.dispose();
  });

  it('writes each directory table with a multi-row insert or two, not one per record', async () => {
    expect(fixture.services.length).toBeGreaterThan(5);
    const { plugin, inserts } = insertCounter();
    await loadDemoData(d.db.withPlugin(plugin), [fixture]);
    // At most one for the places' rows and one for the services' (hours belong to either).
    for (const table of DIRECTORY_TABLES) expect(inserts.get(table) ?? 0, table).toBeLessThanOrEqual(2);
    expect(inserts.get('service')).toBe(1);
    expect(await counts()).toEqual(expected(fixture));
    const searchable = await d.db.selectFrom('service_search').select('service_id').execute();
    expect(searchable).toHaveLength(fixture.services.length);
  });

  it('loading again replaces each record’s rows (nothing twice), and a changed record gets its new rows', async () => {
    const changed: DemoFile = structuredClone(fixture);
    const s = changed.services.find((x) => (x.phones?.length ?? 0) > 0 && x.area.length > 1)!;
    expect(s).toBeDefined();
    s.phones = s.phones!.slice(1);
    s.area = s.area.slice(0, 1);
    await loadDemoData(d.db, [fixture]);
    expect(await counts()).toEqual(expected(fixture));
    await loadDemoData(d.db, [changed]);
    expect(await counts()).toEqual(expected(changed));
    const areas = await d.db
      .selectFrom('service_area')
      .innerJoin('service', 'service.id', 'service_area.service_id')
      .select('municipality_code')
      .where('service.key', '=', s.key)
      .execute();
    expect(areas.map((a) => a.municipality_code)).toEqual(s.area);
  });
});
