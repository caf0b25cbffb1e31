/**
 * Human text in Finnish, Swedish and English. A reader gets their language; when it is missing they get
 * another, marked as such (the page says "available in Finnish only"), never an empty string.
 */
import type { Lang, Translated } from './lang.js';

/** What a reader of `lang` sees when their language is missing. Finnish and Swedish stand in for each other first. */
export const FALLBACK_ORDER: Record<Lang, Lang[]> = {
  fi: ['fi', 'sv', 'en'],
  sv: ['sv', 'fi', 'en'],
  en: ['en', 'fi', 'sv'],
};

export interface Localized {
  text: string;
  /** The language the text is actually in (for the lang attribute). */
  lang: Lang;
  /** True when the text is not in the language asked for. */
  fallback: boolean;
}

export function localize(t: Translated | null | undefined, lang: Lang): Localized | null {
  if (!t) return null;
  for (const l of FALLBACK_ORDER[lang]) {
    const v = t[l]?.trim();
    if (v) return { text: v, lang: l, fallback: l !== lang };
  }
  return null;
}

/** The text in `lang` or its fallback, '' only when there is no text in any language. */
export function pick(t: Translated | null | undefined, lang: Lang): string {
  return localize(t, lang)?.text ?? '';
}

/** Drops empty strings, so a missing translation is a missing key. */
export function cleanTranslated(t: Translated | null | undefined): Translated {
  const out: Translated = {};
  for (const l of ['fi', 'sv', 'en'] as const) {
    const v = t?.[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}

export function allTexts(t: Translated | null | undefined): string[] {
  return t ? Object.values(t).filter((v): v is string => !!v) : [];
}
