-- A page of service cards (issue 13), as one function: PL/pgSQL keeps the query's plan for the connection, so a
-- search page or API answer no longer plans this join of six tables on every request (~2 ms on PostgreSQL, more on
-- PGlite). One JSON object a card, in the shape src/core/directory/queries.ts reads.
create function yh_service_cards(ids uuid[], life_order text[]) returns setof jsonb
language plpgsql stable as $$
begin
  return query
  select jsonb_build_object(
    'id', s.id, 'name', s.name, 'summary', s.summary, 'languages', s.languages, 'modes', s.modes,
    'age_min', s.age_min, 'age_max', s.age_max, 'fee', s.fee, 'access', s.access,
    'last_reviewed', s.last_reviewed, 'updated_at', s.updated_at, 'status', s.status,
    'org_id', o.id, 'org_name', o.name, 'org_type', o.type,
    'areas', array(select a.municipality_code from service_area a where a.service_id = s.id
      order by a.municipality_code),
    'life_situations', array(select t.code from service_taxonomy_term st
      join taxonomy_term t on t.id = st.taxonomy_term_id
      where st.service_id = s.id and t.taxonomy_id = 'life-situation'
      order by array_position(life_order, t.code), t.code collate "C"),
    'places', coalesce((select jsonb_agg(jsonb_build_object('name', l.name, 'city', l.city, 'lat', l.lat, 'lon', l.lon)
        order by l.key)
      from service_at_location sl join location l on l.id = sl.location_id where sl.service_id = s.id), '[]'))
  from service s join organization o on o.id = s.organization_id
  where s.id = any(ids);
end $$;
