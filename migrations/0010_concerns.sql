-- Low-threshold concerns, the concern team's cases (VATU model) and referrals that close the loop (issue 10).
-- Free text, names and contact details are encrypted by the application (columns ending in _enc, AES-256-GCM,
-- core/shared/fieldCrypto.ts): a dump of these tables shows none of them. A resident's follow-up code is kept
-- only as its SHA-256.

-- Which team takes concerns from which municipalities in which languages, its target for first contact and the
-- weekday of its meeting. A team without a row takes no concerns (it may still receive referrals).
create table concern_team_settings (
  team_id uuid primary key references team(id) on delete cascade,
  municipality_codes text[] not null default '{}',
  languages text[] not null default '{fi,sv,en}',
  first_contact_days integer not null default 5 check (first_contact_days between 1 and 30),
  meeting_weekday integer not null default 2 check (meeting_weekday between 1 and 7),  -- ISO: 1 Monday
  receives_referrals boolean not null default true,
  updated_at timestamptz not null default now()
);
create index concern_team_settings_codes_idx on concern_team_settings using gin (municipality_codes);

-- A concern brought by a resident, and the case the team makes of it: intake → triage → agenda → worker and pair
-- → support plan → referrals → follow-up → closure with an outcome.
create table concern_case (
  id uuid primary key,
  reference text not null unique,                 -- K-XXXX-XXXX, speakable, not a secret
  follow_up_hash text not null unique,            -- SHA-256 of the resident's code
  team_id uuid references team(id) on delete set null,  -- the holding team; null while no team takes the area
  lang text not null check (lang in ('fi', 'sv', 'en')),
  municipality_code text not null,
  about text check (about in ('own_family', 'other_child')),
  age_group text not null check (age_group in ('0-2', '3-6', '7-12', '13-17', 'unknown')),
  anonymous boolean not null,
  family_knows boolean not null,
  family_agrees_contact boolean,
  urgent_on_arrival boolean not null default false,
  text_enc text not null,
  contact_name_enc text,
  contact_email_enc text,
  contact_phone_enc text,
  status text not null default 'intake' check (status in ('intake', 'open', 'closed')),
  urgency text check (urgency in ('urgent', 'normal')),
  agenda_date date,                               -- the team meeting where the case is discussed
  responsible_id uuid references person(id) on delete set null,
  pair_id uuid references person(id) on delete set null,
  first_contact_due date not null,                -- N working days after arrival (the team's target)
  first_contact_at timestamptz,
  outcome text check (outcome in ('helped', 'referred_on', 'no_need', 'could_not_reach')),
  closed_at timestamptz,
  deletion_requested_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_activity_at timestamptz not null default now()
);
create index concern_case_team_idx on concern_case (team_id, status, created_at desc);
create index concern_case_closed_idx on concern_case (closed_at) where closed_at is not null;

-- Messages between the resident (through the follow-up link) and the team.
create table concern_message (
  id uuid primary key,
  case_id uuid not null references concern_case(id) on delete cascade,
  author text not null check (author in ('resident', 'team')),
  person_id uuid references person(id) on delete set null,
  body_enc text not null,
  created_at timestamptz not null default now()
);
create index concern_message_case_idx on concern_message (case_id, created_at);

-- Minutes of the team meeting, per case.
create table concern_minutes (
  id uuid primary key,
  case_id uuid not null references concern_case(id) on delete cascade,
  meeting_date date not null,
  body_enc text not null,
  person_id uuid references person(id) on delete set null,
  created_at timestamptz not null default now()
);
create index concern_minutes_case_idx on concern_minutes (case_id, meeting_date);

-- The support plan: goals, who does what, when it is reviewed.
create table concern_plan (
  case_id uuid primary key references concern_case(id) on delete cascade,
  goals_enc text not null,
  tasks_enc text not null,
  review_date date not null,
  updated_by uuid references person(id) on delete set null,
  updated_at timestamptz not null default now()
);

-- Follow-up entries after the plan (a call, a visit, a review).
create table concern_follow_up (
  id uuid primary key,
  case_id uuid not null references concern_case(id) on delete cascade,
  body_enc text not null,
  person_id uuid references person(id) on delete set null,
  created_at timestamptz not null default now()
);
create index concern_follow_up_case_idx on concern_follow_up (case_id, created_at);

-- A referral from a case to a service of the directory, received by a team of the service's organisation.
create table referral (
  id uuid primary key,
  case_id uuid not null references concern_case(id) on delete cascade,
  service_id uuid not null references service(id),
  from_team_id uuid not null references team(id),
  to_organization_id uuid not null references organization(id),
  to_team_id uuid not null references team(id),
  basis text not null check (basis in ('consent', 'legal_basis')),
  basis_note_enc text not null,                   -- how consent was given, or the legal basis
  message_enc text not null,                      -- what the receiving team needs to know
  contact_enc text,                               -- how to reach the family, when shared
  status text not null default 'sent'
    check (status in ('sent', 'accepted', 'declined', 'contact_made', 'completed', 'withdrawn')),
  created_by uuid references person(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index referral_to_team_idx on referral (to_team_id, status, created_at desc);
create index referral_case_idx on referral (case_id);

-- Every step of a referral, seen by both sides: sent, accepted, declined (reason), contact made, outcome, withdrawn.
create table referral_event (
  id uuid primary key,
  referral_id uuid not null references referral(id) on delete cascade,
  status text not null,
  note_enc text,
  person_id uuid references person(id) on delete set null,
  person_name text,
  team_id uuid references team(id) on delete set null,
  at timestamptz not null default now()
);
create index referral_event_referral_idx on referral_event (referral_id, at);

-- What the retention job erased, per run and record type (counts only: nothing erased is kept here).
create table concern_erasure (
  id uuid primary key,
  run_at timestamptz not null default now(),
  record_type text not null,
  erased integer not null,
  rule text not null
);
