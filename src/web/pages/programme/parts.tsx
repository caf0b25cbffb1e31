/** Parts shared by the programme pages: status tags, a text area field, the plan's links. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormError } from '../../components/common.js';
import { errorFor } from '../../components/forms.js';

export function StatusTag({ status, kind = 'action' }: { status: string; kind?: 'action' | 'milestone' }) {
  const { t } = useTranslation();
  return <span className={`tag pg-tag pg-tag-${status}`}>{t(kind === 'action' ? `programme.status.${status}` : `programme.milestone_status.${status}`)}</span>;
}

export function TextAreaField({ name, id = name, label, hint, errors, value, rows = 4 }: {
  name: string; id?: string; label: ReactNode; hint?: ReactNode; errors?: FormError[]; value: string; rows?: number;
}) {
  const { t } = useTranslation();
  const error = errorFor(errors, id);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label className="label-bold" htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="error-message" id={`${id}-error`}><span className="visually-hidden">{t('form.error_prefix')} </span>{error.message}</p> : null}
      <textarea id={id} name={name} rows={rows} defaultValue={value} className={`input-wide${error ? ' input-error' : ''}`} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
    </div>
  );
}

export function PlainInput({ name, id = name, label, hint, errors, value, type = 'text', className = 'input-wide', inputMode }: {
  name: string; id?: string; label: ReactNode; hint?: ReactNode; errors?: FormError[]; value: string; type?: string; className?: string; inputMode?: 'numeric';
}) {
  const { t } = useTranslation();
  const error = errorFor(errors, id);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label className="label-bold" htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="error-message" id={`${id}-error`}><span className="visually-hidden">{t('form.error_prefix')} </span>{error.message}</p> : null}
      <input type={type} id={id} name={name} defaultValue={value} inputMode={inputMode} className={`${className}${error ? ' input-error' : ''}`} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
    </div>
  );
}

/** Names of several municipalities: "Inkoo ja Siuntio". */
export function joinNames(names: string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
}
