import { useTranslation } from '../../useTranslation.js';
import type { WorkOverview } from '../../../core/editing/lists.js';
import { compareNames } from '../../../core/directory/search/sortKey.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import { CsrfField, Notice } from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDate } from '../../format.js';
import { DraftStatusLine } from './parts.js';

/** The services and locations of my organisations, with status, last review and open drafts. */
export function WorkServicesPage({
  overview,
  chooser,
  chosen,
  notice,
}: {
  overview: WorkOverview;
  chooser: boolean;
  chosen: string;
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const cmp = compareNames(lang);
  const byName = <T extends { name: Record<string, string | undefined> }>(list: T[]) =>
    [...list].sort((a, b) => cmp(pick(a.name, lang), pick(b.name, lang)));
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/work`, label: t('work.title') }, { label: t('editing.services.title') }]}
      />
      <h1>{t('editing.services.title')}</h1>
      {notice ? <Notice kind="success">{t(`editing.notice.${notice}`)}</Notice> : null}
      <p className="lead">{t('editing.services.lead')}</p>
      {chooser ? (
        <form method="get" action={`/${lang}/work/services`} className="org-chooser">
          <label className="label-bold" htmlFor="organization">
            {t('editing.services.choose_org')}
          </label>
          <select id="organization" name="organization" defaultValue={chosen}>
            <option value="">{t('editing.choose')}</option>
            {byName(overview.choices).map((o) => (
              <option key={o.id} value={o.id}>
                {pick(o.name, lang)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="button button-secondary">
            {t('editing.services.show')}
          </button>
        </form>
      ) : null}
      {!chooser && !overview.organizations.length ? <p>{t('editing.services.no_orgs')}</p> : null}
      {overview.organizations.map((o) => (
        <section key={o.id} aria-labelledby={`org-${o.id}`}>
          <h2 id={`org-${o.id}`}>{pick(o.name, lang)}</h2>
          {o.needsSecondPerson ? <p className="hint">{t('editing.services.second_person')}</p> : null}
          <p>
            <a className="button" href={`/${lang}/work/services/new?organization=${o.id}`}>
              {t('editing.services.new')}
            </a>
          </p>
          {o.services.length ? (
            <ScrollTable label={t('editing.services.table', { org: pick(o.name, lang) })}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('editing.services.service')}</th>
                    <th scope="col">{t('editing.services.state')}</th>
                    <th scope="col">{t('editing.services.last_reviewed')}</th>
                    <th scope="col">{t('editing.review.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {byName(o.services).map((s) => (
                    <tr key={s.ref}>
                      <td>
                        <a href={`/${lang}/work/services/${s.ref}/edit`}>
                          {pick(s.name, lang) || t('editing.service.unnamed')}
                        </a>
                        {s.source === 'ptv' ? (
                          <>
                            {' '}
                            <span className="tag tag-ptv">PTV</span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {s.published
                          ? t(s.status === 'active' ? 'editing.services.published' : 'editing.services.inactive')
                          : t('editing.services.not_published')}
                        {s.draft ? <DraftStatusLine draft={s.draft} /> : null}
                        {s.draft ? (
                          <a href={`/${lang}/work/services/${s.ref}/changes`}>{t('editing.changes_link')}</a>
                        ) : null}
                      </td>
                      <td>
                        {s.published
                          ? s.lastReviewed
                            ? formatDate(s.lastReviewed, lang)
                            : t('editing.review.never')
                          : '–'}
                        {s.stale ? (
                          <>
                            {' '}
                            <strong className="tag tag-stale">{t('editing.services.stale')}</strong>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {s.published && o.canReview ? (
                          <form method="post" action={`/${lang}/work/services/${s.ref}/review`}>
                            <CsrfField />
                            <input type="hidden" name="next" value="services" />
                            <button type="submit" className="button button-small button-secondary">
                              {t('editing.review.still_correct')}
                              <span className="visually-hidden">: {pick(s.name, lang)}</span>
                            </button>
                          </form>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          ) : (
            <p>{t('editing.services.no_services')}</p>
          )}
          <h3>{t('editing.services.locations')}</h3>
          <p>
            <a href={`/${lang}/work/locations/new?organization=${o.id}`}>{t('editing.location.new_link')}</a>
          </p>
          {o.locations.length ? (
            <ul className="location-list">
              {byName(o.locations).map((l) => (
                <li key={l.ref}>
                  <a href={`/${lang}/work/locations/${l.ref}/edit`}>
                    {pick(l.name, lang) || t('editing.location.unnamed')}
                  </a>
                  {l.source === 'ptv' ? (
                    <>
                      {' '}
                      <span className="tag tag-ptv">PTV</span>
                    </>
                  ) : null}
                  {!l.published ? ` – ${t('editing.services.not_published')}` : null}
                  {l.draft ? <DraftStatusLine draft={l.draft} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('editing.services.no_locations')}</p>
          )}
        </section>
      ))}
    </>
  );
}
