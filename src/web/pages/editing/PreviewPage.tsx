import type { Translated } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import type { ServiceDetail } from '../../../core/directory/queries.js';
import { usePage } from '../../context.js';
import { ServicePage } from '../ServicePage.js';

/** The draft rendered as the public service page, clearly marked as a preview. */
export function PreviewPage({
  service,
  networkNote,
  ref,
  hasDraft,
  problems,
}: {
  service: ServiceDetail;
  networkNote: Translated;
  ref: string;
  hasDraft: boolean;
  /** The draft's problems, in the reader's language. */
  problems: string[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const base = `/${lang}/work/services/${ref}`;
  return (
    <>
      <div className="preview-banner" role="note" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('editing.preview.title')}</h2>
        <p>{hasDraft ? t('editing.preview.lead_draft') : t('editing.preview.lead_published')}</p>
        {problems.length ? (
          <>
            <p>{t('editing.preview.has_errors')}</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
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
