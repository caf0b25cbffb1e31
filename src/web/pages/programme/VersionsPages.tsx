/** A plan's history: every imported version, its text, and what changed between two versions. */
import { useTranslation } from '../../useTranslation.js';
import type { VersionInfo } from '../../../core/programme/queries.js';
import type { TextChange } from '../../../core/programme/versions.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDate, formatDateTime } from '../../format.js';

export interface PlanHeading {
  planId: string;
  name: string;
  href: string;
}

export function VersionsPage({ plan, versions }: { plan: PlanHeading; versions: VersionInfo[] }) {
  const { t } = useTranslation();
  const { lang, user } = usePage();
  const base = `/${lang}/programme/plans/${plan.planId}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/programme`, label: t('programme.overview.title') },
          { href: plan.href, label: plan.name },
          { label: t('programme.versions.title') },
        ]}
      />
      <h1>{t('programme.versions.heading', { name: plan.name })}</h1>
      <p className="lead">{t('programme.versions.lead')}</p>
      <ScrollTable label={t('programme.versions.title')}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('programme.plan.version')}</th>
              <th scope="col">{t('programme.plan.date')}</th>
              <th scope="col">{t('programme.versions.imported')}</th>
              <th scope="col">{t('programme.versions.file')}</th>
              <th scope="col">{t('programme.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, i) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{v.planDate ? formatDate(v.planDate, lang) : ''}</td>
                <td>
                  {formatDateTime(v.importedAt, lang)}
                  {user && v.importedBy ? ` (${v.importedBy})` : ''}
                </td>
                <td>{v.fileName}</td>
                <td>
                  <div className="row-actions">
                    <a href={`${base}/versions/${v.version}`}>
                      {t('programme.versions.show_text')}
                      <span className="visually-hidden"> {v.version}</span>
                    </a>
                    {i < versions.length - 1 ? (
                      <a href={`${base}/diff?from=${versions[i + 1]!.version}&to=${v.version}`}>
                        {t('programme.versions.show_changes', { from: versions[i + 1]!.version, to: v.version })}
                      </a>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

export function VersionTextPage({ plan, info, text }: { plan: PlanHeading; info: VersionInfo; text: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/programme`, label: t('programme.overview.title') },
          { href: plan.href, label: plan.name },
          { href: `/${lang}/programme/plans/${plan.planId}/versions`, label: t('programme.versions.title') },
          { label: `${t('programme.plan.version')} ${info.version}` },
        ]}
      />
      <h1>{t('programme.versions.text_heading', { name: plan.name, version: info.version })}</h1>
      <p>
        {info.fileName} – {formatDateTime(info.importedAt, lang)}
      </p>
      <pre className="pg-source" lang="fi" tabIndex={0}>
        {text}
      </pre>
    </>
  );
}

export function DiffPage({
  plan,
  from,
  to,
  changes,
}: {
  plan: PlanHeading;
  from: number;
  to: number;
  changes: { text: TextChange[]; items: { kind: string; change: 'added' | 'removed'; text: string }[] };
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/programme`, label: t('programme.overview.title') },
          { href: plan.href, label: plan.name },
          { href: `/${lang}/programme/plans/${plan.planId}/versions`, label: t('programme.versions.title') },
          { label: t('programme.diff.crumb', { from, to }) },
        ]}
      />
      <h1>{t('programme.diff.heading', { name: plan.name, from, to })}</h1>
      <section aria-labelledby="pg-diff-items">
        <h2 id="pg-diff-items">{t('programme.diff.items')}</h2>
        {changes.items.length ? (
          <ul className="pg-plain-list">
            {changes.items.map((c, i) => (
              <li key={i} className={`pg-diff-${c.change}`}>
                <strong>{t(`programme.diff.${c.change}`)}</strong> ({t(`programme.diff.kind_${c.kind}`)}):{' '}
                <span lang="fi">{c.text}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('programme.diff.no_item_changes')}</p>
        )}
      </section>
      <section aria-labelledby="pg-diff-text">
        <h2 id="pg-diff-text">{t('programme.diff.text')}</h2>
        <p className="hint">{t('programme.diff.legend')}</p>
        <div
          className="pg-source pg-diff"
          lang="fi"
          tabIndex={0}
          role="region"
          aria-label={t('programme.diff.text_region')}
        >
          {changes.text.map((c, i) =>
            c.kind === 'same' ? (
              <span key={i}>{c.value}</span>
            ) : c.kind === 'added' ? (
              <ins key={i}>
                <span className="visually-hidden">{t('programme.diff.added_start')}</span>
                {c.value}
                <span className="visually-hidden">{t('programme.diff.added_end')}</span>
              </ins>
            ) : (
              <del key={i}>
                <span className="visually-hidden">{t('programme.diff.removed_start')}</span>
                {c.value}
                <span className="visually-hidden">{t('programme.diff.removed_end')}</span>
              </del>
            ),
          )}
        </div>
      </section>
    </>
  );
}
