/**
 * What changed in an audit entry, as rows a person can read: each leaf of the records before and after
 * ("name.fi", "role"), only where they differ (everything, for a record made or removed).
 */
export interface ChangeRow {
  path: string;
  before: unknown;
  after: unknown;
}

type Flat = Map<string, unknown>;

function flatten(v: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix && !(v && typeof v === 'object' && !Array.isArray(v))) {
    out.set(prefix, v); // an empty object is no value at all
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function changeRows(before: unknown, after: unknown): ChangeRow[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.filter((k) => !same(b.get(k), a.get(k))).map((k) => ({ path: k, before: b.get(k), after: a.get(k) }));
}
