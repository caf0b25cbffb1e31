/**
 * The words of child impact assessment (lapsivaikutusten arviointi, LAVA / barnkonsekvensbedömning). The steps
 * follow the models used in Finland (THL, the Association of Finnish Municipalities' guide, the LAPE models):
 * screening → plan → legal basis → who is affected → alternatives → evidence → children's views → impacts →
 * comparison and mitigation → decision → follow-up, and the published summaries. Labels live in
 * src/i18n/locales/childImpact.*.json (childImpact.step.<key>, childImpact.field.<name>, childImpact.option.<value>).
 */
import type { AgeGroup, AssessmentOutcome, AssessmentStatus, AssessmentTiming } from '../../db/schema.childImpact.js';

export const AREA = 'childImpact';
export const TIMINGS: readonly AssessmentTiming[] = ['before', 'during', 'after'];
export const STATUSES: readonly AssessmentStatus[] = ['draft', 'screened_out', 'completed'];
export const OUTCOMES: readonly AssessmentOutcome[] = ['taken_into_account', 'partly', 'not_taken', 'pending'];
export const AGE_GROUPS: readonly AgeGroup[] = ['7-12', '13-17'];

export type FieldKind = 'text' | 'textarea' | 'radio' | 'checkboxes' | 'date' | 'owner';
export interface FieldDef {
  name: string;
  kind: FieldKind;
  options?: readonly string[];
  /** The language of the text typed (summaries in Finnish and in Swedish). */
  lang?: 'fi' | 'sv';
  required?: boolean;
}
export interface StepDef {
  key: string;
  fields: readonly FieldDef[];
}

/** The UN Convention on the Rights of the Child: the four general principles and the articles often applied. */
export const UNCRC_ARTICLES = ['2', '3', '6', '12', '18', '19', '23', '24', '28', '29', '31'] as const;
export const AFFECTED_AGES = ['0-6', '7-12', '13-17'] as const;
export const LANGUAGE_GROUPS = ['fi', 'sv', 'other'] as const;
export const VULNERABLE_GROUPS = ['disability', 'child_welfare', 'low_income', 'migrant', 'minority'] as const;
export const LIFE_AREAS = [
  'family',
  'early_education',
  'school',
  'leisure',
  'health',
  'safety',
  'services',
  'environment',
] as const;
export const IMPACT_TERMS = ['short', 'long', 'both'] as const;

export const STEPS: readonly StepDef[] = [
  {
    key: 'screening',
    fields: [
      { name: 'affects', kind: 'radio', options: ['direct', 'indirect', 'no'], required: true },
      { name: 'screening_result', kind: 'radio', options: ['continue', 'stop'], required: true },
      { name: 'screening_reason', kind: 'textarea' },
    ],
  },
  {
    key: 'plan',
    fields: [
      { name: 'plan_people', kind: 'textarea' },
      { name: 'plan_schedule', kind: 'textarea' },
      { name: 'plan_methods', kind: 'textarea' },
    ],
  },
  {
    key: 'legal_basis',
    fields: [
      { name: 'articles', kind: 'checkboxes', options: UNCRC_ARTICLES },
      { name: 'national_law', kind: 'textarea' },
    ],
  },
  {
    key: 'affected',
    fields: [
      { name: 'affected_ages', kind: 'checkboxes', options: AFFECTED_AGES },
      { name: 'vulnerable_groups', kind: 'checkboxes', options: VULNERABLE_GROUPS },
      { name: 'language_groups', kind: 'checkboxes', options: LANGUAGE_GROUPS },
      { name: 'affected_notes', kind: 'textarea' },
    ],
  },
  {
    key: 'alternatives',
    fields: [
      { name: 'alternatives', kind: 'textarea' },
      { name: 'no_change', kind: 'textarea' },
    ],
  },
  {
    key: 'evidence',
    fields: [
      { name: 'evidence', kind: 'textarea' },
      { name: 'unknowns', kind: 'textarea' },
    ],
  },
  {
    key: 'views',
    fields: [
      { name: 'views_how', kind: 'textarea' },
      { name: 'views_when', kind: 'text' },
      { name: 'views_ages', kind: 'text' },
      { name: 'views_said', kind: 'textarea' },
      { name: 'views_feedback', kind: 'textarea' },
    ],
  },
  {
    key: 'impacts',
    fields: [
      { name: 'impacts_positive', kind: 'textarea' },
      { name: 'impacts_negative', kind: 'textarea' },
      { name: 'impacts_indirect', kind: 'textarea' },
      { name: 'impact_term', kind: 'radio', options: IMPACT_TERMS },
      { name: 'life_areas', kind: 'checkboxes', options: LIFE_AREAS },
    ],
  },
  {
    key: 'comparison',
    fields: [
      { name: 'comparison', kind: 'textarea' },
      { name: 'mitigation', kind: 'textarea' },
    ],
  },
  {
    key: 'decision',
    fields: [
      { name: 'recommendation', kind: 'textarea' },
      { name: 'decision_text', kind: 'textarea' },
      { name: 'outcome', kind: 'radio', options: OUTCOMES },
    ],
  },
  {
    key: 'follow_up',
    fields: [
      { name: 'indicators', kind: 'textarea' },
      { name: 'follow_up_due', kind: 'date' },
      { name: 'follow_up_owner', kind: 'owner' },
    ],
  },
  {
    key: 'summary',
    fields: [
      { name: 'summary_fi', kind: 'textarea', lang: 'fi' },
      { name: 'summary_sv', kind: 'textarea', lang: 'sv' },
      { name: 'child_summary_fi', kind: 'textarea', lang: 'fi' },
      { name: 'child_summary_sv', kind: 'textarea', lang: 'sv' },
    ],
  },
];

export const STEP_KEYS = STEPS.map((s) => s.key);
export const stepByKey = (key: string) => STEPS.find((s) => s.key === key);

/** The pictorial answer scale of a questionnaire: 1 (very bad) … 5 (very good), 0 = cannot say. */
export const SCALE = [1, 2, 3, 4, 5] as const;
/** Fewer answers than this are never shown as counts (a child could be recognised). */
export const MIN_GROUP = 5;
export const MAX_QUESTIONS = 5;

export const isTiming = (v: unknown): v is AssessmentTiming => TIMINGS.includes(v as AssessmentTiming);
export const isAgeGroup = (v: unknown): v is AgeGroup => AGE_GROUPS.includes(v as AgeGroup);
