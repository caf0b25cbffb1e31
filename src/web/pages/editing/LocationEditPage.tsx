import { ErrorSummary, type FormError, CsrfField, Notice, errorFor } from '../../components/forms.js';
import { useTranslation } from 'react-i18next';
import type { EditState, LocationDraftData } from '../../../core/editing/types.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs } from '../../components/common.js';
import { usePage } from '../../context.js';
import { sortedMunicipalities } from '../../format.js';
import { domId, DraftStatusLine, HoursRows, PlainField, TranslatedField } from './parts.js';

export interface LocationEditProps {
  state: EditState<LocationDraftData>;
  data: LocationDraftData;
  errors: FormError[];
  action: string;
  notice?: string | null;
}

export function LocationEditPage({ state, data, errors, action, notice }: LocationEditProps) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const ptv = state.source === 'ptv';
  const title =
    !state.recordId && !pick(data.name, lang)
      ? t('editing.location.new_title')
      : t('editing.location.edit_title', { name: pick(data.name, lang) || pick(state.published?.name, lang) });
  const muniError = errorFor(errors, 'municipalityCode');
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
      {errors.length && state.draft ? <p>{t('editing.saved_with_errors')}</p> : null}
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
        <TranslatedField
          name="name"
          label={t('editing.field.location_name')}
          hint={t('editing.hint.location_name')}
          value={data.name}
          errors={errors}
          readOnly={ptv}
        />
        <TranslatedField
          name="street"
          label={t('editing.field.street')}
          value={data.street}
          errors={errors}
          readOnly={ptv}
          langs={['fi', 'sv']}
        />
        <PlainField
          name="postalCode"
          label={t('editing.field.postalCode')}
          value={data.postalCode}
          errors={errors}
          className="input-short"
          inputMode="numeric"
          readOnly={ptv}
        />
        <TranslatedField
          name="city"
          label={t('editing.field.city')}
          value={data.city}
          errors={errors}
          readOnly={ptv}
          langs={['fi', 'sv']}
        />
        <div className={`field${muniError ? ' field-error' : ''}`}>
          <label className="label-bold" htmlFor="municipalityCode">
            {t('editing.field.municipalityCode')}
          </label>
          {muniError ? (
            <p className="error-message" id="municipalityCode-error">
              <span className="visually-hidden">{t('form.error_prefix')} </span>
              {muniError.message}
            </p>
          ) : null}
          <select
            id="municipalityCode"
            name={ptv ? undefined : 'municipalityCode'}
            defaultValue={data.municipalityCode}
            disabled={ptv}
            aria-describedby={muniError ? 'municipalityCode-error' : undefined}
          >
            <option value="">{t('editing.choose')}</option>
            {sortedMunicipalities(lang).map((m) => (
              <option key={m.code} value={m.code}>
                {lang === 'sv' ? m.name.sv : m.name.fi}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field" id={domId('coordinates')}>
          <legend className="label-bold">{t('editing.field.coordinates')}</legend>
          <p className="hint">{t('editing.hint.coordinates')}</p>
          <div className="time-pair">
            <PlainField
              name="lat"
              label={t('editing.field.lat')}
              value={data.lat}
              errors={errors}
              className="input-medium"
              inputMode="decimal"
              readOnly={ptv}
            />
            <PlainField
              name="lon"
              label={t('editing.field.lon')}
              value={data.lon}
              errors={errors}
              className="input-medium"
              inputMode="decimal"
              readOnly={ptv}
            />
          </div>
        </fieldset>
        <TranslatedField
          name="accessibility"
          label={t('editing.field.accessibility')}
          hint={t('editing.hint.accessibility')}
          value={data.accessibility}
          errors={errors}
          multiline
          readOnly={ptv}
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
