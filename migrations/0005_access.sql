-- Professionals, their organisations and teams, sessions, single-use links, the audit log, and drafts of
-- records kept by their own units (issue 4).

-- A person who works in the network. Signs in with a password (argon2id) or single sign-on.
create table person (
  id uuid primary key,
  email text not null,
  name text not null,
  title jsonb not null default '{}',              -- job title {fi, sv, en}
  phone text,
  languages text[] not null default '{}',         -- languages the person works in (fi, sv, en, …)
  system_role text check (system_role in ('admin', 'coordinator')),
  status text not null default 'active' check (status in ('active', 'disabled')),
  password_hash text,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  ui_lang text check (ui_lang in ('fi', 'sv', 'en')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index person_email_idx on person (lower(email));

-- Membership of an organisation with a role: member, editor (keeps the organisation's services), org_admin.
create table membership (
  person_id uuid not null references person(id) on delete cascade,
  organization_id uuid not null references organization(id) on delete cascade,
  role text not null check (role in ('member', 'editor', 'org_admin')),
  created_at timestamptz not null default now(),
  primary key (person_id, organization_id)
);
create index membership_org_idx on membership (organization_id);

-- A team: VATU in Askola, a school's pupil welfare group, a LAPE working group. Owned (administered) by one
-- organisation; its members may come from any organisation.
create table team (
  id uuid primary key,
  organization_id uuid not null references organization(id) on delete cascade,
  name jsonb not null,
  description jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index team_org_idx on team (organization_id);

create table team_membership (
  person_id uuid not null references person(id) on delete cascade,
  team_id uuid not null references team(id) on delete cascade,
  role text not null default 'member' check (role in ('member', 'lead')),
  created_at timestamptz not null default now(),
  primary key (person_id, team_id)
);
create index team_membership_team_idx on team_membership (team_id);

-- Sign-in with OpenID Connect: the provider's (issuer, subject) linked to a person.
create table person_identity (
  issuer text not null,
  subject text not null,
  person_id uuid not null references person(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (issuer, subject)
);

-- Sessions live in the database so that several app instances share them. The id is the SHA-256 of the
-- cookie's random token: a copy of this table signs nobody in.
create table session (
  id text primary key,
  person_id uuid not null references person(id) on delete cascade,
  method text not null check (method in ('password', 'oidc')),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,                -- absolute time-out
  ip text,
  user_agent text
);
create index session_person_idx on session (person_id);

-- Single-use links (set or reset a password). Stored as SHA-256 of the token.
create table auth_token (
  id text primary key,
  person_id uuid not null references person(id) on delete cascade,
  purpose text not null check (purpose in ('set_password')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index auth_token_person_idx on auth_token (person_id);

-- Secrets shared by every instance (cookie signing), made on first start.
create table instance_secret (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

-- The audit log: every change (before/after), sign-in, failure and permission denial. Append-only: the
-- triggers below refuse update, delete and truncate, whoever asks.
create table audit_event (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,                                  -- no foreign key: the log outlives the people in it
  actor_name text,
  action text not null,                           -- e.g. auth.sign_in, service.publish, access.denied
  outcome text not null default 'ok' check (outcome in ('ok', 'failed', 'denied')),
  object_type text,
  object_id text,
  organization_id uuid,
  before jsonb,
  after jsonb,
  details jsonb not null default '{}',
  ip text,
  request_id text
);
create index audit_event_at_idx on audit_event (at desc);
create index audit_event_actor_idx on audit_event (actor_id, at desc);
create index audit_event_org_idx on audit_event (organization_id, at desc);
create index audit_event_object_idx on audit_event (object_type, object_id);

create function yh_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end
$$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function yh_audit_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function yh_audit_append_only();

-- Organisations decide whether publishing needs a second person.
alter table organization add column publish_needs_second_person boolean not null default false;

-- Services: who last confirmed the description, and a note for the network (professionals only).
alter table service add column last_reviewed_by uuid;
alter table service add column network_note jsonb not null default '{}';

-- Drafts of records kept by their own units: edited, previewed, then published (by a second person where the
-- organisation wants it). record_id is null for a record that does not exist yet.
create table record_draft (
  id uuid primary key,
  kind text not null check (kind in ('service', 'location')),
  record_id uuid,
  organization_id uuid not null references organization(id) on delete cascade,
  data jsonb not null,                            -- the edited record
  base jsonb,                                     -- the published record the draft started from
  status text not null default 'draft' check (status in ('draft', 'submitted')),
  created_by uuid not null references person(id),
  updated_by uuid not null references person(id),
  submitted_by uuid references person(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index record_draft_record_idx on record_draft (kind, record_id) where record_id is not null;
create index record_draft_org_idx on record_draft (organization_id);
