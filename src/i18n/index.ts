/**
 * Finnish, Swedish and English strings: src/i18n/locales/{fi,sv,en}.json (the public site) and one file per
 * capability, locales/<area>.{fi,sv,en}.json (e.g. accounts.fi.json). Flat dotted keys, the same keys in all
 * three languages (a test fails on any drift) and no key in two files. One i18next instance per language.
 */
import { isLang, LANGS, type Lang } from '../core/shared/lang.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';

const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'locales');

/** Every locale file's strings merged per language; throws on a key defined twice. */
function loadResources(): Record<Lang, Record<string, string>> {
  const out = { fi: {}, sv: {}, en: {} } as Record<Lang, Record<string, string>>;
  for (const file of readdirSync(LOCALES_DIR).sort()) {
    const m = /^(?:[\w-]+\.)?(fi|sv|en)\.json$/.exec(file);
    if (!m) continue;
    const strings = JSON.parse(readFileSync(join(LOCALES_DIR, file), 'utf8')) as Record<string, string>;
    const target = out[m[1] as Lang];
    for (const [k, v] of Object.entries(strings)) {
      if (k in target) throw new Error(`translation key "${k}" is defined twice (again in ${file})`);
      target[k] = v;
    }
  }
  return out;
}

export const RESOURCES: Record<Lang, Record<string, string>> = loadResources();

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

/** The best of fi/sv/en for an Accept-Language header; Finnish when nothing fits. */
export function negotiateLang(header: string | undefined): Lang {
  if (!header) return 'fi';
  const prefs = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag!.trim().toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((p) => p.q > 0)
    .sort((a, b) => b.q - a.q);
  return (prefs.find((p) => isLang(p.lang))?.lang as Lang | undefined) ?? 'fi';
}
