/** Tables of working models and onboarding (migrations/0013_working_models.sql). */
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, T | string, T | string>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export interface WorkingModelTable {
  id: string;
  key: string;
  organization_id: string;
  team_id: string | null;
  origin_action_id: string | null;
  draft: Json<unknown>;
  published: Json<unknown> | null;
  version: Generated<number>;
  public: Generated<boolean>;
  review_due: string | null;
  review_reminded_for: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Ts;
  updated_at: Ts;
  updated_by: string | null;
  published_at: Date | null;
}

export interface WorkingModelVersionTable {
  model_id: string;
  version: number;
  content: Json<unknown>;
  published_at: Ts;
  published_by: string | null;
}

export interface WorkingModelPersonTable {
  model_id: string;
  person_id: string;
  role: 'owner' | 'contact';
}

export interface WorkingModelMunicipalityTable {
  model_id: string;
  municipality_code: string;
  since: string | null;
  adopted_from_code: string | null;
}

export interface WorkingModelServiceTable {
  model_id: string;
  service_id: string;
}

export interface OnboardingPathTable {
  id: string;
  team_id: string;
  person_id: string;
  created_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export type OnboardingItemKind = 'working_model' | 'person' | 'service' | 'task';

export interface OnboardingItemTable {
  id: string;
  path_id: string;
  kind: OnboardingItemKind;
  working_model_id: string | null;
  person_id: string | null;
  service_id: string | null;
  note: Generated<string>;
  position: Generated<number>;
  done_at: Date | null;
  created_at: Ts;
}

export interface WorkingModelTables {
  working_model: WorkingModelTable;
  working_model_version: WorkingModelVersionTable;
  working_model_person: WorkingModelPersonTable;
  working_model_municipality: WorkingModelMunicipalityTable;
  working_model_service: WorkingModelServiceTable;
  onboarding_path: OnboardingPathTable;
  onboarding_item: OnboardingItemTable;
}
