/**
 * Controlled vocabularies of the directory: the words families search by.
 * Each code is stable (used in URLs, the API and the database); labels are fi/sv/en.
 */
export type Lang = 'fi' | 'sv' | 'en';
export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];

export interface Label { fi: string; sv: string; en: string }

export const LIFE_SITUATIONS = {
  expecting: { fi: 'Odotusaika', sv: 'Väntetid', en: 'Expecting a baby' },
  baby: { fi: 'Vauvaperhe', sv: 'Familj med baby', en: 'Baby in the family' },
  under_school_age: { fi: 'Alle kouluikäinen lapsi', sv: 'Barn under skolåldern', en: 'Child under school age' },
  school_age: { fi: 'Kouluikäinen lapsi', sv: 'Barn i skolåldern', en: 'School-age child' },
  teenager: { fi: 'Nuori', sv: 'Ung person', en: 'Teenager or young person' },
  parenting: { fi: 'Vanhemmuuden tuki', sv: 'Stöd i föräldraskapet', en: 'Support in parenting' },
  separation: { fi: 'Ero ja erotilanne', sv: 'Skilsmässa och separation', en: 'Separation or divorce' },
  family_strain: { fi: 'Arjen kuormitus ja perheen huolet', sv: 'Belastning i vardagen och oro i familjen', en: 'Family strain and everyday worries' },
  mental_health: { fi: 'Mieli ja jaksaminen', sv: 'Psykiskt välmående och ork', en: 'Mental wellbeing' },
  disability_illness: { fi: 'Vamma tai pitkäaikainen sairaus', sv: 'Funktionsnedsättning eller långvarig sjukdom', en: 'Disability or long-term illness' },
  learning: { fi: 'Oppiminen ja kasvun tuki', sv: 'Lärande och stöd för utvecklingen', en: 'Learning and development support' },
  moving_to_finland: { fi: 'Muutto Suomeen', sv: 'Flytt till Finland', en: 'Moving to Finland' },
  crisis_violence: { fi: 'Kriisi, väkivalta tai turvattomuus', sv: 'Kris, våld eller otrygghet', en: 'Crisis, violence or feeling unsafe' },
  substance_use: { fi: 'Päihteet ja riippuvuudet', sv: 'Rusmedel och beroenden', en: 'Substance use and addiction' },
  finances_housing: { fi: 'Toimeentulo ja asuminen', sv: 'Försörjning och boende', en: 'Income and housing' },
  meeting_others: { fi: 'Vertaistuki ja tapaamiset', sv: 'Kamratstöd och träffar', en: 'Peer support and meeting others' },
  leisure: { fi: 'Vapaa-aika ja harrastukset', sv: 'Fritid och hobbyer', en: 'Leisure and hobbies' },
} as const satisfies Record<string, Label>;
export type LifeSituation = keyof typeof LIFE_SITUATIONS;

export const DELIVERY_MODES = {
  in_person: { fi: 'Paikan päällä', sv: 'På plats', en: 'In person' },
  phone: { fi: 'Puhelimitse', sv: 'Per telefon', en: 'By phone' },
  online: { fi: 'Verkossa', sv: 'På nätet', en: 'Online' },
  home_visit: { fi: 'Kotikäynti', sv: 'Hembesök', en: 'Home visit' },
} as const satisfies Record<string, Label>;
export type DeliveryMode = keyof typeof DELIVERY_MODES;

export const ORG_TYPES = {
  municipality: { fi: 'Kunta', sv: 'Kommun', en: 'Municipality' },
  wellbeing_county: { fi: 'Hyvinvointialue', sv: 'Välfärdsområde', en: 'Wellbeing services county' },
  ngo: { fi: 'Järjestö', sv: 'Organisation', en: 'NGO' },
  parish: { fi: 'Seurakunta', sv: 'Församling', en: 'Parish' },
  company: { fi: 'Yritys', sv: 'Företag', en: 'Company' },
} as const satisfies Record<string, Label>;
export type OrgType = keyof typeof ORG_TYPES;

export const ACCESS = {
  no_referral: { fi: 'Ei lähetettä eikä ajanvarausta – tule suoraan', sv: 'Ingen remiss eller tidsbokning – kom direkt', en: 'No referral or appointment – just come' },
  appointment: { fi: 'Ajanvaraus', sv: 'Tidsbokning', en: 'By appointment' },
  referral: { fi: 'Lähete tarvitaan', sv: 'Remiss behövs', en: 'Referral needed' },
} as const satisfies Record<string, Label>;
export type Access = keyof typeof ACCESS;

export const FEES = {
  free: { fi: 'Maksuton', sv: 'Avgiftsfri', en: 'Free of charge' },
  fee: { fi: 'Maksullinen', sv: 'Avgiftsbelagd', en: 'Subject to a charge' },
  partly: { fi: 'Osittain maksullinen', sv: 'Delvis avgiftsbelagd', en: 'Partly subject to a charge' },
} as const satisfies Record<string, Label>;
export type Fee = keyof typeof FEES;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
