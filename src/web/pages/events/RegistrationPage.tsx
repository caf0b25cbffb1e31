/** A person's own registration, opened with the link from the confirmation: its status, calendar links, cancel. */
import { useTranslation } from '../../useTranslation.js';
import type { EventDetail } from '../../../core/events/queries.js';
import { pick } from '../../../core/shared/translated.js';
import { SummaryList } from '../../components/common.js';
import { CsrfField, Notice } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { When } from './parts.js';

export function RegistrationPage({
  e,
  r,
  cancelHref,
  feedHref,
  notice,
}: {
  e: EventDetail;
  r: { status: string; people: number; reference: string; occurrenceId: string | null };
  cancelHref: string;
  feedHref: string;
  notice: 'new' | 'cancelled' | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const occ = r.occurrenceId
    ? e.occurrences.find((o) => o.occurrenceId === r.occurrenceId)
    : e.occurrences.find((o) => !o.past && o.status === 'scheduled');
  return (
    <article className="registration-page">
      <h1>{t('events.registration_page.title')}</h1>
      {notice === 'new' ? (
        <Notice kind="success">
          <p>
            {t(
              r.status === 'waitlisted'
                ? 'events.registration_page.new_waitlisted'
                : 'events.registration_page.new_confirmed',
            )}
          </p>
          <p>{t('events.registration_page.keep_link')}</p>
        </Notice>
      ) : null}
      {notice === 'cancelled' ? <Notice kind="success">{t('events.registration_page.cancelled_notice')}</Notice> : null}
      <SummaryList
        rows={[
          {
            key: 'event',
            label: t('events.registration_page.event'),
            value: <a href={`/${lang}/events/${e.id}`}>{pick(e.name, lang)}</a>,
          },
          { key: 'when', label: t('events.when'), value: occ ? <When start={occ.start} end={occ.end} /> : null },
          {
            key: 'status',
            label: t('events.registration_page.status'),
            value: t(`events.registration_status.${r.status}`),
          },
          { key: 'people', label: t('events.register.people'), value: String(r.people) },
          { key: 'reference', label: t('events.registration_page.reference'), value: r.reference },
          {
            key: 'online',
            label: t('events.online'),
            value: e.onlineUrl && r.status === 'confirmed' ? <a href={e.onlineUrl}>{e.onlineUrl}</a> : null,
          },
        ]}
      />
      {r.status !== 'cancelled' ? (
        <>
          <h2>{t('events.registration_page.calendar_title')}</h2>
          <ul>
            <li>
              <a href={feedHref}>{t('events.registration_page.own_feed')}</a>
            </li>
            <li>
              <a href={`/api/v1/events/${e.id}.ics?lang=${lang}`}>{t('events.add_to_calendar')}</a>
            </li>
          </ul>
          <h2>{t('events.registration_page.cancel_title')}</h2>
          <form method="post" action={cancelHref}>
            <CsrfField />
            <button type="submit" className="button button-secondary">
              {t('events.registration_page.cancel_button')}
            </button>
          </form>
        </>
      ) : null}
    </article>
  );
}
