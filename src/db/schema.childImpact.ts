/** Tables of child impact assessment and the child-friendly municipality (migrations/0012_child_impact.sql). */
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, T | string, T | string>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;

export type AssessmentTiming = 'before' | 'during' | 'after';
export type AssessmentStatus = 'draft' | 'screened_out' | 'completed';
export type AssessmentOutcome = 'taken_into_account' | 'partly' | 'not_taken' | 'pending';
export type AgeGroup = '7-12' | '13-17';
export type ChildFriendlyStage =
  'not_started' | 'application' | 'training' | 'baseline' | 'action_plan' | 'approved' | 'monitoring' | 'recognised';
export type BlockStatus = 'not_started' | 'in_progress' | 'in_place';
export type CfActionStatus = 'planned' | 'in_progress' | 'done' | 'delayed';

/** The answers of an assessment's steps: a field's text, or the chosen values of a multiple choice. */
export type AssessmentContent = Record<string, string | string[]>;
export interface QuestionDef {
  key: string;
  text: { fi: string; sv: string };
}

export interface ChildImpactAssessmentTable {
  id: string;
  organization_id: string;
  municipality_code: string;
  body: string;
  decision_reference: string;
  decision_date: string | null;
  title: string;
  timing: AssessmentTiming;
  status: Generated<AssessmentStatus>;
  outcome: AssessmentOutcome | null;
  content: Json<AssessmentContent>;
  version: Generated<number>;
  follow_up_due: string | null;
  follow_up_owner_id: string | null;
  follow_up_done_at: Date | null;
  follow_up_reminded_on: string | null;
  published_at: Date | null;
  demo: Generated<boolean>;
  created_at: Ts;
  created_by: string | null;
  updated_at: Ts;
  updated_by: string | null;
}

export interface ChildImpactVersionTable {
  assessment_id: string;
  version: number;
  step: string;
  status: string;
  content: Json<AssessmentContent>;
  saved_at: Ts;
  saved_by: string | null;
}

export interface ChildImpactCommentTable {
  id: string;
  assessment_id: string;
  step: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: Ts;
}

export interface ChildImpactQuestionnaireTable {
  id: string;
  assessment_id: string;
  age_group: AgeGroup;
  title: Json<{ fi: string; sv: string }>;
  intro: Json<{ fi?: string; sv?: string }>;
  questions: Json<QuestionDef[]>;
  free_text_question: Json<{ fi?: string; sv?: string }>;
  status: Generated<'open' | 'closed'>;
  created_at: Ts;
  created_by: string | null;
}

export interface ChildImpactResponseTable {
  id: string;
  questionnaire_id: string;
  lang: 'fi' | 'sv' | 'en';
  answers: Json<Record<string, number>>;
  free_text: string | null;
  answered_on: Day;
}

export interface ChildImpactDecisionTable {
  id: string;
  organization_id: string;
  municipality_code: string;
  body: string;
  reference: string;
  decision_date: Day;
  title: string;
  created_at: Ts;
}

export interface ChildFriendlyStatusTable {
  municipality_code: string;
  organization_id: string;
  stage: Generated<ChildFriendlyStage>;
  stage_dates: Json<Partial<Record<ChildFriendlyStage, string>>>;
  notes: Generated<string>;
  demo: Generated<boolean>;
  updated_at: Ts;
  updated_by: string | null;
}

export interface ChildFriendlyBlockTable {
  municipality_code: string;
  block: string;
  evidence: Generated<string>;
  status: Generated<BlockStatus>;
}

export interface ChildFriendlyActionTable {
  id: string;
  municipality_code: string;
  title: string;
  owner: Generated<string>;
  status: Generated<CfActionStatus>;
  due: string | null;
  created_at: Ts;
}

export interface ChildImpactTables {
  child_impact_assessment: ChildImpactAssessmentTable;
  child_impact_version: ChildImpactVersionTable;
  child_impact_comment: ChildImpactCommentTable;
  child_impact_questionnaire: ChildImpactQuestionnaireTable;
  child_impact_response: ChildImpactResponseTable;
  child_impact_decision: ChildImpactDecisionTable;
  child_friendly_status: ChildFriendlyStatusTable;
  child_friendly_block: ChildFriendlyBlockTable;
  child_friendly_action: ChildFriendlyActionTable;
}
