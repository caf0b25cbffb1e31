/**
 * Reading an editing form (fields like "name.fi", "hours[0].days") into a draft patch. The form comes read by
 * the HTTP layer's one form reader (http/forms.ts `readForm`), so single fields are trimmed and a repeated one
 * takes its last value, as everywhere. Only the fields the form showed as editable are read: a field left out
 * keeps its value.
 */
import type { Translated } from '../shared/lang.js';
import { LOCATION_FIELDS, SERVICE_FIELDS, type FieldSpec } from './fields.js';
import type { DraftKind } from './types.js';

/** What a patch is read from: the part of http/forms.ts `FormReader` it needs. */
export interface PostedForm {
  text(name: string): string;
  list(name: string): string[];
  translated(name: string): Required<Translated>;
  names(): string[];
}

function rowIndexes(form: PostedForm, name: string): number[] {
  const re = new RegExp(`^${name}\\[(\\d{1,2})\\]\\.`);
  return [
    ...new Set(
      form
        .names()
        .map((k) => re.exec(k)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number),
    ),
  ].sort((a, c) => a - c);
}

function readField(form: PostedForm, f: FieldSpec): unknown {
  switch (f.kind) {
    case 'text':
      return form.translated(f.name);
    case 'list':
      return form.list(f.name);
    case 'scalar':
      return form.text(f.name);
    case 'hours':
      return rowIndexes(form, f.name).map((i) => {
        const p = `${f.name}[${i}]`;
        return {
          days: form.list(`${p}.days`),
          opens: form.text(`${p}.opens`),
          closes: form.text(`${p}.closes`),
          note: form.translated(`${p}.note`),
          validFrom: form.text(`${p}.validFrom`),
          validTo: form.text(`${p}.validTo`),
        };
      });
    case 'phones':
      return rowIndexes(form, f.name).map((i) => ({
        number: form.text(`${f.name}[${i}].number`),
        note: form.translated(`${f.name}[${i}].note`),
      }));
  }
}

/** The patch of a posted form: every field not in `readOnly`. */
export function patchFromForm(
  kind: DraftKind,
  form: PostedForm,
  readOnly: readonly string[] = [],
): Record<string, unknown> {
  const fields = kind === 'service' ? SERVICE_FIELDS : LOCATION_FIELDS;
  const patch: Record<string, unknown> = {};
  for (const f of fields) if (!readOnly.includes(f.name)) patch[f.name] = readField(form, f);
  return patch;
}
