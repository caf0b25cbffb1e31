import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { distanceKm, meanPoint, roundPoint } from '../../src/core/places/distance.js';
import { MUNICIPALITIES, municipalityByCode } from '../../src/core/places/municipalities.js';
import { normalizePlaceName, postalCodePoint, resolvePlace } from '../../src/core/places/resolvePlace.js';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { EKENAS, KARIS_1, KARIS_2, mapFixture } from './support.js';

describe('distances (unit)', () => {
  it('measures great-circle distances in kilometres', () => {
    // Helsinki Cathedral → Turku Cathedral: about 150 km as the crow flies.
    const d = distanceKm({ lat: 60.1709, lon: 24.9522 }, { lat: 60.4522, lon: 22.2784 });
    expect(d).toBeGreaterThan(148);
    expect(d).toBeLessThan(153);
    expect(distanceKm(EKENAS, EKENAS)).toBe(0);
    expect(distanceKm(EKENAS, KARIS_1)).toBeCloseTo(distanceKm(KARIS_1, EKENAS), 10);
    // One degree of latitude is about 111.2 km anywhere.
    expect(distanceKm({ lat: 60, lon: 25 }, { lat: 61, lon: 25 })).toBeCloseTo(111.2, 0);
    // A degree of longitude at 60° N is half that.
    expect(distanceKm({ lat: 60, lon: 25 }, { lat: 60, lon: 26 })).toBeCloseTo(55.6, 0);
  });

  it('rounds a browser position to about 100 m and averages points', () => {
    expect(roundPoint({ lat: 60.123456, lon: 24.987654 })).toEqual({ lat: 60.123, lon: 24.988 });
    expect(meanPoint([KARIS_1, KARIS_2])).toEqual({
      lat: (KARIS_1.lat + KARIS_2.lat) / 2,
      lon: (KARIS_1.lon + KARIS_2.lon) / 2,
    });
    expect(
      meanPoint([
        { lat: 60, lon: 24, weight: 3 },
        { lat: 61, lon: 25, weight: 1 },
      ]),
    ).toEqual({ lat: 60.25, lon: 24.25 });
    expect(meanPoint([])).toBeNull();
  });

  it('normalises place names for matching, with and without accents', () => {
    expect(normalizePlaceName('  BORGÅ ')).toBe('borgå');
    expect(normalizePlaceName('Ingå', true)).toBe('inga');
    expect(normalizePlaceName('Järvenpää', true)).toBe('jarvenpaa');
  });
});

describe.each(testDatabases())('places and the distance filter on %s', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
  });
  afterAll(async () => d?.dispose());

  it('agrees with the database on distances', async () => {
    const pairs = [
      [EKENAS, KARIS_1],
      [municipalityByCode('018')!.centre, municipalityByCode('078')!.centre],
    ] as const;
    for (const [a, b] of pairs) {
      const r = await sql<{ km: number }>`select yh_distance_km(${a.lat}, ${a.lon}, ${b.lat}, ${b.lon}) as km`.execute(
        d.db,
      );
      expect(Number(r.rows[0]!.km)).toBeCloseTo(distanceKm(a, b), 6);
    }
  });

  it('finds a municipality by code or by its Finnish or Swedish name, at its centre', async () => {
    const porvoo = municipalityByCode('638')!;
    for (const typed of ['638', 'Porvoo', 'borgå', ' BORGÅ ']) {
      expect(await resolvePlace(d.db, typed), typed).toMatchObject({
        kind: 'municipality',
        point: porvoo.centre,
        source: 'municipality_centre',
        municipalityCode: '638',
        label: { fi: 'Porvoo', sv: 'Borgå' },
      });
    }
    expect(await resolvePlace(d.db, 'Inga')).toMatchObject({ municipalityCode: '149' });
  });

  it("finds a postal code at a municipality's centre when no place in the directory has it", async () => {
    // 04130 is Sipoo's centre; the fixture has no location there.
    expect(await postalCodePoint(d.db, '04130')).toMatchObject({
      kind: 'postal_code',
      source: 'municipality_centre',
      point: municipalityByCode('753')!.centre,
      label: { fi: '04130 Sipoo', sv: '04130 Sibbo' },
    });
    expect(await postalCodePoint(d.db, '99999')).toBeNull();
    expect(await postalCodePoint(d.db, '123')).toBeNull();
    expect(await resolvePlace(d.db, 'Atlantis')).toBeNull();
    expect(await resolvePlace(d.db, '')).toBeNull();
  });

  describe('on a database of its own, which it adds places to', () => {
    let d: TestDatabase;
    beforeEach(async () => {
      d = await createTestDatabase(kind);
      await loadDemoData(d.db, [directoryFixture()]);
    });
    afterEach(async () => d?.dispose());

    it("finds a postal code and a locality from the directory's own places once they exist", async () => {
      // Karis's 10300 is no municipality's centre: unknown until places have it.
      expect(await resolvePlace(d.db, '10300')).toBeNull();
      expect(await resolvePlace(d.db, 'Karis')).toBeNull();
      await loadDemoData(d.db, [mapFixture()]);
      const mean = meanPoint([KARIS_1, KARIS_2])!;
      const byCode = await resolvePlace(d.db, '10300');
      expect(byCode).toMatchObject({
        kind: 'postal_code',
        source: 'locations',
        municipalityCode: '710',
        label: { fi: '10300 Karjaa', sv: '10300 Karis' },
      });
      expect(byCode!.point.lat).toBeCloseTo(mean.lat, 9);
      expect(byCode!.point.lon).toBeCloseTo(mean.lon, 9);
      // An address line's postal code decides.
      expect((await resolvePlace(d.db, '10300 Karis'))!.point).toEqual(byCode!.point);
      for (const typed of ['Karis', 'karjaa']) {
        const l = await resolvePlace(d.db, typed);
        expect(l, typed).toMatchObject({ kind: 'locality', source: 'locations', municipalityCode: '710' });
        expect(l!.point.lat).toBeCloseTo(mean.lat, 9);
      }
      // A municipality's name wins over a locality of the same name.
      expect(await resolvePlace(d.db, 'Hanko')).toMatchObject({ kind: 'municipality' });
    });
  });

  it("every municipality's own postal code resolves to a point inside Uusimaa", async () => {
    for (const m of MUNICIPALITIES) {
      const p = await postalCodePoint(d.db, m.postalCode);
      expect(p, m.postalCode).not.toBeNull();
      expect(distanceKm(p!.point, m.centre), m.postalCode).toBeLessThan(15);
    }
  });

  describe("with the map fixture's places too", () => {
    let d: TestDatabase;
    beforeAll(async () => {
      d = await createTestDatabase(kind);
      await loadDemoData(d.db, [directoryFixture(), mapFixture()]);
    });
    afterAll(async () => d?.dispose());

    it('keeps only services with a place within the distance, in totals and facet counts too', async () => {
      const hanko = municipalityByCode('078')!.centre;
      const all = await searchServices(d.db, { lang: 'fi', near: hanko, perPage: 100 });
      const within = await searchServices(d.db, { lang: 'fi', near: hanko, withinKm: 5, perPage: 100 });
      expect(within.hits.map((h) => h.id)).toEqual([idFromKey('service', 't-kuraattori-hanko')]);
      expect(within.total).toBe(1);
      expect(within.mappable).toBe(1);
      expect(within.facets!.municipality['078']).toBe(1);
      expect(within.facets!.municipality['018'] ?? 0).toBe(0);
      expect(all.total).toBeGreaterThan(within.total);
      // 60 km takes in Raasepori (Ekenäs ~30 km, Karis ~40 km); Askola (~150 km) stays out.
      const wider = await searchServices(d.db, { lang: 'fi', near: hanko, withinKm: 60, perPage: 100 });
      expect(wider.hits.every((h) => h.distanceKm !== null && h.distanceKm <= 60)).toBe(true);
      expect(wider.hits.map((h) => h.id)).toContain(idFromKey('service', 't-map-familjecentral'));
      expect(wider.hits.map((h) => h.id)).not.toContain(idFromKey('service', 't-lastenneuvola'));
      // Nearest first; a service counts by its nearest place (the family centre has one in Ekenäs, one in Karis).
      const ds = wider.hits.map((h) => h.distanceKm!);
      expect(ds).toEqual([...ds].sort((a, b) => a - b));
      const fc = wider.hits.find((h) => h.id === idFromKey('service', 't-map-familjecentral'))!;
      expect(fc.distanceKm).toBeCloseTo(distanceKm(hanko, EKENAS), 6);
      // Text and distance together.
      const words = await searchServices(d.db, { lang: 'fi', q: 'kuraattori', near: hanko, withinKm: 5 });
      expect(words.total).toBe(1);
      const none = await searchServices(d.db, { lang: 'fi', q: 'neuvola', near: hanko, withinKm: 5 });
      expect(none.total).toBe(0);
    });

    it('counts how many matches a map can show', async () => {
      const online = await searchServices(d.db, { lang: 'fi', mode: ['online'] });
      expect(online.total).toBeGreaterThan(0);
      expect(online.mappable).toBe(0);
      const all = await searchServices(d.db, { lang: 'fi', perPage: 100 });
      // Fixture: 5 of its 12 services have a place; both of the map fixture's do.
      expect(all.mappable).toBe(7);
    });
  });
});
