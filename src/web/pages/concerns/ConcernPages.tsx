/**
 * The resident's pages: bring a concern (plain guidance first, then the form), and the private follow-up page
 * that is also the receipt. Both work without JavaScript.
 */
import { useTranslation } from '../../useTranslation.js';
import { CONCERN_COUNTIES } from '../../../core/concerns/counties.js';
import type { ResidentView } from '../../../core/concerns/followUp.js';
import { ABOUT, AGE_GROUPS } from '../../../core/concerns/vocabulary.js';
import { LANGS } from '../../../core/shared/lang.js';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  Notice,
  RadioField,
  SelectField,
  TextArea,
  TextField,
  type FormError,
} from '../../components/forms.js';
import { usePage } from '../../context.js';
import { sortedMunicipalities } from '../../format.js';
import { dateTime, day } from './format.js';

export interface ConcernForm {
  about: string;
  text: string;
  age_group: string;
  municipality: string;
  language: string;
  anonymous: string;
  name: string;
  email: string;
  phone: string;
  family_knows: string;
  family_agrees_contact: string;
  urgent: string;
}

export const emptyConcernForm = (lang: string): ConcernForm => ({
  about: '',
  text: '',
  age_group: '',
  municipality: '',
  language: lang,
  anonymous: '',
  name: '',
  email: '',
  phone: '',
  family_knows: '',
  family_agrees_contact: '',
  urgent: '',
});

/** Before the form: emergencies, professionals' duty to notify, and what this channel is for. */
function Guidance() {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <div className="concern-emergency" role="note" aria-labelledby="concern-emergency-title">
        <h2 id="concern-emergency-title">{t('concerns.guidance.emergency_title')}</h2>
        <p>{t('concerns.guidance.emergency')}</p>
      </div>
      <h2>{t('concerns.guidance.professionals_title')}</h2>
      <p>{t('concerns.guidance.professionals')}</p>
      <ul className="concern-counties">
        {CONCERN_COUNTIES.map((c) => (
          <li key={c.code}>
            <a href={c.notificationUrl} rel="noopener noreferrer">
              {t('concerns.guidance.county_link', { county: c.name[lang] })}
            </a>
          </li>
        ))}
      </ul>
      <h2>{t('concerns.guidance.what_title')}</h2>
      <p>{t('concerns.guidance.what')}</p>
      <p>{t('concerns.guidance.privacy')}</p>
    </>
  );
}

export function ConcernFormPage({ form, errors, notice }: { form: ConcernForm; errors: FormError[]; notice?: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const yesNo = (prefix: string) => [
    { value: 'yes', label: t(`${prefix}.yes`) },
    { value: 'no', label: t(`${prefix}.no`) },
  ];
  return (
    <div className="concern-page">
      <h1>{t('concerns.form.title')}</h1>
      {notice ? <Notice kind="success">{t(`concerns.notice.${notice}`)}</Notice> : null}
      <p className="lead">{t('concerns.form.lead')}</p>
      <Guidance />
      <form method="post" action={`/${lang}/concern`} noValidate className="concern-form">
        <h2>{t('concerns.form.heading')}</h2>
        <ErrorSummary errors={errors} />
        <CsrfField />
        <RadioField
          name="about"
          label={t('concerns.field.about')}
          options={ABOUT.map((a) => ({ value: a, label: t(`concerns.about.${a}`) }))}
          value={form.about}
          errors={errors}
        />
        <TextArea
          name="text"
          label={t('concerns.field.text')}
          hint={t('concerns.field.text_hint')}
          value={form.text}
          errors={errors}
          rows={8}
          maxLength={5000}
        />
        <RadioField
          name="age_group"
          label={t('concerns.field.age_group')}
          options={AGE_GROUPS.map((a) => ({ value: a, label: t(`concerns.age.${a}`) }))}
          value={form.age_group}
          errors={errors}
        />
        <SelectField
          name="municipality"
          label={t('concerns.field.municipality')}
          hint={t('concerns.field.municipality_hint')}
          options={sortedMunicipalities(lang).map((m) => ({
            value: m.code,
            label: lang === 'sv' ? m.name.sv : m.name.fi,
          }))}
          value={form.municipality}
          emptyLabel={t('concerns.field.choose')}
          errors={errors}
        />
        <RadioField
          name="language"
          label={t('concerns.field.language')}
          options={LANGS.map((l) => ({ value: l, label: t(`concerns.lang.${l}`) }))}
          value={form.language}
          errors={errors}
        />
        <RadioField
          name="anonymous"
          label={t('concerns.field.anonymous')}
          options={[
            { value: 'no', label: t('concerns.anonymous.no'), hint: t('concerns.anonymous.no_hint') },
            { value: 'yes', label: t('concerns.anonymous.yes'), hint: t('concerns.anonymous.yes_hint') },
          ]}
          value={form.anonymous}
          errors={errors}
        />
        <fieldset className="field">
          <legend className="label-bold">{t('concerns.field.contact')}</legend>
          <p className="hint">{t('concerns.field.contact_hint')}</p>
          <TextField
            name="name"
            label={t('concerns.field.name')}
            value={form.name}
            errors={errors}
            autoComplete="name"
          />
          <TextField
            name="email"
            type="email"
            label={t('concerns.field.email')}
            value={form.email}
            errors={errors}
            autoComplete="email"
          />
          <TextField
            name="phone"
            type="tel"
            label={t('concerns.field.phone')}
            value={form.phone}
            errors={errors}
            autoComplete="tel"
            className="input-medium"
          />
        </fieldset>
        <RadioField
          name="family_knows"
          label={t('concerns.field.family_knows')}
          options={yesNo('concerns.family_knows')}
          value={form.family_knows}
          errors={errors}
        />
        <RadioField
          name="family_agrees_contact"
          label={t('concerns.field.family_agrees_contact')}
          options={[...yesNo('concerns.agrees'), { value: 'unknown', label: t('concerns.agrees.unknown') }]}
          value={form.family_agrees_contact}
          errors={errors}
        />
        <CheckboxesField
          name="urgent"
          label={t('concerns.field.urgent')}
          options={[{ value: 'yes', label: t('concerns.field.urgent_yes'), hint: t('concerns.field.urgent_hint') }]}
          values={form.urgent ? [form.urgent] : []}
          errors={errors}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('concerns.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

export function FollowUpPage({
  view,
  code,
  justSent,
  notice,
  errors,
  message,
}: {
  view: ResidentView;
  code: string;
  justSent: boolean;
  notice?: string;
  errors: FormError[];
  message: string;
}) {
  const { t } = useTranslation();
  const { lang, publicUrl } = usePage();
  const link = `${publicUrl}/${lang}/concern/${code}`;
  const base = `/${lang}/concern/${code}`;
  return (
    <div className="concern-page">
      <h1>{t('concerns.follow_up.title', { reference: view.reference })}</h1>
      {notice ? <Notice kind="success">{t(`concerns.notice.${notice}`)}</Notice> : null}
      {justSent ? (
        <section aria-labelledby="receipt-title" className="concern-receipt">
          <h2 id="receipt-title">{t('concerns.receipt.title')}</h2>
          <p>{t('concerns.receipt.reference', { reference: view.reference })}</p>
          <p>
            <strong>{t('concerns.receipt.save_link')}</strong>
          </p>
          <p className="concern-link">
            <a href={base}>{link}</a>
          </p>
          <h3>{t('concerns.receipt.next_title')}</h3>
          <ul>
            <li>
              {view.routed
                ? t('concerns.receipt.next_read', { date: day(view.firstContactDue, lang) })
                : t('concerns.receipt.next_unrouted', { date: day(view.firstContactDue, lang) })}
            </li>
            <li>{view.anonymous ? t('concerns.receipt.next_anonymous') : t('concerns.receipt.next_contact')}</li>
            <li>{t('concerns.receipt.next_emergency')}</li>
          </ul>
        </section>
      ) : null}
      <h2>{t('concerns.follow_up.status_title')}</h2>
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('concerns.follow_up.reference')}</dt>
          <dd>{view.reference}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('concerns.follow_up.sent')}</dt>
          <dd>{dateTime(view.createdAt, lang)}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('concerns.follow_up.status')}</dt>
          <dd>
            {t(`concerns.resident_status.${view.status}`)}
            {view.outcome ? ` – ${t(`concerns.outcome.${view.outcome}`)}` : ''}
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('concerns.follow_up.first_contact')}</dt>
          <dd>
            {view.firstContactAt
              ? t('concerns.follow_up.contacted', { date: dateTime(view.firstContactAt, lang) })
              : t('concerns.follow_up.contact_by', { date: day(view.firstContactDue, lang) })}
          </dd>
        </div>
      </dl>
      <h2>{t('concerns.follow_up.your_concern')}</h2>
      <p className="concern-text">{view.text}</p>
      <h2>{t('concerns.follow_up.messages')}</h2>
      {view.messages.length ? (
        <ol className="concern-messages">
          {view.messages.map((m, i) => (
            <li key={i} className={`concern-message concern-message-${m.author}`}>
              <p className="concern-message-meta">
                {t(`concerns.author.${m.author}`)}, {dateTime(m.at, lang)}
              </p>
              <p className="concern-text">{m.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('concerns.follow_up.no_messages')}</p>
      )}
      {view.status !== 'closed' ? (
        <form method="post" action={`${base}/messages`} noValidate>
          <ErrorSummary errors={errors} />
          <CsrfField />
          <TextArea
            name="message"
            label={t('concerns.follow_up.write_back')}
            hint={t('concerns.follow_up.write_back_hint')}
            value={message}
            errors={errors}
            rows={5}
          />
          <button type="submit" className="button">
            {t('concerns.follow_up.send')}
          </button>
        </form>
      ) : null}
      <h2>{t('concerns.follow_up.reads_title')}</h2>
      <p>{t('concerns.follow_up.reads_intro')}</p>
      {view.reads.length ? (
        <ul>
          {view.reads.map((r, i) => (
            <li key={i}>{t('concerns.follow_up.read_by', { name: r.name, at: dateTime(r.at, lang) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('concerns.follow_up.no_reads')}</p>
      )}
      <h2>{t('concerns.follow_up.delete_title')}</h2>
      {view.deletionRequestedAt ? (
        <p>{t('concerns.follow_up.deletion_requested', { date: dateTime(view.deletionRequestedAt, lang) })}</p>
      ) : (
        <form method="post" action={`${base}/delete`}>
          <CsrfField />
          <p>{t(view.status === 'intake' ? 'concerns.follow_up.delete_now' : 'concerns.follow_up.delete_request')}</p>
          <button type="submit" className="button button-secondary">
            {t(view.status === 'intake' ? 'concerns.follow_up.delete' : 'concerns.follow_up.ask_delete')}
          </button>
        </form>
      )}
    </div>
  );
}
