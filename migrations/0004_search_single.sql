-- One search table again, laid out for scale: the filter columns stay in the row (storage main), the text
-- vectors go out of line (toast_tuple_target) and are reached through their GIN indexes, so counting tens of
-- thousands of matches reads only slim rows and needs no join. The full ranking vector keeps its own table.
drop function yh_text_match(tsquery, tsquery);
drop table service_search_text;

alter table service_search
  add column tsv tsvector not null default ''::tsvector,
  add column tsv_name tsvector not null default ''::tsvector,
  add column tsv_keywords tsvector not null default ''::tsvector;
alter table service_search set (toast_tuple_target = 128);
alter table service_search alter column areas set storage main;
alter table service_search alter column languages set storage main;
alter table service_search alter column modes set storage main;
alter table service_search alter column life_situations set storage main;
alter table service_search alter column open_hours set storage main;
alter table service_search alter column points set storage main;
alter table service_search alter column sort_fi set storage main;
alter table service_search alter column sort_sv set storage main;
alter table service_search alter column sort_en set storage main;
create index service_search_tsv_idx on service_search using gin (tsv);
create index service_search_tsv_name_idx on service_search using gin (tsv_name);
create index service_search_tsv_keywords_idx on service_search using gin (tsv_keywords);

create table service_search_rank (
  service_id uuid primary key references service(id) on delete cascade,
  tsv_rank tsvector not null       -- A, B and C: what the full relevance score reads, for the best candidates only
);

delete from search_index_state;
