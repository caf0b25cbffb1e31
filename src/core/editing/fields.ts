/**
 * The fields of each kind of draft, how a value is tidied (so that equal records compare equal), how two
 * versions differ (words for text, items for lists, rows for hours and phones), and the three-way update of a
 * draft when the published record changed under it.
 */
import { createHash } from 'node:crypto';
import { type Translated, LANGS } from '../shared/lang.js';
import { diffWordsWithSpace, type ChangeObject } from 'diff';
import { ACCESS, DELIVERY_MODES, FEES, LIFE_SITUATIONS, WEEKDAYS } from '../directory/vocabulary.js';
import type { DraftData, HoursRow, LocationDraftData, PhoneRow, ServiceDraftData } from './types.js';

export type FieldKind = 'text' | 'list' | 'scalar' | 'hours' | 'phones';
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  order?: readonly string[];
}

export const SERVICE_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text' },
  { name: 'summary', kind: 'text' },
  { name: 'description', kind: 'text' },
  { name: 'languages', kind: 'list', order: LANGS },
  { name: 'modes', kind: 'list', order: DELIVERY_MODES },
  { name: 'ageMin', kind: 'scalar' },
  { name: 'ageMax', kind: 'scalar' },
  { name: 'lifeSituations', kind: 'list', order: LIFE_SITUATIONS },
  { name: 'areas', kind: 'list' },
  { name: 'fee', kind: 'scalar', order: FEES },
  { name: 'feeNote', kind: 'text' },
  { name: 'access', kind: 'scalar', order: ACCESS },
  { name: 'accessNote', kind: 'text' },
  { name: 'locations', kind: 'list' },
  { name: 'phones', kind: 'phones' },
  { name: 'email', kind: 'scalar' },
  { name: 'url', kind: 'scalar' },
  { name: 'hours', kind: 'hours' },
  { name: 'networkNote', kind: 'text' },
];

export const LOCATION_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text' },
  { name: 'street', kind: 'text' },
  { name: 'postalCode', kind: 'scalar' },
  { name: 'city', kind: 'text' },
  { name: 'municipalityCode', kind: 'scalar' },
  { name: 'lat', kind: 'scalar' },
  { name: 'lon', kind: 'scalar' },
  { name: 'accessibility', kind: 'text' },
  { name: 'hours', kind: 'hours' },
];

/** PTV services: every field but the local additions (life situations, the network note) follows PTV. */
export const SERVICE_PTV_FIELDS: readonly string[] = SERVICE_FIELDS.map((f) => f.name).filter(
  (n) => n !== 'lifeSituations' && n !== 'networkNote',
);

const MAX_TEXT = 8000;
const MAX_SHORT = 500;

const str = (v: unknown, max = MAX_SHORT): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v).replace(/\r\n?/g, '\n').trim().slice(0, max) : '';

export function cleanText(v: unknown, max = MAX_TEXT): Translated {
  const out: Translated = {};
  if (!v || typeof v !== 'object') return out;
  for (const l of LANGS) {
    const s = str((v as Record<string, unknown>)[l], max);
    if (s) out[l] = s;
  }
  return out;
}

function cleanList(v: unknown, order?: readonly string[]): string[] {
  const items = [
    ...new Set((Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []).map((x) => str(x, 100)).filter(Boolean)),
  ];
  const rank = (x: string) => (order ? (order.includes(x) ? order.indexOf(x) : order.length) : 0);
  return items.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function cleanHours(v: unknown): HoursRow[] {
  if (!Array.isArray(v)) return [];
  return v.slice(0, 50).flatMap((r): HoursRow[] => {
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    const row: HoursRow = {
      days: cleanList(o.days, WEEKDAYS),
      opens: str(o.opens, 20),
      closes: str(o.closes, 20),
      note: cleanText(o.note, MAX_SHORT),
    };
    if (str(o.validFrom, 20)) row.validFrom = str(o.validFrom, 20);
    if (str(o.validTo, 20)) row.validTo = str(o.validTo, 20);
    const empty = !row.days.length && !row.opens && !row.closes && !Object.keys(row.note).length;
    return empty ? [] : [row];
  });
}

function cleanPhones(v: unknown): PhoneRow[] {
  if (!Array.isArray(v)) return [];
  return v.slice(0, 20).flatMap((r): PhoneRow[] => {
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    const row = { number: str(o.number, 50), note: cleanText(o.note, MAX_SHORT) };
    return !row.number && !Object.keys(row.note).length ? [] : [row];
  });
}

function cleanField(spec: FieldSpec, v: unknown): unknown {
  switch (spec.kind) {
    case 'text':
      return cleanText(v, spec.name === 'description' || spec.name === 'networkNote' ? MAX_TEXT : 2000);
    case 'list':
      return cleanList(v, spec.order);
    case 'scalar':
      return str(v);
    case 'hours':
      return cleanHours(v);
    case 'phones':
      return cleanPhones(v);
  }
}

/** Tidies a record: known fields only, text trimmed, lists without duplicates in a fixed order, empty rows dropped. */
export function normalize<D extends DraftData>(fields: readonly FieldSpec[], raw: unknown): D {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.name] = cleanField(f, o[f.name]);
  return out as unknown as D;
}

/** `current` with the fields present in `patch` replaced (a field left out keeps its value). */
export function applyPatch<D extends DraftData>(
  fields: readonly FieldSpec[],
  current: D,
  patch: Record<string, unknown>,
): D {
  const merged: Record<string, unknown> = { ...(current as unknown as Record<string, unknown>) };
  for (const f of fields)
    if (Object.prototype.hasOwnProperty.call(patch, f.name) && patch[f.name] !== undefined)
      merged[f.name] = patch[f.name];
  return normalize<D>(fields, merged);
}

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

export const sameValue = (a: unknown, b: unknown): boolean => stable(a) === stable(b);

/**
 * The version of a record's editable content, as an editor saw it: a short hash of its normalised fields. A save
 * that names the version it started from is refused (409) when the content has changed since; content that
 * changed and changed back is the same version, because nothing of it would be lost.
 */
export function recordVersion(fields: readonly FieldSpec[], data: DraftData): string {
  const r = data as unknown as Record<string, unknown>;
  return createHash('sha256')
    .update(stable(fields.map((f) => r[f.name])))
    .digest('base64url')
    .slice(0, 22);
}

export function sameRecord(fields: readonly FieldSpec[], a: DraftData, b: DraftData): boolean {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  return fields.every((f) => sameValue(ra[f.name], rb[f.name]));
}

// ---- Differences ----

export interface TextPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export type FieldChange =
  | { field: string; kind: 'text'; lang: 'fi' | 'sv' | 'en'; before: string; after: string; parts: TextPart[] }
  | { field: string; kind: 'scalar'; before: string; after: string }
  | { field: string; kind: 'list'; removed: string[]; added: string[]; kept: string[] }
  | { field: string; kind: 'hours'; removed: HoursRow[]; added: HoursRow[]; kept: HoursRow[] }
  | { field: string; kind: 'phones'; removed: PhoneRow[]; added: PhoneRow[]; kept: PhoneRow[] };

function rowsDiff<R>(before: R[], after: R[]) {
  const a = before.map(stable);
  const b = after.map(stable);
  return {
    removed: before.filter((_, i) => !b.includes(a[i]!)),
    added: after.filter((_, i) => !a.includes(b[i]!)),
    kept: after.filter((_, i) => a.includes(b[i]!)),
  };
}

/** What changes from `before` to `after`, field by field and language by language (before null: a new record). */
export function diffRecords(fields: readonly FieldSpec[], before: DraftData | null, after: DraftData): FieldChange[] {
  const rb = (before ?? {}) as Record<string, unknown>;
  const ra = after as unknown as Record<string, unknown>;
  const out: FieldChange[] = [];
  for (const f of fields) {
    const b = before ? rb[f.name] : cleanField(f, undefined);
    const a = ra[f.name];
    if (sameValue(a, b)) continue;
    switch (f.kind) {
      case 'text': {
        for (const lang of LANGS) {
          const x = (b as Translated)[lang] ?? '';
          const y = (a as Translated)[lang] ?? '';
          if (x === y) continue;
          const parts = diffWordsWithSpace(x, y).map((p: ChangeObject<string>) => ({
            value: p.value,
            added: Boolean(p.added),
            removed: Boolean(p.removed),
          }));
          out.push({ field: f.name, kind: 'text', lang, before: x, after: y, parts });
        }
        break;
      }
      case 'scalar':
        out.push({ field: f.name, kind: 'scalar', before: b as string, after: a as string });
        break;
      case 'list': {
        const x = b as string[];
        const y = a as string[];
        out.push({
          field: f.name,
          kind: 'list',
          removed: x.filter((v) => !y.includes(v)),
          added: y.filter((v) => !x.includes(v)),
          kept: y.filter((v) => x.includes(v)),
        });
        break;
      }
      case 'hours':
        out.push({ field: f.name, kind: 'hours', ...rowsDiff(b as HoursRow[], a as HoursRow[]) });
        break;
      case 'phones':
        out.push({ field: f.name, kind: 'phones', ...rowsDiff(b as PhoneRow[], a as PhoneRow[]) });
        break;
    }
  }
  return out;
}

/**
 * Brings a draft up to date with a published record that changed after the draft was started: what the editor
 * did not touch takes the new published value, what they changed stays (text language by language). Returns
 * the merged record and the fields changed on both sides (where the draft's value wins).
 */
export function threeWayMerge<D extends DraftData>(
  fields: readonly FieldSpec[],
  base: D,
  draft: D,
  current: D,
): { merged: D; conflicts: string[] } {
  const b = base as unknown as Record<string, unknown>;
  const d = draft as unknown as Record<string, unknown>;
  const c = current as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  const conflicts: string[] = [];
  for (const f of fields) {
    if (f.kind === 'text') {
      const out: Translated = {};
      for (const l of LANGS) {
        const [bv, dv, cv] = [(b[f.name] as Translated)[l], (d[f.name] as Translated)[l], (c[f.name] as Translated)[l]];
        const v = dv === bv ? cv : dv;
        if (dv !== bv && cv !== bv && dv !== cv && !conflicts.includes(f.name)) conflicts.push(f.name);
        if (v) out[l] = v;
      }
      merged[f.name] = out;
    } else {
      const draftChanged = !sameValue(d[f.name], b[f.name]);
      const currentChanged = !sameValue(c[f.name], b[f.name]);
      merged[f.name] = draftChanged ? d[f.name] : c[f.name];
      if (draftChanged && currentChanged && !sameValue(d[f.name], c[f.name])) conflicts.push(f.name);
    }
  }
  return { merged: merged as unknown as D, conflicts };
}

export type { LocationDraftData, ServiceDraftData };
