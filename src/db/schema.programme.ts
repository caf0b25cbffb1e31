/** Tables of programme tracking (migrations/0007_programme.sql): plans, their versions, and what people track. */
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, T | string, T | string>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type LapeAreaCode = 'family_centre' | 'school_wellbeing' | 'special_services' | 'culture_change';
export type ActionStatus = 'idea' | 'trial' | 'evaluated' | 'permanent' | 'stopped' | 'spread';
export type MilestoneStatus = 'planned' | 'in_progress' | 'done' | 'delayed' | 'dropped';
export type MemberRole = 'chair' | 'member' | 'secretary' | 'contact' | 'signatory';
export type StatusSource = 'import' | 'person';

export interface ProgrammePlanTable {
  id: string;
  key: string;
  kind: 'municipal_plan' | 'programme_summary';
  municipality_codes: string[];
  title: string | null;
  plan_date: string | null;
  current_version: number;
  /** The development areas as people keep them (migration 0013); null: the plan's own. */
  tracked_areas: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  tracked_areas_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Ts;
  updated_at: Ts;
}

export interface ProgrammePlanVersionTable {
  id: string;
  plan_id: string;
  version: number;
  content_hash: string;
  file_name: string;
  source_text: string;
  parsed: Json<unknown>;
  plan_date: string | null;
  imported_at: Ts;
  imported_by: string | null;
}

export interface ProgrammePlanAreaTable {
  plan_id: string;
  area: LapeAreaCode;
  first_version: number;
  last_version: number;
}

export interface ProgrammeActionTable {
  id: string;
  plan_id: string;
  kind: 'experiment' | 'adopted';
  match_key: string;
  municipality_code: string | null;
  title: string;
  original: string;
  imported_status: string | null;
  position: Generated<number>;
  first_version: number;
  last_version: number;
  status: ActionStatus;
  status_source: Generated<StatusSource>;
  area: LapeAreaCode | null;
  owner_team: Generated<string>;
  /** The team that owns the experiment (migration 0013). */
  owner_team_id: ColumnType<string | null, string | null | undefined, string | null>;
  evidence: Generated<string>;
  notes: Generated<string>;
  progress: number | null;
  adopted_from_code: string | null;
  spread_to: Generated<string[]>;
  updated_at: Ts;
  updated_by: string | null;
}

export interface ProgrammeMilestoneTable {
  id: string;
  plan_id: string;
  match_key: string;
  year: number;
  text: string;
  municipality_code: string | null;
  position: Generated<number>;
  first_version: number;
  last_version: number;
  status: Generated<MilestoneStatus>;
  status_source: Generated<StatusSource>;
  notes: Generated<string>;
  updated_at: Ts;
  updated_by: string | null;
}

export interface ProgrammeStructuralChangeTable {
  id: string;
  plan_id: string;
  match_key: string;
  text: string;
  position: Generated<number>;
  first_version: number;
  last_version: number;
  notes: Generated<string>;
  updated_at: Ts;
  updated_by: string | null;
}

export interface ProgrammeMemberTable {
  id: string;
  plan_id: string;
  match_key: string | null;
  name: string;
  title: Generated<string>;
  role: MemberRole;
  municipality_code: string | null;
  source: StatusSource;
  last_version: number | null;
  position: Generated<number>;
  created_at: Ts;
}

export interface ProgrammeUpdateTable {
  id: string;
  plan_id: string;
  subject_type: 'plan' | 'action' | 'milestone' | 'structural_change';
  subject_id: string;
  entry_date: ColumnType<string, string | undefined, string>;
  at: Ts;
  actor_id: string | null;
  actor_name: string | null;
  from_status: string | null;
  to_status: string | null;
  note: Generated<string>;
}

export interface ProgrammeTables {
  programme_plan: ProgrammePlanTable;
  programme_plan_version: ProgrammePlanVersionTable;
  programme_plan_area: ProgrammePlanAreaTable;
  programme_action: ProgrammeActionTable;
  programme_milestone: ProgrammeMilestoneTable;
  programme_structural_change: ProgrammeStructuralChangeTable;
  programme_member: ProgrammeMemberTable;
  programme_update: ProgrammeUpdateTable;
}
