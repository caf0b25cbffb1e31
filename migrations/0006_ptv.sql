-- The Suomi.fi Service Catalogue (PTV) import (issue 3), and what the directory lacked to hold what PTV says.

-- Links of a service or place beyond HSDS's one service.url: PTV's web pages, e-services (EChannel) and
-- printable forms. One row per address; `lang` is the language of the page linked to, when PTV says.
create table link (
  id uuid primary key,
  service_id uuid references service(id) on delete cascade,
  location_id uuid references location(id) on delete cascade,
  kind text not null check (kind in ('web_page', 'e_service', 'printable_form')),
  url text not null,
  label jsonb not null default '{}',
  lang text,
  sort integer not null default 0,
  check (service_id is not null or location_id is not null)
);
create index link_service_idx on link (service_id);
create index link_location_idx on link (location_id);

-- Dated exceptions to the weekly schedule: closed days (holidays) and exceptional opening hours.
-- Kept apart from `schedule`, which is the regular week (search's "open now" reads only that).
create table schedule_exception (
  id uuid primary key,
  service_id uuid references service(id) on delete cascade,
  location_id uuid references location(id) on delete cascade,
  valid_from date not null,
  valid_to date not null,
  closed boolean not null,
  opens_at time,
  closes_at time,
  description jsonb not null default '{}',
  check (service_id is not null or location_id is not null),
  check (valid_from <= valid_to),
  check (closed or (opens_at is not null and closes_at is not null))
);
create index schedule_exception_service_idx on schedule_exception (service_id);
create index schedule_exception_location_idx on schedule_exception (location_id);

-- Organisations of a service by role (service.organization_id stays the one responsible organisation).
create table service_organization (
  service_id uuid not null references service(id) on delete cascade,
  organization_id uuid not null references organization(id),
  role text not null check (role in ('responsible', 'producer', 'other_responsible')),
  provision_type text,                   -- PTV: SelfProducedServices, PurchaseServices, Other, …
  primary key (service_id, organization_id, role)
);
create index service_organization_org_idx on service_organization (organization_id);

-- Two more taxonomies PTV classifies with; their terms are added as imported records name them.
insert into taxonomy (id, name, description, uri, version) values
  ('ptv-life-event', '{"fi": "PTV-elämäntilanteet", "sv": "PTV-livssituationer", "en": "PTV life events"}', '{}',
   'http://uri.suomi.fi/codelist/ptv/ptvlife', '1'),
  ('ptv-ontology', '{"fi": "Ontologiakäsitteet (YSO)", "sv": "Ontologibegrepp (ALLFO)", "en": "Ontology terms (YSO)"}', '{}',
   'http://www.yso.fi/onto/koko/', '1')
on conflict (id) do nothing;

-- One row per PTV record seen: the record as PTV last gave it (so a later run can map it again without the
-- file), hashes to tell "nothing changed", and which source set last contained it (for deactivation).
create table ptv_record (
  kind text not null check (kind in ('service', 'channel', 'organization')),
  ptv_id uuid not null,
  channel_type text,                     -- channels: ServiceLocation, Phone, EChannel, WebPage, PrintableForm
  data jsonb not null,
  source_hash text not null,             -- sha-256 of the record's canonical JSON
  written_hash text,                     -- sha-256 of what was last written to the directory from it
  publishing_status text not null,
  modified text,                         -- PTV's own "modified", as given
  source_set text not null,              -- the source set that last contained the record
  status text not null default 'active' check (status in ('active', 'inactive')),
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  primary key (kind, ptv_id)
);
create index ptv_record_source_set_idx on ptv_record (source_set);
