/**
 * Languages a professional can work in, as ISO 639 codes: the national languages first, then Sámi and the sign
 * languages of Finland, then languages families in Uusimaa often speak. Labels: locale keys "people.language.CODE".
 */
export const PERSON_LANGUAGES = [
  'fi',
  'sv',
  'en',
  'se',
  'fse',
  'fss',
  'ru',
  'et',
  'uk',
  'ar',
  'so',
  'fa',
  'ku',
  'sq',
  'vi',
  'zh',
  'th',
  'tr',
  'es',
  'fr',
  'de',
] as const;
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];

export const isPersonLanguage = (v: string): v is PersonLanguage => (PERSON_LANGUAGES as readonly string[]).includes(v);
