/**
 * Reading an editing form (application/x-www-form-urlencoded, fields like "name.fi", "hours[0].days") into a
 * draft patch. Only the fields the form showed as editable are read: a field left out keeps its value.
 */
import { LOCATION_FIELDS, SERVICE_FIELDS, type FieldSpec } from './fields.js';
import type { DraftKind } from './types.js';

type Body = Record<string, unknown>;

const one = (b: Body, k: string): string => {
  const v = b[k];
  return Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '';
};
const many = (b: Body, k: string): string[] => {
  const v = b[k];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
};
const text = (b: Body, k: string) => ({ fi: one(b, `${k}.fi`), sv: one(b, `${k}.sv`), en: one(b, `${k}.en`) });

function rowIndexes(b: Body, name: string): number[] {
  const re = new RegExp(`^${name}\\[(\\d{1,2})\\]\\.`);
  return [
    ...new Set(
      Object.keys(b)
        .map((k) => re.exec(k)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number),
    ),
  ].sort((a, c) => a - c);
}

function readField(b: Body, f: FieldSpec): unknown {
  switch (f.kind) {
    case 'text':
      return text(b, f.name);
    case 'list':
      return many(b, f.name);
    case 'scalar':
      return one(b, f.name);
    case 'hours':
      return rowIndexes(b, f.name).map((i) => {
        const p = `${f.name}[${i}]`;
        return {
          days: many(b, `${p}.days`),
          opens: one(b, `${p}.opens`),
          closes: one(b, `${p}.closes`),
          note: text(b, `${p}.note`),
          validFrom: one(b, `${p}.validFrom`),
          validTo: one(b, `${p}.validTo`),
        };
      });
    case 'phones':
      return rowIndexes(b, f.name).map((i) => ({
        number: one(b, `${f.name}[${i}].number`),
        note: text(b, `${f.name}[${i}].note`),
      }));
  }
}

/** The patch of a posted form: every field not in `readOnly`. */
export function patchFromForm(
  kind: DraftKind,
  body: unknown,
  readOnly: readonly string[] = [],
): Record<string, unknown> {
  const b = (body && typeof body === 'object' ? body : {}) as Body;
  const fields = kind === 'service' ? SERVICE_FIELDS : LOCATION_FIELDS;
  const patch: Record<string, unknown> = {};
  for (const f of fields) if (!readOnly.includes(f.name)) patch[f.name] = readField(b, f);
  return patch;
}
