-- The search document is split in two, both rebuilt from the services by the indexer (derived data):
--  * service_search: the small columns every search filters, counts and sorts on. Kept slim so that scanning
--    tens of thousands of matches reads few pages.
--  * service_search_text: the text vectors, matched only through their GIN indexes; the large ones live out of
--    line (TOAST) and are read only for the few rows that get a full relevance score.
drop table service_search;

create table service_search (
  service_id uuid primary key references service(id) on delete cascade,
  active boolean not null,
  organization_id uuid not null,
  org_type text not null,
  areas text[] not null,
  languages text[] not null,
  modes text[] not null,
  life_situations text[] not null,
  age_min integer,
  age_max integer,
  free boolean not null,
  open_hours int4multirange not null,
  points jsonb not null default '[]',
  sort_fi text collate "C" not null,
  sort_sv text collate "C" not null,
  sort_en text collate "C" not null
);
create index service_search_areas_idx on service_search using gin (areas);
create index service_search_life_idx on service_search using gin (life_situations);
create index service_search_sort_fi_idx on service_search (sort_fi);
create index service_search_sort_sv_idx on service_search (sort_sv);
create index service_search_sort_en_idx on service_search (sort_en);
create index service_search_org_idx on service_search (organization_id);

create table service_search_text (
  service_id uuid primary key references service(id) on delete cascade,
  tsv tsvector not null,           -- everything: A name, B keywords, C summary, D description
  tsv_name tsvector not null,      -- A only
  tsv_keywords tsvector not null,  -- B only
  tsv_rank tsvector not null       -- A, B and C: what the full relevance score reads
) with (toast_tuple_target = 128);
-- The name and keyword vectors are small and read for every match (tiers): keep them in the row.
alter table service_search_text alter column tsv_name set storage main;
alter table service_search_text alter column tsv_keywords set storage main;
create index service_search_text_tsv_idx on service_search_text using gin (tsv);

-- Services whose text matches, with a tier: all words in the name 8, any word in the name 4, in keywords 2.
-- Sequential scans are off inside this function only: a scan would unpack every large document (the planner
-- does not count that cost), while the GIN index answers without reading them.
create function yh_text_match(q_all tsquery, q_any tsquery) returns table (service_id uuid, tier integer)
language sql stable set enable_seqscan = off as $$
  select t.service_id,
         (t.tsv_name @@ q_all)::int * 8 + (t.tsv_name @@ q_any)::int * 4 + (t.tsv_keywords @@ q_any)::int * 2
  from service_search_text t where t.tsv @@ q_all
$$;

delete from search_index_state;
