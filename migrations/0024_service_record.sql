-- A service's whole record (issue 13) as one function, as 0023 does for the cards: PL/pgSQL keeps the plan of its
-- eleven subqueries for the connection, where planning them took longer than running them (about 0.6 ms of 0.9 on
-- PostgreSQL, more than half of the query on PGlite). One JSON value, in the shape src/core/directory/queries.ts
-- reads (serviceRecord): the service's row, its organisation as columns, its areas, terms, phones, hours and places
-- (each place with its accessibility and hours). With exceptions_from (a day), the service page's extras too: the
-- exceptions to the service's and its places' hours ending on or after that day, and whether a published event
-- names the service; without it (null), those are null.
create function yh_service_record(p_id uuid, exceptions_from date) returns json
language plpgsql stable as $$
declare
  result json;
begin
  select row_to_json(r) into result from (select s.id, s.name, s.summary, s.languages, s.modes, s.age_min, s.age_max,
    s.fee, s.access, s.last_reviewed, s.updated_at, s.status, o.id as org_id, o.name as org_name, o.type as org_type,
    s.key, s.description, s.keywords, s.email, s.url, s.fee_note, s.access_note, s.source, s.created_at,
    o.key as org_key, o.description as org_description, o.email as org_email, o.website as org_website,
    o.phone as org_phone, o.municipality_code as org_municipality_code, o.updated_at as org_updated_at,
    array(select a.municipality_code from service_area a where a.service_id = s.id
      order by a.municipality_code) as areas,
    coalesce((select json_agg(json_build_object('taxonomy_id', t.taxonomy_id, 'code', t.code, 'name', t.name)
        order by t.code)
      from service_taxonomy_term st join taxonomy_term t on t.id = st.taxonomy_term_id
      where st.service_id = s.id), '[]') as terms,
    coalesce((select json_agg(json_build_object('number', p.number, 'description', p.description)
        order by p.sort, p.id)
      from phone p where p.service_id = s.id), '[]') as phones,
    coalesce((select json_agg(json_build_object('byday', h.byday, 'opens_at', h.opens_at, 'closes_at', h.closes_at,
          'description', h.description, 'valid_from', h.valid_from, 'valid_to', h.valid_to)
        order by h.opens_at, array_position(array['MO','TU','WE','TH','FR','SA','SU'], h.byday[1]), h.id)
      from schedule h where h.service_id = s.id), '[]') as hours,
    coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'description', l.description,
          'street', l.street, 'postal_code', l.postal_code, 'city', l.city,
          'municipality_code', l.municipality_code, 'lat', l.lat, 'lon', l.lon,
          'organization_id', l.organization_id,
          'accessibility', (select a.description from accessibility a where a.location_id = l.id
            order by a.id limit 1),
          'hours', coalesce((select json_agg(json_build_object('byday', lh.byday, 'opens_at', lh.opens_at,
                'closes_at', lh.closes_at, 'description', lh.description, 'valid_from', lh.valid_from,
                'valid_to', lh.valid_to)
              order by lh.opens_at, array_position(array['MO','TU','WE','TH','FR','SA','SU'], lh.byday[1]), lh.id)
            from schedule lh where lh.location_id = l.id), '[]'),
          'exceptions', case when exceptions_from is not null then coalesce((select json_agg(json_build_object(
                'id', lx.id, 'service_id', lx.service_id, 'location_id', lx.location_id,
                'valid_from', lx.valid_from, 'valid_to', lx.valid_to, 'closed', lx.closed,
                'opens_at', lx.opens_at, 'closes_at', lx.closes_at, 'description', lx.description))
              from schedule_exception lx where lx.location_id = l.id and lx.valid_to >= exceptions_from), '[]') end)
        order by l.key)
      from service_at_location sl join location l on l.id = sl.location_id
      where sl.service_id = s.id), '[]') as locations,
    case when exceptions_from is not null then coalesce((select json_agg(json_build_object(
          'id', x.id, 'service_id', x.service_id, 'location_id', x.location_id,
          'valid_from', x.valid_from, 'valid_to', x.valid_to, 'closed', x.closed,
          'opens_at', x.opens_at, 'closes_at', x.closes_at, 'description', x.description))
        from schedule_exception x where x.service_id = s.id and x.valid_to >= exceptions_from), '[]') end
      as exceptions,
    case when exceptions_from is not null then exists (select 1 from event e
        where e.service_id = s.id and e.status = 'published') end as has_events
  from service s join organization o on o.id = s.organization_id
  where s.id = p_id) r;
  return result;
end $$;
