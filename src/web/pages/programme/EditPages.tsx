/** Forms that keep a plan up to date: an action, a milestone, a structural change. Work without JavaScript. */
import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  type FormError,
  RadioField,
  SelectField,
  TextArea,
  TextField,
} from '../../components/forms.js';
import { useTranslation } from '../../useTranslation.js';
import type { ActionView, MilestoneView, StructuralChangeView } from '../../../core/programme/queries.js';
import { ACTION_STATUSES, LAPE_AREAS, MILESTONE_STATUSES } from '../../../core/programme/vocabulary.js';
import { Breadcrumbs } from '../../components/common.js';
import { usePage } from '../../context.js';
import { municipalityName, sortedMunicipalities } from '../../format.js';
import { textLanguage } from '../../../core/programme/language.js';
import { Updates } from './PlanPage.js';

export interface ActionForm {
  status: string;
  area: string;
  ownerTeam: string;
  ownerTeamId: string;
  evidence: string;
  notes: string;
  progress: string;
  spreadTo: string[];
  adoptedFrom: string;
  entry: string;
  entryDate: string;
}
export interface MilestoneForm {
  status: string;
  notes: string;
  entry: string;
  entryDate: string;
}

const crumbs = (lang: string, t: (k: string) => string, code: string, label: string) => [
  { href: `/${lang}/programme`, label: t('programme.overview.title') },
  { href: `/${lang}/programme/municipalities/${code}`, label: municipalityName(code, lang as 'fi') },
  { label },
];

/** A dated entry for the plan's log, asked for by every form that changes an action or a milestone. */
function EntryFields({ form, errors }: { form: { entry: string; entryDate: string }; errors: FormError[] }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend className="label-bold">{t('programme.entry.legend')}</legend>
      <TextArea
        name="entry"
        label={t('programme.entry.text')}
        hint={t('programme.entry.hint')}
        value={form.entry}
        errors={errors}
        rows={3}
      />
      <TextField
        name="entry_date"
        type="date"
        label={t('programme.entry.date')}
        hint={t('programme.entry.date_hint')}
        value={form.entryDate}
        errors={errors}
        className="input-medium"
      />
    </fieldset>
  );
}

/** Save, or go back to the municipality's page. */
function SaveOrCancel({ code }: { code: string }) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <div className="form-actions">
      <button type="submit" className="button">
        {t('programme.save')}
      </button>
      <a href={`/${lang}/programme/municipalities/${code}`}>{t('programme.cancel')}</a>
    </div>
  );
}

export function ActionEditPage({
  action,
  code,
  ownCodes,
  form,
  errors,
  teams,
}: {
  action: ActionView;
  code: string;
  ownCodes: string[];
  form: ActionForm;
  errors: FormError[];
  /** The network's teams an owner may be chosen from. */
  teams: { id: string; name: string; organization: string }[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const others = sortedMunicipalities(lang).filter((m) => !ownCodes.includes(m.code));
  return (
    <>
      <Breadcrumbs items={crumbs(lang, t, code, action.title)} />
      <ErrorSummary errors={errors} />
      <h1>{t('programme.action.edit_title', { title: action.title })}</h1>
      <p className="lead">{t('programme.action.edit_lead')}</p>
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('programme.action.original')}</dt>
          <dd>
            <q lang={textLanguage(action.original)}>{action.original}</q>
          </dd>
        </div>
        {action.importedStatus ? (
          <div className="summary-row">
            <dt>{t('programme.action.imported_status')}</dt>
            <dd>{t(`programme.imported_status.${action.importedStatus}`)}</dd>
          </div>
        ) : null}
      </dl>
      <form method="post" action={`/${lang}/programme/actions/${action.id}/edit`} className="edit-form" noValidate>
        <CsrfField />
        <RadioField
          name="status"
          label={t('programme.status_label')}
          errors={errors}
          value={form.status}
          options={ACTION_STATUSES.map((s) => ({
            value: s,
            label: t(`programme.status.${s}`),
            hint: t(`programme.status_hint.${s}`),
          }))}
        />
        <SelectField
          name="area"
          label={t('programme.filter.area')}
          value={form.area}
          errors={errors}
          emptyLabel={t('programme.action.no_area')}
          options={LAPE_AREAS.map((a) => ({ value: a, label: t(`programme.area.${a}`) }))}
        />
        <SelectField
          name="owner_team_id"
          label={t('programme.action.owner_team_id')}
          value={form.ownerTeamId}
          errors={errors}
          emptyLabel={t('programme.action.owner_team_none')}
          options={teams.map((x) => ({ value: x.id, label: `${x.name} (${x.organization})` }))}
        />
        <TextField
          name="owner_team"
          label={t('programme.action.owner_team_other')}
          hint={t('programme.action.owner_team_hint')}
          value={form.ownerTeam}
          errors={errors}
        />
        <TextField
          name="progress"
          label={t('programme.action.progress_percent')}
          hint={t('programme.action.progress_hint')}
          value={form.progress}
          errors={errors}
          className="input-short"
          inputMode="numeric"
        />
        <TextArea
          name="evidence"
          label={t('programme.action.evidence')}
          hint={t('programme.action.evidence_hint')}
          value={form.evidence}
          errors={errors}
        />
        <TextArea name="notes" label={t('programme.action.notes')} value={form.notes} errors={errors} />
        <CheckboxesField
          name="spread_to"
          label={t('programme.action.spread_to')}
          hint={t('programme.action.spread_to_hint')}
          errors={errors}
          values={form.spreadTo}
          options={others.map((m) => ({ value: m.code, label: municipalityName(m.code, lang) }))}
        />
        <SelectField
          name="adopted_from"
          label={t('programme.action.adopted_from')}
          hint={t('programme.action.adopted_from_hint')}
          value={form.adoptedFrom}
          errors={errors}
          emptyLabel={t('programme.action.not_adopted')}
          options={others.map((m) => ({ value: m.code, label: municipalityName(m.code, lang) }))}
        />
        <EntryFields form={form} errors={errors} />
        <SaveOrCancel code={code} />
      </form>
      <Updates updates={action.updates} />
    </>
  );
}

export function MilestoneEditPage({
  milestone,
  code,
  form,
  errors,
}: {
  milestone: MilestoneView;
  code: string;
  form: MilestoneForm;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs items={crumbs(lang, t, code, t('programme.milestone.crumb', { year: milestone.year }))} />
      <ErrorSummary errors={errors} />
      <h1>{t('programme.milestone.edit_title', { year: milestone.year })}</h1>
      <p className="lead">
        <q lang={textLanguage(milestone.text)}>{milestone.text}</q>
      </p>
      <form
        method="post"
        action={`/${lang}/programme/milestones/${milestone.id}/edit`}
        className="edit-form"
        noValidate
      >
        <CsrfField />
        <RadioField
          name="status"
          label={t('programme.status_label')}
          errors={errors}
          value={form.status}
          options={MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`programme.milestone_status.${s}`) }))}
        />
        <TextArea name="notes" label={t('programme.action.notes')} value={form.notes} errors={errors} />
        <EntryFields form={form} errors={errors} />
        <SaveOrCancel code={code} />
      </form>
      <Updates updates={milestone.updates} />
    </>
  );
}

export function StructuralChangeEditPage({
  change,
  code,
  notes,
  errors,
}: {
  change: StructuralChangeView;
  code: string;
  notes: string;
  errors: FormError[];
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  return (
    <>
      <Breadcrumbs items={crumbs(lang, t, code, t('programme.structural.crumb'))} />
      <ErrorSummary errors={errors} />
      <h1>{t('programme.structural.edit_title')}</h1>
      <p className="lead">
        <q lang={textLanguage(change.text)}>{change.text}</q>
      </p>
      <form
        method="post"
        action={`/${lang}/programme/structural-changes/${change.id}/edit`}
        className="edit-form"
        noValidate
      >
        <CsrfField />
        <TextArea name="notes" label={t('programme.action.notes')} value={notes} errors={errors} />
        <SaveOrCancel code={code} />
      </form>
    </>
  );
}
