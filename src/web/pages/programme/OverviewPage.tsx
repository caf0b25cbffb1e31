/**
 * The region overview: which municipality works on which LAPE area and with which experiments, what was made
 * permanent, the roadmap 2018 → 2030 of every municipality, experiments spreading between municipalities, and
 * counts by status. Each picture has the same facts in a table beside it. Filters are a plain GET form.
 */
import { useTranslation } from '../../useTranslation.js';
import type { ActionView, MilestoneView, Overview, OverviewFilter } from '../../../core/programme/queries.js';
import { ACTION_STATUSES, LAPE_AREAS, ROADMAP_YEARS } from '../../../core/programme/vocabulary.js';
import { SHOWN_MILESTONE_STATUSES, shownMilestoneStatus } from '../../../core/programme/truth.js';
import { textLanguage } from '../../../core/programme/language.js';
import { compareNames } from '../../../core/directory/search/sortKey.js';
import { ScrollTable } from '../../components/common.js';
import { usePage } from '../../context.js';
import { municipalityName } from '../../format.js';
import { BarChart, SpreadPicture, Timeline } from './charts.js';
import { OverdueTag, StatusTag } from './parts.js';

/** The municipalities whose plans the reader may update: 'all' (coordinators), their codes, or none. */
export type Editable = 'all' | string[];

export function OverviewPage({
  overview,
  filter,
  editable = [],
}: {
  overview: Overview;
  filter: OverviewFilter;
  editable?: Editable;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const name = (code: string) => municipalityName(code, lang);
  const cmp = compareNames(lang);
  const rows = [...overview.rows].sort((a, b) => cmp(name(a.code), name(b.code)));
  const withPlans = rows.filter((r) => r.plan);
  const experiments = overview.actions.filter((a) => a.kind === 'experiment');
  // Permanent practice, and practices that went on to spread (they were made permanent first).
  const permanent = experiments.filter((a) => a.shownStatus === 'permanent' || a.shownStatus === 'spread');
  const mayEdit = (codes: string[]) => editable === 'all' || codes.some((c) => editable.includes(c));
  const spreadCount = new Set(overview.spread.filter((l) => l.via === 'spread').map((l) => l.actionId)).size;
  const adoptedCount = new Set(overview.spread.filter((l) => l.via === 'adopted').map((l) => l.actionId)).size;
  const years = [...new Set([...ROADMAP_YEARS, ...overview.years])].sort((a, b) => a - b);
  const shownYears = filter.year ? [filter.year] : years;
  const milestonesOf = (code: string, year: number) =>
    overview.milestones.filter((m) => m.year === year && m.municipalityCodes.includes(code));
  const filtered = Boolean(
    filter.municipality || filter.year || filter.actionStatus || filter.milestoneStatus || filter.area,
  );
  const muniLink = (code: string) => `/${lang}/programme/municipalities/${code}`;
  return (
    <>
      <h1>{t('programme.overview.title')}</h1>
      <p className="lead">{t('programme.overview.lead')}</p>
      <ul className="action-links pg-links">
        <li>
          <a href={`/${lang}/programme/about`}>{t('programme.overview.link_programme')}</a>
        </li>
        <li>
          <a href={`/${lang}/coverage`}>{t('programme.overview.link_coverage')}</a>
        </li>
        <li>
          <a href="/api/v1/programme.json">{t('programme.export.json')}</a>
        </li>
        <li>
          <a href="/api/v1/programme/experiments.csv">{t('programme.export.experiments_csv')}</a>
        </li>
        <li>
          <a href="/api/v1/programme/milestones.csv">{t('programme.export.milestones_csv')}</a>
        </li>
      </ul>

      <form method="get" action={`/${lang}/programme`} className="pg-filter" aria-labelledby="pg-filter-title">
        <h2 id="pg-filter-title" className="pg-filter-title">
          {t('programme.filter.title')}
        </h2>
        <div className="pg-filter-fields">
          <div className="field">
            <label className="label-bold" htmlFor="f-municipality">
              {t('programme.filter.municipality')}
            </label>
            <select id="f-municipality" name="municipality" defaultValue={filter.municipality ?? ''}>
              <option value="">{t('programme.filter.all_municipalities')}</option>
              {[...overview.rows]
                .sort((a, b) => cmp(name(a.code), name(b.code)))
                .map((r) => (
                  <option key={r.code} value={r.code}>
                    {name(r.code)}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label className="label-bold" htmlFor="f-year">
              {t('programme.filter.year')}
            </label>
            <select id="f-year" name="year" defaultValue={filter.year ? String(filter.year) : ''}>
              <option value="">{t('programme.filter.all_years')}</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="label-bold" htmlFor="f-status">
              {t('programme.filter.status')}
            </label>
            <select id="f-status" name="status" defaultValue={filter.actionStatus ?? ''}>
              <option value="">{t('programme.filter.all_statuses')}</option>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`programme.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="label-bold" htmlFor="f-milestone-status">
              {t('programme.filter.milestone_status')}
            </label>
            <select id="f-milestone-status" name="milestone_status" defaultValue={filter.milestoneStatus ?? ''}>
              <option value="">{t('programme.filter.all_statuses')}</option>
              {SHOWN_MILESTONE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`programme.milestone_status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="label-bold" htmlFor="f-area">
              {t('programme.filter.area')}
            </label>
            <select id="f-area" name="area" defaultValue={filter.area ?? ''}>
              <option value="">{t('programme.filter.all_areas')}</option>
              {LAPE_AREAS.map((a) => (
                <option key={a} value={a}>
                  {t(`programme.area.${a}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('programme.filter.apply')}
          </button>
          {filtered ? <a href={`/${lang}/programme`}>{t('programme.filter.clear')}</a> : null}
        </div>
      </form>

      <section aria-labelledby="pg-glance" className="pg-glance">
        <h2 id="pg-glance">{t('programme.glance.title')}</h2>
        <div className="pg-glance-columns">
          <div>
            <h3>{t('programme.glance.permanent')}</h3>
            {permanent.length ? (
              <ul className="pg-plain-list">
                {rows
                  .filter((r) => permanent.some((a) => a.municipalityCodes.includes(r.code)))
                  .map((r) => (
                    <li key={r.code}>
                      <a href={muniLink(r.code)}>{name(r.code)}</a>:{' '}
                      {permanent
                        .filter((a) => a.municipalityCodes.includes(r.code))
                        .map((a, i) => (
                          <span key={a.id}>
                            {i ? '; ' : ''}
                            <span lang={textLanguage(a.title)}>{a.title}</span>
                            {a.shownStatus === 'spread' ? (
                              <>
                                {' '}
                                <StatusTag status="spread" />
                              </>
                            ) : null}
                          </span>
                        ))}
                    </li>
                  ))}
              </ul>
            ) : (
              <p>{t('programme.glance.none_permanent')}</p>
            )}
          </div>
          <div>
            <h3>
              {filter.year ? t('programme.glance.due_in', { year: filter.year }) : t('programme.glance.due_by_year')}
            </h3>
            {shownYears
              .filter((y) => overview.milestones.some((m) => m.year === y))
              .map((y) => (
                <p key={y} className="pg-due-year">
                  <strong>{y}:</strong>{' '}
                  {withPlans
                    .filter((r) => milestonesOf(r.code, y).length)
                    .map((r, i) => (
                      <span key={r.code}>
                        {i ? ', ' : ''}
                        <a href={muniLink(r.code)}>{name(r.code)}</a> ({milestonesOf(r.code, y).length})
                      </span>
                    ))}
                </p>
              ))}
            {!overview.milestones.length ? <p>{t('programme.glance.none_due')}</p> : null}
          </div>
        </div>
      </section>

      <section aria-labelledby="pg-matrix">
        <h2 id="pg-matrix">{t('programme.matrix.title')}</h2>
        <p>{t('programme.matrix.lead')}</p>
        <ScrollTable label={t('programme.matrix.table_label')}>
          <table className="data pg-matrix">
            <thead>
              <tr>
                <th scope="col">{t('programme.municipality')}</th>
                {LAPE_AREAS.map((a) => (
                  <th key={a} scope="col">
                    {t(`programme.area.${a}`)}
                  </th>
                ))}
                <th scope="col">{t('programme.matrix.other')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <a href={muniLink(r.code)}>{name(r.code)}</a>
                    {!r.plan ? (
                      <span className="pg-muted" data-no-plan={r.invited ? 'invited' : 'missing'}>
                        {' '}
                        {r.invited ? t('programme.matrix.invited') : t('programme.matrix.no_plan')}
                      </span>
                    ) : null}
                  </th>
                  {LAPE_AREAS.map((a) => (
                    <td key={a} className={r.cells[a].works ? 'pg-works' : undefined}>
                      {r.cells[a].works ? <span className="pg-works-mark">{t('programme.matrix.works')}</span> : null}
                      <ActionList actions={r.cells[a].actions} canEdit={mayEdit([r.code])} />
                    </td>
                  ))}
                  <td>
                    <ActionList actions={r.unplaced} canEdit={mayEdit([r.code])} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>

      <section aria-labelledby="pg-counts">
        <h2 id="pg-counts">{t('programme.counts.title')}</h2>
        <p>{t('programme.counts.overdue_lead')}</p>
        <p data-count="overdue-actions">{t('programme.counts.overdue_actions', { count: overview.overdueActions })}</p>
        <div className="pg-picture-and-table">
          <BarChart
            id="pg-status-chart"
            label={t('programme.counts.chart_label')}
            bars={ACTION_STATUSES.map((s) => ({
              key: s,
              label: t(`programme.status.${s}`),
              value: overview.statusCounts[s],
            }))}
          />
          <table className="data pg-side-table">
            <caption>{t('programme.counts.table_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programme.status_label')}</th>
                <th scope="col">{t('programme.counts.count')}</th>
              </tr>
            </thead>
            <tbody>
              {ACTION_STATUSES.map((s) => (
                <tr key={s}>
                  <th scope="row">{t(`programme.status.${s}`)}</th>
                  <td data-count={`action-${s}`}>{overview.statusCounts[s]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="pg-picture-and-table">
          <BarChart
            id="pg-milestone-chart"
            label={t('programme.counts.milestone_chart_label')}
            bars={SHOWN_MILESTONE_STATUSES.map((s) => ({
              key: `m-${s}`,
              label: t(`programme.milestone_status.${s}`),
              value: overview.milestoneStatusCounts[s],
            }))}
          />
          <table className="data pg-side-table">
            <caption>{t('programme.counts.milestone_table_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programme.status_label')}</th>
                <th scope="col">{t('programme.counts.count')}</th>
              </tr>
            </thead>
            <tbody>
              {SHOWN_MILESTONE_STATUSES.map((s) => (
                <tr key={s}>
                  <th scope="row">{t(`programme.milestone_status.${s}`)}</th>
                  <td data-count={`milestone-${s}`}>{overview.milestoneStatusCounts[s]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="pg-timeline">
        <h2 id="pg-timeline">{t('programme.timeline.title')}</h2>
        <p>{t('programme.timeline.lead', { shown: overview.milestones.length, total: overview.milestoneTotal })}</p>
        {withPlans.length ? (
          <Timeline
            id="pg-timeline-picture"
            label={t('programme.timeline.picture_label')}
            years={years}
            rows={withPlans
              .filter((r) => overview.milestones.some((m) => m.municipalityCodes.includes(r.code)))
              .map((r) => ({
                key: r.code,
                label: name(r.code),
                points: years
                  .map((y) => {
                    const ms = milestonesOf(r.code, y);
                    return { year: y, count: ms.length, done: ms.filter((m) => m.status === 'done').length };
                  })
                  .filter((p) => p.count),
              }))}
          />
        ) : null}
        <ScrollTable label={t('programme.timeline.table_label')}>
          <table className="data pg-timeline-table">
            <caption className="visually-hidden">{t('programme.timeline.table_label')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programme.municipality')}</th>
                {shownYears.map((y) => (
                  <th key={y} scope="col">
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {withPlans
                .filter((r) => overview.milestones.some((m) => m.municipalityCodes.includes(r.code)))
                .map((r) => (
                  <tr key={r.code}>
                    <th scope="row">
                      <a href={muniLink(r.code)}>{name(r.code)}</a>
                    </th>
                    {shownYears.map((y) => (
                      <td key={y}>
                        <MilestoneList milestones={milestonesOf(r.code, y)} canEdit={mayEdit([r.code])} />
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </ScrollTable>
        {!overview.milestones.length ? <p>{t('programme.timeline.none')}</p> : null}
      </section>

      <section aria-labelledby="pg-spread">
        <h2 id="pg-spread">{t('programme.spread.title')}</h2>
        <p>{t('programme.spread.lead')}</p>
        <p data-count="spread-summary">
          {t('programme.spread.summary', { spread: spreadCount, adopted: adoptedCount })}
        </p>
        {overview.spread.length ? (
          <div className="pg-picture-and-table">
            <SpreadPicture
              id="pg-spread-picture"
              label={t('programme.spread.picture_label')}
              links={overview.spread}
              name={name}
              compare={cmp}
            />
            <table className="data pg-side-table">
              <caption>{t('programme.spread.table_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programme.spread.from')}</th>
                  <th scope="col">{t('programme.spread.to')}</th>
                  <th scope="col">{t('programme.experiment')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.spread.map((l, i) => (
                  <tr key={`${l.actionId}-${l.to}-${i}`}>
                    <td>
                      <a href={muniLink(l.from)}>{name(l.from)}</a>
                    </td>
                    <td>
                      <a href={muniLink(l.to)}>{name(l.to)}</a>
                    </td>
                    <td>
                      <span lang={textLanguage(l.title)}>{l.title}</span>{' '}
                      <span className="pg-muted">({t(`programme.spread.via_${l.via}`)})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('programme.spread.none')}</p>
        )}
      </section>
    </>
  );
}

/** An "update" link for those who may: its own line, named after the item for screen readers. */
function UpdateLink({ href, title }: { href: string; title: string }) {
  const { t } = useTranslation();
  return (
    <span className="pg-update-link">
      {' '}
      <a href={href}>
        {t('programme.edit')}
        <span className="visually-hidden">: {title}</span>
      </a>
    </span>
  );
}

function ActionList({ actions, canEdit }: { actions: ActionView[]; canEdit: boolean }) {
  const { lang } = usePage();
  if (!actions.length) return null;
  return (
    <ul className="pg-cell-list">
      {actions.map((a) => (
        <li key={a.id} data-action-status={a.shownStatus}>
          <span lang={textLanguage(a.title)}>{a.title}</span> <StatusTag status={a.shownStatus} />
          {a.overdue ? <OverdueTag since={a.lastUpdated} /> : null}
          {canEdit ? <UpdateLink href={`/${lang}/programme/actions/${a.id}/edit`} title={a.title} /> : null}
        </li>
      ))}
    </ul>
  );
}

function MilestoneList({ milestones, canEdit }: { milestones: MilestoneView[]; canEdit: boolean }) {
  const { lang } = usePage();
  if (!milestones.length) return null;
  return (
    <ul className="pg-cell-list">
      {milestones.map((m) => (
        <li key={m.id} data-milestone-status={shownMilestoneStatus(m)}>
          <span lang={textLanguage(m.text)}>{m.text}</span>{' '}
          <StatusTag status={shownMilestoneStatus(m)} kind="milestone" />
          {m.overdue ? <OverdueTag since={m.lastUpdated} /> : null}
          {canEdit ? <UpdateLink href={`/${lang}/programme/milestones/${m.id}/edit`} title={m.text} /> : null}
        </li>
      ))}
    </ul>
  );
}
