-- Ranking reads a small vector (name, keywords, summary) instead of the whole document, so ranking many matches
-- stays cheap; the whole document (tsv) is only matched, through its GIN index.
alter table service_search add column tsv_rank tsvector not null default ''::tsvector;

-- The version of the search documents' build (src/core/directory/searchIndexer.ts SEARCH_INDEX_VERSION).
-- When the code builds documents differently, start-up rebuilds them all.
create table search_index_state (
  id boolean primary key default true check (id),
  version integer not null
);
