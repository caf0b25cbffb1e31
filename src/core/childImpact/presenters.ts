/** What leaves the server as open data: published assessments and the child-friendly status, as JSON and CSV. */
import { Type, type Static } from 'typebox';
import { municipalityByCode } from '../places/municipalities.js';
import type { AssessmentView } from './queries.js';
import type { RegionRow } from '../childFriendly/queries.js';

const FiSv = Type.Object({ fi: Type.String(), sv: Type.String() });

export const AssessmentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  municipality_code: Type.String({ description: 'Statistics Finland municipality code, e.g. "710".' }),
  municipality_name: FiSv,
  body: Type.String({ description: 'The body that decides: board, committee, council, office holder.' }),
  decision_reference: Type.String(),
  decision_date: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  title: Type.String(),
  timing: Type.Union([Type.Literal('before'), Type.Literal('during'), Type.Literal('after')]),
  status: Type.Union([Type.Literal('screened_out'), Type.Literal('completed'), Type.Literal('draft')]),
  outcome: Type.Union([Type.String(), Type.Null()], {
    description: 'How the decision took the assessment into account: taken_into_account, partly, not_taken, pending.',
  }),
  summary: FiSv,
  child_summary: FiSv,
  follow_up_due: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  follow_up_done: Type.Boolean(),
  published_at: Type.String({ format: 'date-time' }),
  demo: Type.Boolean(),
  url: Type.String(),
});
export type AssessmentJson = Static<typeof AssessmentSchema>;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function presentAssessment(a: AssessmentView, publicUrl: string): AssessmentJson {
  const m = municipalityByCode(a.municipalityCode);
  return {
    id: a.id,
    municipality_code: a.municipalityCode,
    municipality_name: { fi: m?.name.fi ?? a.municipalityCode, sv: m?.name.sv ?? a.municipalityCode },
    body: a.body,
    decision_reference: a.reference,
    decision_date: a.decisionDate,
    title: a.title,
    timing: a.timing,
    status: a.status,
    outcome: a.outcome,
    summary: { fi: text(a.content.summary_fi), sv: text(a.content.summary_sv) },
    child_summary: { fi: text(a.content.child_summary_fi), sv: text(a.content.child_summary_sv) },
    follow_up_due: a.followUpDue,
    follow_up_done: a.followUpDone,
    published_at: (a.publishedAt ?? new Date(0)).toISOString(),
    demo: a.demo,
    url: `${publicUrl}/fi/child-impact/${a.id}`,
  };
}

export const ASSESSMENT_CSV_COLUMNS = [
  'id',
  'municipality_code',
  'municipality_name_fi',
  'body',
  'decision_reference',
  'decision_date',
  'title',
  'timing',
  'status',
  'outcome',
  'summary_fi',
  'summary_sv',
  'follow_up_due',
  'follow_up_done',
  'published_at',
  'demo',
  'url',
] as const;

export function assessmentCsvRow(a: AssessmentJson): Record<string, string> {
  return {
    id: a.id,
    municipality_code: a.municipality_code,
    municipality_name_fi: a.municipality_name.fi,
    body: a.body,
    decision_reference: a.decision_reference,
    decision_date: a.decision_date ?? '',
    title: a.title,
    timing: a.timing,
    status: a.status,
    outcome: a.outcome ?? '',
    summary_fi: a.summary.fi,
    summary_sv: a.summary.sv,
    follow_up_due: a.follow_up_due ?? '',
    follow_up_done: String(a.follow_up_done),
    published_at: a.published_at,
    demo: String(a.demo),
    url: a.url,
  };
}

export const ChildFriendlySchema = Type.Object({
  municipality_code: Type.String(),
  municipality_name: FiSv,
  stage: Type.String({
    description:
      "UNICEF's process: not_started, application, training, baseline, action_plan, approved, monitoring, recognised.",
  }),
  stage_since: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  stage_dates: Type.Record(Type.String(), Type.String({ format: 'date' })),
  building_blocks_in_place: Type.Integer(),
  action_plan_items: Type.Integer(),
  action_plan_items_done: Type.Integer(),
  published_assessments: Type.Integer(),
});
export type ChildFriendlyJson = Static<typeof ChildFriendlySchema>;

export function presentRegionRow(r: RegionRow): ChildFriendlyJson {
  return {
    municipality_code: r.code,
    municipality_name: r.name,
    stage: r.stage,
    stage_since: r.since,
    stage_dates: r.stageDates as Record<string, string>,
    building_blocks_in_place: r.blocksInPlace,
    action_plan_items: r.actions,
    action_plan_items_done: r.actionsDone,
    published_assessments: r.assessments,
  };
}
