/** Dates and times of events in the reader's language, in Finland's time zone. */
import { LOCALES, type Lang } from '../shared/lang.js';
import { TIME_ZONE } from './time.js';

/** "ti 27.10.2026" / "tis 27.10.2026" / "Tue 27 October 2026". */
export function formatDay(d: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'short',
    day: 'numeric',
    month: lang === 'en' ? 'long' : 'numeric',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(d);
}

/** "9.30" / "9:30". */
export function formatClock(d: Date, lang: Lang): string {
  const s = new Intl.DateTimeFormat('en-GB', {
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(d);
  const [h, m] = s.split(':');
  return lang === 'en' ? `${Number(h)}:${m}` : `${Number(h)}.${m}`;
}

/** "ti 27.10.2026 9.30–11.30" (an end on another day gets its own date). */
export function formatWhen(start: Date, end: Date, lang: Lang): string {
  const sameDay = formatDay(start, lang) === formatDay(end, lang);
  return sameDay
    ? `${formatDay(start, lang)} ${formatClock(start, lang)}–${formatClock(end, lang)}`
    : `${formatDay(start, lang)} ${formatClock(start, lang)} – ${formatDay(end, lang)} ${formatClock(end, lang)}`;
}
