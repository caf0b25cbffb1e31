/** PTV's texts ({language, value, type} lists) as the directory's {fi, sv, en}. Other languages are left out. */
import type { Translated, Lang } from '../shared/lang.js';
import type { PtvCodeName, PtvText } from './v11.js';

export const DIRECTORY_LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
const isLang = (l: unknown): l is Lang => typeof l === 'string' && (DIRECTORY_LANGS as readonly string[]).includes(l);

/** The texts of one type (Name, Summary, …), or of every entry when type is undefined; the first per language. */
export function translated(list: (PtvText | PtvCodeName)[] | null | undefined, type?: string): Translated {
  const out: Translated = {};
  for (const t of list ?? []) {
    if (type !== undefined && (t as PtvText).type !== type) continue;
    const v = typeof t.value === 'string' ? t.value.trim() : '';
    if (isLang(t.language) && v && !out[t.language]) out[t.language] = v;
  }
  return out;
}

/** The same texts joined per language (several entries of one language become paragraphs). */
export function joined(parts: Translated[], sep = '\n\n'): Translated {
  const out: Translated = {};
  for (const l of DIRECTORY_LANGS) {
    const v = parts
      .map((p) => p[l])
      .filter(Boolean)
      .join(sep);
    if (v) out[l] = v;
  }
  return out;
}

/** Every value per language, e.g. keywords. */
export function valuesByLang(list: PtvCodeName[] | null | undefined): Partial<Record<Lang, string[]>> {
  const out: Partial<Record<Lang, string[]>> = {};
  for (const t of list ?? []) {
    const v = typeof t.value === 'string' ? t.value.trim() : '';
    if (!isLang(t.language) || !v) continue;
    out[t.language] ??= [];
    if (!out[t.language]!.includes(v)) out[t.language]!.push(v);
  }
  return out;
}

/** "OTAVA" → "Otava", "S:T MICHEL" → "S:t Michel": PTV writes post offices in capitals. */
export function postOfficeName(v: string): string {
  if (v !== v.toUpperCase()) return v;
  return v.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

export { isLang };
