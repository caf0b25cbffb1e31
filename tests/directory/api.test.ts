import { describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { useFixtureApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

const id = (key: string) => idFromKey('service', key);

describe.each(testDatabases())('directory JSON API on %s', (kind) => {
  const { get } = useFixtureApp(kind);

  it('answers health and readiness', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: kind });
  });

  it('searches with the documented shape and facets', async () => {
    const r = await get('/api/v1/services?q=neuvola&municipality=018&lang=fi');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ total: expect.any(Number), page: 1, per_page: 20, sort: 'relevance' });
    expect(body.items[0]).toMatchObject({
      id: id('t-lastenneuvola'),
      name: 'Lastenneuvola',
      organization: {
        id: idFromKey('organization', 't-askola-hva'),
        name: 'Testin hyvinvointialue',
        type: 'wellbeing_county',
      },
      municipalities: [
        { code: '018', name: 'Askola' },
        { code: '616', name: 'Pukkila' },
      ],
      languages: ['fi'],
      age_min: 0,
      age_max: 6,
      web_url: `http://yhdessa.test/fi/services/${id('t-lastenneuvola')}`,
    });
    expect(body.facets.municipality['018']).toBeGreaterThan(0);
  });

  it('takes several values of a filter, booleans, age and paging', async () => {
    const r = (
      await get('/api/v1/services?municipality=149&municipality=078&free=true&age=4&per_page=2&page=1&sort=name')
    ).json();
    expect(r.per_page).toBe(2);
    expect(r.items).toHaveLength(2);
    expect(r.total).toBeGreaterThanOrEqual(2);
    for (const item of r.items)
      expect(item.municipalities.some((m: { code: string }) => ['149', '078'].includes(m.code))).toBe(true);
  });

  it('answers in the language asked for, by parameter or Accept-Language, marking fallbacks', async () => {
    const sv = (await get(`/api/v1/services/${id('t-lastenneuvola')}?lang=sv`)).json();
    expect(sv.name).toBe('Barnrådgivning');
    expect(sv.municipalities[1]).toEqual({ code: '616', name: 'Pukkila' });
    const en = (
      await get(`/api/v1/services/${id('t-familjecafe-inga')}`, { 'accept-language': 'en-GB,en;q=0.9' })
    ).json();
    expect(en.name).toBe('Familjecaféet i Ingå');
    expect(en.text_languages).toMatchObject({ name: 'sv' });
    expect(en.translations.name).toEqual({ sv: 'Familjecaféet i Ingå' });
  });

  it('returns a whole service with places, hours and contact', async () => {
    const s = (await get(`/api/v1/services/${id('t-lastenneuvola')}`)).json();
    expect(s.locations[0]).toMatchObject({
      name: 'Askolan hyvinvointineuvola',
      address: { street: 'Kirkkotie 8', postal_code: '07500', city: 'Askola' },
      latitude: 60.5297,
      accessibility: 'Esteetön sisäänkäynti.',
      hours: [{ days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:00', closes: '16:00' }],
    });
    expect(s.phones).toEqual([{ number: '+358 40 000 0001', note: null }]);
    expect(s.service_classes[0].code).toBe('P3.1');
    expect(s.target_groups[0].code).toBe('KR1.2');
  });

  it('gives distances when a point is given', async () => {
    const r = (await get('/api/v1/services?lat=59.8236&lon=22.9681&sort=distance')).json();
    expect(r.items[0].id).toBe(id('t-kuraattori-hanko'));
    expect(r.items[0].distance_km).toBeLessThan(1);
  });

  it.each([
    ['/api/v1/services?colour=blue', 'colour'],
    ['/api/v1/services?age=old', 'age'],
    ['/api/v1/services?age=99', 'age'],
    ['/api/v1/services?language=de', 'language'],
    ['/api/v1/services?life_situation=space_travel', 'life_situation'],
    ['/api/v1/services?per_page=1000', 'per_page'],
    ['/api/v1/services?municipality=18', 'municipality'],
  ])('rejects %s with 400 naming the parameter', async (url, param) => {
    const r = await get(url);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('invalid_parameter');
    expect(r.json().message).toContain(param);
  });

  it.each([
    ['/api/v1/services?municipality=999', 'unknown_municipality'],
    ['/api/v1/services?lat=60.1', 'lat_lon_pair'],
    ['/api/v1/services?sort=distance', 'distance_needs_point'],
  ])('rejects %s with a readable reason', async (url, code) => {
    const r = await get(url);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe(code);
  });

  it('translates error messages', async () => {
    expect((await get('/api/v1/services?colour=blue&lang=sv')).json().message).toBe('Okänd parameter ”colour”.');
    expect((await get('/api/v1/services?colour=blue&lang=en')).json().message).toBe('Unknown parameter “colour”.');
    expect((await get('/api/v1/services?colour=blue')).json().message).toBe('Tuntematon parametri ”colour”.');
  });

  it('answers 404 for unknown and malformed ids', async () => {
    for (const x of [idFromKey('service', 'nope'), 'not-a-uuid']) {
      const r = await get(`/api/v1/services/${x}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().error).toBe('service_not_found');
    }
  });

  it('publishes an OpenAPI 3.1 document describing the search', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/api/v1/services'].get;
    const names = op.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'q',
        'lang',
        'municipality',
        'language',
        'age',
        'life_situation',
        'org_type',
        'mode',
        'free',
        'open_now',
        'lat',
        'lon',
        'sort',
        'page',
        'per_page',
      ]),
    );
    expect(doc.paths['/api/v1/services/{id}']).toBeDefined();
  });

  it('sets security headers on every response', async () => {
    const r = await get('/fi/');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
