/** Form parts shared by every form: the CSRF field, labelled fields with hint and error, notices. */
import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePage } from '../context.js';
import type { FormError } from './common.js';

/** The hidden CSRF token every state-changing form carries. */
export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

export const errorFor = (errors: FormError[] | undefined, field: string) => errors?.find((e) => e.field === field);

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FormError[];
  lang?: string;
}

/** A labelled text input: label, hint and error are tied to the input for screen readers. */
export function TextField({ name, id = name, label, hint, errors, className, ...input }: FieldProps) {
  const { t } = useTranslation();
  const error = errorFor(errors, id);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label className="label-bold" htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="error-message" id={`${id}-error`}><span className="visually-hidden">{t('form.error_prefix')} </span>{error.message}</p> : null}
      <input type="text" {...input} id={id} name={name} className={`${className ?? 'input-wide'}${error ? ' input-error' : ''}`} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
    </div>
  );
}

/** A short confirmation or information box shown after an action. */
export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' }) {
  return <div className={kind === 'success' ? 'notice notice-success' : 'notice'} role="status">{children}</div>;
}
