import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCards } from '../../src/core/directory/queries.js';
import { saveService } from '../../src/core/directory/saveRecords.js';
import { searchServices, type SearchParams } from '../../src/core/directory/search/searchServices.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

const id = (key: string) => idFromKey('service', key);

describe.each(testDatabases())('service search on %s', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
  });
  afterAll(async () => d?.dispose());

  const search = (p: Partial<SearchParams>) => searchServices(d.db, { lang: 'fi', ...p });
  const keysOf = async (p: Partial<SearchParams>) => {
    const r = await search({ perPage: 100, ...p });
    const cards = await serviceCards(
      d.db,
      r.hits.map((h) => h.id),
    );
    return cards.map((c) => c.id);
  };

  it('ranks a name match above a keyword match above a description match', async () => {
    const ids = await keysOf({ q: 'neuvola' });
    expect(ids.slice(0, 2)).toEqual([id('t-lastenneuvola'), id('t-perheohjaus')]);
    expect(ids.indexOf(id('t-perhetyo'))).toBeGreaterThan(1); // "neuvolan" only in its description
  });

  it.each([
    ['neuvolaan', 't-lastenneuvola'], // Finnish case ending
    ['lastenneuvolassa', 't-lastenneuvola'], // compound, inflected
    ['barnrådgivningen', 't-lastenneuvola'], // Swedish definite form
    ['rådgivning', 't-lastenneuvola'], // head of a Swedish compound
    ['päiväkodit', 't-paivakoti'], // consonant gradation t → d
    ['paivakoti', 't-paivakoti'], // typed without umlauts
    ['PÄIVÄKOTI', 't-paivakoti'], // case
    ['daghemmet', 't-paivakoti'], // Swedish definite neuter
    ['kuraattorille', 't-kuraattori-hanko'], // allative
    ['skolkuratorn', 't-kuraattori-hanko'], // Swedish compound + definite
    ['school social worker', 't-kuraattori-hanko'], // English
    ['erotilanne eroauttaminen', 't-eroauttaminen'],
    ['skilsmässa', 't-eroauttaminen'],
  ])('"%s" finds %s first', async (q, key) => {
    const ids = await keysOf({ q });
    expect(ids[0]).toBe(id(key));
  });

  it("ranks services given in the page's language first for the same match, hiding none", async () => {
    // Both family cafés have "familjecafé" in their (Swedish) name: one is held in Swedish, the other in Finnish.
    const sv = await searchServices(d.db, { q: 'familjecafé', lang: 'sv', perPage: 100 });
    const fi = await searchServices(d.db, { q: 'familjecafé', lang: 'fi', perPage: 100 });
    expect(sv.hits[0]?.id).toBe(id('t-familjecafe-inga'));
    expect(fi.hits[0]?.id).toBe(id('t-perhekahvila-inkoo'));
    expect(new Set(sv.hits.map((h) => h.id))).toEqual(new Set(fi.hits.map((h) => h.id)));
    expect(sv.total).toBe(fi.total);
  });

  it('matches services that meet most of the words, those meeting more first', async () => {
    // Three parts: nothing has all of them; two of three is enough, and the service meeting two comes first.
    const r = await search({ q: 'eroauttaminen verkossa xqzzy', perPage: 100 });
    expect(r.parts).toBe(3);
    expect(r.minMatch).toBe(2);
    expect(r.hits[0]?.id).toBe(id('t-eroauttaminen'));
    // Two parts must both match; when no service has both, those with either are shown, marked as a weak match.
    const both = await search({ q: 'lastenneuvola eroauttaminen', perPage: 100 });
    expect(both.parts).toBe(2);
    expect(both.minMatch).toBe(1);
    expect(new Set(both.hits.map((h) => h.id))).toEqual(new Set([id('t-lastenneuvola'), id('t-eroauttaminen')]));
    expect((await search({ q: 'lastenneuvola' })).minMatch).toBe(1);
    expect((await search({ q: 'lastenneuvola' })).parts).toBe(1);
  });

  it('does not let question forms and filler sink a query', async () => {
    for (const q of [
      'mistä saa apua päiväkoti',
      'var får man hjälp med daghem',
      'where can I get help with päiväkoti',
    ]) {
      const r = await search({ q });
      expect(r.hits[0]?.id, q).toBe(id('t-paivakoti'));
      expect(r.ignoredWords.length, q).toBeGreaterThan(0);
    }
  });

  it('reads everyday words through the need vocabulary', async () => {
    const r = await search({ q: 'avioero', perPage: 100 }); // the fixture's service says "erotilanne", "eroauttaminen"
    expect(r.concepts).toContain('separation');
    expect(r.hits[0]?.id).toBe(id('t-eroauttaminen'));
  });

  it('corrects a typo to a word the directory uses and says so', async () => {
    const r = await search({ q: 'lastenevola' });
    expect(r.correctedQuery).toBe('lastenneuvola');
    expect(r.hits[0]?.id).toBe(id('t-lastenneuvola'));
  });

  it('finds nothing, without correction, for words far from any', async () => {
    const r = await search({ q: 'xqzzy' });
    expect(r.total).toBe(0);
    expect(r.correctedQuery).toBeNull();
  });

  it('counts a service for a municipality its area covers, not only where its places are', async () => {
    // The clinic's place is in Askola, but it serves Pukkila (616) too.
    expect(await keysOf({ municipality: ['616'] })).toEqual([id('t-lastenneuvola')]);
    const inkoo = await keysOf({ municipality: ['149'] });
    expect(inkoo).toContain(id('t-eroauttaminen'));
    expect(inkoo).not.toContain(id('t-lastenneuvola'));
  });

  it('filters by language of service, age, life situation, organisation type, mode and charge', async () => {
    expect(await keysOf({ language: ['sv'], municipality: ['149'] })).toEqual(
      expect.arrayContaining([id('t-familjecafe-inga'), id('t-eroauttaminen')]),
    );
    expect(await keysOf({ language: ['sv'], municipality: ['149'] })).not.toContain(id('t-perhekahvila-inkoo'));
    const age12 = await keysOf({ age: 12 });
    expect(age12).toContain(id('t-kuraattori-hanko'));
    expect(age12).not.toContain(id('t-lastenneuvola'));
    expect(await keysOf({ lifeSituation: ['separation'] })).toEqual([id('t-eroauttaminen')]);
    expect(new Set(await keysOf({ orgType: ['ngo'] }))).toEqual(
      new Set([id('t-perhekahvila-inkoo'), id('t-familjecafe-inga')]),
    );
    expect(await keysOf({ mode: ['online'] })).toEqual([id('t-eroauttaminen')]);
    expect(await keysOf({ free: false })).toContain(id('t-paivakoti'));
    expect(await keysOf({ free: true })).not.toContain(id('t-paivakoti'));
  });

  it('knows what is open now from the service hours or, failing those, its place', async () => {
    // Wednesday 25 Nov 2026 10:00 in Helsinki (08:00 UTC): family café (Wed 9:30–11:30) and the clinic (Mon–Fri 8–16).
    const wed10 = new Date('2026-11-25T08:00:00Z');
    const open = await keysOf({ openNow: true, now: wed10 });
    expect(open).toEqual(expect.arrayContaining([id('t-perhekahvila-inkoo'), id('t-lastenneuvola')]));
    expect(open).not.toContain(id('t-familjecafe-inga')); // Thursdays only
    // Saturday: nothing in the fixture is open.
    expect(await keysOf({ openNow: true, now: new Date('2026-11-28T10:00:00Z') })).toEqual([]);
  });

  it('counts facets with every filter but their own', async () => {
    const r = await search({ municipality: ['149'], language: ['sv'] });
    // Municipality counts ignore the municipality filter but keep the language filter.
    expect(r.facets!.municipality['149']).toBe(r.total);
    expect(r.facets!.municipality['078']).toBe(2); // kuraattori (fi, sv) and eroauttaminen (sv) serve Hanko
    // Language counts ignore the language filter: Finnish-language services in Inkoo.
    expect(r.facets!.language.fi).toBe(2);
  });

  it("sorts by name in the reader's alphabet: å, ä, ö after z in Finnish and Swedish", async () => {
    const r = await search({ municipality: ['710'], lifeSituation: ['leisure'], sort: 'name' });
    expect(r.hits.map((h) => h.id)).toEqual([id('t-zeta'), id('t-aabo'), id('t-arra'), id('t-olkkari')]);
    const en = await searchServices(d.db, {
      lang: 'en',
      municipality: ['710'],
      lifeSituation: ['leisure'],
      sort: 'name',
    });
    // English files å and ä under a, ö under o; the English name falls back to Finnish.
    expect(en.hits.map((h) => h.id)).toEqual([id('t-aabo'), id('t-arra'), id('t-olkkari'), id('t-zeta')]);
  });

  it('sorts by distance from a point, services without a place last', async () => {
    const hanko = { lat: 59.8236, lon: 22.9681 };
    const r = await search({ near: hanko, sort: 'distance', perPage: 100 });
    expect(r.hits[0]!.id).toBe(id('t-kuraattori-hanko'));
    expect(r.hits[0]!.distanceKm).toBeLessThan(1);
    expect(r.hits.at(-1)!.distanceKm).toBeNull();
    const ds = r.hits.map((h) => h.distanceKm).filter((x): x is number => x !== null);
    expect(ds).toEqual([...ds].sort((a, b) => a - b));
  });

  it('pages through results without overlap', async () => {
    const all = await keysOf({ sort: 'name' });
    const p1 = await search({ sort: 'name', perPage: 5, page: 1 });
    const p2 = await search({ sort: 'name', perPage: 5, page: 2 });
    expect([...p1.hits, ...p2.hits].map((h) => h.id)).toEqual(all.slice(0, 10));
    expect(p1.total).toBe(all.length);
  });

  it('leaves out inactive services', async () => {
    const f = directoryFixture().services.find((s) => s.key === 't-zeta')!;
    await saveService(d.db, {
      key: f.key,
      organizationKey: f.org,
      name: f.name,
      summary: f.summary,
      areas: f.area,
      languages: f.languages,
      modes: f.modes,
      lifeSituations: f.lifeSituations,
      fee: f.fee,
      access: f.access,
      status: 'inactive',
    });
    expect(await keysOf({ q: 'zeta' })).toEqual([]);
  });
});
