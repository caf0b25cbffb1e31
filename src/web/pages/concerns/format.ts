/** Dates and times of concerns in the reader's language, in Helsinki time. */
import { LOCALES, type Lang } from '../../../core/shared/lang.js';

export function dateTime(d: Date | string | null, lang: Lang): string {
  if (!d) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Helsinki',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(d));
}

export function day(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
}
