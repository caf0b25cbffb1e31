/**
 * Finnish, Swedish and English strings: src/i18n/locales/{fi,sv,en}.json, flat dotted keys, the same keys in
 * all three (a test fails on any drift). One i18next instance per language, made once.
 */
import i18next, { type i18n, type TFunction } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import fi from './locales/fi.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import { LANGS, type Lang } from '../core/directory/vocabulary.js';

export const RESOURCES: Record<Lang, Record<string, string>> = { fi, sv, en };

const instances = new Map<Lang, i18n>();
for (const lng of LANGS) {
  const inst = i18next.createInstance();
  void inst.init({
    lng,
    fallbackLng: false,
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false }, // React escapes
    resources: { [lng]: { translation: RESOURCES[lng] } },
    returnNull: false,
  });
  instances.set(lng, inst);
}

export function i18nFor(lang: Lang): i18n {
  return instances.get(lang)!;
}

export function tFor(lang: Lang): TFunction {
  return instances.get(lang)!.t;
}

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** The best of fi/sv/en for an Accept-Language header; Finnish when nothing fits. */
export function negotiateLang(header: string | undefined): Lang {
  if (!header) return 'fi';
  const prefs = header.split(',').map((part) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { lang: tag!.trim().toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
  }).filter((p) => p.q > 0).sort((a, b) => b.q - a.q);
  return prefs.find((p) => isLang(p.lang))?.lang as Lang | undefined ?? 'fi';
}
