/** Tables of life-event guides and error reports on services (migrations/0015_guides.sql). */
import type { ColumnType } from 'kysely';
import type { GuideContent } from '../core/guides/types.js';

type Json<T> = ColumnType<T, T | string, T | string>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export interface GuideTable {
  id: string;
  slug: string;
  sort: ColumnType<number, number | undefined, number>;
  published: Json<GuideContent> | null;
  draft: Json<GuideContent> | null;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_by: string | null;
  review_by: string | null;
  last_reviewed: string | null;
  last_reviewed_by: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface ServiceFeedbackTable {
  id: string;
  service_id: string;
  organization_id: string;
  lang: 'fi' | 'sv' | 'en';
  message: string;
  contact: string | null;
  status: ColumnType<'open' | 'handled', 'open' | 'handled' | undefined, 'open' | 'handled'>;
  created_at: Ts;
  handled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  handled_by: string | null;
}

export interface GuidesTables {
  guide: GuideTable;
  service_feedback: ServiceFeedbackTable;
}
