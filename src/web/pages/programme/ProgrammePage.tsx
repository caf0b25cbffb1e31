/** The programme's own description, from the regional summary: goals, sub-goals, challenges, strengths, partners. */
import { useTranslation } from '../../useTranslation.js';
import type { ProgrammeDescription } from '../../../core/programme/queries.js';
import { Breadcrumbs } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDate } from '../../format.js';

export function ProgrammePage({ description }: { description: ProgrammeDescription | null }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const p = description?.parsed;
  const list = (key: string, items: string[]) =>
    items.length ? (
      <section aria-labelledby={`pg-${key}`} className="prose">
        <h2 id={`pg-${key}`}>{t(`programme.about.${key}`)}</h2>
        {items.length === 1 ? (
          <p>{items[0]}</p>
        ) : (
          <ul>
            {items.map((i, n) => (
              <li key={n}>{i}</li>
            ))}
          </ul>
        )}
      </section>
    ) : null;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/programme`, label: t('programme.overview.title') },
          { label: t('programme.about.title') },
        ]}
      />
      <h1>{t('programme.about.title')}</h1>
      <p className="lead">{t('programme.about.lead')}</p>
      {!p ? (
        <p>{t('programme.about.not_imported')}</p>
      ) : (
        <>
          {p.title ? (
            <p>
              <strong lang="fi">{p.title}</strong>
            </p>
          ) : null}
          <p className="pg-muted">
            {t('programme.about.original_language')}{' '}
            <a href={`/${lang}/programme/plans/${description.planId}/versions`}>{t('programme.plan.versions_link')}</a>{' '}
            ({t('programme.plan.version')} {description.version},{' '}
            {formatDate(description.updatedAt.toISOString(), lang)})
          </p>
          <div lang="fi">
            {list('goals', p.goals)}
            {list('sub_goals', p.sub_goals)}
            {list('challenges', p.challenges)}
            {list('strengths', p.strengths)}
            {list('partners', p.partners)}
            {list('changes', p.changes)}
          </div>
          {p.people.length ? (
            <section aria-labelledby="pg-contact">
              <h2 id="pg-contact">{t('programme.about.contact')}</h2>
              <ul className="pg-plain-list">
                {p.people.map((x, i) => (
                  <li key={i}>
                    {x.name}
                    {x.title ? `, ${x.title}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
