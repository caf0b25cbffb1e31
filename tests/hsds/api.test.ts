import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindexServices } from '../../src/core/directory/searchIndexer.js';
import { termId } from '../../src/core/directory/taxonomies.js';
import { hsdsTaxonomyId } from '../../src/core/hsds/ids.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { expectValid, expectValidPage } from './validate.js';

const sid = (key: string) => idFromKey('service', key);
const oid = (key: string) => idFromKey('organization', key);
type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = directoryFixture();
// One fixture service is withdrawn before the suite: HSDS publishes active services only.
const WITHDRAWN = 't-olkkari';
const published = fixture.services.filter((s) => s.key !== WITHDRAWN);

describe.each(testDatabases())('HSDS 3.0 API on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  const get = async (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const json = async (url: string, headers: Record<string, string> = {}): Promise<J> => {
    const r = await get(url, headers);
    expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [fixture]);
    await d.db.updateTable('service').set({ status: 'inactive' }).where('id', '=', sid(WITHDRAWN)).execute();
    await reindexServices(d.db, [sid(WITHDRAWN)]);
    // What the PTV import adds beyond the demo data: web links and dated exceptions to the hours.
    await d.db
      .insertInto('link')
      .values([
        {
          id: idFromKey('link', 'neuvola-web'),
          service_id: sid('t-lastenneuvola'),
          location_id: null,
          kind: 'web_page',
          url: 'https://askola.example.fi/neuvola',
          label: JSON.stringify({ fi: 'Neuvolan sivu', sv: 'Rådgivningens sida' }),
          lang: 'fi',
        },
        {
          id: idFromKey('link', 'neuvola-form'),
          service_id: sid('t-lastenneuvola'),
          location_id: null,
          kind: 'printable_form',
          url: 'https://askola.example.fi/lomake.pdf',
          label: '{}',
          lang: null,
        },
      ])
      .execute();
    await d.db
      .insertInto('schedule_exception')
      .values([
        {
          id: idFromKey('schedule_exception', 'juhannus'),
          service_id: null,
          location_id: idFromKey('location', 't-askola-hyvinvointineuvola'),
          valid_from: '2026-06-19',
          valid_to: '2026-06-20',
          closed: true,
          opens_at: null,
          closes_at: null,
          description: JSON.stringify({ fi: 'Juhannus', sv: 'Midsommar' }),
        },
        {
          id: idFromKey('schedule_exception', 'aatto'),
          service_id: sid('t-lastenneuvola'),
          location_id: null,
          valid_from: '2026-12-23',
          valid_to: '2026-12-23',
          closed: false,
          opens_at: '08:00',
          closes_at: '12:00',
          description: '{}',
        },
      ])
      .execute();
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('describes itself: version, a profile and an OpenAPI document that resolve', async () => {
    const base = await json('/hsds/');
    expect(base).toEqual({
      version: '3.0',
      profile: 'http://yhdessa.test/hsds/profile',
      openapi_url: 'http://yhdessa.test/hsds/openapi.json',
    });
    const profile = await get('/hsds/profile');
    expect(profile.statusCode).toBe(200);
    expect(profile.headers['content-type']).toMatch(/^text\/markdown/);
    expect(profile.body).toContain('text_languages');
    const openapi = await json('/hsds/openapi.json');
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.servers).toEqual([{ url: 'http://yhdessa.test/hsds' }]);
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/services',
        '/services/{id}',
        '/organizations',
        '/taxonomies',
        '/taxonomy_terms',
        '/service_at_locations',
      ]),
    );
    expect(openapi.paths['/services'].get.parameters).toContainEqual(expect.objectContaining({ name: 'lang' }));
    const siteDoc = await json('/api/v1/openapi.json');
    expect(siteDoc.paths['/hsds/services'].get.tags).toEqual(['hsds']);
  });

  it('lists every published service in Page wrappers whose items validate, page by page', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const p = await json(`/hsds/services?per_page=5&page=${page}`);
      expectValidPage('service_list_item', p);
      expect(p).toMatchObject({
        total_items: published.length,
        total_pages: Math.ceil(published.length / 5),
        page_number: page,
        size: p.contents.length,
        first_page: page === 1,
        empty: false,
      });
      seen.push(...p.contents.map((s: J) => s.id));
      if (p.last_page) break;
    }
    expect(seen.sort()).toEqual(published.map((s) => sid(s.key)).sort());
    expect(seen).not.toContain(sid(WITHDRAWN));
  });

  it('gives full records with full=true and each service by id, all valid against compiled/service.json', async () => {
    const p = await json('/hsds/services?full=true&per_page=100');
    expectValidPage('service', p);
    expect(p.contents).toHaveLength(published.length);
    for (const s of published) expectValid('service', await json(`/hsds/services/${sid(s.key)}`));
  });

  it('maps a service: areas, places with address and hours, phones, languages, taxonomy terms, fees and ages', async () => {
    const s = await json(`/hsds/services/${sid('t-lastenneuvola')}`);
    expect(s).toMatchObject({
      id: sid('t-lastenneuvola'),
      name: 'Lastenneuvola',
      status: 'active',
      organization_id: oid('t-askola-hva'),
      minimum_age: 0,
      maximum_age: 6,
      organization: { id: oid('t-askola-hva'), name: 'Testin hyvinvointialue' },
      web_url: `http://yhdessa.test/fi/services/${sid('t-lastenneuvola')}`,
    });
    expect(s.service_areas.map((a: J) => [a.municipality_code, a.name])).toEqual([
      ['018', 'Askola'],
      ['616', 'Pukkila'],
    ]);
    expect(s.languages).toEqual([expect.objectContaining({ code: 'fi', name: 'suomi' })]);
    expect(s.phones[0]).toMatchObject({ number: '+358 40 000 0001', type: 'voice', service_id: s.id });
    const loc = s.service_at_locations[0].location;
    expect(loc).toMatchObject({
      name: 'Askolan hyvinvointineuvola',
      latitude: 60.5297,
      longitude: 25.5997,
      location_type: 'physical',
    });
    expect(loc.addresses[0]).toMatchObject({
      address_1: 'Kirkkotie 8',
      postal_code: '07500',
      city: 'Askola',
      country: 'FI',
      address_type: 'physical',
    });
    expect(loc.schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      byday: 'MO,TU,WE,TH,FR',
      opens_at: '08:00',
      closes_at: '16:00',
      tzid: 'Europe/Helsinki',
    });
    expect(loc.accessibility[0].description).toBe('Esteetön sisäänkäynti.');
    const terms = s.attributes.map((a: J) => [a.link_type, a.taxonomy_term.code]);
    expect(terms).toEqual(
      expect.arrayContaining([
        ['life_situation', 'baby'],
        ['service_class', 'P3.1'],
        ['target_group', 'KR1.2'],
      ]),
    );
    for (const a of s.attributes)
      expect(a).toMatchObject({ link_id: s.id, link_entity: 'service', taxonomy_term_id: a.taxonomy_term.id });
    expect(s.cost_options).toHaveLength(1);
    expect(s.links).toEqual([
      {
        kind: 'web_page',
        url: 'https://askola.example.fi/neuvola',
        label: 'Neuvolan sivu',
        language: 'fi',
        translations: { label: { fi: 'Neuvolan sivu', sv: 'Rådgivningens sida' } },
      },
      { kind: 'printable_form', url: 'https://askola.example.fi/lomake.pdf' },
    ]);
    expect(s.url).toBe('https://askola.example.fi/neuvola');
    expect(s.schedules).toContainEqual(
      expect.objectContaining({
        valid_from: '2026-12-23',
        valid_to: '2026-12-23',
        opens_at: '08:00',
        closes_at: '12:00',
        exception: true,
        closed: false,
      }),
    );
    const closed = loc.schedules.find((x: J) => x.exception);
    expect(closed).toMatchObject({
      valid_from: '2026-06-19',
      valid_to: '2026-06-20',
      closed: true,
      description: 'Juhannus',
    });
    expect(closed.opens_at).toBeUndefined();
  });

  it('answers in one language: lang, Accept-Language, Finnish by default; fallbacks named, translations in full records', async () => {
    const url = `/hsds/services/${sid('t-lastenneuvola')}`;
    expect((await json(url)).name).toBe('Lastenneuvola');
    const sv = await get(`${url}?lang=sv`);
    expect(sv.json().name).toBe('Barnrådgivning');
    expect(sv.headers['content-language']).toBe('sv');
    expect((await json(url, { 'accept-language': 'sv-FI,sv;q=0.9' })).name).toBe('Barnrådgivning');
    const en = await json(`/hsds/services/${sid('t-familjecafe-inga')}`, { 'accept-language': 'en' });
    expect(en.name).toBe('Familjecaféet i Ingå');
    expect(en.text_languages).toMatchObject({ name: 'sv' });
    const fi = await json(`/hsds/services/${sid('t-familjecafe-inga')}?lang=fi`);
    expect(fi.text_languages).toMatchObject({ name: 'sv', description: 'sv' });
    expect(en.translations.name).toEqual({ sv: 'Familjecaféet i Ingå' });
    expectValid('service', en);
    const list = await json('/hsds/services?lang=sv&per_page=100');
    expect(list.contents.find((s: J) => s.id === sid('t-lastenneuvola')).name).toBe('Barnrådgivning');
    expect(list.contents[0].translations).toBeUndefined();
  });

  it('searches with the directory search (same matches as /api/v1/services)', async () => {
    const h = await json('/hsds/services?search=neuvola');
    const a = await json('/api/v1/services?q=neuvola&per_page=100');
    expect(h.total_items).toBe(a.total);
    expect(h.contents.map((s: J) => s.id)).toEqual(a.items.slice(0, 20).map((s: J) => s.id));
    expect(h.contents[0].id).toBe(sid('t-lastenneuvola'));
    expectValidPage('service_list_item', h);
    const typo = await json('/hsds/services?search=nevola');
    expect(typo.contents[0]?.id).toBe(sid('t-lastenneuvola'));
    const none = await json('/hsds/services?search=zzzqqxx');
    expect(none).toMatchObject({
      total_items: 0,
      size: 0,
      empty: true,
      first_page: true,
      last_page: true,
      contents: [],
    });
    expectValidPage('service_list_item', none);
  });

  it('filters by taxonomy term, taxonomy, organisation and modification time', async () => {
    const baby = await json(
      `/hsds/services?taxonomy_term_id=${termId('life-situation', 'baby')}&full=true&per_page=100`,
    );
    const expected = published
      .filter((s) => s.lifeSituations.includes('baby'))
      .map((s) => sid(s.key))
      .sort();
    expect(baby.contents.map((s: J) => s.id).sort()).toEqual(expected);
    for (const s of baby.contents) expect(s.attributes.map((x: J) => x.taxonomy_term.code)).toContain('baby');
    const withSearch = await json(
      `/hsds/services?search=perhekahvila&taxonomy_term_id=${termId('life-situation', 'baby')}`,
    );
    expect(withSearch.contents.map((s: J) => s.id)).toContain(sid('t-perhekahvila-inkoo'));

    const p31 = await json(`/hsds/services?taxonomy_term_id=${termId('ptv-service-class', 'P3.1')}&per_page=100`);
    expect(p31.contents.map((s: J) => s.id).sort()).toEqual(
      published
        .filter((s) => s.serviceClasses?.includes('P3.1'))
        .map((s) => sid(s.key))
        .sort(),
    );
    const classes = published
      .filter((s) => s.serviceClasses?.length)
      .map((s) => sid(s.key))
      .sort();
    for (const t of [hsdsTaxonomyId('ptv-service-class'), 'ptv-service-class']) {
      expect((await json(`/hsds/services?taxonomy_id=${t}&per_page=100`)).contents.map((s: J) => s.id).sort()).toEqual(
        classes,
      );
    }
    expect((await json(`/hsds/services?taxonomy_id=${idFromKey('x', 'y')}`)).total_items).toBe(0);

    const org = await json(`/hsds/services?organization_id=${oid('t-askola-hva')}&per_page=100`);
    expect(org.contents.map((s: J) => s.id).sort()).toEqual(
      published
        .filter((s) => s.org === 't-askola-hva')
        .map((s) => sid(s.key))
        .sort(),
    );
    for (const s of org.contents) expect(s.organization_id).toBe(oid('t-askola-hva'));

    expect((await json('/hsds/services?modified_after=2000-01-01')).total_items).toBe(published.length);
    expect((await json('/hsds/services?modified_after=2999-01-01T00:00:00Z')).total_items).toBe(0);
    await d.db
      .updateTable('service')
      .set({ updated_at: new Date(Date.now() + 3_600_000) })
      .where('id', '=', sid('t-aabo'))
      .execute();
    const later = new Date(Date.now() + 1_800_000).toISOString();
    expect(
      (await json(`/hsds/services?modified_after=${encodeURIComponent(later)}`)).contents.map((s: J) => s.id),
    ).toEqual([sid('t-aabo')]);
  });

  it('minimal=true lists ids and last change only, and lets one page hold many', async () => {
    const p = await json('/hsds/services?minimal=true&per_page=1000');
    expectValidPage('service_list_item', p);
    expect(p.contents).toHaveLength(published.length);
    for (const s of p.contents) expect(Object.keys(s).sort()).toEqual(['id', 'last_modified', 'name', 'status']);
  });

  it('postcode: services whose area covers it; proximity: with a place within the distance, nearest first', async () => {
    const askola = await json('/hsds/services?postcode=07500&full=true&per_page=100');
    const inArea = published
      .filter((s) => s.area.includes('018'))
      .map((s) => sid(s.key))
      .sort();
    expect(askola.contents.map((s: J) => s.id).sort()).toEqual(inArea);
    const hanko = await json('/hsds/services?postcode=10900&proximity=2000&full=true');
    expect(hanko.contents.map((s: J) => s.id)).toContain(sid('t-kuraattori-hanko'));
    for (const s of hanko.contents) {
      expect(s.service_areas.map((a: J) => a.municipality_code)).toContain('078');
      expect(s.service_at_locations.length).toBeGreaterThan(0);
    }
    // Hanko's places are over 2 km from Askola's centre: nothing there within 2 km serves Askola from Hanko.
    const near = await json('/hsds/service_at_locations?postcode=10900&proximity=2000');
    for (const sl of near.contents) expect(Math.abs(sl.location.latitude - 59.8236)).toBeLessThan(0.03);
    expectValidPage('service_at_location_list_item', near);
    const withSearch = await json('/hsds/services?search=kuraattori&postcode=10900&proximity=2000');
    expect(withSearch.contents.map((s: J) => s.id)).toEqual([sid('t-kuraattori-hanko')]);
    expect((await json('/hsds/services?search=kuraattori&postcode=07500&proximity=2000')).total_items).toBe(0);
  });

  it('lists organisations and gives each fully nested, valid', async () => {
    const p = await json('/hsds/organizations?per_page=100');
    expectValidPage('organization_list_item', p);
    expect(p.contents.map((o: J) => o.id).sort()).toEqual(fixture.organizations.map((o) => oid(o.key)).sort());
    for (const o of p.contents) {
      const full = await json(`/hsds/organizations/${o.id}`);
      expectValid('organization', full);
      for (const s of full.services) expectValid('service_list_item', s);
    }
    const withServices = await json(`/hsds/organizations/${oid('t-askola-hva')}?full_service=true`);
    expect(withServices.services.length).toBeGreaterThan(0);
    for (const s of withServices.services) expectValid('service', s);
    expectValidPage('organization', await json('/hsds/organizations?full=true'));
    const found = await json('/hsds/organizations?search=folkhalsan');
    expect(found.contents.map((o: J) => o.id)).toEqual([oid('t-folkhalsan-inga')]);
  });

  it('lists taxonomies and terms, each valid, with hierarchy filters', async () => {
    const tx = await json('/hsds/taxonomies');
    expectValidPage('taxonomy', tx);
    expect(tx.contents.map((t: J) => t.code)).toEqual(
      expect.arrayContaining(['life-situation', 'ptv-service-class', 'ptv-target-group']),
    );
    for (const t of tx.contents) expectValid('taxonomy', await json(`/hsds/taxonomies/${t.id}`));
    const life = await json(`/hsds/taxonomy_terms?taxonomy_id=${hsdsTaxonomyId('life-situation')}&per_page=100`);
    expectValidPage('taxonomy_term', life);
    expect(life.total_items).toBe(17);
    const term = await json(`/hsds/taxonomy_terms/${termId('ptv-target-group', 'KR1.2')}?lang=sv`);
    expectValid('taxonomy_term', term);
    expect(term).toMatchObject({
      code: 'KR1.2',
      parent_id: termId('ptv-target-group', 'KR1'),
      taxonomy_id: hsdsTaxonomyId('ptv-target-group'),
      language: 'sv',
    });
    const children = await json(`/hsds/taxonomy_terms?parent_id=${termId('ptv-target-group', 'KR1')}&per_page=100`);
    expect(children.contents.map((t: J) => t.code)).toContain('KR1.2');
    for (const t of children.contents) expect(t.parent_id).toBe(termId('ptv-target-group', 'KR1'));
    const top = await json('/hsds/taxonomy_terms?taxonomy_id=ptv-target-group&top_only=true&per_page=100');
    expect(top.total_items).toBeGreaterThan(0);
    for (const t of top.contents) expect(t.parent_id).toBeUndefined();
    let all = 0;
    for (let page = 1; ; page++) {
      const p = await json(`/hsds/taxonomy_terms?per_page=100&page=${page}`);
      expectValidPage('taxonomy_term', p);
      all += p.size;
      if (p.last_page) break;
    }
    expect(all).toBe((await json('/hsds/taxonomy_terms')).total_items);
  });

  it('lists services at locations and gives each fully nested, valid', async () => {
    const p = await json('/hsds/service_at_locations?per_page=100');
    expectValidPage('service_at_location_list_item', p);
    const pairs = published.flatMap((s) =>
      (s.locations ?? []).map((l) => [sid(s.key), idFromKey('location', l)].join()),
    );
    expect(p.contents.map((x: J) => [x.service_id, x.location_id].join()).sort()).toEqual(pairs.sort());
    for (const x of p.contents) {
      expectValid('service_list_item', x.service);
      const full = await json(`/hsds/service_at_locations/${x.id}`);
      expectValid('service_at_location', full);
      expectValid('location', full.location);
    }
    expectValidPage('service_at_location', await json('/hsds/service_at_locations?full=true'));
    const inga = await json(`/hsds/service_at_locations?organization_id=${oid('t-mll-inkoo')}`);
    for (const x of inga.contents) expect(x.service.organization_id).toBe(oid('t-mll-inkoo'));
  });

  it('streams whole lists as ndjson', async () => {
    const r = await get('/hsds/services?format=ndjson');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(published.length);
    for (const s of lines) expectValid('service_list_item', s);
  });

  it.each([
    ['/hsds/services/00000000-0000-4000-8000-000000000000', 'hsds_service_not_found'],
    [`/hsds/services/${sid(WITHDRAWN)}`, 'hsds_service_not_found'],
    ['/hsds/services/not-an-id', 'hsds_service_not_found'],
    ['/hsds/organizations/00000000-0000-4000-8000-000000000000', 'hsds_organization_not_found'],
    ['/hsds/taxonomies/00000000-0000-4000-8000-000000000000', 'hsds_taxonomy_not_found'],
    ['/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000', 'hsds_taxonomy_term_not_found'],
    ['/hsds/service_at_locations/00000000-0000-4000-8000-000000000000', 'hsds_service_at_location_not_found'],
    ['/hsds/nothing-here', 'not_found'],
  ])('unknown id %s → 404 JSON', async (url, code) => {
    const r = await get(url);
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json()).toMatchObject({ error: code, message: expect.any(String) });
  });

  it('a withdrawn service leaves its place-pairs too', async () => {
    const [sal] = await d.db
      .selectFrom('service_at_location')
      .select('id')
      .where('service_id', '=', sid(WITHDRAWN))
      .execute();
    if (sal) expect((await get(`/hsds/service_at_locations/${sal.id}`)).statusCode).toBe(404);
    const orgs = await json('/hsds/organizations?per_page=100');
    expect(orgs.contents.length).toBeGreaterThan(0);
  });

  it.each([
    ['/hsds/services?per_page=0', 'per_page'],
    ['/hsds/services?per_page=500', '100'],
    ['/hsds/services?page=first', 'page'],
    ['/hsds/services?colour=blue', 'colour'],
    ['/hsds/services?organization_id=abc', 'organization_id'],
    ['/hsds/services?taxonomy_term_id=baby', 'taxonomy_term_id'],
    ['/hsds/services?taxonomy_id=colours', 'taxonomy_id'],
    ['/hsds/services?modified_after=yesterday', 'modified_after'],
    ['/hsds/services?modified_after=2026-13-45', 'modified_after'],
    ['/hsds/services?postcode=abc', 'postcode'],
    ['/hsds/services?postcode=99999', '99999'],
    ['/hsds/services?proximity=1000', 'proximity'],
    ['/hsds/services?postcode=07500&proximity=-5', 'proximity'],
    ['/hsds/services?format=xml', 'format'],
    ['/hsds/services?lang=de', 'lang'],
    ['/hsds/services?search=neuvola&modified_after=2020-01-01', 'modified_after'],
    [`/hsds/services?search=neuvola&taxonomy_term_id=${termId('ptv-service-class', 'P3.1')}`, 'taxonomy_term_id'],
    ['/hsds/service_at_locations?search=neuvola', 'search'],
    ['/hsds/taxonomy_terms?parent_id=KR1', 'parent_id'],
    ['/hsds/organizations?full_service=maybe', 'full_service'],
  ])('bad parameter %s → 400 JSON naming it', async (url, named) => {
    const r = await get(url);
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.error).toMatch(/^(invalid_parameter|hsds_)/);
    expect(body.message).toContain(named);
  });

  it('translates error messages', async () => {
    const sv = (await get('/hsds/services?postcode=99999&lang=sv')).json();
    expect(sv.message).toContain('Postnumret');
    const fi = (await get('/hsds/services/00000000-0000-4000-8000-000000000000')).json();
    expect(fi.message).toContain('Palvelua ei löytynyt');
  });
});
