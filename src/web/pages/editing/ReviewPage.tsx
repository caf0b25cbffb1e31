import { useTranslation } from '../../useTranslation.js';
import type { StaleGroup } from '../../../core/editing/freshness.js';
import { compareNames } from '../../../core/directory/search/sortKey.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import { CsrfField, Notice } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDate } from '../../format.js';

/** Services not reviewed for twelve months, by organisation, with a one-click "still correct". */
export function ReviewPage({
  groups,
  total,
  cutoff,
  everywhere,
  notice,
}: {
  groups: StaleGroup[];
  total: number;
  cutoff: string;
  everywhere: boolean;
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const cmp = compareNames(lang);
  const sorted = [...groups].sort((a, b) => cmp(pick(a.organization.name, lang), pick(b.organization.name, lang)));
  return (
    <>
      <Breadcrumbs items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('editing.review.title') }]} />
      <h1>{t('editing.review.title')}</h1>
      {notice ? <Notice kind="success">{t(`editing.notice.${notice}`)}</Notice> : null}
      <p className="lead">
        {t(everywhere ? 'editing.review.lead_all' : 'editing.review.lead_own', { date: formatDate(cutoff, lang) })}
      </p>
      <p>{t('editing.review.count', { count: total })}</p>
      {sorted.map((g) => (
        <section key={g.organization.id} aria-labelledby={`org-${g.organization.id}`}>
          <h2 id={`org-${g.organization.id}`}>
            {pick(g.organization.name, lang)} <span className="count">({g.services.length})</span>
          </h2>
          <ScrollTable label={pick(g.organization.name, lang)}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('editing.review.service')}</th>
                  <th scope="col">{t('editing.review.last_reviewed')}</th>
                  <th scope="col">{t('editing.review.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {g.services.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <a href={`/${lang}/services/${s.id}`}>{pick(s.name, lang)}</a>
                      {s.hasDraft ? (
                        <>
                          {' '}
                          <span className="tag tag-draft">{t('editing.status.draft')}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {s.lastReviewed ? formatDate(s.lastReviewed, lang) : t('editing.review.never')}
                      {s.lastReviewedByName ? ` (${s.lastReviewedByName})` : ''}
                    </td>
                    <td>
                      <div className="row-actions">
                        {s.canReview ? (
                          <form method="post" action={`/${lang}/work/services/${s.id}/review`}>
                            <CsrfField />
                            <input type="hidden" name="next" value="review" />
                            <button type="submit" className="button button-small">
                              {t('editing.review.still_correct')}
                              <span className="visually-hidden">: {pick(s.name, lang)}</span>
                            </button>
                          </form>
                        ) : null}
                        {s.canEdit ? (
                          <a href={`/${lang}/work/services/${s.id}/edit`}>
                            {t('editing.edit')}
                            <span className="visually-hidden">: {pick(s.name, lang)}</span>
                          </a>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ))}
      {!total ? <p>{t('editing.review.none')}</p> : null}
    </>
  );
}
