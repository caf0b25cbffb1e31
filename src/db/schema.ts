/** Kysely table types, kept by hand beside migrations/ (one place to read what the tables hold). */
import type { ColumnType, Generated } from 'kysely';
import type { Translated } from '../core/shared/lang.js';
import type { PtvTables } from './schema.ptv.js';
import type { ProgrammeTables } from './schema.programme.js';
import type { ConcernTables } from './schema.concerns.js';
import type { WorkingModelTables } from './schema.workingModels.js';
import type { GuidesTables } from './schema.guides.js';
import type { QuestionsTables } from './schema.questions.js';
import type { ChildImpactTables } from './schema.childImpact.js';
import type { EventTables } from './schema.events.js';
import type { PlatformTables } from './schema.platform.js';
import type { SearchTables } from './schema.search.js';

/** Human text in up to three languages. */
type Json<T> = ColumnType<T, T | string, T | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MunicipalityTable {
  code: string;
  name: Json<{ fi: string; sv: string }>;
  languages: string[];
  county: string;
  lape: boolean;
  lat: number;
  lon: number;
  postal_code: string;
}

export interface OrganizationTable {
  id: string;
  key: string;
  type: string;
  name: Json<Translated>;
  description: Json<Translated>;
  email: string | null;
  website: string | null;
  phone: string | null;
  municipality_code: string | null;
  source: string;
  publish_needs_second_person: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocationTable {
  id: string;
  key: string;
  organization_id: string;
  name: Json<Translated>;
  description: Json<Translated>;
  street: Json<Translated>;
  postal_code: string | null;
  city: Json<Translated>;
  municipality_code: string | null;
  lat: number | null;
  lon: number | null;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccessibilityTable {
  id: string;
  location_id: string;
  description: Json<Translated>;
  details: Json<Record<string, unknown>>;
  url: string | null;
}

export interface ServiceTable {
  id: string;
  key: string;
  organization_id: string;
  status: 'active' | 'inactive';
  name: Json<Translated>;
  summary: Json<Translated>;
  description: Json<Translated>;
  keywords: Json<Partial<Record<'fi' | 'sv' | 'en', string[]>>>;
  email: string | null;
  url: string | null;
  languages: string[];
  modes: string[];
  age_min: number | null;
  age_max: number | null;
  fee: string;
  fee_note: Json<Translated>;
  access: string;
  access_note: Json<Translated>;
  last_reviewed: string | null;
  last_reviewed_by: string | null;
  network_note: ColumnType<Translated, Translated | string | undefined, Translated | string>;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceAreaTable {
  service_id: string;
  municipality_code: string;
}
export interface ServiceAtLocationTable {
  id: string;
  service_id: string;
  location_id: string;
}

export interface PhoneTable {
  id: string;
  service_id: string | null;
  location_id: string | null;
  organization_id: string | null;
  number: string;
  description: Json<Translated>;
  sort: Generated<number>;
}

export interface ContactTable {
  id: string;
  service_id: string | null;
  organization_id: string | null;
  name: string | null;
  title: Json<Translated>;
  email: string | null;
  phone: string | null;
}

export interface ScheduleTable {
  id: string;
  service_id: string | null;
  location_id: string | null;
  byday: string[];
  opens_at: string;
  closes_at: string;
  valid_from: string | null;
  valid_to: string | null;
  description: Json<Translated>;
}

export interface TaxonomyTable {
  id: string;
  name: Json<Translated>;
  description: Json<Translated>;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTermTable {
  id: string;
  taxonomy_id: string;
  code: string;
  parent_code: string | null;
  name: Json<Translated>;
  description: Json<Translated>;
}

export interface ServiceTaxonomyTermTable {
  service_id: string;
  taxonomy_term_id: string;
  origin: Generated<string>;
}

export interface ServiceSearchTable {
  service_id: string;
  active: boolean;
  organization_id: string;
  org_type: string;
  tsv: string;
  tsv_name: string;
  tsv_keywords: string;
  areas: string[];
  languages: string[];
  modes: string[];
  life_situations: string[];
  age_min: number | null;
  age_max: number | null;
  free: boolean;
  open_hours: string;
  points: Json<[number, number][]>;
  sort_fi: string;
  sort_sv: string;
  sort_en: string;
}

export interface ServiceSearchRankTable {
  service_id: string;
  tsv_rank: string;
}

/** Each service's card as yh_service_cards assembles it, stored by the indexer (migration 0026). */
export interface ServiceCardTable {
  service_id: string;
  card: unknown;
}

// ---- Access (migration 0005) ----

export type SystemRole = 'admin' | 'coordinator';
export type OrgRole = 'member' | 'editor' | 'org_admin';
export type TeamRole = 'member' | 'lead';
type GeneratedTs = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PersonTable {
  id: string;
  email: string;
  name: string;
  title: Json<Translated>;
  phone: string | null;
  languages: string[];
  system_role: SystemRole | null;
  status: 'active' | 'disabled';
  password_hash: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  ui_lang: 'fi' | 'sv' | 'en' | null;
  created_at: GeneratedTs;
  updated_at: GeneratedTs;
}

export interface MembershipTable {
  person_id: string;
  organization_id: string;
  role: OrgRole;
  created_at: GeneratedTs;
}

export interface TeamTable {
  id: string;
  organization_id: string;
  name: Json<Translated>;
  description: Json<Translated>;
  created_at: GeneratedTs;
  updated_at: GeneratedTs;
}

export interface TeamMembershipTable {
  person_id: string;
  team_id: string;
  role: TeamRole;
  created_at: GeneratedTs;
}

export interface PersonIdentityTable {
  issuer: string;
  subject: string;
  person_id: string;
  created_at: GeneratedTs;
}

export interface SessionTable {
  id: string;
  person_id: string;
  method: 'password' | 'oidc';
  created_at: GeneratedTs;
  last_seen_at: GeneratedTs;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface AuthTokenTable {
  id: string;
  person_id: string;
  purpose: 'set_password';
  created_at: GeneratedTs;
  expires_at: Date;
  used_at: Date | null;
}

export interface InstanceSecretTable {
  name: string;
  value: string;
  created_at: GeneratedTs;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: GeneratedTs;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  outcome: 'ok' | 'failed' | 'denied';
  object_type: string | null;
  object_id: string | null;
  organization_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  details: Json<Record<string, unknown>>;
  ip: string | null;
  request_id: string | null;
}

export interface RecordDraftTable {
  id: string;
  kind: 'service' | 'location';
  record_id: string | null;
  organization_id: string;
  data: Json<Record<string, unknown>>;
  base: Json<Record<string, unknown>> | null;
  status: 'draft' | 'submitted';
  created_by: string;
  updated_by: string;
  submitted_by: string | null;
  created_at: GeneratedTs;
  updated_at: GeneratedTs;
}

export interface DB
  extends
    PtvTables,
    ProgrammeTables,
    GuidesTables,
    QuestionsTables,
    ChildImpactTables,
    ConcernTables,
    EventTables,
    PlatformTables,
    SearchTables {
  municipality: MunicipalityTable;
  organization: OrganizationTable;
  location: LocationTable;
  accessibility: AccessibilityTable;
  service: ServiceTable;
  service_area: ServiceAreaTable;
  service_at_location: ServiceAtLocationTable;
  phone: PhoneTable;
  contact: ContactTable;
  schedule: ScheduleTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  service_taxonomy_term: ServiceTaxonomyTermTable;
  service_search: ServiceSearchTable;
  service_search_rank: ServiceSearchRankTable;
  service_card: ServiceCardTable;
  search_word: { word: string };
  search_index_state: { id: boolean; version: number };
  person: PersonTable;
  membership: MembershipTable;
  team: TeamTable;
  team_membership: TeamMembershipTable;
  person_identity: PersonIdentityTable;
  session: SessionTable;
  auth_token: AuthTokenTable;
  instance_secret: InstanceSecretTable;
  audit_event: AuditEventTable;
  record_draft: RecordDraftTable;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the working models' tables into DB
export interface DB extends WorkingModelTables {}
