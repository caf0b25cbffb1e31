-- The search index's change feed (issue 13): every rebuild of search documents (reindexServices: an edit, a PTV
-- import, a demo load) adds a row in the same transaction, and each app instance applies the rows it has not seen
-- to its in-memory index (LISTEN/NOTIFY on channel yh_search_changes wakes it; polling is the fallback).
create table search_change (
  seq bigserial primary key,
  service_ids uuid[] not null,                    -- the services whose documents were rebuilt
  everything boolean not null default false,      -- too many to list: every document is read again
  at timestamptz not null default now()
);
create index search_change_at_idx on search_change (at);
