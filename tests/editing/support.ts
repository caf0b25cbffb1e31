/** Helpers for the editing tests: post the whole edit form as a browser would, from a record's current data. */
import type { LocationDraftData, ServiceDraftData } from '../../src/core/editing/types.js';
import type { Agent } from '../support/agent.js';

type Fields = Record<string, string | string[]>;

function text(out: Fields, name: string, t: Record<string, string | undefined>) {
  for (const l of ['fi', 'sv', 'en']) out[`${name}.${l}`] = t[l] ?? '';
}

function hours(out: Fields, rows: ServiceDraftData['hours']) {
  rows.forEach((h, i) => {
    out[`hours[${i}].days`] = h.days;
    out[`hours[${i}].opens`] = h.opens;
    out[`hours[${i}].closes`] = h.closes;
    text(out, `hours[${i}].note`, h.note);
  });
}

/** Every field of the service form (as the edit page would post it), with `changes` applied. */
export function serviceFormFields(d: ServiceDraftData, changes: Fields = {}, readOnly: string[] = []): Fields {
  const out: Fields = {};
  for (const f of ['name', 'summary', 'description', 'feeNote', 'accessNote', 'networkNote'] as const)
    if (!readOnly.includes(f)) text(out, f, d[f]);
  for (const f of ['languages', 'modes', 'lifeSituations', 'areas', 'locations'] as const)
    if (!readOnly.includes(f)) out[f] = d[f];
  for (const f of ['ageMin', 'ageMax', 'fee', 'access', 'email', 'url'] as const)
    if (!readOnly.includes(f)) out[f] = d[f];
  if (!readOnly.includes('phones'))
    d.phones.forEach((p, i) => {
      out[`phones[${i}].number`] = p.number;
      text(out, `phones[${i}].note`, p.note);
    });
  if (!readOnly.includes('hours')) hours(out, d.hours);
  return { ...out, action: 'save', ...changes };
}

export function locationFormFields(d: LocationDraftData, changes: Fields = {}): Fields {
  const out: Fields = {};
  for (const f of ['name', 'street', 'city', 'accessibility'] as const) text(out, f, d[f]);
  for (const f of ['postalCode', 'municipalityCode', 'lat', 'lon'] as const) out[f] = d[f];
  hours(out, d.hours);
  return { ...out, action: 'save', ...changes };
}

export interface ApiState<D> {
  id: string;
  record_id: string | null;
  data: D;
  published: D | null;
  draft: { id: string; status: string } | null;
  problems: { field: string; code: string; message: string }[];
  read_only_fields: string[];
  ptv_life_situations: string[];
  base_changed: boolean;
  changes: { field: string; kind: string; lang?: string; before?: unknown; after?: unknown }[];
}

export async function apiState<D = ServiceDraftData>(
  a: Agent,
  kind: 'services' | 'locations',
  id: string,
): Promise<ApiState<D>> {
  const res = await a.get(`/api/v1/editing/${kind}/${id}`);
  if (res.statusCode !== 200) throw new Error(`GET editing state ${id}: ${res.statusCode} ${res.body}`);
  return res.json() as ApiState<D>;
}
