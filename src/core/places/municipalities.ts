/**
 * The municipalities of the Uusimaa LAPE project "Yhdessä olemme enemmän" (18) plus Myrskylä and Pukkila.
 *
 * Codes: Statistics Finland municipality codes (../shared/reference/ptv/codelists/municipality_codes.json).
 * Language status: Government Decree on the linguistic status of municipalities 2023–2032
 * (Valtioneuvoston asetus kuntien kielellisestä asemasta vuosina 2023–2032, 1106/2022), which is
 * the official classification: a municipality is unilingual (fi) or bilingual with a majority language.
 * Wellbeing services county: Act on wellbeing services counties (611/2021), Uusimaa division.
 * Centre coordinates (WGS84) are the municipal centre, used for "near me" by municipality.
 */
export type WellbeingCounty = 'lansi-uusimaa' | 'keski-uusimaa' | 'ita-uusimaa';

export interface Municipality {
  code: string;
  name: { fi: string; sv: string };
  /** Official languages: unilingual ['fi'], or bilingual with the majority language first. */
  languages: ['fi'] | ['fi', 'sv'] | ['sv', 'fi'];
  county: WellbeingCounty;
  /** Member of the LAPE project "Yhdessä olemme enemmän". */
  lape: boolean;
  centre: { lat: number; lon: number };
  postalCode: string;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  {
    code: '018',
    name: { fi: 'Askola', sv: 'Askola' },
    languages: ['fi'],
    county: 'ita-uusimaa',
    lape: true,
    centre: { lat: 60.5297, lon: 25.5997 },
    postalCode: '07500',
  },
  {
    code: '078',
    name: { fi: 'Hanko', sv: 'Hangö' },
    languages: ['fi', 'sv'],
    county: 'lansi-uusimaa',
    lape: true,
    centre: { lat: 59.8236, lon: 22.9681 },
    postalCode: '10900',
  },
  {
    code: '106',
    name: { fi: 'Hyvinkää', sv: 'Hyvinge' },
    languages: ['fi'],
    county: 'keski-uusimaa',
    lape: true,
    centre: { lat: 60.6309, lon: 24.8607 },
    postalCode: '05800',
  },
  {
    code: '149',
    name: { fi: 'Inkoo', sv: 'Ingå' },
    languages: ['sv', 'fi'],
    county: 'lansi-uusimaa',
    lape: true,
    centre: { lat: 60.0458, lon: 24.0058 },
    postalCode: '10210',
  },
  {
    code: '186',
    name: { fi: 'Järvenpää', sv: 'Träskända' },
    languages: ['fi'],
    county: 'keski-uusimaa',
    lape: true,
    centre: { lat: 60.4737, lon: 25.0899 },
    postalCode: '04400',
  },
  {
    code: '224',
    name: { fi: 'Karkkila', sv: 'Högfors' },
    languages: ['fi'],
    county: 'lansi-uusimaa',
    lape: true,
    centre: { lat: 60.5347, lon: 24.2097 },
    postalCode: '03600',
  },
  {
    code: '407',
    name: { fi: 'Lapinjärvi', sv: 'Lappträsk' },
    languages: ['fi', 'sv'],
    county: 'ita-uusimaa',
    lape: true,
    centre: { lat: 60.6246, lon: 26.2036 },
    postalCode: '07800',
  },
  {
    code: '434',
    name: { fi: 'Loviisa', sv: 'Lovisa' },
    languages: ['fi', 'sv'],
    county: 'ita-uusimaa',
    lape: true,
    centre: { lat: 60.4566, lon: 26.225 },
    postalCode: '07900',
  },
  {
    code: '444',
    name: { fi: 'Lohja', sv: 'Lojo' },
    languages: ['fi', 'sv'],
    county: 'lansi-uusimaa',
    lape: true,
    centre: { lat: 60.2486, lon: 24.0653 },
    postalCode: '08100',
  },
  {
    code: '504',
    name: { fi: 'Myrskylä', sv: 'Mörskom' },
    languages: ['fi', 'sv'],
    county: 'ita-uusimaa',
    lape: false,
    centre: { lat: 60.6697, lon: 25.8533 },
    postalCode: '07600',
  },
  {
    code: '505',
    name: { fi: 'Mäntsälä', sv: 'Mäntsälä' },
    languages: ['fi'],
    county: 'keski-uusimaa',
    lape: true,
    centre: { lat: 60.636, lon: 25.3183 },
    postalCode: '04600',
  },
  {
    code: '543',
    name: { fi: 'Nurmijärvi', sv: 'Nurmijärvi' },
    languages: ['fi'],
    county: 'keski-uusimaa',
    lape: true,
    centre: { lat: 60.4641, lon: 24.8073 },
    postalCode: '01900',
  },
  {
    code: '611',
    name: { fi: 'Pornainen', sv: 'Borgnäs' },
    languages: ['fi'],
    county: 'keski-uusimaa',
    lape: true,
    centre: { lat: 60.4757, lon: 25.3744 },
    postalCode: '07170',
  },
  {
    code: '616',
    name: { fi: 'Pukkila', sv: 'Pukkila' },
    languages: ['fi'],
    county: 'ita-uusimaa',
    lape: false,
    centre: { lat: 60.6453, lon: 25.5786 },
    postalCode: '07560',
  },
  {
    code: '638',
    name: { fi: 'Porvoo', sv: 'Borgå' },
    languages: ['fi', 'sv'],
    county: 'ita-uusimaa',
    lape: true,
    centre: { lat: 60.3932, lon: 25.665 },
    postalCode: '06100',
  },
  {
    code: '710',
    name: { fi: 'Raasepori', sv: 'Raseborg' },
    languages: ['sv', 'fi'],
    county: 'lansi-uusimaa',
    lape: true,
    centre: { lat: 59.974, lon: 23.436 },
    postalCode: '10600',
  },
  {
    code: '753',
    name: { fi: 'Sipoo', sv: 'Sibbo' },
    languages: ['fi', 'sv'],
    county: 'ita-uusimaa',
    lape: true,
    centre: { lat: 60.377, lon: 25.269 },
    postalCode: '04130',
  },
  {
    code: '755',
    name: { fi: 'Siuntio', sv: 'Sjundeå' },
    languages: ['fi', 'sv'],
    county: 'lansi-uusimaa',
    lape: true,
    centre: { lat: 60.1383, lon: 24.227 },
    postalCode: '02580',
  },
  {
    code: '858',
    name: { fi: 'Tuusula', sv: 'Tusby' },
    languages: ['fi'],
    county: 'keski-uusimaa',
    lape: true,
    centre: { lat: 60.4037, lon: 25.028 },
    postalCode: '04300',
  },
  {
    code: '927',
    name: { fi: 'Vihti', sv: 'Vichtis' },
    languages: ['fi'],
    county: 'lansi-uusimaa',
    lape: true,
    centre: { lat: 60.4167, lon: 24.3197 },
    postalCode: '03400',
  },
];

export const COUNTIES: Record<WellbeingCounty, { fi: string; sv: string; en: string }> = {
  'lansi-uusimaa': {
    fi: 'Länsi-Uudenmaan hyvinvointialue',
    sv: 'Västra Nylands välfärdsområde',
    en: 'Western Uusimaa Wellbeing Services County',
  },
  'keski-uusimaa': {
    fi: 'Keski-Uudenmaan hyvinvointialue',
    sv: 'Mellersta Nylands välfärdsområde',
    en: 'Central Uusimaa Wellbeing Services County',
  },
  'ita-uusimaa': {
    fi: 'Itä-Uudenmaan hyvinvointialue',
    sv: 'Östra Nylands välfärdsområde',
    en: 'Eastern Uusimaa Wellbeing Services County',
  },
};

const byCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
export function municipalityByCode(code: string): Municipality | undefined {
  return byCode.get(code);
}
export function isBilingual(m: Municipality): boolean {
  return m.languages.length === 2;
}
