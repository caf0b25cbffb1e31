-- The search index's snapshot (issue 13): an instance that has built its in-memory index from the documents stores
-- it here (compressed), with the change number it reflects, so that the next start reads it in one row and applies
-- only the changes made since, instead of analysing every document again. One row; the newest snapshot wins.
create table search_snapshot (
  id int primary key default 1 check (id = 1),
  key text not null,              -- the index format and the schema version it was made with: another is not read
  seq bigint not null,            -- the highest change (search_change.seq) applied
  gaps text not null,             -- change numbers below seq not seen yet, with when they were first missed (JSON)
  services int not null,
  data bytea not null,
  made_at timestamptz not null default now()
);
