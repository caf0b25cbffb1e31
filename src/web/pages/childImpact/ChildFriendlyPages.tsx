/**
 * The child-friendly municipality (UNICEF): the region view (a chart and a table of the same facts), one
 * municipality's stage, building blocks with evidence, action plan, related LAPE experiments and assessments, and
 * the team's form to keep them. The chart is drawn on the server as SVG; the table says everything it shows.
 */
import { useTranslation } from '../../useTranslation.js';
import type { MunicipalityStatus, RegionRow } from '../../../core/childFriendly/queries.js';
import { ACTION_STATUSES, BLOCK_STATUSES, STAGES } from '../../../core/childFriendly/vocabulary.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import {
  CsrfField,
  ErrorSummary,
  type FormError,
  Notice,
  SelectField,
  TextArea,
  TextField,
} from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDate, municipalityName } from '../../format.js';
import { DemoTag } from './parts.js';

/** More municipalities than this in a stage are drawn as one block with their number. */
const MAX_NAMED = 4;

/** Municipalities by stage: one column per stage, a block per municipality, named in the picture's title. */
function StageChart({ rows }: { rows: RegionRow[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const colW = 96;
  const blockH = 22;
  const max = Math.max(1, ...STAGES.map((s) => Math.min(MAX_NAMED, rows.filter((r) => r.stage === s).length)));
  const height = 60 + max * (blockH + 4);
  return (
    <svg
      className="cf-chart"
      viewBox={`0 0 ${STAGES.length * colW} ${height}`}
      role="img"
      aria-labelledby="cf-chart-title"
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id="cf-chart-title">{t('childFriendly.region.chart_title')}</title>
      {STAGES.map((s, i) => {
        const inStage = rows.filter((r) => r.stage === s);
        return (
          <g key={s}>
            <text x={i * colW + colW / 2} y={height - 30} textAnchor="middle" className="cf-chart-label">
              {t(`childFriendly.stage_short.${s}`)}
            </text>
            <text x={i * colW + colW / 2} y={height - 12} textAnchor="middle" className="cf-chart-value">
              {inStage.length}
            </text>
            {(inStage.length > MAX_NAMED ? [null] : inStage).map((r, j) => (
              <g key={r?.code ?? 'many'}>
                <rect
                  x={i * colW + 4}
                  y={height - 50 - (j + 1) * (blockH + 4)}
                  width={colW - 8}
                  height={blockH}
                  rx={3}
                  className={`cf-block cf-stage-${s}`}
                />
                <text
                  x={i * colW + colW / 2}
                  y={height - 50 - (j + 1) * (blockH + 4) + 15}
                  textAnchor="middle"
                  className="cf-block-label"
                >
                  {r
                    ? municipalityName(r.code, lang)
                    : t('childFriendly.region.municipalities', { count: inStage.length })}
                </text>
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

export function RegionPage({ rows }: { rows: RegionRow[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <h1>{t('childFriendly.region.title')}</h1>
      <p className="lead">{t('childFriendly.region.lead')}</p>
      <figure className="cf-figure-wrap">
        <div className="cf-figure" role="region" aria-label={t('childFriendly.region.chart_title')} tabIndex={0}>
          <StageChart rows={rows} />
        </div>
        <figcaption>{t('childFriendly.region.chart_caption')}</figcaption>
      </figure>
      <ScrollTable label={t('childFriendly.region.table_title')}>
        <table className="ci-table">
          <caption>{t('childFriendly.region.table_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('childFriendly.municipality')}</th>
              <th scope="col">{t('childFriendly.stage_label')}</th>
              <th scope="col">{t('childFriendly.since')}</th>
              <th scope="col">{t('childFriendly.region.blocks_in_place')}</th>
              <th scope="col">{t('childFriendly.region.actions_done')}</th>
              <th scope="col">{t('childFriendly.region.assessments')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <a href={`/${lang}/child-friendly/${r.code}`}>{municipalityName(r.code, lang)}</a>
                </th>
                <td>{t(`childFriendly.stage.${r.stage}`)}</td>
                <td>{r.since ? formatDate(r.since, lang) : ''}</td>
                <td>{r.blocksInPlace}</td>
                <td>
                  {r.actionsDone} / {r.actions}
                </td>
                <td>{r.assessments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p>
        <a href="/api/v1/child-friendly-municipalities">{t('childFriendly.region.open_data')}</a> ·{' '}
        <a href={`/${lang}/child-impact`}>{t('childFriendly.assessments_link')}</a>
      </p>
    </>
  );
}

export function MunicipalityPage({ s, canEdit }: { s: MunicipalityStatus; canEdit: boolean }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const name = municipalityName(s.code, lang);
  const overdue = s.assessments.filter((a) => a.overdue);
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/child-friendly`, label: t('childFriendly.region.title') }, { label: name }]}
      />
      <h1>
        {t('childFriendly.municipality_title', { name })} <DemoTag demo={s.demo} />
      </h1>
      <p className="lead">
        {t('childFriendly.stage_label')}: <strong>{t(`childFriendly.stage.${s.stage}`)}</strong>
      </p>
      {canEdit ? (
        <p>
          <a href={`/${lang}/work/child-friendly/${s.code}`}>{t('childFriendly.edit_link')}</a>
        </p>
      ) : null}
      {overdue.length ? (
        <div className="warning-box ci-overdue" role="region" aria-labelledby="cf-overdue">
          <h2 id="cf-overdue">{t('childImpact.work.overdue_title', { count: overdue.length })}</h2>
          <ul>
            {overdue.map((a) => (
              <li key={a.id}>
                <a href={`/${lang}/child-impact/${a.id}`}>{a.title}</a> – {formatDate(a.followUpDue, lang)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2>{t('childFriendly.process')}</h2>
      <ol className="cf-stages">
        {STAGES.filter((x) => x !== 'not_started').map((x) => (
          <li
            key={x}
            className={x === s.stage ? 'cf-current' : undefined}
            aria-current={x === s.stage ? 'step' : undefined}
          >
            {t(`childFriendly.stage.${x}`)}
            {s.stageDates[x] ? ` – ${formatDate(s.stageDates[x]!, lang)}` : ''}
          </li>
        ))}
      </ol>
      {s.notes ? <p>{s.notes}</p> : null}
      <h2>{t('childFriendly.blocks')}</h2>
      <ScrollTable label={t('childFriendly.blocks')}>
        <table className="ci-table">
          <caption className="visually-hidden">{t('childFriendly.blocks')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('childFriendly.block_label')}</th>
              <th scope="col">{t('childFriendly.block_status_label')}</th>
              <th scope="col">{t('childFriendly.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {s.blocks.map((b) => (
              <tr key={b.block}>
                <th scope="row">{t(`childFriendly.block.${b.block}`)}</th>
                <td>{t(`childFriendly.block_status.${b.status}`)}</td>
                <td>{b.evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <h2>{t('childFriendly.actions')}</h2>
      {s.actions.length ? (
        <ScrollTable label={t('childFriendly.actions')}>
          <table className="ci-table">
            <caption className="visually-hidden">{t('childFriendly.actions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('childFriendly.action_title')}</th>
                <th scope="col">{t('childFriendly.owner')}</th>
                <th scope="col">{t('childFriendly.action_status_label')}</th>
                <th scope="col">{t('childFriendly.due')}</th>
              </tr>
            </thead>
            <tbody>
              {s.actions.map((a) => (
                <tr key={a.id}>
                  <td>{a.title}</td>
                  <td>{a.owner}</td>
                  <td>
                    {t(`childFriendly.action_status.${a.status}`)}
                    {a.late ? <strong className="tag ci-tag-overdue"> {t('childFriendly.late')}</strong> : null}
                  </td>
                  <td>{a.due ? formatDate(a.due, lang) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : (
        <p>{t('childFriendly.no_actions')}</p>
      )}
      <h2>{t('childFriendly.experiments')}</h2>
      {s.experiments.length ? (
        <ul>
          {s.experiments.map((e) => (
            <li key={e.id}>
              <a href={`/${lang}/programme/municipalities/${s.code}#action-${e.id}`} lang="fi">
                {e.title}
              </a>{' '}
              ({t(`programme.status.${e.status}`)})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('childFriendly.no_experiments')}</p>
      )}
      <h2>{t('childFriendly.assessments')}</h2>
      {s.assessments.length ? (
        <ul>
          {s.assessments.map((a) => (
            <li key={a.id}>
              <a href={`/${lang}/child-impact/${a.id}`}>{a.title}</a> ({a.body}
              {a.decisionDate ? `, ${formatDate(a.decisionDate, lang)}` : ''}) <DemoTag demo={a.demo} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('childFriendly.no_assessments')}</p>
      )}
    </>
  );
}

export interface StatusForm {
  stage: string;
  dates: Record<string, string>;
  notes: string;
  blocks: Record<string, { status: string; evidence: string }>;
  action: { title: string; owner: string; status: string; due: string };
}

export function EditPage({
  s,
  form,
  errors,
  notice,
}: {
  s: MunicipalityStatus;
  form: StatusForm;
  errors: FormError[];
  notice: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const name = municipalityName(s.code, lang);
  const base = `/${lang}/work/child-friendly/${s.code}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/child-friendly`, label: t('childFriendly.region.title') },
          { href: `/${lang}/child-friendly/${s.code}`, label: name },
          { label: t('childFriendly.edit_link') },
        ]}
      />
      <ErrorSummary errors={errors} />
      {notice ? <Notice kind="success">{t('childFriendly.saved')}</Notice> : null}
      <h1>{t('childFriendly.edit_title', { name })}</h1>
      <h2>{t('childFriendly.process')}</h2>
      <form method="post" action={`${base}/stage`} className="edit-form" noValidate>
        <CsrfField />
        <SelectField
          name="stage"
          label={t('childFriendly.stage_label')}
          value={form.stage}
          errors={errors}
          options={STAGES.map((x) => ({ value: x, label: t(`childFriendly.stage.${x}`) }))}
        />
        <fieldset className="field">
          <legend className="label-bold">{t('childFriendly.stage_dates')}</legend>
          {STAGES.filter((x) => x !== 'not_started').map((x) => (
            <TextField
              key={x}
              name={`date_${x}`}
              type="date"
              label={t(`childFriendly.stage.${x}`)}
              value={form.dates[x] ?? ''}
              errors={errors}
              className="input-medium"
            />
          ))}
        </fieldset>
        <TextArea name="notes" label={t('childFriendly.notes')} value={form.notes} errors={errors} rows={3} />
        <button type="submit" className="button">
          {t('childImpact.save')}
        </button>
      </form>
      <h2>{t('childFriendly.blocks')}</h2>
      <form method="post" action={`${base}/blocks`} className="edit-form" noValidate>
        <CsrfField />
        {s.blocks.map((b) => (
          <fieldset key={b.block} className="field">
            <legend className="label-bold">{t(`childFriendly.block.${b.block}`)}</legend>
            <SelectField
              name={`block_${b.block}_status`}
              label={t('childFriendly.block_status_label')}
              value={form.blocks[b.block]?.status ?? b.status}
              errors={errors}
              options={BLOCK_STATUSES.map((x) => ({ value: x, label: t(`childFriendly.block_status.${x}`) }))}
            />
            <TextArea
              name={`block_${b.block}_evidence`}
              label={t('childFriendly.evidence')}
              value={form.blocks[b.block]?.evidence ?? b.evidence}
              errors={errors}
              rows={2}
            />
          </fieldset>
        ))}
        <button type="submit" className="button">
          {t('childImpact.save')}
        </button>
      </form>
      <h2>{t('childFriendly.actions')}</h2>
      {s.actions.map((a) => (
        <form
          key={a.id}
          method="post"
          action={`${base}/actions/${a.id}`}
          className="edit-form cf-action-form"
          noValidate
        >
          <CsrfField />
          <TextField id={`title-${a.id}`} name="title" label={t('childFriendly.action_title')} value={a.title} />
          <TextField id={`owner-${a.id}`} name="owner" label={t('childFriendly.owner')} value={a.owner} />
          <SelectField
            id={`status-${a.id}`}
            name="status"
            label={t('childFriendly.action_status_label')}
            value={a.status}
            options={ACTION_STATUSES.map((x) => ({ value: x, label: t(`childFriendly.action_status.${x}`) }))}
          />
          <TextField
            id={`due-${a.id}`}
            name="due"
            type="date"
            label={t('childFriendly.due')}
            value={a.due ?? ''}
            className="input-medium"
          />
          <button type="submit" className="button button-secondary">
            {t('childImpact.save')}
          </button>
        </form>
      ))}
      <h3>{t('childFriendly.add_action')}</h3>
      <form method="post" action={`${base}/actions`} className="edit-form" noValidate>
        <CsrfField />
        <TextField name="title" label={t('childFriendly.action_title')} value={form.action.title} errors={errors} />
        <TextField name="owner" label={t('childFriendly.owner')} value={form.action.owner} errors={errors} />
        <SelectField
          name="status"
          label={t('childFriendly.action_status_label')}
          value={form.action.status}
          errors={errors}
          options={ACTION_STATUSES.map((x) => ({ value: x, label: t(`childFriendly.action_status.${x}`) }))}
        />
        <TextField
          name="due"
          type="date"
          label={t('childFriendly.due')}
          value={form.action.due}
          errors={errors}
          className="input-medium"
        />
        <button type="submit" className="button">
          {t('childFriendly.add_action')}
        </button>
      </form>
    </>
  );
}
