import type { Translated } from '../../../core/shared/lang.js';
import { useTranslation } from 'react-i18next';
import type { ServiceDetail } from '../../../core/directory/queries.js';
import type { DraftError } from '../../../core/editing/types.js';
import { usePage } from '../../context.js';
import { ServicePage } from '../ServicePage.js';
import { draftErrorMessage } from './parts.js';

/** The draft rendered as the public service page, clearly marked as a preview. */
export function PreviewPage({
  service,
  networkNote,
  ref,
  hasDraft,
  errors,
}: {
  service: ServiceDetail;
  networkNote: Translated;
  ref: string;
  hasDraft: boolean;
  errors: DraftError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/services/${ref}`;
  return (
    <>
      <div className="preview-banner" role="note" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('editing.preview.title')}</h2>
        <p>{hasDraft ? t('editing.preview.lead_draft') : t('editing.preview.lead_published')}</p>
        {errors.length ? (
          <>
            <p>{t('editing.preview.has_errors')}</p>
            <ul>
              {errors.map((e, i) => (
                <li key={i}>{draftErrorMessage(t, e)}</li>
              ))}
            </ul>
          </>
        ) : null}
        <ul className="action-links">
          <li>
            <a href={`${base}/edit`}>{t('editing.back_to_edit')}</a>
          </li>
          {hasDraft ? (
            <li>
              <a href={`${base}/changes`}>{t('editing.changes_link')}</a>
            </li>
          ) : null}
        </ul>
      </div>
      <div className="preview-frame">
        <ServicePage s={service} backTo={null} networkNote={networkNote} />
      </div>
    </>
  );
}
