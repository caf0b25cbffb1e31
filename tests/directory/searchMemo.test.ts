/**
 * What a search remembers (src/core/directory/search/memo.ts, issue 13): the cards of a page and the text scores of
 * a query are read once and kept until a change names their service, and only theirs: a write of this instance on its
 * next search, another instance's once the search index has applied it, "still correct" too (the date shows on the
 * card). Whole answers are kept until anything changes. Turned off, every search reads them again.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { saveService } from '../../src/core/directory/saveRecords.js';
import { rememberedAnswer, searchIndexReady } from '../../src/core/directory/search/indexedSearch.js';
import { CHANGE_CHANNEL } from '../../src/core/directory/search/indexFeed.js';
import { rememberDirectory } from '../../src/core/directory/search/memo.js';
import { storeCards } from '../../src/core/directory/searchIndexer.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { useFixtureApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { fixtureService } from '../support/fixtures.js';

describe.each(testDatabases())('what a search remembers (%s)', (kind) => {
  const suite = useFixtureApp(kind, { searchIndex: true });
  const id = idFromKey('service', 't-lastenneuvola');
  afterEach(() => rememberDirectory(true));

  const shown = async (q: string) => {
    const r = await suite.get(`/api/v1/services?q=${encodeURIComponent(q)}`);
    expect(r.statusCode).toBe(200);
    return (r.json() as { items: { id: string; name: string; summary: string; last_reviewed: string | null }[] }).items;
  };
  const card = async (q = 'lastenneuvola') => (await shown(q)).find((i) => i.id === id);
  // As another instance would write: the row changed with its stored card, committed, and nothing of this process
  // told.
  const writeUntold = async (summary: string, which = id) => {
    await sql`update service set summary = ${JSON.stringify({ fi: summary })}::jsonb where id = ${which}`.execute(
      suite.database.db,
    );
    await storeCards(suite.database.db, [which]);
  };
  const tellFeed = async () => {
    await sql`with c as (insert into search_change (service_ids, everything) values (${[id]}::uuid[], false)
      returning seq) select pg_notify(${CHANGE_CHANNEL}, seq::text) from c`.execute(suite.database.db);
    await (await searchIndexReady(suite.database.db))!.refresh(); // what NOTIFY (PostgreSQL) or polling (within POLL_MS) does
  };

  it('keeps a card read once, until a change reaches the search index', async () => {
    const before = (await card())!.summary;
    await writeUntold('Muutettu toisessa instanssissa.');
    // Nothing told: the card read before is shown, with no database read (the row says otherwise).
    expect((await card())!.summary).toBe(before);
    await tellFeed();
    expect((await card())!.summary).toBe('Muutettu toisessa instanssissa.');
  });

  it("shows this instance's own write on its next search", async () => {
    expect(await card()).toBeDefined();
    await saveService(
      suite.database.db,
      fixtureService('t-lastenneuvola', {
        organizationKey: 't-askola-hva',
        name: { fi: 'Lastenneuvola', sv: 'Barnrådgivning' },
        summary: { fi: 'Tallennettu tässä instanssissa.' },
      }),
    );
    expect((await card())!.summary).toBe('Tallennettu tässä instanssissa.');
  });

  it('forgets only the services a change names, and reads nothing else again', async () => {
    const items = await shown('neuvola');
    const other = items.find((i) => i.id !== id)!;
    expect(items.some((i) => i.id === id)).toBe(true);
    // Both rows change, but the feed names only one: the other's card was kept, so its row is not read again.
    await writeUntold('Vain tämä muuttui.');
    await writeUntold('Ei kerrottu.', other.id);
    await tellFeed();
    const after = await shown('neuvola');
    expect(after.find((i) => i.id === id)!.summary).toBe('Vain tämä muuttui.');
    expect(after.find((i) => i.id === other.id)!.summary).toBe(other.summary);
    // Once told, it is read again.
    await sql`with c as (insert into search_change (service_ids, everything) values (${[other.id]}::uuid[], false)
      returning seq) select pg_notify(${CHANGE_CHANNEL}, seq::text) from c`.execute(suite.database.db);
    await (await searchIndexReady(suite.database.db))!.refresh();
    expect((await shown('neuvola')).find((i) => i.id === other.id)!.summary).toBe('Ei kerrottu.');
  });

  it('reads everything again when remembering is off', async () => {
    expect(await card()).toBeDefined();
    rememberDirectory(false);
    await writeUntold('Luettu joka kerta.');
    expect((await card())!.summary).toBe('Luettu joka kerta.');
    rememberDirectory(true);
    await tellFeed();
  });

  it('gives the same order and scores remembered as read', async () => {
    const first = (await suite.get('/api/v1/services?q=neuvola%20perhe')).json() as { items: unknown[] };
    const again = (await suite.get('/api/v1/services?q=neuvola%20perhe')).json() as { items: unknown[] };
    rememberDirectory(false);
    const read = (await suite.get('/api/v1/services?q=neuvola%20perhe')).json() as { items: unknown[] };
    expect(first.items.length).toBeGreaterThan(1);
    expect(again).toEqual(first);
    expect(read).toEqual(first);
  });

  it('keeps a whole answer per key until the directory changes, and nothing when remembering is off', async () => {
    const db = suite.database.db;
    let made = 0;
    const answer = (key: string) =>
      rememberedAnswer(db, key, () => Promise.resolve(Buffer.from(`${key} #${++made}`))).then(String);
    expect(await answer('a')).toBe('a #1');
    expect(await answer('a')).toBe('a #1');
    expect(await answer('b')).toBe('b #2');
    await saveService(
      db,
      fixtureService('t-lastenneuvola', {
        organizationKey: 't-askola-hva',
        name: { fi: 'Lastenneuvola', sv: 'Barnrådgivning' },
        summary: { fi: 'Muuttunut hakemisto.' },
      }),
    );
    expect(await answer('a')).toBe('a #3');
    rememberDirectory(false);
    expect(await answer('a')).toBe('a #4');
    expect(await answer('a')).toBe('a #5');
    rememberDirectory(true);
    // An answer larger than 64 KB is sent, not kept.
    const large = () => rememberedAnswer(db, 'large', () => Promise.resolve(Buffer.alloc(65 * 1024, ++made)));
    expect((await large())[0]).toBe(6);
    expect((await large())[0]).toBe(7);
  });

  it('sends a remembered search answer as it sent it first, and remembers no refusal', async () => {
    const url = '/api/v1/services?q=neuvola&municipality=018&per_page=5';
    rememberDirectory(false);
    const read = await suite.get(url);
    rememberDirectory(true);
    const first = await suite.get(url);
    const again = await suite.get(url);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.body).toBe(read.body);
    expect(again.body).toBe(first.body);
    for (let i = 0; i < 2; i++) {
      const bad = await suite.get('/api/v1/services?municipality=999');
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as { error: string }).error).toBe('unknown_municipality');
    }
  });

  it('answers another language or another query with its own answer', async () => {
    const fi = (await suite.get('/api/v1/services?q=lastenneuvola&lang=fi')).json() as { items: { web_url: string }[] };
    const sv = (await suite.get('/api/v1/services?q=lastenneuvola&lang=sv')).json() as { items: { web_url: string }[] };
    expect(fi.items[0]!.web_url).toContain('/fi/services/');
    expect(sv.items[0]!.web_url).toContain('/sv/services/');
    const two = (await suite.get('/api/v1/services?q=lastenneuvola&per_page=1')).json() as { items: unknown[] };
    expect(two.items).toHaveLength(1);
  });
});
