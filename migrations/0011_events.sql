-- Events and groups (issue 11): family cafés, parent groups and info evenings, with registration and calendar feeds.
--
-- An event belongs to an organisation (and optionally to one of its services). Its occurrences are stored one row
-- each (a recurrence rule is expanded when the event is saved; its exceptions are simply not there, a cancelled
-- occurrence keeps its row with status 'cancelled'). Seats are counted on the row that holds them: an occurrence
-- (one-off and recurring events: people register for one occurrence) or the event itself (groups: people join the
-- whole series). A registration takes its seats under that row's lock, so concurrent registrations never overbook.

create table event (
  id uuid primary key,
  key text unique,                                   -- stable key of demo or imported events; null otherwise
  organization_id uuid not null references organization(id) on delete cascade,
  service_id uuid references service(id) on delete set null,
  kind text not null check (kind in ('single', 'recurring', 'group')),
  status text not null default 'draft' check (status in ('draft', 'published')),
  name jsonb not null,
  description jsonb not null default '{}',
  practical jsonb not null default '{}',             -- practical notes (what to bring, parking, …)
  languages text[] not null default '{}',
  municipality_code text,
  location_id uuid references location(id) on delete set null,
  online_url text,
  online_url_registered_only boolean not null default false,
  age_min integer,
  age_max integer,
  free boolean not null default true,
  price jsonb not null default '{}',
  accessibility jsonb not null default '{}',
  contact_name text,
  contact_email text,
  contact_phone text,
  keywords text[] not null default '{}',
  life_situations text[] not null default '{}',
  registration text not null default 'contact' check (registration in ('none', 'headcount', 'contact')),
  capacity integer check (capacity is null or capacity >= 0),  -- per occurrence; for a group, of the series
  taken integer not null default 0,                  -- a group's seats taken (people confirmed)
  max_people integer not null default 10 check (max_people between 1 and 50),
  rrule text,                                        -- the recurrence rule as given (RRULE part), when there is one
  first_start text,                                  -- the rule's first start and end, local time (YYYY-MM-DDTHH:MM)
  first_end text,
  exdates text[] not null default '{}',              -- local dates left out of the rule (YYYY-MM-DD)
  retention_days integer not null default 30 check (retention_days between 1 and 365),
  tsv tsvector not null default ''::tsvector,
  created_by uuid,
  updated_by uuid,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index event_org_idx on event (organization_id);
create index event_service_idx on event (service_id);
create index event_tsv_idx on event using gin (tsv);

create table event_occurrence (
  id uuid primary key,
  event_id uuid not null references event(id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  taken integer not null default 0,                  -- seats taken (people confirmed) of this occurrence
  reminded_at timestamptz,
  check (ends_at > starts_at),
  unique (event_id, starts_at)
);
create index event_occurrence_start_idx on event_occurrence (starts_at);

-- A registration: for one occurrence (occurrence_id) or for a group's whole series (occurrence_id null).
-- Personal data (name, e-mail, phone) is encrypted (core/shared/fieldCrypto.ts) and erased retention_days after
-- the event's last occurrence; the counts stay.
create table event_registration (
  id uuid primary key,
  seq bigint generated always as identity,           -- the waitlist's order
  event_id uuid not null references event(id) on delete cascade,
  occurrence_id uuid references event_occurrence(id) on delete cascade,
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
  people integer not null check (people between 1 and 50),
  name_enc text,
  email_enc text,
  phone_enc text,
  email_hash text,                                   -- HMAC of the e-mail: a person's own events, without decrypting
  lang text not null default 'fi',
  reference text not null,
  cancel_hash text not null unique,
  feed_hash text not null unique,
  attended boolean,
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  erased_at timestamptz
);
create index event_registration_event_idx on event_registration (event_id, status, seq);
create index event_registration_occurrence_idx on event_registration (occurrence_id, status, seq);
create index event_registration_email_idx on event_registration (email_hash);
