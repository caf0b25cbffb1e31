import {
  CheckboxesField,
  CsrfField,
  ErrorSummary,
  Notice,
  RadioField,
  TextField,
  TranslatedFields,
  type FormError,
} from '../../components/forms.js';
import { type Translated, LANGS } from '../../../core/shared/lang.js';
import { useTranslation } from '../../useTranslation.js';
import type { EditState, ServiceDraftData } from '../../../core/editing/types.js';
import { ACCESS, DELIVERY_MODES, FEES, LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import { pick } from '../../../core/shared/translated.js';
import { Breadcrumbs } from '../../components/common.js';
import { usePage } from '../../context.js';
import { formatDate, sortedMunicipalities } from '../../format.js';
import { ConflictPanel, type ConflictView } from './ConflictPanel.js';
import { DraftStatusLine, HoursRows, PhoneRows } from './parts.js';

export interface ServiceEditProps {
  state: EditState<ServiceDraftData>;
  /** What the form shows (the typed values after a failed save). */
  data: ServiceDraftData;
  errors: FormError[];
  locations: { id: string; name: Translated; street: Translated; city: Translated }[];
  action: string;
  notice?: string | null;
  /** Someone else saved meanwhile: their version beside what was typed. */
  conflict?: ConflictView | null;
}

export function ServiceEditPage({ state, data, errors, locations, action, notice, conflict }: ServiceEditProps) {
  const { t } = useTranslation();
  const { lang } = usePage();
  const ro = (f: string) => state.readOnlyFields.includes(f);
  /** A field that follows PTV: read-only, and says so. */
  const ptvField = (f: string) => (ro(f) ? { readOnly: true, readOnlyNote: t('editing.ptv_field') } : {});
  const isNew = !state.recordId;
  const title =
    isNew && !pick(data.name, lang)
      ? t('editing.service.new_title')
      : t('editing.service.edit_title', { name: pick(data.name, lang) || pick(state.published?.name, lang) });
  const base = `/${lang}/work/services/${state.ref}`;
  const ptv = state.source === 'ptv';
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
      {conflict ? (
        <ConflictPanel conflict={conflict} locationNames={Object.fromEntries(locations.map((l) => [l.id, l.name]))} />
      ) : null}
      {errors.length && state.draft && !conflict ? <p>{t('editing.saved_with_errors')}</p> : null}
      <DraftStatusLine draft={state.draft} />
      {!isNew ? (
        <p className="reviewed">
          {!state.lastReviewed
            ? t('editing.never_reviewed')
            : state.lastReviewedByName
              ? t('editing.last_reviewed', {
                  date: formatDate(state.lastReviewed, lang),
                  name: state.lastReviewedByName,
                })
              : t('editing.last_reviewed_on', { date: formatDate(state.lastReviewed, lang) })}
        </p>
      ) : null}
      {ptv ? (
        <div className="notice ptv-notice" role="note">
          <p>{t('editing.service.ptv_notice')}</p>
        </div>
      ) : null}
      {state.ref ? (
        <ul className="action-links">
          <li>
            <a href={`${base}/preview`}>{t('editing.preview_link')}</a>
          </li>
          {state.draft ? (
            <li>
              <a href={`${base}/changes`}>{t('editing.changes_link')}</a>
            </li>
          ) : null}
          {state.recordId ? (
            <li>
              <a href={`/${lang}/services/${state.recordId}`}>{t('editing.public_page_link')}</a>
            </li>
          ) : null}
        </ul>
      ) : null}

      <form method="post" action={action} noValidate className="edit-form">
        <CsrfField />
        {state.ref ? <input type="hidden" name="version" value={state.version} /> : null}
        <h2>{t('editing.section.basics')}</h2>
        <TranslatedFields
          name="name"
          label={t('editing.field.name')}
          hint={t('editing.hint.name')}
          value={data.name}
          errors={errors}
          {...ptvField('name')}
        />
        <TranslatedFields
          name="summary"
          label={t('editing.field.summary')}
          hint={t('editing.hint.summary')}
          value={data.summary}
          errors={errors}
          multiline
          {...ptvField('summary')}
        />
        <TranslatedFields
          name="description"
          label={t('editing.field.description')}
          hint={t('editing.hint.description')}
          value={data.description}
          errors={errors}
          multiline
          {...ptvField('description')}
        />

        <h2>{t('editing.section.for_whom')}</h2>
        <CheckboxesField
          name="lifeSituations"
          label={t('editing.field.lifeSituations')}
          hint={ptv ? t('editing.hint.life_situations_ptv') : t('editing.hint.life_situations')}
          options={LIFE_SITUATIONS.map((c) => ({
            value: c,
            label: t(`life_situation.${c}`),
            locked: state.ptvLifeSituations.includes(c),
          }))}
          values={data.lifeSituations}
          errors={errors}
          lockedNote={t('editing.from_ptv')}
          columns
        />
        <div className="age-pair">
          <TextField
            autoComplete="off"
            name="ageMin"
            label={t('editing.field.ageMin')}
            value={data.ageMin}
            errors={errors}
            className="input-short"
            inputMode="numeric"
            {...ptvField('ageMin')}
          />
          <TextField
            autoComplete="off"
            name="ageMax"
            label={t('editing.field.ageMax')}
            value={data.ageMax}
            errors={errors}
            className="input-short"
            inputMode="numeric"
            {...ptvField('ageMax')}
          />
        </div>
        <p className="hint">{t('editing.hint.age')}</p>
        <CheckboxesField
          name="areas"
          label={t('editing.field.areas')}
          hint={t('editing.hint.areas')}
          options={sortedMunicipalities(lang).map((m) => ({
            value: m.code,
            label: lang === 'sv' ? m.name.sv : m.name.fi,
          }))}
          values={data.areas}
          errors={errors}
          {...ptvField('areas')}
          columns
        />

        <h2>{t('editing.section.how')}</h2>
        <CheckboxesField
          name="languages"
          label={t('editing.field.languages')}
          hint={t('editing.hint.languages')}
          options={LANGS.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          values={data.languages}
          errors={errors}
          {...ptvField('languages')}
        />
        <CheckboxesField
          name="modes"
          label={t('editing.field.modes')}
          options={DELIVERY_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
          values={data.modes}
          errors={errors}
          {...ptvField('modes')}
        />
        <RadioField
          name="fee"
          label={t('editing.field.fee')}
          options={FEES.map((f) => ({ value: f, label: t(`fee.${f}`) }))}
          value={data.fee}
          errors={errors}
          {...ptvField('fee')}
        />
        <TranslatedFields
          name="feeNote"
          label={t('editing.field.feeNote')}
          hint={t('editing.hint.fee_note')}
          value={data.feeNote}
          errors={errors}
          {...ptvField('feeNote')}
        />
        <RadioField
          name="access"
          label={t('editing.field.access')}
          options={ACCESS.map((a) => ({ value: a, label: t(`access.${a}`) }))}
          value={data.access}
          errors={errors}
          {...ptvField('access')}
        />
        <TranslatedFields
          name="accessNote"
          label={t('editing.field.accessNote')}
          hint={t('editing.hint.access_note')}
          value={data.accessNote}
          errors={errors}
          {...ptvField('accessNote')}
        />
        <HoursRows
          name="hours"
          label={t('editing.field.hours')}
          rows={data.hours}
          errors={errors}
          readOnly={ro('hours')}
        />

        <h2>{t('editing.section.contact')}</h2>
        <PhoneRows
          name="phones"
          label={t('editing.field.phones')}
          rows={data.phones}
          errors={errors}
          readOnly={ro('phones')}
        />
        <TextField
          autoComplete="off"
          name="email"
          type="email"
          label={t('editing.field.email')}
          value={data.email}
          errors={errors}
          {...ptvField('email')}
          inputMode="email"
        />
        <TextField
          autoComplete="off"
          name="url"
          type="url"
          label={t('editing.field.url')}
          hint={t('editing.hint.url')}
          value={data.url}
          errors={errors}
          {...ptvField('url')}
          inputMode="url"
        />
        <CheckboxesField
          name="locations"
          label={t('editing.field.locations')}
          hint={locations.length ? t('editing.hint.locations') : t('editing.hint.no_locations')}
          options={locations.map((l) => ({
            value: l.id,
            label: (
              <>
                {pick(l.name, lang)}
                {pick(l.street, lang) ? `, ${pick(l.street, lang)}` : ''}
                {pick(l.city, lang) ? `, ${pick(l.city, lang)}` : ''}
              </>
            ),
          }))}
          values={data.locations}
          errors={errors}
          {...ptvField('locations')}
        />
        <p>
          <a href={`/${lang}/work/locations/new?organization=${state.organizationId}`}>
            {t('editing.location.new_link')}
          </a>
        </p>

        <h2>{t('editing.section.network')}</h2>
        <TranslatedFields
          name="networkNote"
          label={t('editing.field.networkNote')}
          hint={t('editing.hint.network_note')}
          value={data.networkNote}
          errors={errors}
          multiline
        />

        <div className="form-actions">
          <button type="submit" name="action" value="save" className="button">
            {t('editing.save_draft')}
          </button>
          <button type="submit" name="action" value="preview" className="button button-secondary">
            {t('editing.save_and_preview')}
          </button>
          <button type="submit" name="action" value="changes" className="button button-secondary">
            {t('editing.save_and_review')}
          </button>
        </div>
      </form>
    </>
  );
}
