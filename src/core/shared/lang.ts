/** The languages of the service: Finnish and Swedish are equal (bilingual municipalities serve in both); English is third. */
export type Lang = 'fi' | 'sv' | 'en';
export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];

/** The locale each language's dates and numbers are written in (Intl): Swedish as written in Finland. */
export const LOCALES: Readonly<Record<Lang, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function isLang(v: unknown): v is Lang {
  return v === 'fi' || v === 'sv' || v === 'en';
}

/** Human text in Finnish, Swedish and English; a missing translation is a missing key (see translated.ts). */
export type Translated = Partial<Record<Lang, string>>;
