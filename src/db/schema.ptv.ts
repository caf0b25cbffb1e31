/**
 * Tables of the PTV import (migrations/0006_ptv.sql): the directory's additions for what PTV says (links,
 * dated exceptions to opening hours, organisations by role) and the import's own record of PTV records.
 */
import type { ColumnType, Generated } from 'kysely';
import type { Translated } from '../core/shared/lang.js';

type Json<T> = ColumnType<T, T | string, T | string>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type LinkKind = 'web_page' | 'e_service' | 'printable_form';

export interface LinkTable {
  id: string;
  service_id: string | null;
  location_id: string | null;
  kind: LinkKind;
  url: string;
  label: Json<Translated>;
  lang: string | null;
  sort: Generated<number>;
}

export interface ScheduleExceptionTable {
  id: string;
  service_id: string | null;
  location_id: string | null;
  valid_from: string;
  valid_to: string;
  closed: boolean;
  opens_at: string | null;
  closes_at: string | null;
  description: Json<Translated>;
}

export type ServiceOrganizationRole = 'responsible' | 'producer' | 'other_responsible';

export interface ServiceOrganizationTable {
  service_id: string;
  organization_id: string;
  role: ServiceOrganizationRole;
  provision_type: string | null;
}

export type PtvRecordKind = 'service' | 'channel' | 'organization';

export interface PtvRecordTable {
  kind: PtvRecordKind;
  ptv_id: string;
  channel_type: string | null;
  data: Json<Record<string, unknown>>;
  source_hash: string;
  written_hash: string | null;
  publishing_status: string;
  modified: string | null;
  source_set: string;
  status: 'active' | 'inactive';
  first_seen_at: Ts;
  last_seen_at: Ts;
}

export interface PtvTables {
  link: LinkTable;
  schedule_exception: ScheduleExceptionTable;
  service_organization: ServiceOrganizationTable;
  ptv_record: PtvRecordTable;
}
