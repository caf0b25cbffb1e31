/** Tables of the search's need vocabulary and query statistics (migrations/0014_search.sql). */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SearchNeedPhraseTable {
  id: string;
  concept: string;
  lang: 'fi' | 'sv' | 'en';
  phrase: string;
  created_at: Ts;
}

export interface SearchQueryStatTable {
  /** Monday of the ISO week, 'YYYY-MM-DD'. */
  week: ColumnType<string, string, string>;
  lang: 'fi' | 'sv' | 'en';
  query: string;
  searches: ColumnType<number, number | undefined, number>;
  zero_results: ColumnType<number, number | undefined, number>;
  clicks: ColumnType<number, number | undefined, number>;
}

/** The search index's change feed (migrations/0017_search_changes.sql). */
export interface SearchChangeTable {
  seq: ColumnType<number, never, never>;
  service_ids: string[];
  everything: ColumnType<boolean, boolean | undefined, boolean>;
  at: Ts;
}

/** The search index's snapshot (migrations/0022_search_snapshot.sql). */
export interface SearchSnapshotTable {
  id: ColumnType<number, number | undefined, number>;
  key: string;
  seq: ColumnType<number, number, number>;
  gaps: string;
  services: number;
  data: Uint8Array;
  made_at: Ts;
}

export interface SearchTables {
  search_change: SearchChangeTable;
  search_snapshot: SearchSnapshotTable;
  search_need_phrase: SearchNeedPhraseTable;
  search_query_stat: SearchQueryStatTable;
}
