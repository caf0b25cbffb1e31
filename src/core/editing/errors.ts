/**
 * How the editing flow says no, as DomainErrors (area 'editing'). A rule of the flow (no draft, a second person
 * required, …) keeps its message `editing.flow.<code>`; a problem of a draft keeps the most specific message
 * there is: `editing.error.<field>.<code>` (the field without row numbers), else `editing.error.<code>`, else
 * `editing.error.invalid`.
 */
import strings from '../../i18n/locales/editing.en.json' with { type: 'json' };
import { DomainError, type ErrorKind, type Problem } from '../shared/errors.js';
import type { DraftError } from './types.js';

export const AREA = 'editing';

/** The rules of the flow, and what kind of refusal each is. */
const FLOW = {
  invalid: 'invalid',
  ptv_read_only: 'invalid',
  ptv_location: 'invalid',
  no_draft: 'conflict',
  not_submitted: 'conflict',
  base_changed: 'conflict',
  second_person_required: 'forbidden',
} as const satisfies Record<string, ErrorKind>;
export type FlowCode = keyof typeof FLOW;

const KEYS = new Set(Object.keys(strings));

/** The message key of a draft problem: the most specific one there is. */
export function draftMessageKey(e: DraftError): string {
  const base = e.field.replace(/\[\d+\]/g, '');
  return (
    [`${AREA}.error.${base}.${e.code}`, `${AREA}.error.${e.code}`].find((k) => KEYS.has(k)) ?? `${AREA}.error.invalid`
  );
}

/** A draft's problems as the problems of a refusal, each with its message key. */
export const draftProblems = (errors: DraftError[]): Problem[] =>
  errors.map((e) => ({
    field: e.field,
    code: e.code,
    params: { value: '', ...(e.params ?? {}) },
    messageKey: draftMessageKey(e),
  }));

/** A rule of the editing flow was broken; the draft's problems, if any, say where. */
export const flowError = (code: FlowCode, errors: DraftError[] = []) =>
  new DomainError(FLOW[code], code, {
    area: AREA,
    messageKey: `${AREA}.flow.${code}`,
    problems: draftProblems(errors),
  });

/**
 * A draft saved with problems (JSON: 400 invalid_draft with draft_saved and the id to go on with); the same
 * shape turns a draft's problems into a page's error summary.
 */
export const draftInvalid = (errors: DraftError[], ref?: string) =>
  new DomainError('invalid', 'invalid_draft', {
    area: AREA,
    messageKey: `${AREA}.flow.saved_with_problems`,
    problems: draftProblems(errors),
    ...(ref !== undefined ? { extra: { draft_saved: true, id: ref } } : {}),
  });

/** What an editor saved meanwhile, and what the person refused would have saved (JSON: `current` and `yours`). */
export interface ConflictVersions<D = unknown> {
  current: { version: string; data: D; updated_at: string | null; updated_by: string | null };
  yours: { data: D };
}

/**
 * Someone else saved the record after this editor opened it (the version they started from is not the current
 * one): 409 edit_conflict, nothing saved; both versions come with it so that nothing is lost.
 */
export const editConflict = <D>(versions: ConflictVersions<D>) =>
  new DomainError('conflict', 'edit_conflict', {
    area: AREA,
    messageKey: `${AREA}.flow.edit_conflict`,
    extra: { ...versions },
  });

/** The versions of an edit_conflict refusal. */
export const conflictVersions = <D>(e: DomainError): ConflictVersions<D> | null =>
  e.code === 'edit_conflict' && e.extra.current && e.extra.yours ? (e.extra as unknown as ConflictVersions<D>) : null;

/** A record, draft or organisation that does not exist (or an id that cannot be one): the site's 404. */
export const editingNotFound = () => new DomainError('not_found', 'not_found');
