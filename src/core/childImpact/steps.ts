/**
 * Checking what a person wrote in one step of an assessment (pure: no database). Every problem at once, each on
 * its field, so the form comes back with all of them and nothing typed is lost.
 */
import type { AssessmentContent } from '../../db/schema.childImpact.js';
import { Problems } from '../shared/errors.js';
import { parseDay } from './dates.js';
import { AREA, stepByKey, type StepDef } from './vocabulary.js';

export const MAX_TEXT = 4000;
export const MAX_SHORT = 200;

export type StepInput = Record<string, string | string[]>;

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : '');
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

/** Validates one step's input; returns the values to keep in the assessment's content. */
export function validateStep(step: StepDef, input: StepInput, ownerIds: readonly string[]): AssessmentContent {
  const p = new Problems(AREA);
  const out: AssessmentContent = {};
  for (const f of step.fields) {
    const raw = input[f.name];
    if (f.kind === 'checkboxes') {
      const chosen = [...new Set(list(raw))];
      if (chosen.some((c) => !f.options!.includes(c))) p.add('choice_invalid', f.name);
      out[f.name] = f.options!.filter((o) => chosen.includes(o));
      continue;
    }
    const v = str(raw);
    if (f.kind === 'text' && v.length > MAX_SHORT) p.add('too_long_short', f.name);
    if (f.kind === 'textarea' && v.length > MAX_TEXT) p.add('too_long', f.name);
    if (f.kind === 'radio' && v && !f.options!.includes(v)) p.add('choice_invalid', f.name);
    if (f.kind === 'date' && v) {
      const day = parseDay(v);
      if (!day) p.add('date_invalid', f.name);
      else {
        out[f.name] = day;
        continue;
      }
    }
    if (f.kind === 'owner' && v && !ownerIds.includes(v)) p.add('owner_invalid', f.name);
    if (f.required && !v) p.add(`${f.name}_required`, f.name);
    out[f.name] = v;
  }
  if (step.key === 'screening' && out.screening_result === 'stop' && !out.screening_reason)
    p.add('screening_reason_required', 'screening_reason');
  if (step.key === 'follow_up') {
    if (out.follow_up_due && !out.follow_up_owner) p.add('follow_up_owner_required', 'follow_up_owner');
    if (out.follow_up_owner && !out.follow_up_due && !p.list.some((x) => x.field === 'follow_up_due'))
      p.add('follow_up_due_required', 'follow_up_due');
  }
  p.throwIfAny();
  return out;
}

/** What a step's saved content says about the assessment's columns. */
export function derivedColumns(stepKey: string, values: AssessmentContent, currentStatus: string) {
  const cols: {
    status?: 'draft' | 'screened_out' | 'completed';
    outcome?: 'taken_into_account' | 'partly' | 'not_taken' | 'pending' | null;
    follow_up_due?: string | null;
    follow_up_owner_id?: string | null;
  } = {};
  if (stepKey === 'screening') {
    if (values.screening_result === 'stop') cols.status = 'screened_out';
    else if (currentStatus === 'screened_out') cols.status = 'draft';
  }
  if (stepKey === 'decision') {
    const o = str(values.outcome);
    cols.outcome = (o || null) as typeof cols.outcome;
    if (o && currentStatus !== 'screened_out') cols.status = 'completed';
  }
  if (stepKey === 'follow_up') {
    cols.follow_up_due = str(values.follow_up_due) || null;
    cols.follow_up_owner_id = str(values.follow_up_owner) || null;
  }
  return cols;
}

export const knownStep = (key: string) => stepByKey(key);
