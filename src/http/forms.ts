/**
 * The one form reader. Every page route reads its posted fields through `readForm`, so every form behaves the
 * same: single fields are trimmed and a repeated single field takes its last value (a checkbox after its hidden
 * default); lists keep every non-empty value; translated fields are named `name.fi`, `name.sv`, `name.en`;
 * passwords are read as typed. Text that cannot be stored (a NUL, a lone surrogate) is refused with a problem
 * on its field, before anything is saved.
 */
import { DomainError, type Problem } from '../core/shared/errors.js';
import { UUID_RE } from '../core/shared/ids.js';
import type { Translated } from '../core/shared/lang.js';
import { notFound } from './errors.js';

type Raw = Record<string, unknown>;

// A NUL, or a UTF-16 surrogate without its pair: PostgreSQL cannot store them in text.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface FormReader {
  /** A single field: trimmed; the last value when repeated; '' when absent. */
  text(name: string): string;
  /** A single field as typed (passwords): not trimmed. */
  secret(name: string): string;
  /** Every value of a repeated field (checkboxes, multi-selects), trimmed, empty ones dropped. */
  list(name: string): string[];
  /** `name.fi`, `name.sv` and `name.en` together. */
  translated(name: string): Required<Translated>;
  /** Whether the form carried the field at all. */
  has(name: string): boolean;
  /** A whole number within bounds, or the fallback when absent or not a number. */
  int(name: string, o: { min: number; max: number; fallback: number }): number;
  /** The field names the form carried, in order. */
  names(): string[];
}

const values = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Reads a posted body (urlencoded or JSON of strings); refuses unstorable text with a problem per field. */
export function readForm(body: unknown): FormReader {
  const raw: Raw = body && typeof body === 'object' ? (body as Raw) : {};
  const problems: Problem[] = [];
  for (const [name, v] of Object.entries(raw))
    if (values(v).some((x) => UNSTORABLE.test(x))) problems.push({ field: name, code: 'invalid_text' });
  if (problems.length) throw new DomainError('invalid', 'invalid_text', { problems });

  const last = (name: string) => values(raw[name]).at(-1) ?? '';
  const text = (name: string) => last(name).trim();
  return {
    text,
    secret: last,
    list: (name) =>
      values(raw[name])
        .map((x) => x.trim())
        .filter(Boolean),
    translated: (name) => ({ fi: text(`${name}.fi`), sv: text(`${name}.sv`), en: text(`${name}.en`) }),
    has: (name) => name in raw,
    int: (name, o) => {
      const n = Number.parseInt(text(name), 10);
      return Number.isFinite(n) ? Math.min(o.max, Math.max(o.min, n)) : o.fallback;
    },
    names: () => Object.keys(raw),
  };
}

/** A UUID from a path, lower-cased; anything else is something that does not exist (404). */
export function uuidParam(id: string): string {
  if (!UUID_RE.test(id)) throw notFound();
  return id.toLowerCase();
}
