/**
 * Controlled vocabularies of the directory: the words families search by. Codes are stable (URLs, the API, the
 * database); their fi/sv/en labels live in the locale files (src/i18n/locales, keys "life_situation.CODE",
 * "mode.CODE", …), the one place translators edit, and are read from there for the search index and taxonomies.
 */
import type { Lang } from '../shared/lang.js';
import en from '../../i18n/locales/en.json' with { type: 'json' };
import fi from '../../i18n/locales/fi.json' with { type: 'json' };
import sv from '../../i18n/locales/sv.json' with { type: 'json' };

export interface Label {
  fi: string;
  sv: string;
  en: string;
}

export const LIFE_SITUATIONS = [
  'expecting',
  'baby',
  'under_school_age',
  'school_age',
  'teenager',
  'parenting',
  'separation',
  'family_strain',
  'mental_health',
  'disability_illness',
  'learning',
  'moving_to_finland',
  'crisis_violence',
  'substance_use',
  'finances_housing',
  'meeting_others',
  'leisure',
] as const;
export type LifeSituation = (typeof LIFE_SITUATIONS)[number];

/**
 * Words people use for a life situation besides its label, indexed with every service in that situation (not shown).
 */
export const LIFE_SITUATION_SEARCH_WORDS: Record<LifeSituation, string> = {
  expecting: 'raskaus odotus odottava äitiys synnytys gravid graviditet förlossning pregnancy pregnant',
  baby: 'vauva imeväinen imetys bebis spädbarn amning baby infant breastfeeding',
  under_school_age: 'leikki-ikäinen päiväkoti varhaiskasvatus esikoulu lekålder daghem förskola toddler preschool',
  school_age: 'koululainen koulu alakoulu skolbarn skola pupil school',
  teenager: 'nuori nuoret teini yläkoulu ungdom ungdomar tonåring youth teenager adolescent',
  parenting: 'vanhemmuus kasvatus vanhempi föräldraskap uppfostran förälder parenting parent',
  separation:
    'ero erotilanne avioero eroauttaminen huoltajuus tapaaminen skilsmässa separation vårdnad umgänge divorce custody',
  family_strain: 'jaksaminen uupumus riidat arki stress utmattning gräl vardag exhaustion stress',
  mental_health: 'mielenterveys masennus ahdistus mieli psykisk depression ångest mental depression anxiety',
  disability_illness:
    'vamma sairaus kehitysvamma erityislapsi funktionsnedsättning sjukdom disability illness special needs',
  learning:
    'oppiminen oppimisvaikeus kehitys puhe lukihäiriö lärande inlärningssvårigheter utveckling tal learning development speech',
  moving_to_finland:
    'maahanmuutto maahanmuuttaja kotoutuminen pakolainen invandring invandrare integration flykting immigrant integration refugee',
  crisis_violence:
    'kriisi väkivalta lähisuhdeväkivalta turvakoti hätä kris våld skyddshem nöd crisis violence shelter emergency',
  substance_use: 'päihteet alkoholi huumeet peliriippuvuus rusmedel alkohol droger spelberoende alcohol drugs gambling',
  finances_housing:
    'raha talous toimeentulo asunto köyhyys pengar ekonomi bostad fattigdom money income housing poverty',
  meeting_others: 'vertaistuki vertaisryhmä kohtaaminen kerho kamratstöd träff klubb peer support group',
  leisure: 'harrastus vapaa-aika liikunta kerho hobby fritid idrott klubb hobbies sports club',
};

export const DELIVERY_MODES = ['in_person', 'phone', 'online', 'home_visit'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const ORG_TYPES = ['municipality', 'wellbeing_county', 'ngo', 'parish', 'company'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ACCESS = ['no_referral', 'appointment', 'referral'] as const;
export type Access = (typeof ACCESS)[number];

export const FEES = ['free', 'fee', 'partly'] as const;
export type Fee = (typeof FEES)[number];

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const locales: Record<Lang, Record<string, string>> = { fi, sv, en };

/** The label of a code in every language, e.g. vocabularyLabel('life_situation', 'baby'). */
export function vocabularyLabel(kind: 'life_situation' | 'mode' | 'org_type' | 'access' | 'fee', code: string): Label {
  const key = `${kind}.${code}`;
  return { fi: locales.fi[key] ?? code, sv: locales.sv[key] ?? code, en: locales.en[key] ?? code };
}

export const isOneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);
