/** Parts of the editing forms built on the site's form parts: rows of opening hours and phones, the draft's status. */
import { domId, errorFor, TextField, TranslatedFields, type FormError } from '../../components/forms.js';
import type { ReactNode } from 'react';
import { useTranslation } from '../../useTranslation.js';
import type { DraftStatus, HoursRow, PhoneRow } from '../../../core/editing/types.js';
import { WEEKDAYS } from '../../../core/directory/vocabulary.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';

/** Rows of opening hours: days, opens, closes and a note; a few empty rows to add more without JavaScript. */
export function HoursRows({
  name,
  label,
  rows,
  errors,
  readOnly,
  extra = 2,
}: {
  name: string;
  label: ReactNode;
  rows: HoursRow[];
  errors: FormError[];
  readOnly?: boolean;
  extra?: number;
}) {
  const { t } = useTranslation();
  const note = readOnly ? t('editing.ptv_field') : undefined;
  const all: HoursRow[] = [
    ...rows,
    ...Array.from({ length: readOnly ? 0 : extra }, () => ({ days: [], opens: '', closes: '', note: {} })),
  ];
  return (
    <fieldset className="field rows" id={domId(name)}>
      <legend className="label-bold">{label}</legend>
      <p className="hint">{readOnly ? t('editing.ptv_field') : t('editing.hours_hint')}</p>
      {all.map((h, i) => {
        const p = `${name}[${i}]`;
        const daysId = domId(`${p}.days`);
        const dayError = errorFor(errors, daysId);
        return (
          <fieldset key={i} className="row-group" id={daysId}>
            <legend>{t('editing.hours_row', { n: i + 1 })}</legend>
            {dayError ? (
              <p className="error-message" id={`${daysId}-error`}>
                <span className="visually-hidden">{t('form.error_prefix')} </span>
                {dayError.message}
              </p>
            ) : null}
            <ul className="plain days">
              {WEEKDAYS.map((d) => (
                <li key={d} className="checkbox">
                  <input
                    type="checkbox"
                    id={`${daysId}-${d}`}
                    name={readOnly ? undefined : `${p}.days`}
                    value={d}
                    defaultChecked={h.days.includes(d)}
                    disabled={readOnly}
                  />
                  <label htmlFor={`${daysId}-${d}`}>{t(`editing.day.${d}`)}</label>
                </li>
              ))}
            </ul>
            <div className="time-pair">
              <TextField
                name={`${p}.opens`}
                label={t('editing.opens')}
                value={h.opens}
                errors={errors}
                className="input-time"
                readOnly={readOnly}
                readOnlyNote={note}
                autoComplete="off"
              />
              <TextField
                name={`${p}.closes`}
                label={t('editing.closes')}
                value={h.closes}
                errors={errors}
                className="input-time"
                readOnly={readOnly}
                readOnlyNote={note}
                autoComplete="off"
              />
            </div>
            <TranslatedFields
              name={`${p}.note`}
              label={t('editing.hours_note')}
              value={h.note}
              errors={errors}
              readOnly={readOnly}
              readOnlyNote={note}
            />
            {h.validFrom && !readOnly ? <input type="hidden" name={`${p}.validFrom`} value={h.validFrom} /> : null}
            {h.validTo && !readOnly ? <input type="hidden" name={`${p}.validTo`} value={h.validTo} /> : null}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

export function PhoneRows({
  name,
  label,
  rows,
  errors,
  readOnly,
  extra = 1,
}: {
  name: string;
  label: ReactNode;
  rows: PhoneRow[];
  errors: FormError[];
  readOnly?: boolean;
  extra?: number;
}) {
  const { t } = useTranslation();
  const note = readOnly ? t('editing.ptv_field') : undefined;
  const all: PhoneRow[] = [...rows, ...Array.from({ length: readOnly ? 0 : extra }, () => ({ number: '', note: {} }))];
  return (
    <fieldset className="field rows" id={domId(name)}>
      <legend className="label-bold">{label}</legend>
      {readOnly ? (
        <p className="hint ptv-note">{t('editing.ptv_field')}</p>
      ) : (
        <p className="hint">{t('editing.phones_hint')}</p>
      )}
      {all.map((p, i) => (
        <fieldset key={i} className="row-group">
          <legend>{t('editing.phone_row', { n: i + 1 })}</legend>
          <TextField
            name={`${name}[${i}].number`}
            label={t('editing.field.phone_number')}
            value={p.number}
            errors={errors}
            type="tel"
            className="input-medium"
            readOnly={readOnly}
            readOnlyNote={note}
            autoComplete="off"
          />
          <TranslatedFields
            name={`${name}[${i}].note`}
            label={t('editing.field.phone_note')}
            value={p.note}
            errors={errors}
            readOnly={readOnly}
            readOnlyNote={note}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

/** "Draft saved 23.11.2026 14.05 by Eeva (waiting for publishing)". */
export function DraftStatusLine({
  draft,
}: {
  draft: { status: DraftStatus; updatedAt: Date; updatedByName: string | null; submittedByName?: string | null } | null;
}) {
  const { t } = useTranslation();
  const { lang } = usePage();
  if (!draft) return <p className="draft-status">{t('editing.status.no_draft')}</p>;
  return (
    <p className="draft-status">
      <strong className={`tag tag-${draft.status}`}>{t(`editing.status.${draft.status}`)}</strong>{' '}
      {t('editing.status.saved_by', { when: formatDateTime(draft.updatedAt, lang), name: draft.updatedByName ?? '–' })}
      {draft.status === 'submitted' && draft.submittedByName
        ? ` ${t('editing.status.submitted_by', { name: draft.submittedByName })}`
        : ''}
    </p>
  );
}
