import {
  CsrfField,
  domId,
  ErrorSummary,
  Notice,
  SelectField,
  TextField,
  TranslatedFields,
  type FormError,
} from '../../components/forms.js';
import { useTranslation } from '../../useTranslation.js';
import type { EditState, LocationDraftData } from '../../../core/editing/types.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs } from '../../components/common.js';
import { usePage } from '../../context.js';
import { sortedMunicipalities } from '../../format.js';
import { ConflictPanel, type ConflictView } from './ConflictPanel.js';
import { DraftStatusLine, HoursRows } from './parts.js';

export interface LocationEditProps {
  state: EditState<LocationDraftData>;
  data: LocationDraftData;
  errors: FormError[];
  action: string;
  notice?: string | null;
  /** Someone else saved meanwhile: their version beside what was typed. */
  conflict?: ConflictView | null;
}

export function LocationEditPage({ state, data, errors, action, notice, conflict }: LocationEditProps) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const ptv = state.source === 'ptv';
  const title =
    !state.recordId && !pick(data.name, lang)
      ? t('editing.location.new_title')
      : t('editing.location.edit_title', { name: pick(data.name, lang) || pick(state.published?.name, lang) });
  /** A PTV location follows PTV: every field read-only, and says so. */
  const ptvField = ptv ? { readOnly: true, readOnlyNote: t('editing.ptv_field') } : {};
  const municipalities = sortedMunicipalities(lang).map((m) => ({
    value: m.code,
    label: lang === 'sv' ? m.name.sv : m.name.fi,
  }));
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/${lang}/work`, label: t('work.title') },
          { href: `/${lang}/work/services`, label: t('editing.services.title') },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <p className="lead-org">{pick(state.organizationName, lang)}</p>
      {notice ? <Notice kind="success">{t(`editing.notice.${notice}`)}</Notice> : null}
      <ErrorSummary errors={errors} />
      {conflict ? <ConflictPanel conflict={conflict} /> : null}
      {errors.length && state.draft && !conflict ? <p>{t('editing.saved_with_errors')}</p> : null}
      <DraftStatusLine draft={state.draft} />
      {ptv ? (
        <div className="notice ptv-notice" role="note">
          <p>{t('editing.location.ptv_notice')}</p>
        </div>
      ) : null}
      {state.draft ? (
        <ul className="action-links">
          <li>
            <a href={`/${lang}/work/locations/${state.ref}/changes`}>{t('editing.changes_link')}</a>
          </li>
        </ul>
      ) : null}
      <form method="post" action={action} noValidate className="edit-form">
        <CsrfField />
        {state.ref ? <input type="hidden" name="version" value={state.version} /> : null}
        <TranslatedFields
          name="name"
          label={t('editing.field.location_name')}
          hint={t('editing.hint.location_name')}
          value={data.name}
          errors={errors}
          {...ptvField}
        />
        <TranslatedFields
          name="street"
          label={t('editing.field.street')}
          value={data.street}
          errors={errors}
          {...ptvField}
          langs={['fi', 'sv']}
        />
        <TextField
          autoComplete="off"
          name="postalCode"
          label={t('editing.field.postalCode')}
          value={data.postalCode}
          errors={errors}
          className="input-short"
          inputMode="numeric"
          {...ptvField}
        />
        <TranslatedFields
          name="city"
          label={t('editing.field.city')}
          value={data.city}
          errors={errors}
          {...ptvField}
          langs={['fi', 'sv']}
        />
        {ptv ? (
          <TextField
            name="municipalityCode"
            label={t('editing.field.municipalityCode')}
            value={municipalities.find((m) => m.value === data.municipalityCode)?.label ?? data.municipalityCode}
            errors={errors}
            {...ptvField}
          />
        ) : (
          <SelectField
            name="municipalityCode"
            label={t('editing.field.municipalityCode')}
            options={municipalities}
            value={data.municipalityCode}
            emptyLabel={t('editing.choose')}
            errors={errors}
          />
        )}
        <fieldset className="field" id={domId('coordinates')}>
          <legend className="label-bold">{t('editing.field.coordinates')}</legend>
          <p className="hint">{t('editing.hint.coordinates')}</p>
          <div className="time-pair">
            <TextField
              autoComplete="off"
              name="lat"
              label={t('editing.field.lat')}
              value={data.lat}
              errors={errors}
              className="input-medium"
              inputMode="decimal"
              {...ptvField}
            />
            <TextField
              autoComplete="off"
              name="lon"
              label={t('editing.field.lon')}
              value={data.lon}
              errors={errors}
              className="input-medium"
              inputMode="decimal"
              {...ptvField}
            />
          </div>
        </fieldset>
        <TranslatedFields
          name="accessibility"
          label={t('editing.field.accessibility')}
          hint={t('editing.hint.accessibility')}
          value={data.accessibility}
          errors={errors}
          multiline
          {...ptvField}
        />
        <HoursRows
          name="hours"
          label={t('editing.field.location_hours')}
          rows={data.hours}
          errors={errors}
          readOnly={ptv}
        />
        {ptv ? null : (
          <div className="form-actions">
            <button type="submit" name="action" value="save" className="button">
              {t('editing.save_draft')}
            </button>
            <button type="submit" name="action" value="changes" className="button button-secondary">
              {t('editing.save_and_review')}
            </button>
          </div>
        )}
      </form>
    </>
  );
}
