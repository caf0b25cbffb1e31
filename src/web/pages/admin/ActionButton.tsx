import type { ReactNode } from 'react';
import { CsrfField } from '../../components/forms.js';

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
