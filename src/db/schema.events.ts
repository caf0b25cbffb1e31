/** Tables of events and groups (migrations/0011_events.sql): events, their occurrences and registrations. */
import type { ColumnType, Generated } from 'kysely';
import type { Translated } from '../core/shared/lang.js';

type Json<T> = ColumnType<T, T | string, T | string>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type TsOrNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type EventKind = 'single' | 'recurring' | 'group';
export type EventStatus = 'draft' | 'published';
export type RegistrationMode = 'none' | 'headcount' | 'contact';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface EventTable {
  id: string;
  key: string | null;
  organization_id: string;
  service_id: string | null;
  kind: EventKind;
  status: Generated<EventStatus>;
  name: Json<Translated>;
  description: Json<Translated>;
  practical: Json<Translated>;
  languages: string[];
  municipality_code: string | null;
  location_id: string | null;
  online_url: string | null;
  online_url_registered_only: Generated<boolean>;
  age_min: number | null;
  age_max: number | null;
  free: Generated<boolean>;
  price: Json<Translated>;
  accessibility: Json<Translated>;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  keywords: string[];
  life_situations: string[];
  registration: RegistrationMode;
  capacity: number | null;
  taken: Generated<number>;
  max_people: Generated<number>;
  rrule: string | null;
  first_start: string | null;
  first_end: string | null;
  exdates: Generated<string[]>;
  retention_days: Generated<number>;
  tsv: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  updated_by: string | null;
  published_at: TsOrNull;
  created_at: Ts;
  updated_at: Ts;
}

export interface EventOccurrenceTable {
  id: string;
  event_id: string;
  starts_at: Ts;
  ends_at: Ts;
  status: Generated<'scheduled' | 'cancelled'>;
  taken: Generated<number>;
  reminded_at: TsOrNull;
}

export interface EventRegistrationTable {
  id: string;
  seq: ColumnType<string, never, never>;
  event_id: string;
  occurrence_id: string | null;
  status: RegistrationStatus;
  people: number;
  name_enc: string | null;
  email_enc: string | null;
  phone_enc: string | null;
  email_hash: string | null;
  lang: string;
  reference: string;
  cancel_hash: string;
  feed_hash: string;
  attended: boolean | null;
  created_at: Ts;
  confirmed_at: TsOrNull;
  cancelled_at: TsOrNull;
  erased_at: TsOrNull;
}

export interface EventTables {
  event: EventTable;
  event_occurrence: EventOccurrenceTable;
  event_registration: EventRegistrationTable;
}
