-- The service directory, aligned with Open Referral HSDS 3.0.
-- Human text is jsonb {"fi": …, "sv": …, "en": …}; a missing language is a missing key, never "".

create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table municipality (
  code text primary key check (code ~ '^\d{3}$'),
  name jsonb not null,
  languages text[] not null,            -- official: ['fi'] or bilingual with the majority first
  county text not null,
  lape boolean not null default false,
  lat double precision not null,
  lon double precision not null,
  postal_code text not null
);

create table organization (
  id uuid primary key,
  key text not null unique,             -- stable reference: demo slug, PTV id, …
  type text not null check (type in ('municipality','wellbeing_county','ngo','parish','company')),
  name jsonb not null,
  description jsonb not null default '{}',
  email text,
  website text,
  phone text,
  municipality_code text references municipality(code),
  source text not null default 'local' check (source in ('local','ptv','demo')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table location (
  id uuid primary key,
  key text not null unique,
  organization_id uuid not null references organization(id),
  name jsonb not null,
  description jsonb not null default '{}',
  street jsonb not null default '{}',
  postal_code text,
  city jsonb not null default '{}',
  municipality_code text references municipality(code),
  lat double precision,
  lon double precision,
  source text not null default 'local',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index location_org_idx on location (organization_id);

create table accessibility (
  id uuid primary key,
  location_id uuid not null references location(id) on delete cascade,
  description jsonb not null default '{}',
  details jsonb not null default '{}',
  url text
);
create index accessibility_location_idx on accessibility (location_id);

create table service (
  id uuid primary key,
  key text not null unique,
  organization_id uuid not null references organization(id),
  status text not null default 'active' check (status in ('active','inactive')),
  name jsonb not null,
  summary jsonb not null default '{}',
  description jsonb not null default '{}',
  keywords jsonb not null default '{}',             -- {"fi": ["…"], "sv": […]}
  email text,
  url text,
  languages text[] not null default '{}',           -- languages the service is given in
  modes text[] not null default '{}',               -- in_person, phone, online, home_visit
  age_min integer check (age_min >= 0),
  age_max integer check (age_max >= 0),
  fee text not null default 'free' check (fee in ('free','fee','partly')),
  fee_note jsonb not null default '{}',
  access text not null default 'no_referral' check (access in ('no_referral','appointment','referral')),
  access_note jsonb not null default '{}',
  last_reviewed date,
  source text not null default 'local',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (age_min is null or age_max is null or age_min <= age_max)
);
create index service_org_idx on service (organization_id);

-- HSDS service_area: the municipalities a service serves (not where its locations are).
create table service_area (
  service_id uuid not null references service(id) on delete cascade,
  municipality_code text not null references municipality(code),
  primary key (service_id, municipality_code)
);
create index service_area_municipality_idx on service_area (municipality_code);

create table service_at_location (
  id uuid primary key,
  service_id uuid not null references service(id) on delete cascade,
  location_id uuid not null references location(id) on delete cascade,
  unique (service_id, location_id)
);
create index service_at_location_location_idx on service_at_location (location_id);

create table phone (
  id uuid primary key,
  service_id uuid references service(id) on delete cascade,
  location_id uuid references location(id) on delete cascade,
  organization_id uuid references organization(id) on delete cascade,
  number text not null,
  description jsonb not null default '{}',
  sort integer not null default 0
);
create index phone_service_idx on phone (service_id);

create table contact (
  id uuid primary key,
  service_id uuid references service(id) on delete cascade,
  organization_id uuid references organization(id) on delete cascade,
  name text,
  title jsonb not null default '{}',
  email text,
  phone text
);

-- HSDS schedule, weekly (freq WEEKLY): one row per set of days with the same hours.
create table schedule (
  id uuid primary key,
  service_id uuid references service(id) on delete cascade,
  location_id uuid references location(id) on delete cascade,
  byday text[] not null,                 -- MO … SU
  opens_at time not null,
  closes_at time not null,
  valid_from date,
  valid_to date,
  description jsonb not null default '{}',
  check (service_id is not null or location_id is not null)
);
create index schedule_service_idx on schedule (service_id);
create index schedule_location_idx on schedule (location_id);

create table taxonomy (
  id text primary key,                   -- life-situation, ptv-service-class, ptv-target-group
  name jsonb not null,
  description jsonb not null default '{}',
  uri text,
  version text
);

create table taxonomy_term (
  id uuid primary key,
  taxonomy_id text not null references taxonomy(id),
  code text not null,
  parent_code text,
  name jsonb not null,
  description jsonb not null default '{}',
  unique (taxonomy_id, code)
);

create table service_taxonomy_term (
  service_id uuid not null references service(id) on delete cascade,
  taxonomy_term_id uuid not null references taxonomy_term(id),
  origin text not null default 'local',  -- 'local' additions survive a PTV re-import
  primary key (service_id, taxonomy_term_id)
);
create index service_taxonomy_term_term_idx on service_taxonomy_term (taxonomy_term_id);

-- The search document: one row per service, rebuilt by the directory whenever the service changes.
create table service_search (
  service_id uuid primary key references service(id) on delete cascade,
  active boolean not null,
  organization_id uuid not null,
  org_type text not null,
  tsv tsvector not null,                 -- everything, weighted A name, B keywords, C summary, D description
  tsv_name tsvector not null,
  tsv_keywords tsvector not null,
  areas text[] not null,
  languages text[] not null,
  modes text[] not null,
  life_situations text[] not null,
  age_min integer,
  age_max integer,
  free boolean not null,
  open_hours int4multirange not null,    -- minutes from Monday 00:00, local time
  points jsonb not null default '[]',    -- [[lat, lon], …] of the service's locations
  sort_fi text collate "C" not null,
  sort_sv text collate "C" not null,
  sort_en text collate "C" not null
);
create index service_search_tsv_idx on service_search using gin (tsv);
create index service_search_areas_idx on service_search using gin (areas);
create index service_search_life_idx on service_search using gin (life_situations);
create index service_search_sort_fi_idx on service_search (sort_fi);
create index service_search_sort_sv_idx on service_search (sort_sv);
create index service_search_sort_en_idx on service_search (sort_en);

-- Words seen in the directory, for "did you mean" on typos (trigram nearest word).
create table search_word (
  word text primary key
);
create index search_word_trgm_idx on search_word using gin (word gin_trgm_ops);

-- Search functions. One document per service holds each language stemmed by its own stemmer, plus an
-- unstemmed, unaccented copy of everything (exact words, any language, "paivakoti" for "päiväkoti").
create function yh_doc(w "char", fi text, sv text, en text) returns tsvector
language sql stable as $$
  select setweight(
    to_tsvector('finnish', coalesce(fi, '')) ||
    to_tsvector('swedish', coalesce(sv, '')) ||
    to_tsvector('english', coalesce(en, '')) ||
    to_tsvector('simple', unaccent(coalesce(fi, '') || ' ' || coalesce(sv, '') || ' ' || coalesce(en, ''))),
    w)
$$;

-- One typed word (already reduced to letters and digits by the app) in every language's stemming.
create function yh_word_query(v text, stem_prefix boolean, simple_prefix boolean) returns tsquery
language sql stable as $$
  select to_tsquery('finnish', v || case when stem_prefix then ':*' else '' end)
      || to_tsquery('swedish', v || case when stem_prefix then ':*' else '' end)
      || to_tsquery('english', v)
      || to_tsquery('simple', unaccent(v) || case when simple_prefix then ':*' else '' end)
$$;

-- groups: [[[form, stem_prefix, simple_prefix], …], …] — the forms of one word are alternatives;
-- all words must match (mode 'all') or any (mode 'any').
create function yh_query(groups jsonb, mode text) returns tsquery
language plpgsql stable as $$
declare
  q tsquery;
  gq tsquery;
  g jsonb;
  f jsonb;
begin
  for g in select value from jsonb_array_elements(groups) loop
    gq := null;
    for f in select value from jsonb_array_elements(g) loop
      gq := case when gq is null then yh_word_query(f->>0, (f->>1)::boolean, (f->>2)::boolean)
                 else gq || yh_word_query(f->>0, (f->>1)::boolean, (f->>2)::boolean) end;
    end loop;
    if gq is not null then
      q := case when q is null then gq when mode = 'any' then q || gq else q && gq end;
    end if;
  end loop;
  return q;
end
$$;

create function yh_distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
returns double precision language sql immutable as $$
  select 2 * 6371.0088 * asin(sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2) +
    cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;

create function yh_min_distance_km(points jsonb, lat double precision, lon double precision)
returns double precision language sql immutable as $$
  select min(yh_distance_km((p->>0)::double precision, (p->>1)::double precision, lat, lon))
  from jsonb_array_elements(points) p
$$;
