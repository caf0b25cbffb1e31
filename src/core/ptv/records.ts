/**
 * One PTV record checked on its own, before anything else reads it: its kind, its id (a UUID), its shape (the
 * v11 schema, v11.ts), no NUL character anywhere (PostgreSQL text cannot hold one), texts within the caps below,
 * and a bounded size. A record that fails is reported with its id and why, and skipped; the others go on.
 *
 * Text caps. PTV itself limits names to 100 characters, summaries to 150 and descriptions to 2 500–4 000
 * (depending on the field and the PTV version), so a record that PTV accepted is never shortened here: the caps
 * leave at least twice PTV's room (markup, line breaks, other counting) and only stop what no PTV record can be —
 * like a 50 MB description, which was once imported and then served as a 105 MB response.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { UUID_RE } from '../shared/ids.js';
import { printable, type ReadRecord } from './importTypes.js';
import { sha256 } from './mapping.js';
import { kindOf, PTV_SCHEMAS, type PtvKind } from './v11.js';

export const TEXT_CAPS = {
  /** Names (PTV: 100), alternative names, keywords and the names in references. */
  name: 250,
  /** Summaries (PTV: 150). */
  summary: 500,
  /** Descriptions (PTV: 2 500–4 000) and every other text. */
  text: 10_000,
} as const;
/** A record with more text than this (keys and values, after the caps) is refused: no PTV record comes near it. */
export const MAX_RECORD_CHARS = 1_000_000;

/** Names, and lists of names: everything inside them is capped as a name. */
const NAME_KEYS = new Set(['serviceNames', 'serviceChannelNames', 'organizationNames', 'keywords', 'name']);
const DESCRIPTION_LISTS = new Set(['serviceDescriptions', 'serviceChannelDescriptions', 'organizationDescriptions']);

export interface CappedText {
  /** Where in the record, e.g. `serviceDescriptions[1].value`. */
  field: string;
  /** Characters PTV gave. */
  length: number;
  /** Characters kept (the last one an ellipsis). */
  cap: number;
}

export type CheckResult =
  | { ok: true; record: ReadRecord; capped: CappedText[] }
  | { ok: false; kind: PtvKind | null; id: string | null; reason: string };

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<PtvKind, ValidateFunction>();
function validator(kind: PtvKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) validators.set(kind, (v = ajv.compile(PTV_SCHEMAS[kind])));
  return v;
}

/** Ajv's errors as a few readable problems: `serviceChannels must be array or null (is string)`. */
function shapeProblems(errors: ErrorObject[], data: unknown): string[] {
  const byPath = new Map<string, { types: string[]; other: string[] }>();
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue;
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, '');
    const at = byPath.get(path) ?? { types: [], other: [] };
    if (e.keyword === 'type') at.types.push(String((e.params as { type: string }).type));
    else at.other.push(e.message ?? e.keyword);
    byPath.set(path, at);
  }
  const valueAt = (path: string) =>
    path
      .split(/\.|\[|\]/)
      .filter(Boolean)
      .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  // A union (a list, or null) that failed inside the list also reports its other branch ("must be null"): the
  // deeper problem is the one to tell.
  const deeper = (path: string) =>
    [...byPath.keys()].some((q) => q !== path && (path === '' || q.startsWith(`${path}.`) || q.startsWith(`${path}[`)));
  return [...byPath]
    .filter(([path, p]) => p.other.length || !deeper(path))
    .map(([path, p]) => {
      const v = valueAt(path);
      const is = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
      const what = p.types.length ? `must be ${p.types.join(' or ')} (is ${is})` : p.other.join(', ');
      return `${path || 'the record'} ${what}`;
    });
}

const LONE_SURROGATE_SRC = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SRC);
const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE_SRC, 'g');

/** The items of a list, each walked; the same list when none changed. */
function walkList(list: unknown[], walk: (x: unknown, i: number) => unknown): unknown[] {
  let copy: unknown[] | null = null;
  list.forEach((x, i) => {
    const y = walk(x, i);
    if (y !== x) (copy ??= [...list])[i] = y;
  });
  return copy ?? list;
}

const isSummary = (d: unknown) => !!d && typeof d === 'object' && (d as { type?: unknown }).type === 'Summary';

/**
 * Where in the record a value is: built only when a problem is reported (a NUL, a text capped), not for every value
 * walked. `key` is a field name or a list index.
 */
interface At {
  up: At | null;
  key: string | number;
}
function pathOf(at: At | null): string {
  let out = '';
  for (let a = at; a; a = a.up) {
    out = typeof a.key === 'number' ? `[${a.key}]${out}` : a.up ? `.${a.key}${out}` : `${a.key}${out}`;
  }
  return out;
}

/**
 * Walks the record: finds NUL characters (in keys and values), makes lone surrogates well-formed (PostgreSQL's
 * jsonb refuses them), and caps texts: names (and everything inside a name list) at `name`, the entries of a
 * description list at `summary` or `text` by their type, the rest at `text`. Returns the value, a copy where
 * anything changed.
 */
function cleanTexts(
  v: unknown,
  at: At | null,
  cap: number,
  out: { capped: CappedText[]; nul: string | null; chars: number },
): unknown {
  if (typeof v === 'string') {
    if (v.includes('\u0000')) {
      out.nul ??= pathOf(at);
      return v;
    }
    let s = LONE_SURROGATE.test(v) ? v.replace(LONE_SURROGATE_G, '\ufffd') : v;
    if (s.length > cap) {
      let cut = cap - 1;
      if (/[\ud800-\udbff]/.test(s[cut - 1]!)) cut--; // not between the halves of a surrogate pair
      out.capped.push({ field: pathOf(at), length: s.length, cap });
      s = `${s.slice(0, cut)}…`;
    }
    out.chars += s.length;
    return s;
  }
  if (Array.isArray(v)) return walkList(v, (x, i) => cleanTexts(x, { up: at, key: i }, cap, out));
  if (v && typeof v === 'object') {
    let copy: Record<string, unknown> | null = null;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const here: At = { up: at, key: k };
      if (k.includes('\u0000')) out.nul ??= pathOf(here);
      out.chars += k.length;
      const item = o[k];
      const y =
        DESCRIPTION_LISTS.has(k) && Array.isArray(item)
          ? walkList(item, (d, i) =>
              cleanTexts(d, { up: here, key: i }, isSummary(d) ? TEXT_CAPS.summary : TEXT_CAPS.text, out),
            )
          : cleanTexts(item, here, NAME_KEYS.has(k) ? TEXT_CAPS.name : cap, out);
      if (y !== item) (copy ??= { ...o })[k] = y;
    }
    return copy ?? v;
  }
  return v;
}

/** Checks one record from a source (see the top of this file). */
export function checkRecord(raw: Record<string, unknown>, origin: string): CheckResult {
  const kind = kindOf(raw);
  const shownId = typeof raw.id === 'string' ? printable(raw.id.toLowerCase()) : null;
  if (!kind)
    return { ok: false, kind: null, id: shownId, reason: 'not a PTV service, service channel or organisation' };
  if (typeof raw.id !== 'string' || !UUID_RE.test(raw.id))
    return {
      ok: false,
      kind,
      id: typeof raw.id === 'string' ? printable(raw.id) : null,
      reason: `id ${raw.id === undefined || raw.id === null ? 'null' : `"${printable(raw.id)}"`} is not a PTV id (UUID)`,
    };
  const id = raw.id.toLowerCase();
  const valid = validator(kind);
  if (!valid(raw)) {
    const problems = shapeProblems(valid.errors ?? [], raw);
    return {
      ok: false,
      kind,
      id,
      reason: `not a PTV v11 ${kind === 'channel' ? 'service channel' : kind === 'organization' ? 'organisation' : 'service'}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`,
    };
  }
  const found = { capped: [] as CappedText[], nul: null as string | null, chars: 0 };
  const data = cleanTexts(raw, null, TEXT_CAPS.text, found) as Record<string, unknown>;
  if (found.nul) return { ok: false, kind, id, reason: `a NUL character in ${found.nul}` };
  const size = found.chars;
  if (size > MAX_RECORD_CHARS)
    return {
      ok: false,
      kind,
      id,
      reason: `record too large: ${(size / 1e6).toFixed(1)} million characters of text (at most ${MAX_RECORD_CHARS / 1e6} million)`,
    };
  return { ok: true, record: { kind, id, origin, data, sourceHash: sha256(data) }, capped: found.capped };
}
