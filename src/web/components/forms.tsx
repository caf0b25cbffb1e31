/**
 * The one set of form parts (GOV.UK patterns): a label, a hint, the error beside the field, the control; an
 * error summary at the top that links to each field. Every form of the site uses these, with the same field
 * naming: `name`, repeated `name` for choices, `name.fi` / `name.sv` / `name.en` for translated text, and
 * `rows[0].field` for rows. A field's element id is `domId(name)`, which the error summary links to; the server
 * maps its problems to the same ids (http/errors.ts `formErrors`).
 */
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from '../useTranslation.js';
import { LANGS, type Lang, type Translated } from '../../core/shared/lang.js';
import { usePage } from '../context.js';

/** A problem of a posted form, linked to its field by element id ('' for the form as a whole). */
export interface FormError {
  field: string;
  message: string;
}

/** The element id of a field name: "hours[0].opens" → "hours-0-opens", "name.fi" → "name-fi". */
export const domId = (name: string) =>
  name
    .replace(/\[(\d+)\]\.?/g, '-$1-')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+$/, '');

export const errorFor = (errors: FormError[] | undefined, id: string) => errors?.find((e) => e.field === id);

/** The hidden CSRF token every state-changing form carries. */
export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

/** At the top of a form that was refused: every problem, each a link to its field (role alert: it is announced). */
export function ErrorSummary({ errors }: { errors: FormError[] }) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t('form.error_summary_title')}</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.field}-${i}`}>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** A short confirmation or information box shown after an action. */
export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' }) {
  return (
    <div className={kind === 'success' ? 'notice notice-success' : 'notice'} role="status">
      {children}
    </div>
  );
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

interface Common {
  name: string;
  /** The element id, when it must differ from domId(name). */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FormError[];
  /** Shown under the label when the field cannot be changed here (e.g. it follows PTV). */
  readOnlyNote?: ReactNode;
}

/** The hint, read-only note and error of a field, and the ids that tie them to its control. */
function useField({ name, id: given, hint, errors, readOnlyNote }: Common) {
  const id = given ?? domId(name);
  const error = errorFor(errors, id);
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : '', readOnlyNote ? `${id}-ro` : ''].filter(Boolean).join(' ') ||
    undefined;
  const extras = (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {readOnlyNote ? (
        <p className="hint ptv-note" id={`${id}-ro`}>
          {readOnlyNote}
        </p>
      ) : null}
      <ErrorLine id={id} error={error} />
    </>
  );
  return { id, error, describedBy, extras, fieldClass: `field${error ? ' field-error' : ''}` };
}

type InputProps = Common & { value?: string } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'id' | 'name' | 'value' | 'defaultValue'
  >;

/** A labelled text input (or e-mail, date, number… through `type`). */
export function TextField({ name, id, label, hint, errors, readOnlyNote, value, className, ...input }: InputProps) {
  const f = useField({ name, id, label, hint, errors, readOnlyNote });
  return (
    <div className={f.fieldClass}>
      <label className="label-bold" htmlFor={f.id}>
        {label}
      </label>
      {f.extras}
      <input
        type="text"
        {...input}
        id={f.id}
        name={input.readOnly ? undefined : name}
        defaultValue={value}
        className={`${className ?? 'input-wide'}${f.error ? ' input-error' : ''}`}
        aria-describedby={f.describedBy}
        aria-invalid={f.error ? true : undefined}
      />
    </div>
  );
}

type AreaProps = Common & { value?: string } & Omit<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    'id' | 'name' | 'value' | 'defaultValue'
  >;

/** A labelled text area (4 rows unless told). */
export function TextArea({
  name,
  id,
  label,
  hint,
  errors,
  readOnlyNote,
  value,
  className,
  rows = 4,
  ...rest
}: AreaProps) {
  const f = useField({ name, id, label, hint, errors, readOnlyNote });
  return (
    <div className={f.fieldClass}>
      <label className="label-bold" htmlFor={f.id}>
        {label}
      </label>
      {f.extras}
      <textarea
        {...rest}
        id={f.id}
        name={rest.readOnly ? undefined : name}
        rows={rows}
        defaultValue={value}
        className={`${className ?? 'input-wide'}${f.error ? ' input-error' : ''}`}
        aria-describedby={f.describedBy}
        aria-invalid={f.error ? true : undefined}
      />
    </div>
  );
}

const LANG_LABEL_KEY: Record<Lang, string> = { fi: 'form.in_lang.fi', sv: 'form.in_lang.sv', en: 'form.in_lang.en' };

/**
 * One text in Finnish, Swedish and English side by side (Finnish and Swedish equal, English third), posted as
 * `name.fi`, `name.sv`, `name.en`. A problem with the whole text is on `name`; with one language on `name.fi`.
 */
export function TranslatedFields({
  name,
  label,
  hint,
  value,
  errors,
  multiline,
  readOnly,
  readOnlyNote,
  langs = LANGS,
}: Omit<Common, 'id'> & {
  value: Translated;
  multiline?: boolean;
  readOnly?: boolean;
  langs?: readonly Lang[];
}) {
  const { t } = useTranslation();
  const f = useField({ name, label, hint, errors, readOnlyNote });
  return (
    <fieldset className={`${f.fieldClass} translated`} id={f.id} aria-describedby={f.describedBy}>
      <legend className="label-bold">{label}</legend>
      {f.extras}
      <div className="lang-columns">
        {langs.map((l) => {
          const inputId = `${f.id}-${l}`;
          const own = errorFor(errors, inputId);
          const invalid = f.error || own ? true : undefined;
          const common = {
            id: inputId,
            name: readOnly ? undefined : `${name}.${l}`,
            lang: l,
            defaultValue: value[l] ?? '',
            readOnly,
            'aria-invalid': invalid,
            'aria-describedby': own ? `${inputId}-error` : undefined,
            className: invalid ? 'input-error' : undefined,
          };
          return (
            <div key={l} className="lang-column">
              <label htmlFor={inputId}>{t(LANG_LABEL_KEY[l])}</label>
              <ErrorLine id={inputId} error={own} />
              {multiline ? <textarea rows={5} {...common} /> : <input type="text" {...common} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Chosen and not changeable here (e.g. set by PTV). */
  locked?: boolean;
}

/** A labelled select; `emptyLabel` adds a first option with no value. */
export function SelectField({
  name,
  id,
  label,
  hint,
  errors,
  options,
  value,
  emptyLabel,
}: Common & { options: { value: string; label: string }[]; value: string; emptyLabel?: string }) {
  const f = useField({ name, id, label, hint, errors });
  return (
    <div className={f.fieldClass}>
      <label className="label-bold" htmlFor={f.id}>
        {label}
      </label>
      {f.extras}
      <select
        id={f.id}
        name={name}
        defaultValue={value}
        aria-describedby={f.describedBy}
        aria-invalid={f.error ? true : undefined}
        className={f.error ? 'input-error' : undefined}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Radios (one) or checkboxes (many) in a fieldset. The first option carries the field's id, so the error
 * summary's link lands on a control (GOV.UK). A locked option stays chosen and is not posted (`lockedNote` says why).
 */
function Choices({
  type,
  name,
  label,
  hint,
  errors,
  readOnlyNote,
  options,
  chosen,
  readOnly,
  lockedNote,
  columns,
}: Omit<Common, 'id'> & {
  type: 'radio' | 'checkbox';
  options: Option[];
  chosen: string[];
  readOnly?: boolean;
  lockedNote?: ReactNode;
  columns?: boolean;
}) {
  const f = useField({ name, label, hint, errors, readOnlyNote });
  return (
    <fieldset className={`${f.fieldClass} choices`} aria-describedby={f.describedBy}>
      <legend className="label-bold">{label}</legend>
      {f.extras}
      <ul className={columns ? 'plain choice-columns' : 'plain'}>
        {options.map((o, i) => {
          const optId = i === 0 ? f.id : `${f.id}-${domId(o.value || 'none')}`;
          const disabled = readOnly || o.locked;
          return (
            <li key={o.value} className="checkbox">
              <input
                type={type}
                id={optId}
                name={disabled ? undefined : name}
                value={o.value}
                defaultChecked={chosen.includes(o.value)}
                disabled={disabled}
                aria-describedby={o.hint ? `${optId}-item-hint` : undefined}
              />
              <label htmlFor={optId}>
                {o.label}
                {o.hint ? (
                  <span className="hint item-hint" id={`${optId}-item-hint`}>
                    {o.hint}
                  </span>
                ) : null}
                {o.locked && lockedNote ? <span className="hint"> {lockedNote}</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** Radio buttons: one of the options. */
export function RadioField(
  props: Omit<Common, 'id'> & { options: Option[]; value: string; readOnly?: boolean; columns?: boolean },
) {
  const { value, ...rest } = props;
  return <Choices type="radio" chosen={[value]} {...rest} />;
}

/** Checkboxes: any of the options, posted as the same name repeated. */
export function CheckboxesField(
  props: Omit<Common, 'id'> & {
    options: Option[];
    values: string[];
    readOnly?: boolean;
    lockedNote?: ReactNode;
    columns?: boolean;
  },
) {
  const { values, ...rest } = props;
  return <Choices type="checkbox" chosen={values} {...rest} />;
}
