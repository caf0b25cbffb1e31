/** A service page's upcoming events (a few lines on the directory's service page). */
import { useTranslation } from '../../useTranslation.js';
import type { EventSummary } from '../../../core/events/queries.js';
import { LangText } from '../../components/common.js';
import { usePage } from '../../context.js';
import { SeatsLeft, When } from './parts.js';

export function ServiceEvents({ events, serviceId }: { events: EventSummary[]; serviceId: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <section aria-labelledby="service-events-title" className="service-events">
      <h2 id="service-events-title">{t('events.service.title')}</h2>
      <ul className="plain event-list">
        {events.map((e) => {
          const next = e.occurrences[0]!;
          return (
            <li key={e.id} className="event-card">
              <a href={`/${lang}/events/${e.id}`}>
                <LangText value={e.name} />
              </a>{' '}
              – <When start={next.start} end={next.end} /> <SeatsLeft seats={next.seatsLeft} kind={e.kind} />
            </li>
          );
        })}
      </ul>
      <p>
        <a href={`/${lang}/events?service=${serviceId}`}>{t('events.service.all')}</a>
      </p>
    </section>
  );
}
