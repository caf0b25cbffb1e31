-- Programme tracking (issue 5): the regional programme, the municipalities' plans with every imported version,
-- and what people track in the browser. Modelled after Decidim's accountability module (results with statuses,
-- progress and dated timeline entries), adapted to LAPE: plan → development areas → actions/experiments →
-- roadmap milestones → structural changes; working groups; dated progress entries.
--
-- Two kinds of columns live side by side in the tracked tables:
--   imported  (title, original, imported_status, year, text, first_version, last_version): the plan's own words,
--             rewritten by every import of a newer version;
--   tracked   (status, status_source, notes, evidence, owner_team, area, spread_to, progress): what people keep
--             up to date in the browser. An import never overwrites them, except `status` while
--             status_source = 'import' (nobody has set it yet).

-- A plan document: a municipality's plan (one document may cover two municipalities) or the regional summary
-- (kind 'programme_summary', the programme's own description). Identified by its municipalities.
create table programme_plan (
  id uuid primary key,
  key text not null unique,                        -- 'plan:149+755', 'programme'
  kind text not null check (kind in ('municipal_plan', 'programme_summary')),
  municipality_codes text[] not null default '{}',
  title text,
  plan_date date,
  current_version integer not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Every imported version, whole and unchanged: the text as read and what the parser understood.
create table programme_plan_version (
  id uuid primary key,
  plan_id uuid not null references programme_plan(id) on delete cascade,
  version integer not null,
  content_hash text not null,                      -- sha256 of the text (line ends normalised)
  file_name text not null,
  source_text text not null,
  parsed jsonb not null,
  plan_date date,
  imported_at timestamptz not null default now(),
  imported_by text,
  unique (plan_id, version)
);

-- The LAPE development areas a plan works on (family_centre, school_wellbeing, special_services, culture_change).
create table programme_plan_area (
  plan_id uuid not null references programme_plan(id) on delete cascade,
  area text not null check (area in ('family_centre', 'school_wellbeing', 'special_services', 'culture_change')),
  first_version integer not null,
  last_version integer not null,
  primary key (plan_id, area)
);

-- An action or agile experiment: section 3 (kind 'experiment') or one adopted from other municipalities,
-- section 4 (kind 'adopted').
create table programme_action (
  id uuid primary key,
  plan_id uuid not null references programme_plan(id) on delete cascade,
  kind text not null check (kind in ('experiment', 'adopted')),
  match_key text not null,                         -- normalised wording: finds the same item in the next version
  municipality_code text,                          -- the one of the plan's municipalities the item names
  title text not null,
  original text not null,
  imported_status text,                            -- the parser's reading: permanent, continuing, not_done, one_off, unknown
  position integer not null default 0,
  first_version integer not null,
  last_version integer not null,
  status text not null check (status in ('idea', 'trial', 'evaluated', 'permanent', 'stopped', 'spread')),
  status_source text not null default 'import' check (status_source in ('import', 'person')),
  area text check (area in ('family_centre', 'school_wellbeing', 'special_services', 'culture_change')),
  owner_team text not null default '',
  evidence text not null default '',
  notes text not null default '',
  progress integer check (progress between 0 and 100),
  adopted_from_code text,                          -- section 4: the municipality the experiment comes from
  spread_to text[] not null default '{}',          -- municipalities the experiment spread to
  updated_at timestamptz not null default now(),
  updated_by text
);
create index programme_action_plan_idx on programme_action (plan_id, kind, position);

-- A roadmap milestone: one cell of the summary table (year, text) and how it is going.
create table programme_milestone (
  id uuid primary key,
  plan_id uuid not null references programme_plan(id) on delete cascade,
  match_key text not null,
  year integer not null,
  text text not null,
  municipality_code text,
  position integer not null default 0,
  first_version integer not null,
  last_version integer not null,
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'delayed', 'dropped')),
  status_source text not null default 'import' check (status_source in ('import', 'person')),
  notes text not null default '',
  updated_at timestamptz not null default now(),
  updated_by text
);
create index programme_milestone_plan_idx on programme_milestone (plan_id, year, position);
create index programme_milestone_year_idx on programme_milestone (year);

-- A structural change born during the programme (section 6).
create table programme_structural_change (
  id uuid primary key,
  plan_id uuid not null references programme_plan(id) on delete cascade,
  match_key text not null,
  text text not null,
  position integer not null default 0,
  first_version integer not null,
  last_version integer not null,
  notes text not null default '',
  updated_at timestamptz not null default now(),
  updated_by text
);
create index programme_structural_change_plan_idx on programme_structural_change (plan_id, position);

-- The plan's working group: people by role. Imported signatories (source 'import') and members added in the
-- browser (source 'person'); an import only touches its own rows.
create table programme_member (
  id uuid primary key,
  plan_id uuid not null references programme_plan(id) on delete cascade,
  match_key text,
  name text not null,
  title text not null default '',
  role text not null check (role in ('chair', 'member', 'secretary', 'contact', 'signatory')),
  municipality_code text,
  source text not null check (source in ('import', 'person')),
  last_version integer,
  position integer not null default 0,
  created_at timestamptz not null default now()
);
create index programme_member_plan_idx on programme_member (plan_id);

-- Dated progress entries (Decidim's timeline): a status change, a progress note, or an import's change.
create table programme_update (
  id uuid primary key,
  plan_id uuid not null references programme_plan(id) on delete cascade,
  subject_type text not null check (subject_type in ('plan', 'action', 'milestone', 'structural_change')),
  subject_id uuid not null,
  entry_date date not null default current_date,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text,
  from_status text,
  to_status text,
  note text not null default ''
);
create index programme_update_subject_idx on programme_update (subject_id, at);
create index programme_update_plan_idx on programme_update (plan_id, at);
