import { LOCALES, type Lang } from '../core/shared/lang.js';
import type { TFunction } from 'i18next';
import type { Hours } from '../core/directory/queries.js';
import { municipalityByCode, MUNICIPALITIES, type Municipality } from '../core/places/municipalities.js';
import { compareNames } from '../core/directory/search/sortKey.js';
import { WEEKDAYS } from '../core/directory/vocabulary.js';

export function municipalityName(code: string, lang: Lang): string {
  const m = municipalityByCode(code);
  if (!m) return code;
  return lang === 'sv' ? m.name.sv : m.name.fi;
}

/** Municipalities in the reader's alphabet, with the name in their language. */
export function sortedMunicipalities(lang: Lang): readonly Municipality[] {
  let list = sortedLists.get(lang);
  if (!list) {
    const cmp = compareNames(lang);
    list = [...MUNICIPALITIES].sort((a, b) => cmp(municipalityName(a.code, lang), municipalityName(b.code, lang)));
    sortedLists.set(lang, list);
  }
  return list;
}
/** The municipalities never change while the server runs: sorted once per language. */
const sortedLists = new Map<Lang, readonly Municipality[]>();

/** Formatters are costly to make (a tenth of a millisecond each): each is made at its first use and kept. */
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
export function keptFormat<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formats.get(key) as F | undefined;
  if (!f) formats.set(key, (f = make()));
  return f;
}

export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  const f = keptFormat(
    `date ${lang}`,
    () =>
      new Intl.DateTimeFormat(
        LOCALES[lang],
        lang === 'en'
          ? { day: 'numeric', month: 'long', year: 'numeric' }
          : { day: 'numeric', month: 'numeric', year: 'numeric' },
      ),
  );
  return f.format(d);
}

export function formatTime(hhmm: string, lang: Lang): string {
  const [h, m] = hhmm.split(':');
  return lang === 'en' ? `${Number(h)}:${m}` : `${Number(h)}.${m}`;
}

/** MO,TU,WE,TH,FR → "ma–pe"; MO,WE → "ma, ke". */
export function formatDays(days: string[], t: TFunction): string {
  const idx = [...new Set(days.map((d) => (WEEKDAYS as readonly string[]).indexOf(d)))]
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of idx) {
    const last = runs.at(-1);
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  const name = (i: number) => t(`day.short.${WEEKDAYS[i]}`);
  return runs
    .map(([a, b]) => (a === b ? name(a) : b === a + 1 ? `${name(a)}, ${name(b)}` : `${name(a)}–${name(b)}`))
    .join(', ');
}

export function formatHours(h: Hours, lang: Lang, t: TFunction): string {
  return `${formatDays(h.days, t)} ${formatTime(h.opens, lang)}–${formatTime(h.closes, lang)}`;
}

export function formatAge(min: number | null, max: number | null, t: TFunction): string | null {
  if (min === null && max === null) return null;
  if (min !== null && max !== null) return t('service.age_between', { min, max });
  if (min !== null) return t('service.age_from', { min });
  return t('service.age_to', { max });
}

export function formatDistance(km: number | null, lang: Lang): string | null {
  if (km === null) return null;
  const digits = km < 10 ? 1 : 0;
  const f = keptFormat(
    `distance ${lang} ${digits}`,
    () => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }),
  );
  return `${f.format(km)} km`;
}

export function isStale(lastReviewed: string | null, now = new Date()): boolean {
  if (!lastReviewed) return true;
  const d = new Date(`${lastReviewed}T00:00:00Z`);
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() - 1);
  return d < limit;
}

/** Date and time in Finland's time zone, e.g. "23.11.2026 klo 14.05". */
export function formatDateTime(d: Date | string, lang: Lang): string {
  const f = keptFormat(
    `datetime ${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Helsinki' }),
  );
  return f.format(new Date(d));
}
