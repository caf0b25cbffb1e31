/** Parts of the editing forms: text in fi | sv | en side by side, choices, rows of opening hours and phones. */
import { type FormError, errorFor } from '../../components/forms.js';
import { type Translated, LANGS, type Lang } from '../../../core/shared/lang.js';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftError, DraftStatus, HoursRow, PhoneRow } from '../../../core/editing/types.js';
import { WEEKDAYS } from '../../../core/directory/vocabulary.js';
import { usePage } from '../../context.js';
import { formatDateTime } from '../../format.js';

/** The element id of a field path: "hours[0].opens" → "hours-0-opens". */
export const domId = (path: string) =>
  path
    .replace(/\[(\d+)\]\.?/g, '-$1-')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+$/, '');

/** The path without row numbers, for messages: "hours[0].opens" → "hours.opens". */
const messageBase = (path: string) => path.replace(/\[\d+\]/g, '');

/** A draft problem in the reader's language. */
export function draftErrorMessage(t: TFunction, e: DraftError): string {
  const base = messageBase(e.field);
  return t([`editing.error.${base}.${e.code}`, `editing.error.${e.code}`, 'editing.error.invalid'], {
    value: '',
    ...(e.params ?? {}),
  });
}

/** Draft problems as form errors (linking to the fields). */
export function formErrors(t: TFunction, errors: DraftError[]): FormError[] {
  const seen = new Set<string>();
  return errors.flatMap((e) => {
    const id = domId(e.field);
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ field: id, message: draftErrorMessage(t, e) }];
  });
}

function ErrorLine({ id, error }: { id: string; error: FormError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">{t('form.error_prefix')} </span>
      {error.message}
    </p>
  );
}

const LANG_LABEL_KEY: Record<Lang, string> = {
  fi: 'editing.in_lang.fi',
  sv: 'editing.in_lang.sv',
  en: 'editing.in_lang.en',
};

/** One text field in Finnish, Swedish and English side by side (read-only when it comes from PTV). */
export function TranslatedField({
  name,
  label,
  hint,
  value,
  errors,
  multiline,
  readOnly,
  langs = LANGS,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value: Translated;
  errors: FormError[];
  multiline?: boolean;
  readOnly?: boolean;
  langs?: readonly Lang[];
}) {
  const { t } = useTranslation();
  const id = domId(name);
  const error = errorFor(errors, id);
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : '', readOnly ? `${id}-ro` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <fieldset className={`field translated${error ? ' field-error' : ''}`} id={id} aria-describedby={described}>
      <legend className="label-bold">{label}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {readOnly ? (
        <p className="hint ptv-note" id={`${id}-ro`}>
          {t('editing.ptv_field')}
        </p>
      ) : null}
      <ErrorLine id={id} error={error} />
      <div className="lang-columns">
        {langs.map((l) => {
          const inputId = `${id}-${l}`;
          const common = {
            id: inputId,
            name: readOnly ? undefined : `${name}.${l}`,
            lang: l,
            defaultValue: value[l] ?? '',
            readOnly,
            'aria-invalid': error ? true : undefined,
            className: error ? 'input-error' : undefined,
          };
          return (
            <div key={l} className="lang-column">
              <label htmlFor={inputId}>{t(LANG_LABEL_KEY[l])}</label>
              {multiline ? <textarea rows={5} {...common} /> : <input type="text" {...common} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A plain text input with label, hint and error. */
export function PlainField({
  name,
  label,
  hint,
  value,
  errors,
  type = 'text',
  className = 'input-wide',
  readOnly,
  inputMode,
  autoComplete,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  errors: FormError[];
  type?: string;
  className?: string;
  readOnly?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'email' | 'url' | 'tel';
  autoComplete?: string;
}) {
  const { t } = useTranslation();
  const id = domId(name);
  const error = errorFor(errors, id);
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : '', readOnly ? `${id}-ro` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label className="label-bold" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {readOnly ? (
        <p className="hint ptv-note" id={`${id}-ro`}>
          {t('editing.ptv_field')}
        </p>
      ) : null}
      <ErrorLine id={id} error={error} />
      <input
        type={type}
        id={id}
        name={readOnly ? undefined : name}
        defaultValue={value}
        readOnly={readOnly}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        className={`${className}${error ? ' input-error' : ''}`}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/** Checkboxes (many) or radio buttons (one) in a fieldset. Disabled choices stay chosen (PTV's own). */
export function ChoiceGroup({
  name,
  label,
  hint,
  options,
  selected,
  errors,
  type = 'checkbox',
  readOnly,
  locked = [],
  columns,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: ReactNode }[];
  selected: string[];
  errors: FormError[];
  type?: 'checkbox' | 'radio';
  readOnly?: boolean;
  locked?: string[];
  columns?: boolean;
}) {
  const { t } = useTranslation();
  const id = domId(name);
  const error = errorFor(errors, id);
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : '', readOnly ? `${id}-ro` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <fieldset className={`field choices${error ? ' field-error' : ''}`} id={id} aria-describedby={described}>
      <legend className="label-bold">{label}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {readOnly ? (
        <p className="hint ptv-note" id={`${id}-ro`}>
          {t('editing.ptv_field')}
        </p>
      ) : null}
      <ErrorLine id={id} error={error} />
      <ul className={columns ? 'plain choice-columns' : 'plain'}>
        {options.map((o) => {
          const optId = `${id}-${o.value}`;
          const isLocked = locked.includes(o.value);
          const disabled = readOnly || isLocked;
          return (
            <li key={o.value} className="checkbox">
              <input
                type={type}
                id={optId}
                name={disabled ? undefined : name}
                value={o.value}
                defaultChecked={selected.includes(o.value)}
                disabled={disabled}
              />
              <label htmlFor={optId}>
                {o.label}
                {isLocked ? <span className="hint"> {t('editing.from_ptv')}</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

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
            <ErrorLine id={daysId} error={dayError} />
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
              <PlainField
                name={`${p}.opens`}
                label={t('editing.opens')}
                value={h.opens}
                errors={errors}
                className="input-time"
                readOnly={readOnly}
              />
              <PlainField
                name={`${p}.closes`}
                label={t('editing.closes')}
                value={h.closes}
                errors={errors}
                className="input-time"
                readOnly={readOnly}
              />
            </div>
            <TranslatedField
              name={`${p}.note`}
              label={t('editing.hours_note')}
              value={h.note}
              errors={errors}
              readOnly={readOnly}
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
          <PlainField
            name={`${name}[${i}].number`}
            label={t('editing.field.phone_number')}
            value={p.number}
            errors={errors}
            type="tel"
            className="input-medium"
            readOnly={readOnly}
            autoComplete="off"
          />
          <TranslatedField
            name={`${name}[${i}].note`}
            label={t('editing.field.phone_note')}
            value={p.note}
            errors={errors}
            readOnly={readOnly}
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
