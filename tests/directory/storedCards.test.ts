/**
 * The stored cards (migration 0026, searchIndexer.ts storeCards): a page of results reads each service's card from
 * service_card, written with its search document. The card must say what yh_service_cards assembles from the
 * directory now, after every kind of change that shows on a card; a service whose card is not stored is still shown.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateOrganization } from '../../src/core/admin/organizations.js';
import { serviceCards } from '../../src/core/directory/queries.js';
import { saveLocations, saveService } from '../../src/core/directory/saveRecords.js';
import { LIFE_SITUATIONS } from '../../src/core/directory/vocabulary.js';
import { confirmReviewed } from '../../src/core/editing/freshness.js';
import { importPtv } from '../../src/core/ptv/importPtv.js';
import { fromFiles } from '../../src/core/ptv/source.js';
import type { Translated } from '../../src/core/shared/lang.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { adminContext, fixtureService } from '../support/fixtures.js';
import { writeGenerated } from '../ptv/support.js';

const ctx = adminContext;

describe.each(testDatabases())('stored service cards (%s)', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
  }, 120_000);
  afterAll(async () => {
    await d?.dispose();
  });

  /** The services whose stored card differs from the one assembled now, or is missing. */
  async function differing(): Promise<string[]> {
    const r = await sql<{ id: string }>`
      select s.id::text as id from service s
      left join service_card c on c.service_id = s.id
      where c.card is distinct from
        (select x from yh_service_cards(array[s.id], ${[...LIFE_SITUATIONS]}::text[]) as x)`.execute(d.db);
    return r.rows.map((x) => x.id);
  }
  const cardOf = async (id: string) => (await serviceCards(d.db, [id]))[0]!;

  it('stores every demo service its card, as yh_service_cards assembles it', async () => {
    const n = (await sql<{ n: number }>`select count(*)::int as n from service_card`.execute(d.db)).rows[0]!.n;
    expect(n).toBeGreaterThan(100);
    expect(await differing()).toEqual([]);
  });

  it("follows a service's edit, its organisation's new name, a place's new name and a review", async () => {
    const { key: organizationKey } = await d.db.selectFrom('organization').select('key').executeTakeFirstOrThrow();
    const service = (summary: string) => fixtureService('t-card-new', { organizationKey, summary: { fi: summary } });
    const id = await saveService(d.db, service('Ensimmäinen kuvaus.'));
    expect((await cardOf(id)).summary).toEqual({ fi: 'Ensimmäinen kuvaus.' });
    await saveService(d.db, service('Toinen kuvaus.'));
    expect((await cardOf(id)).summary).toEqual({ fi: 'Toinen kuvaus.' });

    const org = await d.db
      .selectFrom('organization as o')
      .innerJoin('service as s', 's.organization_id', 'o.id')
      .select(['o.id', 's.id as service'])
      .where('s.status', '=', 'active')
      .limit(1)
      .executeTakeFirstOrThrow();
    await updateOrganization(d.db, ctx, org.id, { name: { fi: 'Korttiyhdistys', sv: 'Kortföreningen' } });
    expect((await cardOf(org.service)).organization.name).toEqual({ fi: 'Korttiyhdistys', sv: 'Kortföreningen' });

    const place = await d.db
      .selectFrom('location as l')
      .innerJoin('organization as o', 'o.id', 'l.organization_id')
      .innerJoin('service_at_location as sl', 'sl.location_id', 'l.id')
      .select(['l.key', 'o.key as org', 'l.city', 'l.lat', 'l.lon', 'sl.service_id'])
      .limit(1)
      .executeTakeFirstOrThrow();
    await saveLocations(d.db, [
      {
        key: place.key,
        organizationKey: place.org,
        name: { fi: 'Korttitalo', sv: 'Korthuset' },
        city: place.city as Translated,
        lat: place.lat ?? undefined,
        lon: place.lon ?? undefined,
      },
    ]);
    expect((await cardOf(place.service_id)).places.map((p) => p.name)).toContainEqual({
      fi: 'Korttitalo',
      sv: 'Korthuset',
    });

    await sql`update service set last_reviewed = '2020-01-01' where id = ${org.service}::uuid`.execute(d.db);
    const { lastReviewed } = await confirmReviewed(d.db, ctx, org.service);
    expect((await cardOf(org.service)).lastReviewed).toBe(lastReviewed);

    expect(await differing()).toEqual([]);
  });

  it('stores the cards of services a PTV import writes, with several places each', async () => {
    const g = writeGenerated({ services: 60, seed: 11 });
    const summary = await importPtv(d.db, fromFiles(g.dir), { actor: null, actorName: 'test' });
    expect(summary.created).toBeGreaterThan(60);
    const several = await sql<{ n: number }>`
      select count(*)::int as n from (select service_id from service_at_location group by service_id
        having count(*) > 1) x`.execute(d.db);
    expect(several.rows[0]!.n).toBeGreaterThan(0);
    expect(await differing()).toEqual([]);
  });

  it('shows a service whose card is not stored, assembled as before', async () => {
    const ids = (
      await sql<{ id: string }>`select id::text as id from service order by id limit 3`.execute(d.db)
    ).rows.map((r) => r.id);
    const stored = await serviceCards(d.db, ids);
    await sql`delete from service_card where service_id = ${ids[1]!}::uuid`.execute(d.db);
    expect(await serviceCards(d.db, ids)).toEqual(stored);
    expect(stored.map((c) => c.id)).toEqual(ids);
  });
});
