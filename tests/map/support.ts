/**
 * The map suites' data: the directory fixture plus a few places in Raasepori whose postal code (10300 Karjaa/Karis)
 * is no municipality's centre, so a postal code is found from the directory's own locations.
 */
import type { DemoFile } from '../../src/demo/types.js';

export const KARIS_1 = { lat: 60.0705, lon: 23.659 };
export const KARIS_2 = { lat: 60.0735, lon: 23.665 };
export const EKENAS = { lat: 59.976, lon: 23.4345 };

export function mapFixture(): DemoFile {
  const common = {
    org: 't-map-raasepori',
    area: ['710'],
    languages: ['sv', 'fi'] as ('fi' | 'sv')[],
    modes: ['in_person' as const],
    lifeSituations: ['leisure' as const],
    fee: 'free' as const,
    access: 'no_referral' as const,
    lastReviewed: '2026-10-01',
  };
  return {
    organizations: [
      {
        key: 't-map-raasepori',
        type: 'municipality',
        name: { fi: 'Testin Raasepori', sv: 'Testets Raseborg' },
        municipality: '710',
      },
    ],
    locations: [
      {
        key: 't-map-karis-1',
        org: 't-map-raasepori',
        name: { fi: 'Karjaan perhekeskus', sv: 'Familjecentralen i Karis' },
        street: { fi: 'Ratakatu 21', sv: 'Bangatan 21' },
        postalCode: '10300',
        city: { fi: 'Karjaa', sv: 'Karis' },
        municipality: '710',
        ...KARIS_1,
      },
      {
        key: 't-map-karis-2',
        org: 't-map-raasepori',
        name: { fi: 'Karjaan nuorisotalo', sv: 'Ungdomsgården i Karis' },
        street: { fi: 'Keskuskatu 5', sv: 'Centralgatan 5' },
        postalCode: '10300',
        city: { fi: 'Karjaa', sv: 'Karis' },
        municipality: '710',
        ...KARIS_2,
      },
      {
        key: 't-map-ekenas',
        org: 't-map-raasepori',
        name: { fi: 'Tammisaaren perhekeskus', sv: 'Familjecentralen i Ekenäs' },
        street: { fi: 'Koulukatu 12', sv: 'Skolgatan 12' },
        postalCode: '10600',
        city: { fi: 'Tammisaari', sv: 'Ekenäs' },
        municipality: '710',
        ...EKENAS,
      },
    ],
    services: [
      {
        ...common,
        key: 't-map-familjecentral',
        name: { fi: 'Avoin perhekeskus', sv: 'Öppna familjecentralen' },
        summary: { fi: 'Avoin kohtaamispaikka.', sv: 'En öppen mötesplats.' },
        description: { fi: 'Tule sellaisenaan.', sv: 'Kom som du är.' },
        locations: ['t-map-karis-1', 't-map-ekenas'],
      },
      {
        ...common,
        key: 't-map-ungdom',
        name: { fi: 'Nuorten ilta', sv: 'Ungdomskväll' },
        summary: { fi: 'Iltaohjelmaa nuorille.', sv: 'Kvällsprogram för unga.' },
        description: { fi: 'Joka perjantai.', sv: 'Varje fredag.' },
        locations: ['t-map-karis-2'],
        ageMin: 13,
        ageMax: 17,
      },
    ],
  };
}
