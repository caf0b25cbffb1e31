import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { testApp } from '../support/app.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { EKENAS, KARIS_1, mapFixture } from './support.js';
import { validateFeatureCollection } from './geojsonSchema.js';

const service = (key: string) => idFromKey('service', key);
const location = (key: string) => idFromKey('location', key);

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
interface Collection {
  type: 'FeatureCollection';
  features: Feature[];
  total_services: number;
  services_included: number;
  truncated: boolean;
}

describe.each(testDatabases())('GET /api/v1/locations.geojson on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture(), mapFixture()]);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const geo = async (query: string) => {
    const r = await get(`/api/v1/locations.geojson${query}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Collection;
    expect(
      validateFeatureCollection(body),
      JSON.stringify((validateFeatureCollection as { errors?: unknown }).errors),
    ).toBe(true);
    return body;
  };
  const byId = (c: Collection, key: string) => c.features.find((f) => f.id === location(key));

  it('is a GeoJSON FeatureCollection of points in [longitude, latitude] order, served as application/geo+json', async () => {
    const r = await get('/api/v1/locations.geojson');
    expect(r.headers['content-type']).toMatch(/^application\/geo\+json/);
    const c = await geo('');
    // Every place with coordinates of an active service: three in the directory fixture, three in the map fixture.
    expect(c.features).toHaveLength(6);
    const askola = byId(c, 't-askola-hyvinvointineuvola')!;
    expect(askola.geometry).toEqual({ type: 'Point', coordinates: [25.5997, 60.5297] });
    const karis = byId(c, 't-map-karis-1')!;
    expect(karis.geometry.coordinates).toEqual([KARIS_1.lon, KARIS_1.lat]);
    // In Finland longitude (19–32) and latitude (59–71) do not overlap, so a swapped pair cannot pass.
    for (const f of c.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThan(19);
      expect(lon).toBeLessThan(32);
      expect(lat).toBeGreaterThan(59);
      expect(lat).toBeLessThan(71);
    }
    expect(c).toMatchObject({ total_services: 12 + 2, truncated: false });
  });

  it("gives each place its address, municipality and the services there, in the reader's language", async () => {
    const sv = await geo('?lang=sv');
    const inga = byId(sv, 't-inkoo-seurakuntatalo')!;
    expect(inga.properties).toMatchObject({
      id: location('t-inkoo-seurakuntatalo'),
      name: 'Ingå församlingshem',
      name_lang: 'sv',
      address: { street: 'Strandvägen 1', postal_code: '10210', city: 'Ingå' },
      municipality: { code: '149', name: 'Ingå' },
    });
    // Two services meet here; both are listed, with links to their pages.
    expect(new Set(inga.properties.service_ids)).toEqual(
      new Set([service('t-perhekahvila-inkoo'), service('t-familjecafe-inga')]),
    );
    const cafe = inga.properties.services.find((s: { id: string }) => s.id === service('t-familjecafe-inga'));
    expect(cafe).toEqual({
      id: service('t-familjecafe-inga'),
      name: 'Familjecaféet i Ingå',
      name_lang: 'sv',
      url: `http://yhdessa.test/sv/services/${service('t-familjecafe-inga')}`,
    });
    expect(inga.properties.url).toBe(inga.properties.services[0].url);
    // English readers get the Swedish-only name, marked as Swedish.
    const en = await geo('?lang=en&q=familjecafe');
    expect(byId(en, 't-inkoo-seurakuntatalo')!.properties.services[0]).toMatchObject({
      name: 'Familjecaféet i Ingå',
      name_lang: 'sv',
    });
  });

  it('applies the same filters as the search', async () => {
    const hanko = await geo('?municipality=078');
    expect(hanko.features.map((f) => f.id)).toEqual([location('t-hanko-koulu')]);
    const words = await geo('?q=perhekahvila');
    expect(words.features.map((f) => f.id)).toEqual([location('t-inkoo-seurakuntatalo')]);
    expect(words.features[0]!.properties.service_ids).toContain(service('t-perhekahvila-inkoo'));
    // Online-only: a match, but no place to draw.
    const online = await geo('?mode=online');
    expect(online.features).toEqual([]);
    expect(online.total_services).toBeGreaterThan(0);
    // The youth evening is for ages 13–17: a five-year-old's search leaves its place off the map.
    const small = await geo('?age=5&municipality=710');
    expect(small.features.map((f) => f.id).sort()).toEqual(
      [location('t-map-ekenas'), location('t-map-karis-1')].sort(),
    );
    const teens = await geo('?age=15&municipality=710');
    expect(teens.features.map((f) => f.id)).toContain(location('t-map-karis-2'));
    const search = (await get('/api/v1/services?q=neuvola&municipality=018&per_page=100')).json() as {
      items: { id: string }[];
    };
    const geoIds = new Set(
      (await geo('?q=neuvola&municipality=018')).features.flatMap((f) => f.properties.service_ids as string[]),
    );
    // Every service with a place in the search's answer is on the map, and nothing else.
    const withPlaces = search.items
      .map((i) => i.id)
      .filter((id) => [service('t-lastenneuvola'), service('t-paivakoti')].includes(id));
    expect([...geoIds].sort()).toEqual(withPlaces.sort());
  });

  it('measures from a point: nearest first, with the distance, and "within" keeps only places that near', async () => {
    const c = await geo(`?lat=${EKENAS.lat}&lon=${EKENAS.lon}`);
    expect(c.features[0]!.id).toBe(location('t-map-ekenas'));
    expect(c.features[0]!.properties.distance_km).toBe(0);
    for (const f of c.features) expect(f.properties.distance_km).toEqual(expect.any(Number));
    // Services come nearest first: Ekenäs and Karis (Raasepori) before Hanko, Inkoo, then Askola in the east.
    expect(c.features.at(-1)!.id).toBe(location('t-askola-hyvinvointineuvola'));
    const within = await geo(`?lat=${EKENAS.lat}&lon=${EKENAS.lon}&within_km=20`);
    // Karis is ~16 km from Ekenäs; Hanko ~35 km, Inkoo ~40 km.
    expect(within.features.map((f) => f.id).sort()).toEqual(
      [location('t-map-ekenas'), location('t-map-karis-1'), location('t-map-karis-2')].sort(),
    );
    for (const f of within.features) expect(f.properties.distance_km).toBeLessThanOrEqual(20);
    const close = await geo(`?lat=${EKENAS.lat}&lon=${EKENAS.lon}&within_km=1`);
    // The family centre is also in Karis, 16 km away: that place is not "within 1 km" and stays off the map.
    expect(close.features.map((f) => f.id)).toEqual([location('t-map-ekenas')]);
    expect(close.total_services).toBe(1);
  });

  it('measures from a typed postal code or municipality', async () => {
    const karis = await geo('?place=10300&within_km=2');
    expect(karis.features.map((f) => f.id).sort()).toEqual(
      [location('t-map-karis-1'), location('t-map-karis-2')].sort(),
    );
    const borga = await geo('?place=Borg%C3%A5&within_km=50');
    // Porvoo's centre: Askola (~18 km) is within 50 km, Inkoo and Hanko are not.
    expect(borga.features.map((f) => f.id)).toEqual([location('t-askola-hyvinvointineuvola')]);
    const code = await geo('?place=078&within_km=5');
    expect(code.features.map((f) => f.id)).toEqual([location('t-hanko-koulu')]);
  });

  it('holds at most `limit` services and says when more match', async () => {
    const c = await geo('?limit=1');
    expect(c).toMatchObject({ services_included: 1, truncated: true, total_services: 14 });
  });

  it.each([
    ['?lat=60.1', 'lat_lon_pair'],
    ['?within_km=5', 'within_needs_point'],
    ['?place=Atlantis', 'unknown_place'],
    ['?place=99999', 'unknown_place'],
    ['?place=07500&lat=60&lon=25', 'place_or_point'],
    ['?municipality=999', 'unknown_municipality'],
    ['?lat=60&lon=25&within_km=0', 'invalid_parameter'],
    ['?lat=60&lon=25&within_km=501', 'invalid_parameter'],
    ['?lat=95&lon=25', 'invalid_parameter'],
    ['?limit=0', 'invalid_parameter'],
    ['?page=2', 'invalid_parameter'],
    ['?bbox=1,2,3,4', 'invalid_parameter'],
  ])('answers %s with 400 %s and a translated message', async (query, code) => {
    const r = await get(`/api/v1/locations.geojson${query}&lang=sv`.replace('?&', '?'));
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: code, message: expect.any(String) });
    expect(r.json().message.length).toBeGreaterThan(10);
  });

  it('is in the OpenAPI document with its parameters and media type', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/locations.geojson'].get;
    const names = op.parameters.map((p: { name: string }) => p.name);
    for (const n of ['q', 'municipality', 'lat', 'lon', 'place', 'within_km', 'limit']) expect(names).toContain(n);
    expect(names).not.toContain('page');
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/geo+json']);
    const services = doc.paths['/api/v1/services'].get.parameters.map((p: { name: string }) => p.name);
    expect(services).toEqual(expect.arrayContaining(['place', 'within_km']));
  });
});
