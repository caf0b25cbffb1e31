/**
 * The organiser's pages in the workspace: their organisations' events, a new event, and an event's registrations
 * (attendance, CSV, a message to the registered people). Personal data is shown only here, to the organisers.
 */
import { useTranslation } from '../../useTranslation.js';
import type { RegistrationRow } from '../../../core/events/registrations.js';
import type { EventDetail } from '../../../core/events/queries.js';
import { LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import type { Translated } from '../../../core/shared/lang.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  type FormError,
  Notice,
  RadioField,
  SelectField,
  TextArea,
  TextField,
  TranslatedFields,
} from '../../components/forms.js';
import { usePage } from '../../context.js';
import { When } from './parts.js';
import { formatWhen } from '../../../core/events/format.js';

export interface OrganiserEventRow {
  id: string;
  name: Translated;
  status: string;
  kind: string;
  org_name: Translated;
  next_start: Date | null;
  registrations: number | string | null;
}

export function OrganiserEventsPage({ rows, notice }: { rows: OrganiserEventRow[]; notice: string | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <div>
      <Breadcrumbs
        items={[{ href: `/${lang}/work`, label: t('nav.workspace') }, { label: t('events.organiser.title') }]}
      />
      <h1>{t('events.organiser.title')}</h1>
      {notice ? <Notice kind="success">{t(`events.notice.${notice}`)}</Notice> : null}
      <p>
        <a className="button" href={`/${lang}/work/events/new`}>
          {t('events.organiser.new')}
        </a>
      </p>
      {rows.length ? (
        <ScrollTable label={t('events.organiser.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('events.organiser.col_name')}</th>
                <th scope="col">{t('events.organiser.col_org')}</th>
                <th scope="col">{t('events.organiser.col_status')}</th>
                <th scope="col">{t('events.organiser.col_next')}</th>
                <th scope="col">{t('events.organiser.col_registrations')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/${lang}/work/events/${r.id}`}>{pick(r.name, lang)}</a>
                  </td>
                  <td>{pick(r.org_name, lang)}</td>
                  <td>
                    {t(`events.status.${r.status}`)} · {t(`events.kind.${r.kind}`)}
                  </td>
                  <td>
                    {r.next_start
                      ? formatWhen(new Date(r.next_start), new Date(r.next_start), lang)
                          .split(' ')
                          .slice(0, 2)
                          .join(' ')
                      : '–'}
                  </td>
                  <td>{Number(r.registrations ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : (
        <p>{t('events.organiser.none')}</p>
      )}
    </div>
  );
}

export interface EventFormValues {
  organization_id: string;
  kind: string;
  name: Translated;
  description: Translated;
  practical: Translated;
  languages: string[];
  location_id: string;
  online_url: string;
  online_url_registered_only: boolean;
  date: string;
  start_time: string;
  end_time: string;
  repeat_weeks: string;
  exdates: string;
  registration: string;
  capacity: string;
  max_people: string;
  age_min: string;
  age_max: string;
  free: boolean;
  life_situations: string[];
  contact_email: string;
  status: string;
}

export function NewEventPage({
  form,
  errors,
  organizations,
  locations,
  canPublish,
}: {
  form: EventFormValues;
  errors: FormError[];
  organizations: { id: string; name: Translated }[];
  locations: { id: string; label: string }[];
  canPublish: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('nav.workspace') },
          { href: `/${lang}/work/events`, label: t('events.organiser.title') },
          { label: t('events.organiser.new') },
        ]}
      />
      <h1>{t('events.organiser.new')}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/${lang}/work/events/new`} noValidate>
        <CsrfField />
        <SelectField
          name="organization_id"
          label={t('events.form.organization')}
          value={form.organization_id}
          errors={errors}
          options={organizations.map((o) => ({ value: o.id, label: pick(o.name, lang) }))}
        />
        <RadioField
          name="kind"
          label={t('events.form.kind')}
          value={form.kind}
          errors={errors}
          options={(['single', 'recurring', 'group'] as const).map((k) => ({
            value: k,
            label: t(`events.kind.${k}`),
            hint: t(`events.form.kind_hint.${k}`),
          }))}
        />
        <TranslatedFields name="name" label={t('events.form.name')} value={form.name} errors={errors} />
        <TranslatedFields
          name="description"
          label={t('events.form.description')}
          value={form.description}
          errors={errors}
          multiline
        />
        <TranslatedFields
          name="practical"
          label={t('events.form.practical')}
          value={form.practical}
          errors={errors}
          multiline
        />
        <CheckboxesField
          name="languages"
          label={t('events.form.languages')}
          values={form.languages}
          errors={errors}
          options={(['fi', 'sv', 'en'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))}
        />
        <SelectField
          name="location_id"
          label={t('events.form.location')}
          hint={t('events.form.location_hint')}
          value={form.location_id}
          errors={errors}
          emptyLabel={t('events.form.no_location')}
          options={locations.map((l) => ({ value: l.id, label: l.label }))}
        />
        <TextField
          name="online_url"
          label={t('events.form.online_url')}
          value={form.online_url}
          errors={errors}
          type="url"
        />
        <CheckboxesField
          name="online_url_registered_only"
          label={t('events.form.online_visibility')}
          values={form.online_url_registered_only ? ['1'] : []}
          options={[{ value: '1', label: t('events.form.online_registered_only') }]}
        />
        <TextField
          name="date"
          label={t('events.form.date')}
          value={form.date}
          errors={errors}
          type="date"
          className="input-short"
        />
        <TextField
          name="start_time"
          label={t('events.form.start_time')}
          hint={t('events.form.time_hint')}
          value={form.start_time}
          errors={errors}
          className="input-short"
        />
        <TextField
          name="end_time"
          label={t('events.form.end_time')}
          value={form.end_time}
          errors={errors}
          className="input-short"
        />
        <TextField
          name="repeat_weeks"
          label={t('events.form.repeat_weeks')}
          hint={t('events.form.repeat_weeks_hint')}
          value={form.repeat_weeks}
          errors={errors}
          inputMode="numeric"
          className="input-short"
        />
        <TextField
          name="exdates"
          label={t('events.form.exdates')}
          hint={t('events.form.exdates_hint')}
          value={form.exdates}
          errors={errors}
        />
        <RadioField
          name="registration"
          label={t('events.form.registration')}
          value={form.registration}
          errors={errors}
          options={(['contact', 'headcount', 'none'] as const).map((k) => ({
            value: k,
            label: t(`events.registration_mode.${k}`),
          }))}
        />
        <TextField
          name="capacity"
          label={t('events.form.capacity')}
          hint={t('events.form.capacity_hint')}
          value={form.capacity}
          errors={errors}
          inputMode="numeric"
          className="input-short"
        />
        <TextField
          name="max_people"
          label={t('events.form.max_people')}
          value={form.max_people}
          errors={errors}
          inputMode="numeric"
          className="input-short"
        />
        <TextField
          name="age_min"
          label={t('events.form.age_min')}
          value={form.age_min}
          errors={errors}
          inputMode="numeric"
          className="input-short"
        />
        <TextField
          name="age_max"
          label={t('events.form.age_max')}
          value={form.age_max}
          errors={errors}
          inputMode="numeric"
          className="input-short"
        />
        <CheckboxesField
          name="free"
          label={t('events.price')}
          values={form.free ? ['1'] : []}
          options={[{ value: '1', label: t('events.free') }]}
        />
        <CheckboxesField
          name="life_situations"
          label={t('service.life_situations')}
          values={form.life_situations}
          errors={errors}
          columns
          options={LIFE_SITUATIONS.map((l) => ({ value: l, label: t(`life_situation.${l}`) }))}
        />
        <TextField
          name="contact_email"
          label={t('events.form.contact_email')}
          value={form.contact_email}
          errors={errors}
          type="email"
        />
        <RadioField
          name="status"
          label={t('events.form.status')}
          value={form.status}
          errors={errors}
          options={[
            { value: 'draft', label: t('events.status.draft') },
            ...(canPublish ? [{ value: 'published', label: t('events.form.publish_now') }] : []),
          ]}
        />
        <button type="submit" className="button">
          {t('events.form.save')}
        </button>
      </form>
    </div>
  );
}

export function RegistrationsPage({
  e,
  rows,
  notice,
  errors,
  message,
}: {
  e: EventDetail;
  rows: RegistrationRow[];
  notice: string | null;
  errors: FormError[];
  message: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const active = rows.filter((r) => r.status !== 'cancelled');
  const confirmedPeople = active.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.people, 0);
  return (
    <div>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('nav.workspace') },
          { href: `/${lang}/work/events`, label: t('events.organiser.title') },
          { label: pick(e.name, lang) },
        ]}
      />
      <h1>{t('events.organiser.registrations_title', { name: pick(e.name, lang) })}</h1>
      {notice ? <Notice kind="success">{t(`events.notice.${notice}`)}</Notice> : null}
      <p>
        <a href={`/${lang}/events/${e.id}`}>{t('events.organiser.public_page')}</a> ·{' '}
        <a href={`/${lang}/work/events/${e.id}/registrations.csv`}>{t('events.organiser.csv')}</a> ·{' '}
        {t(`events.status.${e.status}`)}
      </p>
      {e.status === 'draft' ? (
        <form method="post" action={`/${lang}/work/events/${e.id}/publish`}>
          <CsrfField />
          <button type="submit" className="button">
            {t('events.organiser.publish')}
          </button>
        </form>
      ) : null}
      <p>{t('events.organiser.summary', { people: confirmedPeople, count: active.length })}</p>
      <p className="hint">{t('events.organiser.privacy', { days: e.retentionDays })}</p>
      {active.length ? (
        <form method="post" action={`/${lang}/work/events/${e.id}/attendance`}>
          <CsrfField />
          <ScrollTable label={t('events.organiser.registrations_table')}>
            <table>
              <caption className="visually-hidden">{t('events.organiser.registrations_table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('events.when')}</th>
                  <th scope="col">{t('events.register.name')}</th>
                  <th scope="col">{t('events.organiser.col_contact')}</th>
                  <th scope="col">{t('events.register.people')}</th>
                  <th scope="col">{t('events.registration_page.status')}</th>
                  <th scope="col">{t('events.organiser.col_attended')}</th>
                </tr>
              </thead>
              <tbody>
                {active.map((r) => {
                  const o = e.occurrences.find((x) => x.occurrenceId === r.occurrenceId);
                  return (
                    <tr key={r.id}>
                      <td>{o ? <When start={o.start} end={o.end} /> : t('events.kind.group')}</td>
                      <td>{r.erased ? t('events.organiser.erased') : (r.name ?? '–')}</td>
                      <td>{[r.email, r.phone].filter(Boolean).join(', ') || '–'}</td>
                      <td>{r.people}</td>
                      <td>{t(`events.registration_status.${r.status}`)}</td>
                      <td>
                        {r.status === 'confirmed' ? (
                          <>
                            <input type="hidden" name="listed" value={r.id} />
                            <input
                              type="checkbox"
                              name="attended"
                              value={r.id}
                              id={`attended-${r.id}`}
                              defaultChecked={r.attended === true}
                              aria-label={t('events.organiser.attended_label', { reference: r.reference })}
                            />
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
          <button type="submit" className="button button-secondary">
            {t('events.organiser.save_attendance')}
          </button>
        </form>
      ) : (
        <p>{t('events.organiser.no_registrations')}</p>
      )}
      <h2>{t('events.organiser.message_title')}</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/${lang}/work/events/${e.id}/message`} noValidate>
        <CsrfField />
        <TextArea
          name="message"
          label={t('events.organiser.message')}
          hint={t('events.organiser.message_hint')}
          value={message}
          errors={errors}
        />
        <CheckboxesField
          name="include_waitlist"
          label={t('events.organiser.recipients')}
          values={[]}
          options={[{ value: '1', label: t('events.organiser.include_waitlist') }]}
        />
        <button type="submit" className="button">
          {t('events.organiser.send')}
        </button>
      </form>
    </div>
  );
}
