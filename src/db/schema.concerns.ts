/** Tables of concerns, cases and referrals (migrations/0010_concerns.sql). Columns ending in _enc are encrypted. */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NullTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A date column: read as 'YYYY-MM-DD' (see the type parser note in queries), written as a string. */
type DateCol = ColumnType<string, string, string>;
type NullDate = ColumnType<string | null, string | null | undefined, string | null>;

export type AgeGroup = '0-2' | '3-6' | '7-12' | '13-17' | 'unknown';
export type CaseStatus = 'intake' | 'open' | 'closed';
export type Urgency = 'urgent' | 'normal';
export type CaseOutcome = 'helped' | 'referred_on' | 'no_need' | 'could_not_reach';
export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'contact_made' | 'completed' | 'withdrawn';
export type ReferralBasis = 'consent' | 'legal_basis';

export interface ConcernTeamSettingsTable {
  team_id: string;
  municipality_codes: string[];
  languages: string[];
  first_contact_days: number;
  meeting_weekday: number;
  receives_referrals: boolean;
  updated_at: Ts;
}

export interface ConcernCaseTable {
  id: string;
  reference: string;
  follow_up_hash: string;
  team_id: string | null;
  lang: 'fi' | 'sv' | 'en';
  municipality_code: string;
  about: 'own_family' | 'other_child' | null;
  age_group: AgeGroup;
  anonymous: boolean;
  family_knows: boolean;
  family_agrees_contact: boolean | null;
  urgent_on_arrival: boolean;
  text_enc: string;
  contact_name_enc: string | null;
  contact_email_enc: string | null;
  contact_phone_enc: string | null;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  urgency: Urgency | null;
  agenda_date: NullDate;
  responsible_id: string | null;
  pair_id: string | null;
  first_contact_due: DateCol;
  first_contact_at: NullTs;
  outcome: CaseOutcome | null;
  closed_at: NullTs;
  deletion_requested_at: NullTs;
  created_at: Ts;
  updated_at: Ts;
  last_activity_at: Ts;
}

export interface ConcernMessageTable {
  id: string;
  case_id: string;
  author: 'resident' | 'team';
  person_id: string | null;
  body_enc: string;
  created_at: Ts;
}

export interface ConcernMinutesTable {
  id: string;
  case_id: string;
  meeting_date: DateCol;
  body_enc: string;
  person_id: string | null;
  created_at: Ts;
}

export interface ConcernPlanTable {
  case_id: string;
  goals_enc: string;
  tasks_enc: string;
  review_date: DateCol;
  updated_by: string | null;
  updated_at: Ts;
}

export interface ConcernFollowUpTable {
  id: string;
  case_id: string;
  body_enc: string;
  person_id: string | null;
  created_at: Ts;
}

export interface ReferralTable {
  id: string;
  case_id: string;
  service_id: string;
  from_team_id: string;
  to_organization_id: string;
  to_team_id: string;
  basis: ReferralBasis;
  basis_note_enc: string;
  message_enc: string;
  contact_enc: string | null;
  status: ColumnType<ReferralStatus, ReferralStatus | undefined, ReferralStatus>;
  created_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface ReferralEventTable {
  id: string;
  referral_id: string;
  status: string;
  note_enc: string | null;
  person_id: string | null;
  person_name: string | null;
  team_id: string | null;
  at: Ts;
}

export interface ConcernErasureTable {
  id: string;
  run_at: Ts;
  record_type: string;
  erased: number;
  rule: string;
}

export interface ConcernTables {
  concern_team_settings: ConcernTeamSettingsTable;
  concern_case: ConcernCaseTable;
  concern_message: ConcernMessageTable;
  concern_minutes: ConcernMinutesTable;
  concern_plan: ConcernPlanTable;
  concern_follow_up: ConcernFollowUpTable;
  referral: ReferralTable;
  referral_event: ReferralEventTable;
  concern_erasure: ConcernErasureTable;
}
