/** Small parts the events' pages share: when, where, seats left. */
import { useTranslation } from '../../useTranslation.js';
import { formatClock, formatDay, formatWhen } from '../../../core/events/format.js';
import type { EventSummary, OccurrenceHit } from '../../../core/events/queries.js';
import { pick } from '../../../core/shared/translated.js';
import { usePage } from '../../context.js';
import { municipalityName } from '../../format.js';

export function When({ start, end }: { start: Date; end: Date }) {
  const { lang } = usePage();
  return <time dateTime={start.toISOString()}>{formatWhen(start, end, lang)}</time>;
}

export function Clock({ start, end }: { start: Date; end: Date }) {
  const { lang } = usePage();
  return (
    <time dateTime={start.toISOString()}>
      {formatClock(start, lang)}–{formatClock(end, lang)}
    </time>
  );
}

export const dayLabel = (d: Date, lang: 'fi' | 'sv' | 'en') => formatDay(d, lang);

export function SeatsLeft({ seats, kind }: { seats: number | null; kind?: string }) {
  const { t } = useTranslation();
  if (seats === null) return null;
  if (seats === 0) return <span className="tag tag-full">{t('events.full_waitlist')}</span>;
  return (
    <span className="seats">
      {t(kind === 'group' ? 'events.group_seats_left' : 'events.seats_left', { count: seats })}
    </span>
  );
}

export function Place({ e }: { e: Pick<EventSummary, 'location' | 'online' | 'municipality'> }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const parts: string[] = [];
  if (e.location) parts.push([pick(e.location.name, lang), pick(e.location.city, lang)].filter(Boolean).join(', '));
  else if (e.municipality) parts.push(municipalityName(e.municipality, lang));
  if (e.online) parts.push(t('events.online'));
  return <>{parts.join(' · ')}</>;
}

export function Languages({ langs }: { langs: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {(['fi', 'sv', 'en'] as const)
        .filter((l) => langs.includes(l))
        .map((l) => t(`language.${l}`))
        .join(', ')}
    </>
  );
}

export const occurrenceSeats = (o: OccurrenceHit) => o.seatsLeft;
