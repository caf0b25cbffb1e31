/**
 * One event: what, when (every occurrence, cancelled ones marked), where (place on the map, or online), seats left,
 * and the registration form (works without JavaScript). schema.org Event markup for search engines.
 */
import { useTranslation } from '../../useTranslation.js';
import { formatWhen } from '../../../core/events/format.js';
import type { EventDetail } from '../../../core/events/queries.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText, SummaryList } from '../../components/common.js';
import { CsrfField, ErrorSummary, type FormError, SelectField, TextField } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatAge, municipalityName } from '../../format.js';
import { MapAssetLinks, MapPanel, type MapView } from '../SearchPage.js';
import { Languages, SeatsLeft, When } from './parts.js';

export interface RegisterForm {
  occurrence_id: string;
  name: string;
  email: string;
  phone: string;
  people: string;
}

export function EventPage({
  e,
  jsonLd,
  map,
  form,
  errors,
}: {
  e: EventDetail;
  jsonLd: object;
  map: MapView | null;
  form: RegisterForm;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const upcoming = e.occurrences.filter((o) => !o.past);
  const open = upcoming.filter((o) => o.status === 'scheduled');
  const canRegister = e.status === 'published' && e.registration !== 'none' && open.length > 0;
  const age = formatAge(e.ageMin, e.ageMax, t);
  const seats = e.kind === 'group' ? e.groupSeatsLeft : open.length === 1 ? open[0]!.seatsLeft : null;
  return (
    <article className="event-page">
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
      />
      <Breadcrumbs
        items={[
          { href: `/${lang}/`, label: t('nav.home') },
          { href: `/${lang}/events`, label: t('events.title') },
          { label: pick(e.name, lang) },
        ]}
      />
      <LangText as="h1" value={e.name} />
      {e.status === 'draft' ? <p className="tag">{t('events.status.draft')}</p> : null}
      <p className="lead-org">
        <a href={`/${lang}/organizations/${e.organization.id}`}>{pick(e.organization.name, lang)}</a>
        {e.kind === 'group' ? ` · ${t('events.kind.group_sessions', { count: e.occurrences.length })}` : ''}
      </p>
      {e.canOrganise ? (
        <p className="edit-link">
          <a href={`/${lang}/work/events/${e.id}`}>{t('events.organiser.registrations_link')}</a>
        </p>
      ) : null}
      <LangText as="div" className="description" value={e.description} />
      {pick(e.practical, lang) ? <LangText as="p" value={e.practical} /> : null}

      <SummaryList
        rows={[
          {
            key: 'when',
            label: t('events.when'),
            value: open[0] ? <When start={open[0].start} end={open[0].end} /> : t('events.no_upcoming'),
          },
          {
            key: 'where',
            label: t('events.where'),
            value: (
              <>
                {e.location ? (
                  <address>
                    <LangText value={e.location.name} />
                    <br />
                    {pick(e.location.street, lang)}
                    {pick(e.location.street, lang) ? <br /> : null}
                    {e.location.postalCode} {pick(e.location.city, lang)}
                  </address>
                ) : e.municipality ? (
                  municipalityName(e.municipality, lang)
                ) : null}
                {e.online ? (
                  <p>
                    {e.onlineUrl ? (
                      <a href={e.onlineUrl}>{t('events.online_link')}</a>
                    ) : (
                      t('events.online_after_registration')
                    )}
                  </p>
                ) : null}
              </>
            ),
          },
          { key: 'languages', label: t('events.languages'), value: <Languages langs={e.languages} /> },
          { key: 'age', label: t('service.age'), value: age },
          {
            key: 'price',
            label: t('events.price'),
            value: e.free ? t('events.free') : pick(e.price, lang) || t('events.not_free'),
          },
          {
            key: 'life',
            label: t('service.life_situations'),
            value: e.lifeSituations.length ? e.lifeSituations.map((x) => t(`life_situation.${x}`)).join(', ') : null,
          },
          {
            key: 'access',
            label: t('service.accessibility'),
            value: pick(e.accessibility, lang) ? <LangText value={e.accessibility} /> : null,
          },
          {
            key: 'contact',
            label: t('service.contact'),
            value:
              e.contactName || e.contactEmail || e.contactPhone ? (
                <>
                  {e.contactName}
                  {e.contactEmail ? (
                    <>
                      {e.contactName ? <br /> : null}
                      <a href={`mailto:${e.contactEmail}`}>{e.contactEmail}</a>
                    </>
                  ) : null}
                  {e.contactPhone ? (
                    <>
                      <br />
                      <a href={`tel:${e.contactPhone.replace(/\s/g, '')}`}>{e.contactPhone}</a>
                    </>
                  ) : null}
                </>
              ) : null,
          },
          {
            key: 'registration',
            label: t('events.registration'),
            value: (
              <>
                {t(`events.registration_mode.${e.registration}`)} <SeatsLeft seats={seats} kind={e.kind} />
              </>
            ),
          },
        ]}
      />

      {map && e.location ? (
        <>
          <h2>{t('events.map_title')}</h2>
          <MapAssetLinks />
          <MapPanel view={map} label={t('events.map_label')} skipTo="#occurrences-title" />
        </>
      ) : null}

      <h2 id="occurrences-title">{e.kind === 'group' ? t('events.sessions') : t('events.occurrences')}</h2>
      {upcoming.length ? (
        <ul className="plain occurrence-list">
          {upcoming.map((o) => (
            <li key={o.occurrenceId} className={o.status === 'cancelled' ? 'cancelled' : undefined}>
              {o.status === 'cancelled' ? (
                <>
                  <del>
                    <When start={o.start} end={o.end} />
                  </del>{' '}
                  <span className="tag">{t('events.cancelled')}</span>
                </>
              ) : (
                <>
                  <When start={o.start} end={o.end} /> {e.kind !== 'group' ? <SeatsLeft seats={o.seatsLeft} /> : null}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('events.no_upcoming')}</p>
      )}
      <p className="calendar-link">
        <a href={`/api/v1/events/${e.id}.ics?lang=${lang}`}>{t('events.add_to_calendar')}</a>
      </p>

      {canRegister ? (
        <section aria-labelledby="register-title" className="register">
          <h2 id="register-title">
            {e.kind === 'group' ? t('events.register.group_title') : t('events.register.title')}
          </h2>
          {seats === 0 ? <p>{t('events.register.waitlist_note')}</p> : null}
          <ErrorSummary errors={errors} />
          <form method="post" action={`/${lang}/events/${e.id}/register`} noValidate>
            <CsrfField />
            {e.kind !== 'group' && open.length > 1 ? (
              <SelectField
                name="occurrence_id"
                label={t('events.register.occurrence')}
                value={form.occurrence_id}
                errors={errors}
                options={open.map((o) => ({
                  value: o.occurrenceId,
                  label: `${formatWhen(o.start, o.end, lang)}${o.seatsLeft === 0 ? ` – ${t('events.full_waitlist')}` : ''}`,
                }))}
              />
            ) : null}
            {e.registration === 'contact' ? (
              <>
                <TextField
                  name="name"
                  label={t('events.register.name')}
                  value={form.name}
                  errors={errors}
                  autoComplete="name"
                />
                <TextField
                  name="email"
                  label={t('events.register.email')}
                  hint={t('events.register.email_hint')}
                  value={form.email}
                  errors={errors}
                  type="email"
                  autoComplete="email"
                />
                <TextField
                  name="phone"
                  label={t('events.register.phone')}
                  value={form.phone}
                  errors={errors}
                  type="tel"
                  autoComplete="tel"
                  className="input-short"
                />
              </>
            ) : (
              <p>{t('events.register.headcount_note')}</p>
            )}
            <TextField
              name="people"
              label={t('events.register.people')}
              hint={t('events.register.people_hint', { max: e.maxPeople })}
              value={form.people}
              errors={errors}
              inputMode="numeric"
              className="input-short"
            />
            <p className="hint">{t('events.register.privacy', { days: e.retentionDays })}</p>
            <button type="submit" className="button">
              {t('events.register.submit')}
            </button>
          </form>
        </section>
      ) : null}
    </article>
  );
}
