/**
 * The team's side: their municipality's assessments (overdue follow-ups stand out), a new assessment, one
 * assessment's steps with comments and versions, a step's form, questionnaires and their results, the decisions
 * register with CSV import, and the report. Every form works without JavaScript.
 */
import { useTranslation } from '../../useTranslation.js';
import type { MunicipalityOrg } from '../../../core/childImpact/policy.js';
import type { AssessmentView } from '../../../core/childImpact/queries.js';
import type { Report } from '../../../core/childImpact/decisions.js';
import type { Results } from '../../../core/childImpact/questionnaires.js';
import {
  AGE_GROUPS,
  OUTCOMES,
  STEPS,
  TIMINGS,
  MAX_QUESTIONS,
  type StepDef,
} from '../../../core/childImpact/vocabulary.js';
import { Breadcrumbs, ScrollTable } from '../../components/common.js';
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  type FormError,
  Notice,
  RadioField,
  SelectField,
  TextArea,
  TextField,
} from '../../components/forms.js';
import { usePage } from '../../context.js';
import { formatDate, formatDateTime, municipalityName } from '../../format.js';
import { DemoTag, ResultsTable } from './parts.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function useCrumbs() {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (...rest: { href?: string; label: string }[]) => [
    { href: `/${lang}/work`, label: t('work.title') },
    { href: `/${lang}/work/child-impact`, label: t('childImpact.work.title') },
    ...rest,
  ];
}

function StatusTag({ a }: { a: AssessmentView }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`tag ${a.status === 'draft' ? 'tag-draft' : ''}`}>{t(`childImpact.status.${a.status}`)}</span>{' '}
      {a.publishedAt ? <span className="tag">{t('childImpact.work.published')}</span> : null}
    </>
  );
}

export function TeamListPage({
  orgs,
  items,
  notice,
}: {
  orgs: MunicipalityOrg[];
  items: AssessmentView[];
  notice: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  const overdue = items.filter((a) => a.overdue);
  return (
    <>
      <Breadcrumbs
        items={crumbs()
          .slice(0, 1)
          .concat({ label: t('childImpact.work.title') })}
      />
      {notice ? <Notice kind="success">{t(`childImpact.notice.${notice}`)}</Notice> : null}
      <h1>{t('childImpact.work.title')}</h1>
      <p className="lead">{t('childImpact.work.lead')}</p>
      <ul className="action-links">
        <li>
          <a className="button" href={`/${lang}/work/child-impact/new`}>
            {t('childImpact.work.new')}
          </a>
        </li>
        {orgs.map((o) => (
          <li key={o.id}>
            <a href={`/${lang}/work/child-impact/organizations/${o.id}/decisions`}>
              {t('childImpact.work.decisions_of', { name: municipalityName(o.municipalityCode, lang) })}
            </a>{' '}
            ·{' '}
            <a href={`/${lang}/work/child-impact/organizations/${o.id}/report`}>
              {t('childImpact.work.report_of', { name: municipalityName(o.municipalityCode, lang) })}
            </a>{' '}
            ·{' '}
            <a href={`/${lang}/work/child-friendly/${o.municipalityCode}`}>
              {t('childImpact.work.child_friendly_of', { name: municipalityName(o.municipalityCode, lang) })}
            </a>
          </li>
        ))}
      </ul>
      {overdue.length ? (
        <div className="warning-box ci-overdue" role="region" aria-labelledby="ci-overdue-title">
          <h2 id="ci-overdue-title">{t('childImpact.work.overdue_title', { count: overdue.length })}</h2>
          <ul>
            {overdue.map((a) => (
              <li key={a.id}>
                <a href={`/${lang}/work/child-impact/${a.id}`}>{a.title}</a> –{' '}
                {t('childImpact.work.overdue_since', {
                  date: formatDate(a.followUpDue, lang),
                  owner: a.followUpOwnerName ?? '',
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {items.length === 0 ? (
        <p>{t('childImpact.work.none')}</p>
      ) : (
        <ScrollTable label={t('childImpact.work.title')}>
          <table className="ci-table">
            <caption className="visually-hidden">{t('childImpact.work.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('childImpact.field.title')}</th>
                <th scope="col">{t('childImpact.public.body')}</th>
                <th scope="col">{t('childImpact.field.timing')}</th>
                <th scope="col">{t('childImpact.work.state')}</th>
                <th scope="col">{t('childImpact.field.follow_up_due')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} className={a.overdue ? 'ci-row-overdue' : undefined}>
                  <td>
                    <a href={`/${lang}/work/child-impact/${a.id}`}>{a.title}</a> <DemoTag demo={a.demo} />
                  </td>
                  <td>
                    {a.body}, {a.reference}
                  </td>
                  <td>{t(`childImpact.timing.${a.timing}`)}</td>
                  <td>
                    <StatusTag a={a} />
                  </td>
                  <td>
                    {a.followUpDue ? formatDate(a.followUpDue, lang) : ''}
                    {a.overdue ? (
                      <strong className="tag ci-tag-overdue"> {t('childImpact.follow_up.overdue')}</strong>
                    ) : null}
                    {a.followUpDone ? ` ${t('childImpact.follow_up.done')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

export interface NewForm {
  organizationId: string;
  body: string;
  reference: string;
  decisionDate: string;
  title: string;
  timing: string;
}

export function NewAssessmentPage({
  orgs,
  form,
  errors,
}: {
  orgs: MunicipalityOrg[];
  form: NewForm;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  return (
    <>
      <Breadcrumbs items={crumbs({ label: t('childImpact.work.new') })} />
      <ErrorSummary errors={errors} />
      <h1>{t('childImpact.work.new')}</h1>
      <p className="lead">{t('childImpact.work.new_lead')}</p>
      <form method="post" action={`/${lang}/work/child-impact/new`} className="edit-form" noValidate>
        <CsrfField />
        {orgs.length > 1 ? (
          <SelectField
            name="organization"
            label={t('childImpact.public.municipality')}
            value={form.organizationId}
            errors={errors}
            options={orgs.map((o) => ({ value: o.id, label: municipalityName(o.municipalityCode, lang) }))}
          />
        ) : (
          <input type="hidden" name="organization" value={orgs[0]?.id ?? ''} />
        )}
        <TextField
          name="title"
          label={t('childImpact.field.title')}
          hint={t('childImpact.hint.title')}
          value={form.title}
          errors={errors}
        />
        <TextField
          name="body"
          label={t('childImpact.field.body')}
          hint={t('childImpact.hint.body')}
          value={form.body}
          errors={errors}
        />
        <TextField
          name="reference"
          label={t('childImpact.field.reference')}
          hint={t('childImpact.hint.reference')}
          value={form.reference}
          errors={errors}
          className="input-medium"
        />
        <TextField
          name="decision_date"
          type="date"
          label={t('childImpact.field.decision_date')}
          value={form.decisionDate}
          errors={errors}
          className="input-medium"
        />
        <RadioField
          name="timing"
          label={t('childImpact.field.timing')}
          value={form.timing}
          errors={errors}
          options={TIMINGS.map((x) => ({
            value: x,
            label: t(`childImpact.timing.${x}`),
            hint: t(`childImpact.timing_hint.${x}`),
          }))}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('childImpact.work.create')}
          </button>
          <a href={`/${lang}/work/child-impact`}>{t('childImpact.cancel')}</a>
        </div>
      </form>
    </>
  );
}

const filled = (a: AssessmentView, s: StepDef) =>
  s.fields.some((f) => {
    const v = a.content[f.name];
    return Array.isArray(v) ? v.length > 0 : !!v;
  });

export function AssessmentWorkPage({
  a,
  comments,
  versions,
  questionnaires,
  notice,
  errors,
}: {
  a: AssessmentView;
  comments: { id: string; step: string; author_name: string; body: string; created_at: Date }[];
  versions: { version: number; step: string; status: string; saved_at: Date; saved_by: string | null }[];
  questionnaires: {
    id: string;
    age_group: string;
    title: { fi: string; sv: string };
    status: string;
    answers: number;
  }[];
  notice: string;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  const stepsShown =
    a.status === 'screened_out' ? STEPS.filter((s) => ['screening', 'summary'].includes(s.key)) : STEPS;
  return (
    <>
      <Breadcrumbs items={crumbs({ label: a.title })} />
      <ErrorSummary errors={errors} />
      {notice ? <Notice kind="success">{t(`childImpact.notice.${notice}`)}</Notice> : null}
      <h1>
        {a.title} <DemoTag demo={a.demo} />
      </h1>
      <p>
        <StatusTag a={a} /> {municipalityName(a.municipalityCode, lang)} · {a.body} · {a.reference}
        {a.decisionDate ? ` · ${formatDate(a.decisionDate, lang)}` : ''} · {t(`childImpact.timing.${a.timing}`)}
      </p>
      {a.overdue ? (
        <p className="warning-box">
          {t('childImpact.work.overdue_since', {
            date: formatDate(a.followUpDue, lang),
            owner: a.followUpOwnerName ?? '',
          })}
        </p>
      ) : null}
      <p className="ci-muted">
        {t('childImpact.work.version_line', {
          version: a.version,
          name: a.updatedBy ?? '',
          date: formatDateTime(a.updatedAt, lang),
        })}
      </p>
      <h2>{t('childImpact.work.steps')}</h2>
      <ol className="ci-steps">
        {stepsShown.map((s) => (
          <li key={s.key}>
            <a href={`/${lang}/work/child-impact/${a.id}/steps/${s.key}`}>{t(`childImpact.step.${s.key}`)}</a>{' '}
            <span className="ci-muted">
              {filled(a, s) ? t('childImpact.work.step_filled') : t('childImpact.work.step_empty')}
              {comments.filter((c) => c.step === s.key).length
                ? ` · ${t('childImpact.work.comment_count', { count: comments.filter((c) => c.step === s.key).length })}`
                : ''}
            </span>
          </li>
        ))}
      </ol>
      {a.status === 'screened_out' ? <p>{t('childImpact.work.screened_out_note')}</p> : null}

      <h2>{t('childImpact.work.publishing')}</h2>
      <p>
        {a.publishedAt
          ? t('childImpact.work.published_on', { date: formatDateTime(a.publishedAt, lang) })
          : t('childImpact.work.not_published')}
      </p>
      <div className="row-actions">
        <form method="post" action={`/${lang}/work/child-impact/${a.id}/${a.publishedAt ? 'unpublish' : 'publish'}`}>
          <CsrfField />
          <button type="submit" className={a.publishedAt ? 'button button-secondary' : 'button'}>
            {a.publishedAt ? t('childImpact.work.unpublish') : t('childImpact.work.publish')}
          </button>
        </form>
        <a href={`/${lang}/child-impact/${a.id}`}>{t('childImpact.work.preview')}</a>
      </div>
      {a.followUpDue && !a.followUpDone ? (
        <form method="post" action={`/${lang}/work/child-impact/${a.id}/follow-up-done`}>
          <CsrfField />
          <button type="submit" className="button button-secondary">
            {t('childImpact.work.follow_up_done')}
          </button>
        </form>
      ) : null}

      <h2>{t('childImpact.work.questionnaires')}</h2>
      <p>{t('childImpact.work.questionnaires_lead')}</p>
      {questionnaires.length ? (
        <ul>
          {questionnaires.map((q) => (
            <li key={q.id}>
              <a href={`/${lang}/work/child-impact/questionnaires/${q.id}`}>
                {lang === 'sv' ? q.title.sv : q.title.fi}
              </a>{' '}
              ({t(`childImpact.age_group.${q.age_group}`)}, {t(`childImpact.questionnaire.status.${q.status}`)}) –{' '}
              <a href={`/${lang}/child-impact/questionnaires/${q.id}`}>{t('childImpact.work.questionnaire_link')}</a>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={`/${lang}/work/child-impact/${a.id}/questionnaires/new`}>{t('childImpact.work.new_questionnaire')}</a>
      </p>

      <h2>{t('childImpact.work.comments')}</h2>
      {comments.length ? (
        <ul className="plain ci-comments">
          {comments.map((c) => (
            <li key={c.id}>
              <p className="ci-muted">
                {c.author_name}, {formatDateTime(c.created_at, lang)} –{' '}
                {c.step === 'general' ? t('childImpact.work.general') : t(`childImpact.step.${c.step}`)}
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('childImpact.work.no_comments')}</p>
      )}
      <CommentForm id={a.id} step="general" errors={errors} />

      <h2>{t('childImpact.work.versions')}</h2>
      <ScrollTable label={t('childImpact.work.versions')}>
        <table className="ci-table">
          <caption className="visually-hidden">{t('childImpact.work.versions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('childImpact.work.version')}</th>
              <th scope="col">{t('childImpact.work.step')}</th>
              <th scope="col">{t('childImpact.work.saved_by')}</th>
              <th scope="col">{t('childImpact.work.saved_at')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>
                  <a href={`/${lang}/work/child-impact/${a.id}/versions/${v.version}`}>{v.version}</a>
                </td>
                <td>{v.step === 'created' ? t('childImpact.work.created') : t(`childImpact.step.${v.step}`)}</td>
                <td>{v.saved_by}</td>
                <td>{formatDateTime(v.saved_at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

function CommentForm({ id, step, errors }: { id: string; step: string; errors: FormError[] }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <form method="post" action={`/${lang}/work/child-impact/${id}/comments`} className="edit-form" noValidate>
      <CsrfField />
      <input type="hidden" name="step" value={step} />
      <TextArea name="comment" label={t('childImpact.work.add_comment')} value="" errors={errors} rows={3} />
      <button type="submit" className="button button-secondary">
        {t('childImpact.work.send_comment')}
      </button>
    </form>
  );
}

export type StepForm = Record<string, string | string[]>;

export function StepPage({
  a,
  step,
  form,
  version,
  owners,
  comments,
  errors,
}: {
  a: AssessmentView;
  step: StepDef;
  form: StepForm;
  version: number;
  owners: { id: string; name: string }[];
  comments: { id: string; author_name: string; body: string; created_at: Date }[];
  errors: FormError[];
}) {
  const { t, i18n } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  const index = STEPS.findIndex((s) => s.key === step.key);
  const text = (name: string) => str(form[name]);
  const chosen = (name: string) =>
    Array.isArray(form[name]) ? (form[name] as string[]) : text(name) ? [text(name)] : [];
  return (
    <>
      <Breadcrumbs
        items={crumbs(
          { href: `/${lang}/work/child-impact/${a.id}`, label: a.title },
          { label: t(`childImpact.step.${step.key}`) },
        )}
      />
      <ErrorSummary errors={errors} />
      <p className="ci-muted">{t('childImpact.work.step_of', { n: index + 1, total: STEPS.length })}</p>
      <h1>{t(`childImpact.step.${step.key}`)}</h1>
      <p className="lead">{t(`childImpact.step_lead.${step.key}`)}</p>
      <form
        method="post"
        action={`/${lang}/work/child-impact/${a.id}/steps/${step.key}`}
        className="edit-form"
        noValidate
      >
        <CsrfField />
        <input type="hidden" name="version" value={String(version)} />
        {step.fields.map((f) => {
          const label = t(`childImpact.field.${f.name}`);
          const hint = i18n.exists(`childImpact.hint.${f.name}`) ? t(`childImpact.hint.${f.name}`) : undefined;
          switch (f.kind) {
            case 'text':
              return (
                <TextField key={f.name} name={f.name} label={label} hint={hint} value={text(f.name)} errors={errors} />
              );
            case 'textarea':
              return (
                <TextArea
                  key={f.name}
                  name={f.name}
                  label={label}
                  hint={hint}
                  value={text(f.name)}
                  errors={errors}
                  rows={f.lang ? 6 : 4}
                  lang={f.lang}
                />
              );
            case 'date':
              return (
                <TextField
                  key={f.name}
                  name={f.name}
                  type="date"
                  label={label}
                  hint={hint}
                  value={text(f.name)}
                  errors={errors}
                  className="input-medium"
                />
              );
            case 'owner':
              return (
                <SelectField
                  key={f.name}
                  name={f.name}
                  label={label}
                  hint={hint}
                  value={text(f.name)}
                  errors={errors}
                  emptyLabel={t('childImpact.work.no_owner')}
                  options={owners.map((o) => ({ value: o.id, label: o.name }))}
                />
              );
            case 'radio':
              return (
                <RadioField
                  key={f.name}
                  name={f.name}
                  label={label}
                  hint={hint}
                  value={text(f.name)}
                  errors={errors}
                  options={f.options!.map((o) => ({ value: o, label: t(`childImpact.option.${f.name}.${o}`) }))}
                />
              );
            case 'checkboxes':
              return (
                <CheckboxesField
                  key={f.name}
                  name={f.name}
                  label={label}
                  hint={hint}
                  values={chosen(f.name)}
                  errors={errors}
                  options={f.options!.map((o) => ({ value: o, label: t(`childImpact.option.${f.name}.${o}`) }))}
                />
              );
            default:
              return null;
          }
        })}
        <div className="form-actions">
          <button type="submit" className="button">
            {t('childImpact.save')}
          </button>
          <a href={`/${lang}/work/child-impact/${a.id}`}>{t('childImpact.cancel')}</a>
        </div>
      </form>
      <h2>{t('childImpact.work.comments')}</h2>
      {comments.length ? (
        <ul className="plain ci-comments">
          {comments.map((c) => (
            <li key={c.id}>
              <p className="ci-muted">
                {c.author_name}, {formatDateTime(c.created_at, lang)}
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('childImpact.work.no_comments')}</p>
      )}
      <CommentForm id={a.id} step={step.key} errors={[]} />
    </>
  );
}

export function VersionPage({
  a,
  version,
}: {
  a: AssessmentView;
  version: {
    version: number;
    step: string;
    saved_by: string | null;
    saved_at: Date;
    content: Record<string, string | string[]>;
  };
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  return (
    <>
      <Breadcrumbs
        items={crumbs(
          { href: `/${lang}/work/child-impact/${a.id}`, label: a.title },
          { label: t('childImpact.work.version_n', { n: version.version }) },
        )}
      />
      <h1>{t('childImpact.work.version_n', { n: version.version })}</h1>
      <p className="ci-muted">
        {version.saved_by}, {formatDateTime(version.saved_at, lang)}
      </p>
      {STEPS.map((s) => (
        <section key={s.key} aria-labelledby={`v-${s.key}`}>
          <h2 id={`v-${s.key}`}>{t(`childImpact.step.${s.key}`)}</h2>
          <dl className="summary-list">
            {s.fields.map((f) => {
              const v = version.content[f.name];
              const shown = Array.isArray(v)
                ? v.map((x) => t(`childImpact.option.${f.name}.${x}`)).join(', ')
                : f.kind === 'radio' && v
                  ? t(`childImpact.option.${f.name}.${v}`)
                  : (v ?? '');
              return (
                <div key={f.name} className="summary-row">
                  <dt>{t(`childImpact.field.${f.name}`)}</dt>
                  <dd>{shown || '–'}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </>
  );
}

export interface QuestionnaireForm {
  ageGroup: string;
  title: { fi: string; sv: string };
  intro: { fi: string; sv: string };
  questions: { fi: string; sv: string }[];
  freeText: { fi: string; sv: string };
}

function FiSvFields({
  name,
  label,
  value,
  errors,
  multiline,
}: {
  name: string;
  label: string;
  value: { fi: string; sv: string };
  errors: FormError[];
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field translated" id={name}>
      <legend className="label-bold">{label}</legend>
      {errors
        .filter((e) => e.field === name)
        .map((e, i) => (
          <p key={i} className="error-message">
            {e.message}
          </p>
        ))}
      <div className="lang-columns">
        {(['fi', 'sv'] as const).map((l) => {
          const id = `${name}-${l}`;
          const err = errors.find((e) => e.field === id);
          const common = {
            id,
            name: `${name}.${l}`,
            lang: l,
            defaultValue: value[l],
            'aria-invalid': err ? true : undefined,
            'aria-describedby': err ? `${id}-error` : undefined,
          };
          return (
            <div key={l} className="lang-column">
              <label htmlFor={id}>{t(`form.in_lang.${l}`)}</label>
              {err ? (
                <p className="error-message" id={`${id}-error`}>
                  {err.message}
                </p>
              ) : null}
              {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function NewQuestionnairePage({
  a,
  form,
  errors,
}: {
  a: AssessmentView;
  form: QuestionnaireForm;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  return (
    <>
      <Breadcrumbs
        items={crumbs(
          { href: `/${lang}/work/child-impact/${a.id}`, label: a.title },
          { label: t('childImpact.work.new_questionnaire') },
        )}
      />
      <ErrorSummary errors={errors} />
      <h1>{t('childImpact.work.new_questionnaire')}</h1>
      <p className="lead">{t('childImpact.work.new_questionnaire_lead')}</p>
      <form
        method="post"
        action={`/${lang}/work/child-impact/${a.id}/questionnaires/new`}
        className="edit-form"
        noValidate
      >
        <CsrfField />
        <RadioField
          name="age_group"
          label={t('childImpact.field.age_group')}
          value={form.ageGroup}
          errors={errors}
          options={AGE_GROUPS.map((g) => ({ value: g, label: t(`childImpact.age_group.${g}`) }))}
        />
        <FiSvFields name="title" label={t('childImpact.field.q_title')} value={form.title} errors={errors} />
        <FiSvFields name="intro" label={t('childImpact.field.q_intro')} value={form.intro} errors={errors} multiline />
        {Array.from({ length: MAX_QUESTIONS }, (_, i) => (
          <FiSvFields
            key={i}
            name={`q${i + 1}`}
            label={t('childImpact.field.question_n', { n: i + 1 })}
            value={form.questions[i] ?? { fi: '', sv: '' }}
            errors={errors}
          />
        ))}
        <FiSvFields
          name="free_text"
          label={t('childImpact.field.free_text_question')}
          value={form.freeText}
          errors={errors}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('childImpact.work.open_questionnaire')}
          </button>
          <a href={`/${lang}/work/child-impact/${a.id}`}>{t('childImpact.cancel')}</a>
        </div>
      </form>
    </>
  );
}

export function TeamResultsPage({
  q,
  results,
  freeTexts,
}: {
  q: { id: string; assessmentId: string; assessmentTitle: string; open: boolean };
  results: Results;
  freeTexts: { text: string; lang: string }[];
}) {
  const { t } = useTranslation();
  const { lang, publicUrl } = usePage();
  const crumbs = useCrumbs();
  const link = `${publicUrl}/${lang === 'sv' ? 'sv' : 'fi'}/child-impact/questionnaires/${q.id}`;
  return (
    <>
      <Breadcrumbs
        items={crumbs(
          { href: `/${lang}/work/child-impact/${q.assessmentId}`, label: q.assessmentTitle },
          { label: lang === 'sv' ? results.title.sv : results.title.fi },
        )}
      />
      <h1>{lang === 'sv' ? results.title.sv : results.title.fi}</h1>
      <p>
        {t('childImpact.work.share_link')} <a href={link}>{link}</a>
      </p>
      <form method="post" action={`/${lang}/work/child-impact/questionnaires/${q.id}/${q.open ? 'close' : 'open'}`}>
        <CsrfField />
        <button type="submit" className="button button-secondary">
          {q.open ? t('childImpact.work.close_questionnaire') : t('childImpact.work.reopen_questionnaire')}
        </button>
      </form>
      <ResultsTable r={results} headingLevel={2} />
      <h2>{t('childImpact.work.free_texts')}</h2>
      <p className="ci-muted">{t('childImpact.work.free_texts_note')}</p>
      {freeTexts.length ? (
        <ul className="ci-comments">
          {freeTexts.map((f, i) => (
            <li key={i} lang={f.lang}>
              {f.text}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('childImpact.work.no_free_texts')}</p>
      )}
    </>
  );
}

export interface DecisionForm {
  reference: string;
  date: string;
  body: string;
  title: string;
  csv: string;
}

export function DecisionsPage({
  org,
  decisions,
  form,
  errors,
  notice,
}: {
  org: MunicipalityOrg;
  decisions: { id: string; body: string; reference: string; decision_date: string; title: string }[];
  form: DecisionForm;
  errors: FormError[];
  notice: string;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  const base = `/${lang}/work/child-impact/organizations/${org.id}`;
  const title = t('childImpact.work.decisions_of', { name: municipalityName(org.municipalityCode, lang) });
  return (
    <>
      <Breadcrumbs items={crumbs({ label: title })} />
      <ErrorSummary errors={errors} />
      {notice ? <Notice kind="success">{t(`childImpact.notice.${notice}`)}</Notice> : null}
      <h1>{title}</h1>
      <p className="lead">{t('childImpact.decisions.lead')}</p>
      <h2>{t('childImpact.decisions.add')}</h2>
      <form method="post" action={`${base}/decisions`} className="edit-form" noValidate>
        <CsrfField />
        <TextField name="body" label={t('childImpact.field.body')} value={form.body} errors={errors} />
        <TextField
          name="reference"
          label={t('childImpact.field.reference')}
          value={form.reference}
          errors={errors}
          className="input-medium"
        />
        <TextField
          name="decision_date"
          type="date"
          label={t('childImpact.field.decision_date')}
          value={form.date}
          errors={errors}
          className="input-medium"
        />
        <TextField name="title" label={t('childImpact.field.title')} value={form.title} errors={errors} />
        <button type="submit" className="button">
          {t('childImpact.decisions.add_button')}
        </button>
      </form>
      <h2>{t('childImpact.decisions.import')}</h2>
      <form method="post" action={`${base}/decisions/import`} className="edit-form" noValidate>
        <CsrfField />
        <TextArea
          name="csv"
          label={t('childImpact.decisions.csv')}
          hint={t('childImpact.decisions.csv_hint')}
          value={form.csv}
          errors={errors}
          rows={8}
        />
        <button type="submit" className="button">
          {t('childImpact.decisions.import_button')}
        </button>
      </form>
      <h2>{t('childImpact.decisions.list', { count: decisions.length })}</h2>
      {decisions.length ? (
        <ScrollTable label={title}>
          <table className="ci-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('childImpact.field.decision_date')}</th>
                <th scope="col">{t('childImpact.field.body')}</th>
                <th scope="col">{t('childImpact.field.reference')}</th>
                <th scope="col">{t('childImpact.field.title')}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.decision_date, lang)}</td>
                  <td>{d.body}</td>
                  <td>{d.reference}</td>
                  <td>{d.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : null}
    </>
  );
}

export function ReportPage({ org, report }: { org: MunicipalityOrg; report: Report }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const crumbs = useCrumbs();
  const title = t('childImpact.work.report_of', { name: municipalityName(org.municipalityCode, lang) });
  const countTable = (
    caption: string,
    rows: { year: number; counts: Record<string, number> }[],
    label: (k: string) => string,
  ) => {
    const keys = rows.length ? Object.keys(rows[0]!.counts) : [];
    return (
      <ScrollTable label={caption}>
        <table className="ci-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('childImpact.report.year')}</th>
              {keys.map((k) => (
                <th key={k} scope="col">
                  {label(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                {keys.map((k) => (
                  <td key={k}>{r.counts[k]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    );
  };
  return (
    <>
      <Breadcrumbs items={crumbs({ label: title })} />
      <h1>{title}</h1>
      <h2>{t('childImpact.report.share_title')}</h2>
      {report.share.length ? (
        <ScrollTable label={t('childImpact.report.share_title')}>
          <table className="ci-table">
            <caption className="visually-hidden">{t('childImpact.report.share_title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('childImpact.report.year')}</th>
                <th scope="col">{t('childImpact.field.body')}</th>
                <th scope="col">{t('childImpact.report.decisions')}</th>
                <th scope="col">{t('childImpact.report.assessed')}</th>
                <th scope="col">{t('childImpact.report.screened_out')}</th>
                <th scope="col">{t('childImpact.report.share')}</th>
              </tr>
            </thead>
            <tbody>
              {report.share.map((r) => (
                <tr key={`${r.year}-${r.body}`}>
                  <td>{r.year}</td>
                  <td>{r.body}</td>
                  <td>{r.decisions}</td>
                  <td>{r.assessed}</td>
                  <td>{r.screenedOut}</td>
                  <td>{r.share} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : (
        <p>
          {t('childImpact.report.no_decisions')}{' '}
          <a href={`/${lang}/work/child-impact/organizations/${org.id}/decisions`}>
            {t('childImpact.report.add_decisions')}
          </a>
        </p>
      )}
      <h2>{t('childImpact.report.by_timing')}</h2>
      {countTable(t('childImpact.report.by_timing'), report.byTiming, (k) => t(`childImpact.timing.${k}`))}
      <h2>{t('childImpact.report.by_outcome')}</h2>
      {countTable(t('childImpact.report.by_outcome'), report.byOutcome, (k) =>
        k === 'screened_out' || k === 'draft' ? t(`childImpact.status.${k}`) : t(`childImpact.option.outcome.${k}`),
      )}
      <h2>{t('childImpact.report.children_title')}</h2>
      {report.children.length ? (
        report.children.map((c) => (
          <section key={c.assessmentId} aria-label={c.title}>
            <p>
              <a href={`/${lang}/work/child-impact/${c.assessmentId}`}>{c.title}</a>
            </p>
            {c.results.map((r) => (
              <ResultsTable key={r.id} r={r} />
            ))}
          </section>
        ))
      ) : (
        <p>{t('childImpact.report.no_children')}</p>
      )}
    </>
  );
}

export const OUTCOME_KEYS = OUTCOMES;
