/**
 * What a service's page and its JSON remember (serviceRecordKept, servicePageKept in
 * src/core/directory/search/indexedSearch.ts; issue 13): the record is read once and kept until the directory
 * changes. Every write that shows on the page makes it read again: a change another instance made once the search
 * index has applied it, this instance's own edit, and an event naming the service (published, moved or deleted: the
 * page says whether it has events). What is kept cannot be changed by a caller.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveService } from '../../src/core/directory/saveRecords.js';
import { searchIndexReady, servicePageKept, serviceRecordKept } from '../../src/core/directory/search/indexedSearch.js';
import { CHANGE_CHANNEL } from '../../src/core/directory/search/indexFeed.js';
import { rememberDirectory } from '../../src/core/directory/search/memo.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { addEventOrgs, addEventPeople, eventBody, signedIn, type EventOrgs } from '../events/support.js';

describe.each(testDatabases())('what a service page remembers (%s)', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let orgs: EventOrgs;
  let serviceId: string;
  let editor: Agent;
  const service = (summary: string) => ({
    key: 'r-familjecafe',
    organizationKey: 'e-folkhalsan-inga',
    name: { fi: 'Folkhälsanin perhekahvila', sv: 'Folkhälsans familjecafé' },
    summary: { fi: summary, sv: 'Lek och kaffe.' },
    areas: ['149'],
    languages: ['sv' as const],
    modes: ['in_person' as const],
    fee: 'free' as const,
    access: 'no_referral' as const,
    lifeSituations: ['baby' as const],
    locationKeys: ['e-inkoo-folkhalsanhuset'],
  });
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    orgs = await addEventOrgs(d.db);
    await addEventPeople(d.db, orgs);
    serviceId = await saveService(d.db, service('Leikkiä ja kahvia.'));
    app = await testApp(d);
    if (!(await searchIndexReady(d.db))) throw new Error('the search index was not served');
    editor = await signedIn(app, 'editor@folkhalsan.test');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });
  afterEach(() => rememberDirectory(true));

  const page = async (lang = 'fi') => {
    const r = await new Agent(app).get(`/${lang}/services/${serviceId}`);
    expect(r.statusCode).toBe(200);
    return r.body;
  };
  const json = async () => {
    const r = await app.inject({ url: `/api/v1/services/${serviceId}` });
    expect(r.statusCode).toBe(200);
    return r.json() as { summary: string };
  };
  // As another instance would write: the row changed, committed, and nothing of this process told.
  const writeUntold = (summary: string) =>
    sql`update service set summary = ${JSON.stringify({ fi: summary })}::jsonb where id = ${serviceId}`.execute(d.db);
  const tellFeed = async () => {
    await sql`with c as (insert into search_change (service_ids, everything) values (${[serviceId]}::uuid[], false)
      returning seq) select pg_notify(${CHANGE_CHANNEL}, seq::text) from c`.execute(d.db);
    await (await searchIndexReady(d.db))!.refresh();
  };
  const eventLink = /\/fi\/events\/[0-9a-f-]{36}/;

  it('keeps the record read once, for the page and the JSON, until a change reaches the search index', async () => {
    expect(await page()).toContain('Leikkiä ja kahvia.');
    expect((await json()).summary).toBe('Leikkiä ja kahvia.');
    await writeUntold('Muutettu toisessa instanssissa.');
    // Nothing told: what was read before is shown, with no database read (the row says otherwise).
    expect(await page()).toContain('Leikkiä ja kahvia.');
    expect((await json()).summary).toBe('Leikkiä ja kahvia.');
    await tellFeed();
    expect(await page()).toContain('Muutettu toisessa instanssissa.');
    expect((await json()).summary).toBe('Muutettu toisessa instanssissa.');
  });

  it("shows this instance's own edit at once", async () => {
    await page();
    await saveService(d.db, service('Tallennettu tässä instanssissa.'));
    expect(await page()).toContain('Tallennettu tässä instanssissa.');
    expect((await json()).summary).toBe('Tallennettu tässä instanssissa.');
  });

  it('reads the record on every request when remembering is off', async () => {
    await page();
    rememberDirectory(false);
    await writeUntold('Luettu joka kerta.');
    expect(await page()).toContain('Luettu joka kerta.');
    rememberDirectory(true);
    await tellFeed();
  });

  it('shows an event on the page as soon as it is published, and not once it is deleted', async () => {
    expect(await page()).not.toMatch(eventLink);
    const seqBefore = await latestSeq();
    const r = await editor.json(
      'POST',
      '/api/v1/events',
      eventBody(orgs.folkhalsan, orgs.place, { service_id: serviceId, name: { fi: 'Muskari', sv: 'Musiklek' } }),
    );
    expect(r.statusCode, r.body).toBe(201);
    const eventId = (r.json() as { id: string }).id;
    expect(await page()).toContain(`/fi/events/${eventId}`);
    // Every instance hears of it: the change feed names the service.
    expect(await touchedSince(seqBefore)).toContain(serviceId);

    const seqDeleted = await latestSeq();
    expect((await editor.json('DELETE', `/api/v1/events/${eventId}`)).statusCode).toBe(204);
    expect(await page()).not.toMatch(eventLink);
    expect(await touchedSince(seqDeleted)).toContain(serviceId);
  });

  it("shows an event moved to another service on neither page's old state", async () => {
    const other = await saveService(d.db, { ...service('Toinen palvelu.'), key: 'r-toinen' });
    const r = await editor.json(
      'POST',
      '/api/v1/events',
      eventBody(orgs.folkhalsan, orgs.place, { service_id: other }),
    );
    expect(r.statusCode, r.body).toBe(201);
    const eventId = (r.json() as { id: string }).id;
    expect(await page()).not.toContain(`/fi/events/${eventId}`);
    const otherPage = async () => (await new Agent(app).get(`/fi/services/${other}`)).body;
    expect(await otherPage()).toContain(`/fi/events/${eventId}`);
    const moved = await editor.json('PATCH', `/api/v1/events/${eventId}`, { service_id: serviceId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await page()).toContain(`/fi/events/${eventId}`);
    expect(await otherPage()).not.toContain(`/fi/events/${eventId}`);
  });

  it('gives callers a record they cannot change', async () => {
    const day = '2026-01-01';
    const a = await servicePageKept(d.db, serviceId, day);
    const b = await servicePageKept(d.db, serviceId, day);
    expect(b).toBe(a);
    expect(() => {
      (a!.service.name as Record<string, string>).fi = 'Muutettu';
    }).toThrow(TypeError);
    expect(() => (a!.service.areas as string[]).push('091')).toThrow(TypeError);
    const r = await serviceRecordKept(d.db, serviceId);
    expect(Object.isFrozen(r)).toBe(true);
    expect(r!.name.fi).toBe('Folkhälsanin perhekahvila');
    // A service that is not there is remembered as such, and a malformed id asks nothing.
    expect(await serviceRecordKept(d.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await serviceRecordKept(d.db, 'nope')).toBeNull();
  });

  const latestSeq = async () =>
    Number(
      (await sql<{ s: string }>`select coalesce(max(seq), 0)::text as s from search_change`.execute(d.db)).rows[0]!.s,
    );
  const touchedSince = async (seq: number) =>
    (
      await sql<{ id: string }>`select unnest(service_ids)::text as id from search_change where seq > ${seq}`.execute(
        d.db,
      )
    ).rows.map((r) => r.id);
});
