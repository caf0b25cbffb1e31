-- Sign-in throttling (issue 17, item 4): failures counted per e-mail address typed (whether or not an account has
-- it, so that a lock-out never tells which addresses exist) and per client address. The key of an e-mail is a
-- hash of the normalised address, so the table holds no address of a person who has no account.
create table sign_in_throttle (
  key text primary key,                          -- 'email:<sha-256 of the e-mail>' or 'address:<client address>'
  failures integer not null default 0,           -- failures since first_failure_at (the count restarts after a lock)
  first_failure_at timestamptz not null default now(),
  last_failure_at timestamptz not null default now(),
  locks integer not null default 0,              -- locks in a row (each one longer), forgotten after an hour in peace
  locked_until timestamptz
);
create index sign_in_throttle_last_idx on sign_in_throttle (last_failure_at);

-- Invitations of existing accounts into an organisation (issue 17, item 10): an organisation's administrator
-- cannot add someone who already has an account (and so read their profile); the person accepts or declines.
create table membership_invitation (
  id uuid primary key,
  person_id uuid not null references person(id) on delete cascade,
  organization_id uuid not null references organization(id) on delete cascade,
  role text not null check (role in ('member', 'editor', 'org_admin')),
  invited_by uuid references person(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (person_id, organization_id)
);
