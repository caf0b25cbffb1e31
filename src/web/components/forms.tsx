/** Form parts shared by every form: the CSRF field, labelled fields with hint and error, notices. */
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { usePage } from '../context.js';
import type { FormError } from './common.js';

/** The hidden CSRF token every state-changing form carries. */
export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

export const errorFor = (errors: FormError[] | undefined, field: string) => errors?.find((e) => e.field === field);

interface LabelProps {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FormError[];
  lang?: string;
}
type FieldProps = LabelProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;
type TextAreaProps = LabelProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>;

/** The label, hint and error of a field, with the attributes that tie them to its control for screen readers. */
function Labelled({
  id,
  label,
  hint,
  errors,
  control,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FormError[];
  control: (tie: { error: boolean; describedBy: string | undefined }) => ReactNode;
}) {
  const { t } = useTranslation();
  const error = errorFor(errors, id);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
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
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t('form.error_prefix')} </span>
          {error.message}
        </p>
      ) : null}
      {control({ error: !!error, describedBy })}
    </div>
  );
}

/** A labelled text input: label, hint and error are tied to the input for screen readers. */
export function TextField({ name, id = name, label, hint, errors, className, ...input }: FieldProps) {
  return (
    <Labelled
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      control={({ error, describedBy }) => (
        <input
          type="text"
          {...input}
          id={id}
          name={name}
          className={`${className ?? 'input-wide'}${error ? ' input-error' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
    />
  );
}

/** A labelled text area (4 rows unless told), tied to its label, hint and error as TextField is. */
export function TextArea({ name, id = name, label, hint, errors, className, rows = 4, ...textarea }: TextAreaProps) {
  return (
    <Labelled
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      control={({ error, describedBy }) => (
        <textarea
          {...textarea}
          id={id}
          name={name}
          rows={rows}
          className={`${className ?? 'input-wide'}${error ? ' input-error' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
    />
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
