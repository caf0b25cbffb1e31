-- Each service's card stored when its search document is built (issue 13): a page of results reads 20 rows by
-- their key instead of assembling each card from six tables (yh_service_cards, 0025), which cost about as much as
-- the rest of a search with nothing remembered (PGlite ~2 ms, PostgreSQL ~1.2 ms at 100 000 services). The card is
-- yh_service_cards' own JSON, written by the indexer (src/core/directory/searchIndexer.ts) in the same transaction
-- as the document, so it changes whenever anything it shows does. yh_service_cards stays the reference and the
-- fallback for a service whose card is not stored yet.
create table service_card (
  service_id uuid primary key references service (id) on delete cascade,
  card jsonb not null
);

-- The cards of these services: stored ones, and for any not stored, assembled (in no particular order).
create function yh_cards(ids uuid[], life_order text[]) returns setof jsonb
language plpgsql stable as $$
declare
  missing uuid[];
begin
  return query select c.card from service_card c where c.service_id = any(ids);
  select array_agg(i) into missing from unnest(ids) as i
  where not exists (select 1 from service_card c where c.service_id = i);
  if missing is not null then
    return query select * from yh_service_cards(missing, life_order);
  end if;
end $$;
