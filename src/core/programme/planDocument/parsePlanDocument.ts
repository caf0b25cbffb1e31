/**
 * `parsePlanDocument(text)`: a municipal LAPE plan or the regional summary, as plain text extracted from the Word
 * or PDF original → what it says, in the shape of ./types.ts. Plans it has never seen are read by the template:
 * headings found fuzzily, bullets of any kind, tables with fewer columns. Text it cannot place is returned in
 * `unplaced`, never dropped.
 */
import type { ParsedDocument } from './types.js';
import { parseMunicipalPlan } from './plan.js';
import { parseProgrammeSummary, summaryQuestionCount } from './programmeSummary.js';
import { toLines } from './text.js';

/** The text is neither a plan of the template nor the regional summary. */
export class NotAPlanError extends Error {}

const PLAN_ORDER = [
  'kind',
  'title',
  'letterhead',
  'municipalities',
  'date',
  'date_text',
  'signed',
  'development_areas',
  'introduction',
  'sections',
  'experiments',
  'adopted_from_others',
  'roadmap_heading',
  'roadmap_years',
  'roadmap',
  'people',
  'unplaced',
];
const SUMMARY_ORDER = [
  'kind',
  'region',
  'title',
  'development_areas',
  'goals',
  'sub_goals',
  'challenges',
  'strengths',
  'partners',
  'changes',
  'people',
  'sections',
  'unplaced',
];
const PERSON_ORDER = ['name', 'title', 'municipality', 'municipality_code', 'email'];

/** The same object with its fields in reading order (what `--json` prints is read by people too). */
function ordered<T extends object>(o: T, order: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in o) out[k] = (o as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out)) out[k] = v;
  return out as T;
}

function tidy(doc: ParsedDocument): ParsedDocument {
  const people = doc.people.map((p) => ordered(p, PERSON_ORDER));
  return doc.kind === 'municipal_plan'
    ? ordered({ ...doc, people }, PLAN_ORDER)
    : ordered({ ...doc, people }, SUMMARY_ORDER);
}

export function parsePlanDocument(text: string): ParsedDocument {
  return tidy(parse(text));
}

function parse(text: string): ParsedDocument {
  if (text.includes('\u0000')) throw new NotAPlanError('it is not plain text');
  const lines = toLines(text);
  if (!lines.some((l) => l.trim())) throw new NotAPlanError('it is empty');
  const plan = parseMunicipalPlan(lines);
  if (plan.sections.length >= 2) return plan;
  if (summaryQuestionCount(lines) >= 2) return parseProgrammeSummary(lines);
  if (plan.sections.length === 1 && (plan.municipalities.length || plan.date || plan.roadmap.length)) return plan;
  throw new NotAPlanError(
    'none of the numbered sections of the plan template (or the questions of the regional summary) were found',
  );
}
