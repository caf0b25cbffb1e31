/**
 * A municipality's plan: what it says (its text, as imported) and how it is going (what people track): the
 * development areas, experiments, the roadmap by year, structural changes, the working group and the dated
 * progress entries. Print-friendly (programme.css hides navigation and forms on paper).
 */
import {
  type FormError,
  CheckboxesField,
  ErrorSummary,
  CsrfField,
  SelectField,
  TextField,
} from '../../components/forms.js';
import { useTranslation } from '../../useTranslation.js';
import type { ActionView, PlanDetail, UpdateView } from '../../../core/programme/queries.js';
import { LAPE_AREAS, MEMBER_ROLES } from '../../../core/programme/vocabulary.js';
import { shownMilestoneStatus } from '../../../core/programme/truth.js';
import type { PlanSection } from '../../../core/programme/planDocument/types.js';
import { pick } from '../../../core/shared/translated.js';
import { textLanguage } from '../../../core/programme/language.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDate, municipalityName } from '../../format.js';
import { joinNames, OverdueTag, SavedNotice, StatusTag } from './parts.js';

export interface MemberForm {
  name: string;
  title: string;
  role: string;
  municipality: string;
}

export function PlanPage({
  plan,
  code,
  canEdit,
  notice,
  savedItem,
  memberForm,
  memberErrors,
  areaErrors,
}: {
  plan: PlanDetail;
  code: string;
  canEdit: boolean;
  notice?: string | null;
  /** The item just saved: its history is shown unfolded. */
  savedItem?: string | null;
  memberForm?: MemberForm;
  memberErrors?: FormError[];
  areaErrors?: FormError[];
}) {
  const { t } = useTranslation();
  const { lang, user } = usePage();
  const name = (c: string) => municipalityName(c, lang);
  const names = joinNames(plan.municipalityCodes.map(name), t('programme.and'));
  const current = (x: { current: boolean }) => x.current;
  const experiments = plan.actions.filter((a) => a.kind === 'experiment');
  const adopted = plan.actions.filter((a) => a.kind === 'adopted');
  const years = [...new Set(plan.milestones.filter(current).map((m) => m.year))].sort((a, b) => a - b);
  // One string, not a spread: a long plan (thousands of items) must not overflow the call stack (issue 17).
  const planLang = textLanguage(
    [...plan.parsed.introduction, ...plan.parsed.sections.flatMap((x) => x.items)].join(' ').slice(0, 20_000),
  );
  const areaNames = (areas: string[]) =>
    areas.length ? areas.map((a) => t(`programme.area.${a}`)).join(', ') : t('programme.plan.areas_none');
  const section = (key: PlanSection['key']) => plan.parsed.sections.find((x) => x.key === key);
  const gone = [...plan.actions, ...plan.milestones, ...plan.structuralChanges].filter((x) => !x.current).length;
  return (
    <>
      <Breadcrumbs
        items={[{ href: `/${lang}/programme`, label: t('programme.overview.title') }, { label: name(code) }]}
      />
      <h1>{t('programme.plan.title', { names })}</h1>
      {planLang !== lang ? <p className="fallback-note">{t(`programme.plan.written_in_${planLang}`)}</p> : null}
      {notice ? <SavedNotice message={t(`programme.notice.${notice}`)} /> : null}
      {memberErrors?.length ? <ErrorSummary errors={memberErrors} /> : null}
      {areaErrors?.length ? <ErrorSummary errors={areaErrors} /> : null}
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('programme.plan.municipalities')}</dt>
          <dd>
            {plan.municipalityCodes.map((c, i) => (
              <span key={c}>
                {i ? ', ' : ''}
                {c === code ? name(c) : <a href={`/${lang}/programme/municipalities/${c}`}>{name(c)}</a>}
              </span>
            ))}
          </dd>
        </div>
        {plan.date ? (
          <div className="summary-row">
            <dt>{t('programme.plan.date')}</dt>
            <dd>{formatDate(plan.date, lang)}</dd>
          </div>
        ) : null}
        <div className="summary-row">
          <dt>{t('programme.plan.version')}</dt>
          <dd>
            {plan.version} –{' '}
            <a href={`/${lang}/programme/plans/${plan.id}/versions`}>{t('programme.plan.versions_link')}</a>
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('programme.plan.areas')}</dt>
          <dd>
            {plan.areas.length
              ? plan.areas.map((a) => t(`programme.area.${a}`)).join(', ')
              : t('programme.plan.no_areas')}
            {plan.areasEditedBy !== null ? (
              <p className="hint">
                {t('programme.plan.areas_edited_by', {
                  name: plan.areasEditedBy,
                  areas: areaNames(plan.importedAreas),
                })}
              </p>
            ) : null}
          </dd>
        </div>
      </dl>
      {canEdit ? (
        <details className="pg-no-print pg-areas-form" open={!!areaErrors?.length || undefined}>
          <summary>{t('programme.plan.areas_form_title')}</summary>
          <form method="post" action={`/${lang}/programme/plans/${plan.id}/areas`} noValidate>
            <CsrfField />
            <input type="hidden" name="code" value={code} />
            <CheckboxesField
              name="areas"
              label={t('programme.plan.areas')}
              hint={t('programme.plan.areas_hint', { areas: areaNames(plan.importedAreas) })}
              values={plan.areas}
              errors={areaErrors}
              options={LAPE_AREAS.map((a) => ({ value: a, label: t(`programme.area.${a}`) }))}
            />
            <button type="submit" className="button">
              {t('programme.plan.areas_save')}
            </button>
          </form>
        </details>
      ) : null}
      <ul className="action-links pg-links pg-no-print">
        <li>
          <a href={`/api/v1/programme/plans/${plan.id}.json`}>{t('programme.export.plan_json')}</a>
        </li>
        <li>
          <a href={`/api/v1/programme/experiments.csv?municipality=${code}`}>{t('programme.export.experiments_csv')}</a>
        </li>
        <li>
          <a href={`/api/v1/programme/milestones.csv?municipality=${code}`}>{t('programme.export.milestones_csv')}</a>
        </li>
      </ul>
      <p className="pg-print-hint pg-no-print">{t('programme.plan.print_hint')}</p>

      {plan.parsed.introduction.length ? (
        <section aria-labelledby="pg-intro" className="prose">
          <h2 id="pg-intro">{t('programme.plan.introduction')}</h2>
          {plan.parsed.introduction.map((p, i) => (
            <p key={i} lang={planLang}>
              {p}
            </p>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="pg-experiments">
        <h2 id="pg-experiments">{t('programme.plan.experiments')}</h2>
        <ActionTable
          actions={experiments.filter(current)}
          canEdit={canEdit}
          multi={plan.municipalityCodes.length > 1}
          savedItem={savedItem}
        />
        <SectionNotes section={section('experiments')} />
        {!experiments.filter(current).length ? <p>{t('programme.plan.none')}</p> : null}
      </section>

      <section aria-labelledby="pg-adopted">
        <h2 id="pg-adopted">{t('programme.plan.adopted')}</h2>
        <ActionTable actions={adopted.filter(current)} canEdit={canEdit} multi={false} savedItem={savedItem} />
        <SectionNotes section={section('adopted')} />
        {!adopted.filter(current).length ? <p>{t('programme.plan.none')}</p> : null}
      </section>

      <section aria-labelledby="pg-roadmap">
        <h2 id="pg-roadmap">{t('programme.plan.roadmap')}</h2>
        {years.map((y) => (
          <div key={y} className="pg-year">
            <h3>{y}</h3>
            <ul className="pg-milestones">
              {plan.milestones
                .filter((m) => m.current && m.year === y)
                .map((m) => (
                  <li key={m.id} id={`milestone-${m.id}`}>
                    <span lang={textLanguage(m.text)}>{m.text}</span>{' '}
                    <StatusTag status={shownMilestoneStatus(m)} kind="milestone" />
                    {m.overdue ? <OverdueTag since={m.lastUpdated} /> : null}
                    {m.notes ? <p className="pg-notes">{m.notes}</p> : null}
                    <Updates updates={m.updates} open={savedItem === m.id} />
                    {canEdit ? (
                      <a className="pg-no-print" href={`/${lang}/programme/milestones/${m.id}/edit`}>
                        {t('programme.edit')}
                        <span className="visually-hidden">: {m.text}</span>
                      </a>
                    ) : null}
                  </li>
                ))}
            </ul>
          </div>
        ))}
        {!years.length ? <p>{t('programme.plan.none')}</p> : null}
      </section>

      <section aria-labelledby="pg-structural">
        <h2 id="pg-structural">{t('programme.plan.structural')}</h2>
        <ul className="pg-milestones">
          {plan.structuralChanges.filter(current).map((s) => (
            <li key={s.id}>
              <span lang={textLanguage(s.text)}>{s.text}</span>
              {s.notes ? <p className="pg-notes">{s.notes}</p> : null}
              {canEdit ? (
                <a className="pg-no-print" href={`/${lang}/programme/structural-changes/${s.id}/edit`}>
                  {t('programme.edit_notes')}
                  <span className="visually-hidden">: {s.text.slice(0, 60)}</span>
                </a>
              ) : null}
            </li>
          ))}
        </ul>
        {!plan.structuralChanges.filter(current).length ? <p>{t('programme.plan.none')}</p> : null}
      </section>

      <section aria-labelledby="pg-sections" className="prose">
        <h2 id="pg-sections">{t('programme.plan.sections')}</h2>
        {plan.parsed.sections.map((s) => (
          <div key={s.key}>
            <h3>
              {s.number}. {t(`programme.section.${s.key}`)}
            </h3>
            {s.items.length ? (
              <ul>
                {s.items.map((i, n) => (
                  <li key={n} lang={textLanguage(i)}>
                    {i}
                  </li>
                ))}
              </ul>
            ) : !s.notes?.length ? (
              <p className="pg-muted">{t('programme.plan.section_empty')}</p>
            ) : null}
            <SectionNotes section={s} />
          </div>
        ))}
      </section>

      {plan.parsed.unplaced.length ? (
        <section aria-labelledby="pg-unplaced" className="prose">
          <h2 id="pg-unplaced">{t('programme.plan.unplaced')}</h2>
          <p className="hint">{t('programme.plan.unplaced_hint')}</p>
          <ul lang={planLang}>
            {plan.parsed.unplaced.map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="pg-group">
        <h2 id="pg-group">{t('programme.plan.working_group')}</h2>
        {plan.members.length ? (
          <ScrollTable label={t('programme.plan.working_group_table')}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('programme.member.name')}</th>
                  <th scope="col">{t('programme.member.title')}</th>
                  <th scope="col">{t('programme.member.role')}</th>
                  <th scope="col">{t('programme.municipality')}</th>
                  {canEdit ? (
                    <th scope="col" className="pg-no-print">
                      {t('programme.actions')}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {plan.members.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name}</td>
                    <td>{m.title}</td>
                    <td>{t(`programme.role.${m.role}`)}</td>
                    <td>{m.municipalityCode ? name(m.municipalityCode) : ''}</td>
                    {canEdit ? (
                      <td className="pg-no-print">
                        {m.source === 'person' ? (
                          <form method="post" action={`/${lang}/programme/members/${m.id}/remove`}>
                            <CsrfField />
                            <button type="submit" className="button button-secondary button-small">
                              {t('programme.member.remove')}
                              <span className="visually-hidden">: {m.name}</span>
                            </button>
                          </form>
                        ) : (
                          <span className="pg-muted">{t('programme.member.from_plan')}</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p>{t('programme.plan.no_members')}</p>
        )}
        {canEdit ? (
          <form
            method="post"
            action={`/${lang}/programme/plans/${plan.id}/members`}
            className="pg-no-print pg-member-form"
            noValidate
          >
            <CsrfField />
            <input type="hidden" name="code" value={code} />
            <h3>{t('programme.member.add_title')}</h3>
            <TextField
              name="name"
              label={t('programme.member.name')}
              value={memberForm?.name ?? ''}
              errors={memberErrors}
            />
            <TextField
              name="title"
              label={t('programme.member.title')}
              value={memberForm?.title ?? ''}
              errors={memberErrors}
            />
            <SelectField
              name="role"
              label={t('programme.member.role')}
              value={memberForm?.role ?? 'member'}
              errors={memberErrors}
              options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`programme.role.${r}`) }))}
            />
            {plan.municipalityCodes.length > 1 ? (
              <SelectField
                name="municipality"
                label={t('programme.municipality')}
                value={memberForm?.municipality ?? ''}
                errors={memberErrors}
                emptyLabel={t('programme.member.all_municipalities')}
                options={plan.municipalityCodes.map((c) => ({ value: c, label: name(c) }))}
              />
            ) : null}
            <button type="submit" className="button">
              {t('programme.member.add')}
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="pg-history">
        <h2 id="pg-history">{t('programme.plan.history')}</h2>
        <ul className="pg-plain-list">
          {plan.updates.map((u) => (
            <li key={u.id}>
              {formatDate(u.entryDate, lang)}:{' '}
              {u.toStatus
                ? t('programme.plan.imported_entry', { version: u.toStatus.replace(/^v/, ''), file: u.note })
                : t('programme.plan.areas_entry', {
                    areas: areaNames(
                      u.note
                        .replace(/^areas:\s*/, '')
                        .split(',')
                        .map((x) => x.trim())
                        .filter(Boolean),
                    ),
                  })}
              {user && u.actorName ? ` (${u.actorName})` : ''}
            </li>
          ))}
        </ul>
        {gone ? (
          <p>
            {t('programme.plan.gone', { count: gone })}{' '}
            <a href={`/${lang}/programme/plans/${plan.id}/versions`}>{t('programme.plan.versions_link')}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}

/** What the plan says there is nothing of ("Ei ollut ketteriä kokeiluja"), in the plan's own words. */
function SectionNotes({ section }: { section: PlanSection | undefined }) {
  const { t } = useTranslation();
  const notes = (section?.notes ?? []).filter((n) => !/^[-–—]+$/.test(n));
  if (!notes.length) return null;
  return (
    <div className="pg-section-notes">
      <p className="pg-muted">{t('programme.plan.section_notes')}</p>
      <ul>
        {notes.map((n, i) => (
          <li key={i}>
            <q lang={textLanguage(n)}>{n}</q>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ActionTable({
  actions,
  canEdit,
  multi,
  savedItem,
}: {
  actions: ActionView[];
  canEdit: boolean;
  multi: boolean;
  savedItem?: string | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  if (!actions.length) return null;
  return (
    <ul className="pg-actions">
      {actions.map((a) => (
        <li key={a.id} id={`action-${a.id}`} className="pg-action">
          <h3 className="pg-action-title">
            <span lang={textLanguage(a.title)}>{a.title}</span> <StatusTag status={a.shownStatus} />
            {a.overdue ? <OverdueTag since={a.lastUpdated} /> : null}
          </h3>
          <dl className="summary-list">
            {multi ? (
              <div className="summary-row">
                <dt>{t('programme.municipality')}</dt>
                <dd>{a.municipalityCodes.map((c) => municipalityName(c, lang)).join(', ')}</dd>
              </div>
            ) : null}
            <div className="summary-row">
              <dt>{t('programme.action.original')}</dt>
              <dd>
                <q lang={textLanguage(a.original)}>{a.original}</q>
              </dd>
            </div>
            {a.importedStatus && a.statusSource === 'person' ? (
              <div className="summary-row">
                <dt>{t('programme.action.imported_status')}</dt>
                <dd>{t(`programme.imported_status.${a.importedStatus}`)}</dd>
              </div>
            ) : null}
            {a.area ? (
              <div className="summary-row">
                <dt>{t('programme.filter.area')}</dt>
                <dd>{t(`programme.area.${a.area}`)}</dd>
              </div>
            ) : null}
            {a.ownerTeamName || a.ownerTeam ? (
              <div className="summary-row">
                <dt>{t('programme.action.owner_team')}</dt>
                <dd>{[a.ownerTeamName ? pick(a.ownerTeamName, lang) : '', a.ownerTeam].filter(Boolean).join(' – ')}</dd>
              </div>
            ) : null}
            {a.workingModels.length ? (
              <div className="summary-row">
                <dt>{t('programme.action.working_models')}</dt>
                <dd>
                  {a.workingModels.map((m, i) => (
                    <span key={m.key}>
                      {i ? ', ' : ''}
                      <a href={`/${lang}/working-models/${m.key}`}>{pick(m.name, lang)}</a>
                    </span>
                  ))}
                </dd>
              </div>
            ) : null}
            {a.progress !== null ? (
              <div className="summary-row">
                <dt>{t('programme.action.progress')}</dt>
                <dd>
                  <progress max={100} value={a.progress} aria-label={t('programme.action.progress')}>
                    {a.progress} %
                  </progress>{' '}
                  {a.progress} %
                </dd>
              </div>
            ) : null}
            {a.adoptedFrom ? (
              <div className="summary-row">
                <dt>{t('programme.action.adopted_from')}</dt>
                <dd>
                  <a href={`/${lang}/programme/municipalities/${a.adoptedFrom}`}>
                    {municipalityName(a.adoptedFrom, lang)}
                  </a>
                </dd>
              </div>
            ) : null}
            {a.spreadTo.length ? (
              <div className="summary-row">
                <dt>{t('programme.action.spread_to')}</dt>
                <dd>
                  {a.spreadTo.map((c, i) => (
                    <span key={c}>
                      {i ? ', ' : ''}
                      <a href={`/${lang}/programme/municipalities/${c}`}>{municipalityName(c, lang)}</a>
                    </span>
                  ))}
                </dd>
              </div>
            ) : null}
            {a.evidence ? (
              <div className="summary-row">
                <dt>{t('programme.action.evidence')}</dt>
                <dd>{a.evidence}</dd>
              </div>
            ) : null}
            {a.notes ? (
              <div className="summary-row">
                <dt>{t('programme.action.notes')}</dt>
                <dd>{a.notes}</dd>
              </div>
            ) : null}
          </dl>
          <Updates updates={a.updates} open={savedItem === a.id} />
          {canEdit ? (
            <p className="pg-no-print">
              <a href={`/${lang}/programme/actions/${a.id}/edit`}>
                {t('programme.edit')}
                <span className="visually-hidden">: {a.title}</span>
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Dated progress entries. Who made them is shown to signed-in professionals only (the pages are public). */
export function Updates({ updates, open }: { updates: UpdateView[]; open?: boolean }) {
  const { t } = useTranslation();
  const { lang, user } = usePage();
  if (!updates.length) return null;
  const label = (u: UpdateView) => {
    if (!u.fromStatus && !u.toStatus) return u.note;
    const isMilestone = u.subjectType === 'milestone';
    const s = (x: string | null) =>
      x ? t(isMilestone ? `programme.milestone_status.${x}` : `programme.status.${x}`) : '';
    return `${s(u.fromStatus)} → ${s(u.toStatus)}${u.note ? `: ${u.note}` : ''}`;
  };
  return (
    <details className="pg-updates" open={open || undefined}>
      <summary>{t('programme.updates.title', { count: updates.length })}</summary>
      <ol>
        {updates.map((u) => (
          <li key={u.id}>
            <time dateTime={u.entryDate}>{formatDate(u.entryDate, lang)}</time> {label(u)}
            {user && u.actorName ? ` (${u.actorName})` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}
