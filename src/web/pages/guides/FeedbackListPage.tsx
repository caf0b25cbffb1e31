/** The error reports on the services of my organisations, in the workspace; each can be marked handled. */
import { useTranslation } from '../../useTranslation.js';
import type { FeedbackItem } from '../../../core/feedback/reportError.js';
import { Breadcrumbs, LangText } from '../../components/common.js';
import { CsrfField, Notice } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';

export function FeedbackListPage({
  items,
  status,
  notice,
}: {
  items: FeedbackItem[];
  status: 'open' | 'handled';
  notice: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('feedback.work_title') }]} />
      <h1>{t('feedback.work_title')}</h1>
      {notice === 'handled' ? <Notice kind="success">{t('feedback.marked_handled')}</Notice> : null}
      <p className="lead">{t('feedback.work_lead')}</p>
      <nav aria-label={t('feedback.work_filter')}>
        <ul className="pg-links">
          <li>
            {status === 'open' ? (
              <span aria-current="page">{t('feedback.status.open')}</span>
            ) : (
              <a href={`/${lang}/work/feedback`}>{t('feedback.status.open')}</a>
            )}
          </li>
          <li>
            {status === 'handled' ? (
              <span aria-current="page">{t('feedback.status.handled')}</span>
            ) : (
              <a href={`/${lang}/work/feedback?status=handled`}>{t('feedback.status.handled')}</a>
            )}
          </li>
        </ul>
      </nav>
      {items.length ? (
        <ol className="feedback-list">
          {items.map((f) => (
            <li key={f.id} className="feedback-item" aria-labelledby={`fb-${f.id}`}>
              <h2 id={`fb-${f.id}`} className="feedback-service">
                <a href={`/${lang}/services/${f.serviceId}`}>
                  <LangText value={f.serviceName} />
                </a>
              </h2>
              <p className="hint">
                <LangText value={f.organizationName} /> · {formatDateTime(f.createdAt, lang)} ·{' '}
                {t('feedback.written_in', { language: t(`language.${f.lang}`) })}
              </p>
              <blockquote className="feedback-message" lang={f.lang}>
                {f.message}
              </blockquote>
              {f.contact ? (
                <p>
                  {t('feedback.contact_given')} {f.contact}
                </p>
              ) : (
                <p className="hint">{t('feedback.no_contact')}</p>
              )}
              <p>
                <a href={`/${lang}/work/services/${f.serviceId}/edit`}>{t('feedback.edit_service')}</a>
              </p>
              {f.status === 'open' ? (
                <form method="post" action={`/${lang}/work/feedback/${f.id}/handled`}>
                  <CsrfField />
                  <button type="submit" className="button button-secondary">
                    {t('feedback.mark_handled')}
                  </button>
                </form>
              ) : (
                <p className="hint">{t('feedback.handled_at', { at: formatDateTime(f.handledAt!, lang) })}</p>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p>{status === 'open' ? t('feedback.none_open') : t('feedback.none_handled')}</p>
      )}
    </>
  );
}
