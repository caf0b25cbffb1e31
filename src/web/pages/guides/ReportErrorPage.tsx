/**
 * "Report an error in this information": a link at the foot of every service page, and the one-question form
 * it leads to (works without JavaScript; the report reaches the service's editors in their workspace).
 */
import { useTranslation } from '../../useTranslation.js';
import type { Translated } from '../../../core/shared/lang.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import { CsrfField, ErrorSummary, Notice, TextArea, TextField, type FormError } from '../../components/forms.js';
import { usePage } from '../../context.js';

export function ReportErrorLink({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation();
  const { lang, search } = usePage();
  const sent = new URLSearchParams(search).get('notice') === 'error_reported';
  return (
    <section className="report-error" aria-labelledby="report-error-title" id="report-error">
      <h2 id="report-error-title" className="report-error-title">
        {t('feedback.link_title')}
      </h2>
      {sent ? <Notice kind="success">{t('feedback.thanks')}</Notice> : null}
      <p>
        <a href={`/${lang}/services/${serviceId}/report-error`}>{t('feedback.link')}</a>
      </p>
    </section>
  );
}

export interface ReportForm {
  message: string;
  contact: string;
}

export function ReportErrorPage({
  serviceId,
  serviceName,
  form,
  errors,
}: {
  serviceId: string;
  serviceName: Translated;
  form: ReportForm;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/`, label: t('nav.home') },
          { href: `/${lang}/services/${serviceId}`, label: pick(serviceName, lang) },
          { label: t('feedback.form_title') },
        ]}
      />
      <ErrorSummary errors={errors} />
      <h1>{t('feedback.form_title')}</h1>
      <p className="lead">
        {t('feedback.form_lead')} <LangText value={serviceName} />
      </p>
      <p>{t('feedback.form_who_reads')}</p>
      <form method="post" action={`/${lang}/services/${serviceId}/report-error`} className="edit-form" noValidate>
        <CsrfField />
        <TextArea
          name="message"
          label={t('feedback.message_label')}
          hint={t('feedback.message_hint')}
          value={form.message}
          errors={errors}
          rows={6}
          maxLength={2000}
        />
        <TextField
          name="contact"
          label={t('feedback.contact_label')}
          hint={t('feedback.contact_hint')}
          value={form.contact}
          errors={errors}
          autoComplete="email"
          maxLength={200}
        />
        <p className="hint">
          {t('feedback.privacy_note')} <a href={`/${lang}/privacy#feedback`}>{t('feedback.privacy_link')}</a>
        </p>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('feedback.send')}
          </button>
          <a href={`/${lang}/services/${serviceId}`}>{t('feedback.cancel')}</a>
        </div>
      </form>
    </>
  );
}
