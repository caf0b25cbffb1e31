/**
 * Reading once (issue 13): the front page's figures read from the whole directory (its service count, the counties'
 * social emergency numbers) are kept between requests (src/core/directory/directoryCache.ts), yet a change shows at
 * once: a write of this instance on its next request, another instance's once its search index has applied the
 * change. A service's record, and its page's extras, are one call of a function whose plan each connection keeps
 * (migrations/0024_service_record.sql, read by src/core/directory/queries.ts).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachedForDirectory } from '../../src/core/directory/directoryCache.js';
import { getService, getServiceForPage, serviceCards } from '../../src/core/directory/queries.js';
import { saveService } from '../../src/core/directory/saveRecords.js';
import { searchIndexReady } from '../../src/core/directory/search/indexedSearch.js';
import { CHANGE_CHANNEL } from '../../src/core/directory/search/indexFeed.js';
import { idFromKey, newId } from '../../src/core/shared/ids.js';
import { useFixtureApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { fixtureService } from '../support/fixtures.js';

describe.each(testDatabases())('reading once: the front page, a service (%s)', (kind) => {
  const suite = useFixtureApp(kind, { searchIndex: true });
  const db = () => suite.database.db;

  const front = async () => {
    const r = await suite.app.inject({ url: '/fi' });
    expect(r.statusCode).toBe(200);
    return r.body;
  };
  const shownCount = async () => Number(/<p class="lead">(\d+) palvelua/.exec(await front())?.[1]);
  const activeCount = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from service where status = 'active'`.execute(db())).rows[0]!.n;

  it("shows this instance's writes on the next request: a new service, a county's emergency number, a withdrawal", async () => {
    const before = await shownCount();
    expect(before).toBe(await activeCount());
    expect(await shownCount()).toBe(before);

    await saveService(db(), fixtureService('t-cache-new'));
    expect(await shownCount()).toBe(before + 1);

    // The county's social emergency service is read from the directory: its number shows at once.
    expect(await front()).not.toContain('+358 40 000 9999');
    await saveService(
      db(),
      fixtureService('t-cache-sosiaalipaivystys', {
        name: { fi: 'Sosiaalipäivystys', sv: 'Socialjouren' },
        keywords: { fi: ['sosiaalipäivystys'] },
        phones: [{ number: '+358 40 000 9999', note: {} }],
      }),
    );
    expect(await front()).toContain('+358 40 000 9999');
    expect(await shownCount()).toBe(before + 2);

    await saveService(db(), fixtureService('t-cache-new', { status: 'inactive' }));
    expect(await shownCount()).toBe(before + 1);
    expect(await shownCount()).toBe(await activeCount());
  });

  it("shows another instance's write once the search index has applied it", async () => {
    const before = await shownCount();
    const id = idFromKey('service', 't-lastenneuvola');
    // As another instance would: the rows and the change feed's row, committed, and nothing of this process told.
    await db()
      .transaction()
      .execute(async (tx) => {
        await sql`update service set status = 'inactive' where id = ${id}`.execute(tx);
        await sql`update service_search set active = false where service_id = ${id}`.execute(tx);
        await sql`with c as (insert into search_change (service_ids, everything) values (${[id]}::uuid[], false)
        returning seq) select pg_notify(${CHANGE_CHANNEL}, seq::text) from c`.execute(tx);
      });
    const feed = (await searchIndexReady(db()))!;
    await feed.refresh(); // what NOTIFY (PostgreSQL) or polling (within POLL_MS) does
    expect(await shownCount()).toBe(before - 1);
  });

  it('computes once per change, shares one computation between requests, and keeps no failure', async () => {
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([
      cachedForDirectory(db(), 'test-runs', compute),
      cachedForDirectory(db(), 'test-runs', compute),
    ]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await cachedForDirectory(db(), 'test-runs', compute)).toBe(1);
    await saveService(db(), fixtureService('t-cache-other'));
    expect(await cachedForDirectory(db(), 'test-runs', compute)).toBe(2);

    const failing = async (): Promise<number> => {
      throw new Error('database unavailable');
    };
    await expect(cachedForDirectory(db(), 'test-fails', failing)).rejects.toThrow('database unavailable');
    expect(await cachedForDirectory(db(), 'test-fails', compute)).toBe(3);
  });

  it('reads a service in one query, in a fixed order whatever the database or the order written', async () => {
    const id = await saveService(
      db(),
      fixtureService('t-record-order', {
        lifeSituations: ['meeting_others', 'baby', 'parenting'],
        hours: [
          { days: ['WE', 'TH'], opens: '09:00', closes: '12:00', note: { fi: 'Toinen' } },
          { days: ['MO'], opens: '09:00', closes: '15:00', note: { fi: 'Ensimmäinen' } },
          { days: ['FR'], opens: '08:00', closes: '10:00', note: {} },
        ],
        phones: [
          { number: '+358 40 000 0001', note: { fi: 'Ensin' } },
          { number: '+358 40 000 0002', note: {} },
        ],
        locationKeys: ['t-askola-hyvinvointineuvola'],
      }),
    );
    const s = (await getService(db(), id))!;
    expect(s.lifeSituations).toEqual(['baby', 'parenting', 'meeting_others']);
    expect(s.hours.map((h) => [h.days, h.opens])).toEqual([
      [['FR'], '08:00'],
      [['MO'], '09:00'],
      [['WE', 'TH'], '09:00'],
    ]);
    expect(s.phones.map((p) => p.number)).toEqual(['+358 40 000 0001', '+358 40 000 0002']);
    expect(s.locations).toHaveLength(1);
    expect(s.locations[0]).toMatchObject({
      name: { fi: 'Askolan hyvinvointineuvola' },
      accessibility: { fi: 'Esteetön sisäänkäynti.' },
      hours: [{ days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:00', closes: '16:00' }],
    });
    expect(s.places).toEqual([
      { name: s.locations[0]!.name, city: s.locations[0]!.city, lat: s.locations[0]!.lat, lon: s.locations[0]!.lon },
    ]);
    expect(s.organizationDetail).toMatchObject({ key: 't-askola-hva', type: 'wellbeing_county' });
    // The card says the same as the record.
    const [card] = await serviceCards(db(), [id]);
    expect(card).toEqual({
      id: s.id,
      name: s.name,
      summary: s.summary,
      organization: s.organization,
      areas: s.areas,
      languages: s.languages,
      modes: s.modes,
      lifeSituations: s.lifeSituations,
      ageMin: s.ageMin,
      ageMax: s.ageMax,
      fee: s.fee,
      access: s.access,
      lastReviewed: s.lastReviewed,
      updatedAt: s.updatedAt,
      status: s.status,
      places: s.places,
    });
    expect(await getService(db(), 'not-an-id')).toBeNull();
    expect(await getService(db(), newId())).toBeNull();
  });

  it("reads the service page's exceptions and whether it has events with the record", async () => {
    const id = idFromKey('service', 't-lastenneuvola');
    const place = idFromKey('location', 't-askola-hyvinvointineuvola');
    const exception = (from: string, more: Record<string, unknown>) =>
      db()
        .insertInto('schedule_exception')
        .values({
          id: newId(),
          valid_from: from,
          valid_to: from,
          closed: true,
          description: JSON.stringify({ fi: `Poikkeus ${from}` }),
          ...more,
        })
        .execute();
    await exception('2030-01-02', { service_id: id });
    await exception('2030-01-01', { location_id: place });
    await exception('2030-01-03', { service_id: id, location_id: place }); // both: listed once
    await exception('2020-01-01', { service_id: id }); // over before the day asked
    const r = (await getServiceForPage(db(), id, '2029-12-31'))!;
    expect(r.service).toEqual(await getService(db(), id));
    expect(r.exceptions.map((x) => [x.valid_from, x.service_id, x.location_id, x.closed])).toEqual(
      [
        ['2030-01-01', null, place],
        ['2030-01-02', id, null],
        ['2030-01-03', id, place],
      ].map((x) => [...x, true]),
    );
    expect(r.exceptions[0]!.description).toEqual({ fi: 'Poikkeus 2030-01-01' });
    expect(r.hasEvents).toBe(false);

    const event = (status: 'draft' | 'published') =>
      sql`insert into event (id, organization_id, service_id, kind, status, name)
        values (${newId()}, ${idFromKey('organization', 't-askola-hva')}, ${id}, 'single', ${status},
          '{"fi": "Tapahtuma"}')`.execute(db());
    await event('draft');
    expect((await getServiceForPage(db(), id, '2029-12-31'))!.hasEvents).toBe(false);
    await event('published');
    expect((await getServiceForPage(db(), id, '2029-12-31'))!.hasEvents).toBe(true);
    expect(await getServiceForPage(db(), 'not-an-id', '2029-12-31')).toBeNull();
  });

  it('reads the record through its function: the same answer on every connection, the rows as they are now', async () => {
    const id = idFromKey('service', 't-lastenneuvola');
    const first = await getService(db(), id);
    expect(first?.id).toBe(id);
    // Without the page's extras, none are read; with them, the same record.
    const page = await getServiceForPage(db(), id, '2029-12-31');
    expect(page!.service).toEqual(first);
    // In a transaction (another connection's session) the same answer.
    expect(
      await db()
        .transaction()
        .execute((tx) => getService(tx, id)),
    ).toEqual(first);
    // A day that is not one is refused by the database (bound, never written into the statement).
    await expect(getServiceForPage(db(), id, "2029-12-31'); select 1; --")).rejects.toThrow(/date/);
    // The function reads the rows as they are now (its kept plan is not a kept answer).
    await sql`update service set name = ${JSON.stringify({ fi: 'Uusi nimi', sv: 'Nytt namn' })}::jsonb where id = ${id}`.execute(
      db(),
    );
    try {
      expect((await getService(db(), id))!.name).toEqual({ fi: 'Uusi nimi', sv: 'Nytt namn' });
    } finally {
      await sql`update service set name = ${JSON.stringify(first!.name)}::jsonb where id = ${id}`.execute(db());
    }
  });
});
