-- Issue 16. Programme tracking that tells the truth (the owner team of an experiment is a real team; the
-- development areas a plan works on can be corrected in the browser), and the network's working models
-- (toimintamallit / verksamhetsmodeller, structured as Innokylä documents them) with onboarding paths for new
-- members of a team.

-- ---- Programme tracking ----

-- The team that owns an experiment (the free-text owner_team stays for owners outside the network's teams).
alter table programme_action add column owner_team_id uuid references team(id) on delete set null;

-- The development areas as people keep them: null until someone corrects them, then they replace what the
-- plan's text was read to say (programme_plan_area keeps the imported reading with its versions).
alter table programme_plan add column tracked_areas text[];
alter table programme_plan add column tracked_areas_by text;

-- ---- Working models ----

-- A working model kept by an organisation (usually a municipality's), optionally by one of its teams. `draft` is
-- what its editors are writing; `published` the content of its latest published version (null until then).
-- `public`: the organisation chose to show it on the public site and in open data (others see it signed in).
create table working_model (
  id uuid primary key,
  key text not null unique,                       -- stable slug: 'askola-vatu'
  organization_id uuid not null references organization(id) on delete cascade,
  team_id uuid references team(id) on delete set null,
  origin_action_id uuid references programme_action(id) on delete set null,  -- the experiment it grew from
  draft jsonb not null,
  published jsonb,
  version integer not null default 0,             -- the published version's number (0: never published)
  public boolean not null default false,
  review_due date,                                -- when its owners next check it is still how the work is done
  review_reminded_for date,                       -- the review date its owners were last reminded of (once each)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by text,
  published_at timestamptz
);
create index working_model_org_idx on working_model (organization_id);

-- Every published version, whole.
create table working_model_version (
  model_id uuid not null references working_model(id) on delete cascade,
  version integer not null,
  content jsonb not null,
  published_at timestamptz not null default now(),
  published_by text,
  primary key (model_id, version)
);

-- The people who keep the model up to date (its owners) and the people to contact about it.
create table working_model_person (
  model_id uuid not null references working_model(id) on delete cascade,
  person_id uuid not null references person(id) on delete cascade,
  role text not null check (role in ('owner', 'contact')),
  primary key (model_id, person_id, role)
);

-- The municipalities that use the model, since when, and where they took it from.
create table working_model_municipality (
  model_id uuid not null references working_model(id) on delete cascade,
  municipality_code text not null,
  since date,
  adopted_from_code text,
  primary key (model_id, municipality_code)
);
create index working_model_municipality_code_idx on working_model_municipality (municipality_code);

-- How a family or a colleague gets in: the directory's services the model works through.
create table working_model_service (
  model_id uuid not null references working_model(id) on delete cascade,
  service_id uuid not null references service(id) on delete cascade,
  primary key (model_id, service_id)
);

-- ---- Onboarding ----

-- A team lead's path for one new member of the team: what to read, whom to meet, which services to know.
create table onboarding_path (
  id uuid primary key,
  team_id uuid not null references team(id) on delete cascade,
  person_id uuid not null references person(id) on delete cascade,
  created_by uuid references person(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (team_id, person_id)
);

create table onboarding_item (
  id uuid primary key,
  path_id uuid not null references onboarding_path(id) on delete cascade,
  kind text not null check (kind in ('working_model', 'person', 'service', 'task')),
  working_model_id uuid references working_model(id) on delete cascade,
  person_id uuid references person(id) on delete cascade,
  service_id uuid references service(id) on delete cascade,
  note text not null default '',
  position integer not null default 0,
  done_at timestamptz,
  created_at timestamptz not null default now(),
  check ((kind = 'working_model') = (working_model_id is not null)),
  check ((kind = 'person') = (person_id is not null)),
  check ((kind = 'service') = (service_id is not null)),
  check (kind <> 'task' or note <> '')
);
create index onboarding_item_path_idx on onboarding_item (path_id, position);
