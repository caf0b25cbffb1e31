import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { EKENAS, mapFixture } from './support.js';

const service = (key: string) => idFromKey('service', key);
const attr = (html: string, name: string) => {
  const m = new RegExp(`${name}="([^"]*)"`).exec(html);
  return m
    ? m[1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
    : null;
};

// Pages render the same core as the API (whose suite runs on both databases); PGlite is enough here.
describe('map and "near me" on the server-rendered pages', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let off: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    await loadDemoData(d.db, [directoryFixture(), mapFixture()]);
    app = await testApp(d);
    off = await testApp(d, { MAP_TILE_URL: 'off' });
  });
  afterAll(async () => {
    await app?.close();
    await off?.close();
    await d?.dispose();
  });
  const get = (url: string, a = app) => a.inject({ method: 'GET', url });

  it('gives the results page a hidden map panel whose data is the same search as GeoJSON', async () => {
    const r = await get('/fi/search?q=perhekahvila&municipality=149');
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/<div id="map-panel" class="map-panel" hidden=""/);
    const url = attr(r.body, 'data-map-geojson-url')!;
    expect(url).toBe('/api/v1/locations.geojson?q=perhekahvila&municipality=149&lang=fi');
    const geo = (await get(url)).json();
    expect(geo.features.map((f: { id: string }) => f.id)).toEqual([idFromKey('location', 't-inkoo-seurakuntatalo')]);
    expect(attr(r.body, 'data-map-tiles')).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(attr(r.body, 'data-map-attribution')).toBe('© OpenStreetMap contributors');
    // Translated texts for the script.
    expect(JSON.parse(attr(r.body, 'data-map-text')!)).toMatchObject({ hide: 'Piilota kartta', show: 'Näytä kartta' });
    // Labelled, described, and skippable.
    expect(r.body).toContain('role="region" aria-label="Kartta hakutulosten paikoista" aria-describedby="map-hint"');
    expect(r.body).toContain('<a class="map-skip" href="#results">Ohita kartta</a>');
  });

  it('renders no map panel where nothing matching has a place, and none on errors', async () => {
    const online = await get('/fi/search?mode=online');
    expect(online.statusCode).toBe(200);
    expect(online.body).toContain('class="service-card"');
    expect(online.body).not.toContain('id="map-panel"');
    const nothing = await get('/fi/search?q=xqzzyvv');
    expect(nothing.body).not.toContain('id="map-panel"');
    const bad = await get('/fi/search?age=kolme');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('id="map-panel"');
  });

  it('gives a service page its own places in the page, and none to a service without a place', async () => {
    const r = await get(`/sv/services/${service('t-map-familjecentral')}`);
    const geo = JSON.parse(attr(r.body, 'data-map-geojson')!);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual([
      'Familjecentralen i Ekenäs',
      'Familjecentralen i Karis',
    ]);
    const ekenas = geo.features.find(
      (f: { properties: { name: string } }) => f.properties.name === 'Familjecentralen i Ekenäs',
    );
    expect(ekenas.geometry).toEqual({ type: 'Point', coordinates: [EKENAS.lon, EKENAS.lat] });
    expect(r.body).toContain('aria-label="Karta över tjänstens platser"');
    const none = await get(`/fi/services/${service('t-perheohjaus')}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).not.toContain('id="map-panel"');
    expect(none.body).not.toMatch(/\/assets\/map\.[0-9a-f]+\.(js|css)/);
  });

  it("links the map's assets only on pages with a map, serves them hashed, with the marker images the stylesheet names", async () => {
    const front = await get('/fi/');
    expect(front.body).not.toMatch(/\/assets\/map\./);
    const r = await get('/fi/search?q=perhekahvila');
    const css = /href="(\/assets\/map\.[0-9a-f]{12}\.css)"/.exec(r.body)![1]!;
    const js = /src="(\/assets\/map\.[0-9a-f]{12}\.js)"/.exec(r.body)![1]!;
    const cssRes = await get(css);
    expect(cssRes.headers['content-type']).toMatch(/^text\/css/);
    expect(cssRes.headers['cache-control']).toContain('immutable');
    expect(cssRes.body).toContain('.leaflet-container');
    expect(cssRes.body).toContain('.marker-cluster');
    expect(cssRes.body).not.toMatch(/url\(images\//);
    const images = [...cssRes.body.matchAll(/url\((\/assets\/leaflet-[\w-]+\.[0-9a-f]{12}\.png)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const src of [...images, attr(r.body, 'data-map-icon')!, attr(r.body, 'data-map-shadow')!]) {
      const img = await get(src);
      expect(img.statusCode, src).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
      expect(img.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    }
    const jsRes = await get(js);
    expect(jsRes.headers['content-type']).toMatch(/^text\/javascript/);
    expect(jsRes.body).toContain('markerClusterGroup');
  });

  it('has no inline script or style on map pages (the CSP has no unsafe-inline)', async () => {
    for (const url of ['/fi/search?q=perhekahvila', `/fi/services/${service('t-map-familjecentral')}`]) {
      const r = await get(url);
      expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(r.body).not.toMatch(/<style[\s>]/);
      expect(r.body).not.toMatch(/\sstyle="/);
      const csp = r.headers['content-security-policy'] as string;
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toMatch(/img-src 'self' data: https:\/\/tile\.openstreetmap\.org(;|$)/);
    }
  });

  it('turns the map off with MAP_TILE_URL=off: no panel, no assets, no tile host in the CSP', async () => {
    const r = await get('/fi/search?q=perhekahvila', off);
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain('id="map-panel"');
    expect(r.body).not.toMatch(/\/assets\/map\./);
    expect(r.headers['content-security-policy']).toMatch(/img-src 'self' data:;/);
    const s = await get(`/fi/services/${service('t-map-familjecentral')}`, off);
    expect(s.body).not.toContain('id="map-panel"');
    // "Near me" does not need the map.
    expect((await get('/fi/search?place=10300', off)).body).toContain('Etäisyys ');
  });

  it('allows exactly the configured tile host, {s} subdomains as a wildcard', async () => {
    const custom = readConfig({
      MAP_TILE_URL: 'https://{s}.tiles.example.org/base/{z}/{x}/{y}.png',
      MAP_TILE_ATTRIBUTION: '© Example',
    });
    expect(custom.map).toMatchObject({
      imgSource: 'https://*.tiles.example.org',
      attribution: '© Example',
      attributionUrl: null,
    });
    const a = await testApp(d, {
      MAP_TILE_URL: 'https://{s}.tiles.example.org/base/{z}/{x}/{y}.png',
      MAP_TILE_ATTRIBUTION: '© Example',
      MAP_TILE_ATTRIBUTION_URL: 'https://example.org/terms',
    });
    try {
      const r = await get('/fi/search?q=perhekahvila', a);
      expect(r.headers['content-security-policy']).toMatch(/img-src 'self' data: https:\/\/\*\.tiles\.example\.org;/);
      expect(attr(r.body, 'data-map-attribution-url')).toBe('https://example.org/terms');
    } finally {
      await a.close();
    }
    expect(
      readConfig({ MAP_TILE_URL: 'http://localhost:8080/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: 'local' }).map!
        .imgSource,
    ).toBe('http://localhost:8080');
    expect(() =>
      readConfig({ MAP_TILE_URL: 'http://tiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: 'x' }),
    ).toThrow(ConfigError);
    expect(() =>
      readConfig({ MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}.png', MAP_TILE_ATTRIBUTION: 'x' }),
    ).toThrow(/\{z\}, \{x\} and \{y\}/);
    expect(() => readConfig({ MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' })).toThrow(
      /MAP_TILE_ATTRIBUTION/,
    );
    expect(() =>
      readConfig({ MAP_TILE_URL: 'https://{r}.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: 'x' }),
    ).toThrow(ConfigError);
    expect(() => readConfig({ MAP_TILE_MAX_ZOOM: '40' })).toThrow(ConfigError);
  });

  it('measures from a typed postal code without JavaScript: nearest first, each with its distance', async () => {
    const r = await get('/fi/search?place=10300&sort=name');
    expect(r.statusCode).toBe(200);
    // A newly given place sorts nearest first even though the form still carried the old order.
    expect(r.body).toMatch(/<option value="distance" selected="">/);
    expect(r.body).toContain('Etäisyydet lasketaan paikasta 10300 Karjaa.');
    const cards = r.body.split('class="service-card"').slice(1);
    const withPlace = cards.filter((c) => /Etäisyys [\d,]+ km/.test(c));
    expect(withPlace.length).toBeGreaterThanOrEqual(7);
    const km = withPlace.map((c) => Number(/Etäisyys ([\d,]+) km/.exec(c)![1]!.replace(',', '.')));
    expect(km).toEqual([...km].sort((a, b) => a - b));
    // Once distances show, the order in the form is the reader's choice.
    const byName = await get('/fi/search?place=10300&sort=name&had_point=1');
    expect(byName.body).toMatch(/<option value="name" selected="">/);
    // The map panel's data measure from the same point.
    expect(attr(r.body, 'data-map-geojson-url')).toMatch(/lat=60\.072&lon=23\.662&lang=fi$/);
  });

  it('limits by distance, and says what limits apply as chips that remove them', async () => {
    const r = await get('/fi/search?place=Karis&within_km=2');
    expect(r.body).toMatch(/<h2 id="result-count">2 palvelua<\/h2>/);
    expect(r.body).toContain('>Etäisyys: Karjaa<');
    expect(r.body).toContain('href="/fi/search?place=Karis" class="chip">Enintään 2 km');
    expect(r.body).toContain('href="/fi/search" class="chip">Etäisyys: Karjaa');
    expect(r.body).toMatch(/<option value="2" selected="">2 km<\/option>/);
  });

  it('shows an unknown place and a limit without a place as form errors, keeping what was typed', async () => {
    const r = await get('/sv/search?q=kerho&place=Atlantis');
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('class="error-summary"');
    expect(r.body).toContain('<a href="#place">Vi känner inte till platsen ”Atlantis”');
    expect(r.body).toContain('value="Atlantis"');
    expect(r.body).toMatch(/aria-describedby="place-hint place-error" aria-invalid="true"/);
    const w = await get('/fi/search?within_km=5');
    expect(w.statusCode).toBe(400);
    expect(w.body).toContain('<a href="#within_km">Kirjoita ensin postinumero tai kunta');
  });

  it("measures from the browser's position (rounded), and keeps old near= links working", async () => {
    const r = await get('/en/search?lat=60.07051234&lon=23.65912345');
    expect(r.body).toContain('>Distance from your location<');
    expect(r.body).toContain('<input type="hidden" name="lat" value="60.071"/>');
    expect(r.body).toContain('Distances are measured from your location.');
    expect(r.body).toMatch(/Distance 0(\.\d)? km/);
    // A position and a typed place: the typed place counts.
    const both = await get('/fi/search?place=Hanko&lat=60.07&lon=23.66');
    expect(both.body).toContain('Etäisyydet lasketaan paikasta Hanko.');
    expect(both.body).not.toContain('name="lat"');
    const old = await get('/sv/search?q=neuvola&near=018&sort=distance');
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('value="Askola"');
    expect(old.body).toContain('Avstånden räknas från Askola.');
  });
});
