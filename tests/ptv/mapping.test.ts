/**
 * The PTV mapping without a database: coordinates (ETRS-TM35FIN → WGS84, checked against the meridian arc computed
 * independently of proj4), service hours (regular, over midnight, always open, exceptional, closed days), areas and
 * charge types, and the sample records as PTV returned them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tm35ToWgs84 } from '../../src/core/ptv/coordinates.js';
import { mapServiceHours } from '../../src/core/ptv/hours.js';
import { channelIdsOf, mapAreas, mapChannel, mapService, MappingError } from '../../src/core/ptv/mapping.js';
import { recordsOf } from '../../src/core/ptv/source.js';
import { MUNICIPALITIES } from '../../src/core/places/municipalities.js';
import type { PtvChannel, PtvService } from '../../src/core/ptv/v11.js';
import { metres } from './support.js';

const fixture = (f: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/ptv/${f}`, import.meta.url), 'utf8')) as unknown;

/** Meridian arc length on GRS80 from the equator to latitude φ (Helmert's series in n), times TM35FIN's scale 0.9996. */
function tm35Northing(latDeg: number): number {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const n = f / (2 - f);
  const p = (latDeg * Math.PI) / 180;
  const m =
    (a / (1 + n)) *
    ((1 + n ** 2 / 4 + n ** 4 / 64) * p -
      (3 / 2) * (n - n ** 3 / 8) * Math.sin(2 * p) +
      (15 / 16) * (n ** 2 - n ** 4 / 4) * Math.sin(4 * p) -
      (35 / 48) * n ** 3 * Math.sin(6 * p) +
      (315 / 512) * n ** 4 * Math.sin(8 * p));
  return 0.9996 * m;
}

describe('ETRS-TM35FIN to WGS84', () => {
  it.each([60, 60.5297, 65, 69.5])(
    'a point on the central meridian 27°E at %s°N lands within a metre of the true point',
    (lat) => {
      const p = tm35ToWgs84(tm35Northing(lat), 500000);
      if (!p || 'error' in p) throw new Error('no point');
      expect(metres(p, { lat, lon: 27 })).toBeLessThan(1);
    },
  );

  it('puts the Otava sample (Otavantie 2 B, Mikkeli) in Otava, south of Mikkeli', () => {
    const p = tm35ToWgs84('6834688', '503879');
    if (!p || 'error' in p) throw new Error('no point');
    // Otava village centre is about 61.64°N 27.07°E (13 km south of Mikkeli); a swap of easting and northing or
    // a degree-for-metre mix-up would land hundreds of kilometres away.
    expect(metres(p, { lat: 61.64, lon: 27.07 })).toBeLessThan(2000);
  });

  it('refuses degrees where metres belong, and text; gives nothing for nothing', () => {
    expect(tm35ToWgs84('60.25', '24.07')).toEqual({ error: expect.stringContaining('outside Finland') });
    expect(tm35ToWgs84('abc', '503879')).toEqual({ error: expect.stringContaining('not numbers') });
    expect(tm35ToWgs84(null, '')).toBeNull();
  });
});

describe('service hours', () => {
  it('groups regular days with the same times and keeps validity and notes', () => {
    const { hours, exceptions } = mapServiceHours([
      {
        serviceHourType: 'DaysOfTheWeek',
        validFrom: '2026-06-01T00:00:00',
        validTo: '2026-08-31T00:00:00',
        additionalInformation: [
          { value: 'Kesä', language: 'fi' },
          { value: 'Sommar', language: 'sv' },
        ],
        openingHour: [
          { dayFrom: 'Monday', dayTo: '', from: '08:00:00', to: '16:00:00' },
          { dayFrom: 'Tuesday', dayTo: '', from: '08:00:00', to: '16:00:00' },
          { dayFrom: 'Friday', dayTo: '', from: '08:00:00', to: '12:00:00' },
        ],
      },
    ]);
    expect(exceptions).toEqual([]);
    expect(hours).toEqual([
      {
        days: ['MO', 'TU'],
        opens: '08:00',
        closes: '16:00',
        note: { fi: 'Kesä', sv: 'Sommar' },
        validFrom: '2026-06-01',
        validTo: '2026-08-31',
      },
      {
        days: ['FR'],
        opens: '08:00',
        closes: '12:00',
        note: { fi: 'Kesä', sv: 'Sommar' },
        validFrom: '2026-06-01',
        validTo: '2026-08-31',
      },
    ]);
  });

  it('splits hours over midnight, and a span over days, at midnight; always open is every day', () => {
    expect(mapServiceHours([{ openingHour: [{ dayFrom: 'Sunday', from: '22:00', to: '06:00' }] }]).hours).toEqual([
      { days: ['SU'], opens: '22:00', closes: '24:00' },
      { days: ['MO'], opens: '00:00', closes: '06:00' },
    ]);
    expect(
      mapServiceHours([
        {
          serviceHourType: 'Special',
          openingHour: [{ dayFrom: 'Friday', dayTo: 'Monday', from: '16:00:00', to: '08:00:00' }],
        },
      ]).hours,
    ).toEqual([
      { days: ['FR'], opens: '16:00', closes: '24:00' },
      { days: ['SA', 'SU'], opens: '00:00', closes: '24:00' },
      { days: ['MO'], opens: '00:00', closes: '08:00' },
    ]);
    expect(mapServiceHours([{ isAlwaysOpen: true }]).hours).toEqual([
      { days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens: '00:00', closes: '24:00' },
    ]);
  });

  it('makes closed days and exceptional hours dated exceptions', () => {
    const { hours, exceptions } = mapServiceHours([
      {
        serviceHourType: 'Exceptional',
        validFrom: '2026-12-24T00:00:00',
        validTo: '2026-12-26T00:00:00',
        isClosed: true,
        additionalInformation: [{ value: 'Jul', language: 'sv' }],
      },
      {
        serviceHourType: 'Exceptional',
        validFrom: '2026-12-31T00:00:00',
        openingHour: [{ dayFrom: 'Thursday', from: '09:00:00', to: '12:00:00' }],
      },
    ]);
    expect(hours).toEqual([]);
    expect(exceptions).toEqual([
      { from: '2026-12-24', to: '2026-12-26', closed: true, note: { sv: 'Jul' } },
      { from: '2026-12-31', to: '2026-12-31', closed: false, opens: '09:00', closes: '12:00', note: {} },
    ]);
  });

  it('refuses hours it cannot read', () => {
    expect(() => mapServiceHours([{ openingHour: [{ dayFrom: 'Monday', from: '08:00', to: '25:00' }] }])).toThrow(
      /closing time "25:00" is not HH:MM/,
    );
    expect(() => mapServiceHours([{ openingHour: [{ dayFrom: 'Moonday', from: '08:00', to: '12:00' }] }])).toThrow(
      /unknown day/,
    );
    expect(() =>
      mapServiceHours([
        { serviceHourType: 'Exceptional', validFrom: '2026-05-02', validTo: '2026-05-01', isClosed: true },
      ]),
    ).toThrow(/end .* before/);
  });
});

describe('areas', () => {
  it("keeps the directory's municipalities, reports the rest, and reads nationwide as every municipality", () => {
    expect(
      mapAreas('LimitedType', [
        { type: 'Municipality', municipalities: [{ code: '018' }, { code: '426' }] },
        { type: 'Province', code: '01', municipalities: [{ code: '149' }] },
      ]),
    ).toEqual({ areas: ['018', '149'], outside: ['426'] });
    expect(mapAreas('Nationwide', []).areas).toEqual(MUNICIPALITIES.map((m) => m.code));
  });
});

describe('the sample records', () => {
  const service = Object.values(fixture('v11_service_list_sample.json') as Record<string, PtvService>)[0]!;
  const channel = fixture('v11_servicechannel_servicelocation_otava.json') as PtvChannel;

  it('reads the id map of the service sample and the single channel record', () => {
    expect(recordsOf(fixture('v11_service_list_sample.json'))).toHaveLength(1);
    expect(recordsOf(fixture('v11_servicechannel_servicelocation_otava.json'))).toHaveLength(1);
    expect(recordsOf({ pageNumber: 1, pageCount: 1, itemList: [channel, channel] })).toHaveLength(2);
    expect(recordsOf({ nothing: 'here' })).toBeNull();
  });

  it('maps the service: texts, classes, terms, organisations, charge, areas outside the region', () => {
    const m = mapService(service, [], () => true, channelIdsOf(service));
    expect(m.input).toMatchObject({
      key: 'ptv-6c00d407-d3fd-4c7e-a373-57be9f3b2cff',
      organizationKey: 'ptv-a6e72986-0d23-4d4b-8619-b49fa0c5baa3',
      name: { fi: 'Yksilöllistetty oppimäärä' },
      languages: ['fi'],
      fee: 'free',
      areas: [],
      serviceClasses: ['P6.2'],
      targetGroups: ['KR1.2', 'KR1'],
      source: 'ptv',
      organizations: [
        { organizationKey: 'ptv-a6e72986-0d23-4d4b-8619-b49fa0c5baa3', role: 'responsible' },
        {
          organizationKey: 'ptv-a6e72986-0d23-4d4b-8619-b49fa0c5baa3',
          role: 'producer',
          provisionType: 'SelfProducedServices',
        },
      ],
    });
    expect(m.input.summary?.fi).toMatch(/^Oppimäärää voidaan yksilöllistää/);
    expect(m.input.accessNote?.fi).toMatch(/^Oppimäärän yksilöllistämisestä sovitaan/);
    expect(m.outsideAreas).toEqual(['123', '426']);
    expect(m.terms.map((t) => `${t.taxonomy_id} ${t.code}`)).toEqual([
      'ptv-ontology http://www.yso.fi/onto/koko/p14592',
      'ptv-ontology http://www.yso.fi/onto/koko/p1275',
    ]);
    expect(m.missingChannels).toHaveLength(5);
    expect(() => mapService(service, [], () => false)).toThrow(/unknown organisation a6e72986/);
  });

  it('maps the Otava place: address, converted point, hours, accessibility, links', () => {
    const c = mapChannel(channel);
    expect(c.location).toMatchObject({
      key: 'ptv-961f1a02-0eb7-4b5d-9721-6b9f2d14ec6f',
      organizationKey: 'ptv-df0c2f24-d2bd-4ba7-bdcd-fcfc9f0d65a7',
      name: { fi: 'Otavan Opisto / Otavia' },
      street: { fi: 'Otavantie 2 B', sv: 'Otavantie 2 B', en: 'Otavantie 2 B' },
      postalCode: '50670',
      city: { fi: 'Otava', sv: 'Otava', en: 'Otava' },
    });
    expect(c.location!.municipalityCode).toBeUndefined(); // Mikkeli is not one of the directory's municipalities
    const p = tm35ToWgs84('6834688', '503879') as { lat: number; lon: number };
    expect(metres({ lat: c.location!.lat!, lon: c.location!.lon! }, p)).toBeLessThan(0.01);
    expect(c.hours).toEqual([{ days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:00', closes: '16:00' }]);
    expect(c.location!.accessibility?.sv).toMatch(/^Rutten till huvudingången: Bilplatsen för rörelsehindrade/);
    expect(c.links.map((l) => l.url)).toContain('http://www.nettilukio.fi');
    expect(c.phones[0]).toEqual({ number: '+358 447943552', note: { fi: 'Opintoasiainvastaava' } });
    expect(c.serviceIds).toContain('2afc11a0-f7f3-4a5f-8585-be246bb2a5ea');
    expect(() => mapChannel({ ...channel, serviceChannelNames: [] })).toThrow(MappingError);
  });
});
