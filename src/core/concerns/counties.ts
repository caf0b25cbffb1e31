/**
 * Where a professional files a child welfare notification (lastensuojeluilmoitus / barnskyddsanmälan): the
 * wellbeing services county of the child's municipality. Uusimaa has five: Länsi-, Keski- and Itä-Uusimaa,
 * Vantaa–Kerava and the City of Helsinki (which organises the services itself). The municipality → county mapping
 * of the network's municipalities is core/places/municipalities.ts; Helsinki, Vantaa and Kerava are added here.
 * Links: each county's own page on child welfare notifications (checked 2026-12).
 */
import type { Lang } from '../shared/lang.js';
import { COUNTIES, municipalityByCode } from '../places/municipalities.js';

export type ConcernCounty = 'lansi-uusimaa' | 'keski-uusimaa' | 'ita-uusimaa' | 'vantaa-kerava' | 'helsinki';

export interface CountyInfo {
  code: ConcernCounty;
  name: Record<Lang, string>;
  /** The county's page on how to file a child welfare notification. */
  notificationUrl: string;
}

export const CONCERN_COUNTIES: readonly CountyInfo[] = [
  {
    code: 'lansi-uusimaa',
    name: COUNTIES['lansi-uusimaa'],
    notificationUrl: 'https://www.luvn.fi/fi/palvelut/perhekeskus/lastensuojelu',
  },
  {
    code: 'keski-uusimaa',
    name: COUNTIES['keski-uusimaa'],
    notificationUrl:
      'https://www.keusote.fi/aihe/lapsiperheiden-sosiaalipalveluissa-asiointi-ja-tuen-tarpeesta-ilmoittaminen/',
  },
  {
    code: 'ita-uusimaa',
    name: COUNTIES['ita-uusimaa'],
    notificationUrl: 'https://itauusimaa.fi/lapsiperheille/lapsiperheiden-sosiaalityo2/lastensuojelu/',
  },
  {
    code: 'vantaa-kerava',
    name: {
      fi: 'Vantaan ja Keravan hyvinvointialue',
      sv: 'Vanda och Kervo välfärdsområde',
      en: 'Vantaa and Kerava Wellbeing Services County',
    },
    notificationUrl: 'https://vakehyva.fi/fi/node/400',
  },
  {
    code: 'helsinki',
    name: { fi: 'Helsingin kaupunki', sv: 'Helsingfors stad', en: 'City of Helsinki' },
    notificationUrl:
      'https://hel.fi/fi/sosiaali-ja-terveyspalvelut/lasten-ja-perheiden-palvelut/lastensuojelu/lastensuojeluilmoitus',
  },
];

/** Municipalities of Uusimaa outside the network's list, with their county (codes of Statistics Finland). */
const EXTRA_MUNICIPALITIES: Record<string, ConcernCounty> = {
  '091': 'helsinki',
  '092': 'vantaa-kerava',
  '245': 'vantaa-kerava',
};

export function countyOfMunicipality(code: string): CountyInfo | undefined {
  const county = municipalityByCode(code)?.county ?? EXTRA_MUNICIPALITIES[code];
  return CONCERN_COUNTIES.find((c) => c.code === county);
}
