/**
 * The residents' pages (no sign-in, every form works without JavaScript): asking a question, the private
 * follow-up page (the answer, writing back, who has read it, consent, deletion), opening a follow-up link, and
 * the published Q&A.
 */
import { useTranslation } from '../../useTranslation.js';
import { LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import type { Conversation, PublishedQa } from '../../../core/questions/types.js';
import { LANGS } from '../../../core/shared/lang.js';
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
} from '../../components/forms.js';
import { SummaryList } from '../../components/common.js';
import { usePage } from '../../context.js';
import { municipalityName, sortedMunicipalities } from '../../format.js';
import { Messages, useLabels, When } from './parts.js';

export interface AskForm {
  topic: string;
  municipality: string;
  language: string;
  text: string;
  email: string;
  consent: boolean;
}

export function AskPage({
  form,
  errors,
  qa,
  notice,
}: {
  form: AskForm;
  errors: FormError[];
  qa: PublishedQa[];
  notice: 'deleted' | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const labels = useLabels(lang);
  const topics = LIFE_SITUATIONS.map((c) => ({ value: c, label: labels.topic(c) })).sort((a, b) =>
    a.label.localeCompare(b.label, lang),
  );
  return (
    <>
      <h1>{t('questions.ask.title')}</h1>
      {notice === 'deleted' ? <Notice kind="success">{t('questions.notice.deleted')}</Notice> : null}
      <p className="lead">{t('questions.ask.lead')}</p>
      <div className="warning-box">
        <p>{t('questions.ask.emergency')}</p>
      </div>
      <ul>
        <li>{t('questions.ask.point_anonymous')}</li>
        <li>{t('questions.ask.point_link')}</li>
        <li>{t('questions.ask.point_who')}</li>
      </ul>
      <p>
        <a href={`/${lang}/ask/open`}>{t('questions.ask.have_link')}</a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/${lang}/ask`} noValidate className="questions-form">
        <CsrfField />
        <SelectField
          name="topic"
          label={t('questions.field.topic')}
          hint={t('questions.field.topic_hint')}
          options={topics}
          value={form.topic}
          emptyLabel={t('questions.field.choose')}
          errors={errors}
        />
        <SelectField
          name="municipality"
          label={t('questions.field.municipality')}
          options={sortedMunicipalities(lang).map((m) => ({ value: m.code, label: municipalityName(m.code, lang) }))}
          value={form.municipality}
          emptyLabel={t('questions.field.choose')}
          errors={errors}
        />
        <RadioField
          name="language"
          label={t('questions.field.language')}
          hint={t('questions.field.language_hint')}
          options={LANGS.map((l) => ({ value: l, label: labels.language(l) }))}
          value={form.language}
          errors={errors}
        />
        <TextArea
          name="text"
          label={t('questions.field.text')}
          hint={t('questions.field.text_hint')}
          value={form.text}
          rows={8}
          errors={errors}
        />
        <TextField
          name="email"
          type="email"
          autoComplete="email"
          label={t('questions.field.email')}
          hint={t('questions.field.email_hint')}
          value={form.email}
          errors={errors}
        />
        <CheckboxesField
          name="consent"
          label={t('questions.field.consent_legend')}
          options={[{ value: 'yes', label: t('questions.field.consent'), hint: t('questions.field.consent_hint') }]}
          values={form.consent ? ['yes'] : []}
          errors={errors}
        />
        <button type="submit" className="button">
          {t('questions.ask.submit')}
        </button>
      </form>
      <QaList qa={qa} />
    </>
  );
}

export function QaList({ qa }: { qa: PublishedQa[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const labels = useLabels(lang);
  return (
    <section aria-labelledby="qa-title" className="questions-qa">
      <h2 id="qa-title">{t('questions.qa.title')}</h2>
      {qa.length ? (
        qa.map((q) => (
          <article key={q.id} className="questions-qa-item" lang={q.language}>
            <h3>{q.question}</h3>
            <p className="card-meta" lang={lang}>
              {labels.topic(q.topic)}
              {q.municipality ? ` · ${labels.municipality(q.municipality)}` : ''} ·{' '}
              <When at={q.publishedAt} lang={lang} />
            </p>
            <p className="questions-message-text">{q.answer}</p>
          </article>
        ))
      ) : (
        <p>{t('questions.qa.none')}</p>
      )}
    </section>
  );
}

export function FollowUpPage({
  code,
  c,
  notice,
  errors,
  reply,
}: {
  code: string;
  c: Conversation;
  notice: string | null;
  errors: FormError[];
  reply: string;
}) {
  const { t } = useTranslation();
  const { lang, publicUrl } = usePage();
  const labels = useLabels(lang);
  const base = `/${lang}/ask/${code}`;
  return (
    <>
      <h1>{t('questions.follow.title', { reference: c.reference })}</h1>
      {notice === 'sent' ? (
        <div className="notice notice-success" role="status">
          <h2>{t('questions.receipt.title')}</h2>
          <p>{t('questions.receipt.reference', { reference: c.reference })}</p>
          <p>{t('questions.receipt.keep_link')}</p>
          <p className="questions-link">
            <code>{`${publicUrl}${base}`}</code>
          </p>
          <p>{c.hasEmail ? t('questions.receipt.email_sent') : t('questions.receipt.no_email')}</p>
          <p>{t('questions.receipt.next')}</p>
        </div>
      ) : null}
      {notice === 'replied' ? <Notice kind="success">{t('questions.notice.replied')}</Notice> : null}
      {notice === 'consent_given' ? <Notice kind="success">{t('questions.notice.consent_given')}</Notice> : null}
      {notice === 'consent_withdrawn' ? (
        <Notice kind="success">{t('questions.notice.consent_withdrawn')}</Notice>
      ) : null}
      <SummaryList
        rows={[
          { key: 'topic', label: t('questions.field.topic'), value: labels.topic(c.topic) },
          { key: 'municipality', label: t('questions.field.municipality'), value: labels.municipality(c.municipality) },
          { key: 'language', label: t('questions.field.language'), value: labels.language(c.language) },
          { key: 'status', label: t('questions.field.status'), value: labels.status(c.status) },
        ]}
      />
      <Messages lang={lang} question={c.text} askedAt={c.askedAt} messages={c.messages} />
      <section aria-labelledby="reply-title">
        <h2 id="reply-title">{t('questions.follow.reply_title')}</h2>
        <ErrorSummary errors={errors} />
        <form method="post" action={`${base}/reply`} noValidate>
          <CsrfField />
          <TextArea name="text" label={t('questions.follow.reply_label')} value={reply} rows={5} errors={errors} />
          <button type="submit" className="button">
            {t('questions.follow.reply_submit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="readers-title">
        <h2 id="readers-title">{t('questions.follow.readers_title')}</h2>
        <p>{t('questions.follow.readers_lead')}</p>
        {c.readers.length ? (
          <ul>
            {c.readers.map((r, i) => (
              <li key={i}>
                {r.name} – <When at={r.at} lang={lang} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('questions.follow.readers_none')}</p>
        )}
      </section>
      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t('questions.follow.consent_title')}</h2>
        <p>
          {c.publishConsent ? t('questions.follow.consent_yes') : t('questions.follow.consent_no')}
          {c.published ? ` ${t('questions.follow.published')}` : ''}
        </p>
        <form method="post" action={`${base}/consent`}>
          <CsrfField />
          <input type="hidden" name="consent" value={c.publishConsent ? 'no' : 'yes'} />
          <button type="submit" className="button button-secondary">
            {c.publishConsent ? t('questions.follow.consent_withdraw') : t('questions.follow.consent_give')}
          </button>
        </form>
      </section>
      <section aria-labelledby="delete-title">
        <h2 id="delete-title">{t('questions.follow.delete_title')}</h2>
        <p>{t('questions.follow.delete_lead')}</p>
        <form method="post" action={`${base}/delete`} noValidate>
          <CsrfField />
          <CheckboxesField
            name="confirm"
            label={t('questions.follow.delete_legend')}
            options={[{ value: 'yes', label: t('questions.follow.delete_confirm') }]}
            values={[]}
            errors={errors}
          />
          <button type="submit" className="button button-secondary">
            {t('questions.follow.delete_submit')}
          </button>
        </form>
      </section>
    </>
  );
}

export function OpenPage({ value, errors }: { value: string; errors: FormError[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <h1>{t('questions.open.title')}</h1>
      <p className="lead">{t('questions.open.lead')}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/${lang}/ask/open`} noValidate>
        <CsrfField />
        <TextField
          name="link"
          label={t('questions.open.label')}
          hint={t('questions.open.hint')}
          value={value}
          autoComplete="off"
          errors={errors}
        />
        <button type="submit" className="button">
          {t('questions.open.submit')}
        </button>
      </form>
      <p>
        <a href={`/${lang}/ask`}>{t('questions.open.ask_new')}</a>
      </p>
    </>
  );
}
