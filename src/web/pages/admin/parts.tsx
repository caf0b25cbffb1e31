/** Form parts of the administration, directory and audit pages (GOV.UK patterns: label, hint, error, input). */
import { type FormError, CsrfField, errorFor } from '../../components/forms.js';
import type { Translated } from '../../../core/shared/lang.js';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function FieldError({ id, errors }: { id: string; errors?: FormError[] }) {
  const { t } = useTranslation();
  const error = errorFor(errors, id);
  return error ? (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">{t('form.error_prefix')} </span>
      {error.message}
    </p>
  ) : null;
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function SelectField({
  name,
  id = name,
  label,
  hint,
  errors,
  options,
  value,
  emptyLabel,
}: {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FormError[];
  options: Option[];
  value: string;
  emptyLabel?: string;
}) {
  const error = errorFor(errors, id);
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
      <FieldError id={id} errors={errors} />
      <select
        id={id}
        name={name}
        defaultValue={value}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        className={error ? 'input-error' : undefined}
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

/** Radios in a fieldset; the first radio carries the field's id so the error summary can link to it. */
export function RadioField({
  name,
  legend,
  hint,
  errors,
  options,
  value,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: FormError[];
  options: Option[];
  value: string;
}) {
  const error = errorFor(errors, name);
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <fieldset className="admin-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className="label-bold">{legend}</legend>
        {hint ? (
          <p className="hint" id={`${name}-hint`}>
            {hint}
          </p>
        ) : null}
        <FieldError id={name} errors={errors} />
        {options.map((o, i) => {
          const id = i === 0 ? name : `${name}-${o.value || 'none'}`;
          return (
            <div className="checkbox" key={o.value}>
              <input
                type="radio"
                id={id}
                name={name}
                value={o.value}
                defaultChecked={o.value === value}
                aria-describedby={o.hint ? `${id}-item-hint` : undefined}
              />
              <label htmlFor={id}>
                {o.label}
                {o.hint ? (
                  <span className="hint admin-item-hint" id={`${id}-item-hint`}>
                    {o.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function CheckboxesField({
  name,
  legend,
  hint,
  errors,
  options,
  values,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: FormError[];
  options: Option[];
  values: string[];
}) {
  const error = errorFor(errors, name);
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <fieldset className="admin-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className="label-bold">{legend}</legend>
        {hint ? (
          <p className="hint" id={`${name}-hint`}>
            {hint}
          </p>
        ) : null}
        <FieldError id={name} errors={errors} />
        <div className="admin-checkbox-columns">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${o.value}`;
            return (
              <div className="checkbox" key={o.value}>
                <input type="checkbox" id={id} name={name} value={o.value} defaultChecked={values.includes(o.value)} />
                <label htmlFor={id}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** One text per language, side by side: Finnish and Swedish equal, English third. */
export function TranslatedFields({
  prefix,
  legend,
  hint,
  values,
  errors,
  multiline,
}: {
  prefix: string;
  legend: ReactNode;
  hint?: ReactNode;
  values: Translated;
  errors?: FormError[];
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="admin-fieldset admin-translated">
      <legend className="label-bold">{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      <div className="admin-lang-columns">
        {(['fi', 'sv', 'en'] as const).map((l) => {
          const id = `${prefix}_${l}`;
          const error = errorFor(errors, id);
          const props = {
            id,
            name: id,
            lang: l,
            defaultValue: values[l] ?? '',
            'aria-describedby': describedBy(id, false, error),
            'aria-invalid': error ? true : undefined,
            className: `input-wide${error ? ' input-error' : ''}`,
          };
          return (
            <div key={l} className={`field${error ? ' field-error' : ''}`}>
              <label htmlFor={id}>{t(`admin.in_${l}`)}</label>
              <FieldError id={id} errors={errors} />
              {multiline ? <textarea {...props} rows={3} /> : <input type="text" {...props} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Pager({
  page,
  perPage,
  total,
  href,
}: {
  page: number;
  perPage: number;
  total: number;
  href: (page: number) => string;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('admin.pagination')}>
      <ul>
        {page > 1 ? (
          <li>
            <a rel="prev" href={href(page - 1)}>
              {t('admin.previous')}
            </a>
          </li>
        ) : null}
        <li>
          <span aria-current="page">{t('admin.page_of', { page, pages })}</span>
        </li>
        {page < pages ? (
          <li>
            <a rel="next" href={href(page + 1)}>
              {t('admin.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A one-button form (remove, disable, send again): POST with the CSRF token. */
export function ActionButton({
  action,
  label,
  secondary = true,
  fields = {},
}: {
  action: string;
  label: ReactNode;
  secondary?: boolean;
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={action} className="admin-inline-form">
      <CsrfField />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={secondary ? 'button button-secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
}

/** Builds a query string from the non-empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
}
