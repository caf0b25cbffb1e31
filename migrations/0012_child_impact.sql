-- Child impact assessment (issue 12): lapsivaikutusten arviointi (LAVA) / barnkonsekvensbedömning of a body's
-- decisions, children's own views through short anonymous questionnaires, the decisions register for the share
-- assessed, and UNICEF's child-friendly municipality process per municipality.

-- An assessment of one decision or proposal of a municipality's body. The steps' answers are one JSON object
-- (`content`, keys by step: see core/childImpact/steps.ts); every save is also a version below.
create table child_impact_assessment (
  id uuid primary key,
  organization_id uuid not null references organization(id),     -- the municipality organisation that owns it
  municipality_code text not null references municipality(code),
  body text not null,                                             -- board, committee, council, office holder
  decision_reference text not null,                               -- '§ 12/2026', 'KH 2026-03-02 § 45'
  decision_date date,
  title text not null,
  timing text not null check (timing in ('before', 'during', 'after')),
  status text not null default 'draft' check (status in ('draft', 'screened_out', 'completed')),
  outcome text check (outcome in ('taken_into_account', 'partly', 'not_taken', 'pending')),
  content jsonb not null default '{}',
  version integer not null default 1,
  follow_up_due date,
  follow_up_owner_id uuid,                                        -- a person (no foreign key: the demo names its
                                                                  -- owner before the demo people are added)
  follow_up_done_at timestamptz,
  follow_up_reminded_on date,                                     -- the last reminder (one a due date)
  published_at timestamptz,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  created_by text,
  updated_at timestamptz not null default now(),
  updated_by text
);
create index child_impact_assessment_org on child_impact_assessment (organization_id);
create index child_impact_assessment_public on child_impact_assessment (municipality_code) where published_at is not null;
create index child_impact_assessment_due on child_impact_assessment (follow_up_due) where follow_up_done_at is null;

-- Every saved state of an assessment, whole.
create table child_impact_version (
  assessment_id uuid not null references child_impact_assessment(id) on delete cascade,
  version integer not null,
  step text not null,
  status text not null,
  content jsonb not null,
  saved_at timestamptz not null default now(),
  saved_by text,
  primary key (assessment_id, version)
);

-- The team's comments on a step.
create table child_impact_comment (
  id uuid primary key,
  assessment_id uuid not null references child_impact_assessment(id) on delete cascade,
  step text not null,
  author_id uuid references person(id),
  author_name text not null,
  body text not null,
  created_at timestamptz not null default now()
);
create index child_impact_comment_assessment on child_impact_comment (assessment_id, created_at);

-- A short questionnaire for children and young people, linked to an assessment. Anonymous: no person, no address,
-- no cookie of its own; an answer keeps only the day it came.
create table child_impact_questionnaire (
  id uuid primary key,
  assessment_id uuid not null references child_impact_assessment(id) on delete cascade,
  age_group text not null check (age_group in ('7-12', '13-17')),
  title jsonb not null,                                           -- {fi, sv}
  intro jsonb not null default '{}',
  questions jsonb not null,                                       -- [{key, text: {fi, sv}}]
  free_text_question jsonb not null default '{}',
  status text not null default 'open' check (status in ('open', 'closed')),
  created_at timestamptz not null default now(),
  created_by text
);
create index child_impact_questionnaire_assessment on child_impact_questionnaire (assessment_id);

create table child_impact_response (
  id uuid primary key,
  questionnaire_id uuid not null references child_impact_questionnaire(id) on delete cascade,
  lang text not null check (lang in ('fi', 'sv', 'en')),
  answers jsonb not null,                                         -- {questionKey: 1..5 | 0 (cannot say)}
  free_text text,                                                 -- encrypted (child_impact_response.free_text)
  answered_on date not null
);
create index child_impact_response_questionnaire on child_impact_response (questionnaire_id);

-- The decisions of a municipality's bodies (entered or imported as CSV): the base of "share assessed".
create table child_impact_decision (
  id uuid primary key,
  organization_id uuid not null references organization(id),
  municipality_code text not null references municipality(code),
  body text not null,
  reference text not null,
  decision_date date not null,
  title text not null,
  created_at timestamptz not null default now(),
  unique (organization_id, body, reference)
);

-- UNICEF's child-friendly municipality process (lapsiystävällinen kunta / barnvänlig kommun), one row a municipality.
create table child_friendly_status (
  municipality_code text primary key references municipality(code),
  organization_id uuid not null references organization(id),
  stage text not null default 'not_started' check (stage in ('not_started', 'application', 'training', 'baseline',
    'action_plan', 'approved', 'monitoring', 'recognised')),
  stage_dates jsonb not null default '{}',                        -- {stage: 'YYYY-MM-DD'}
  notes text not null default '',
  demo boolean not null default false,
  updated_at timestamptz not null default now(),
  updated_by text
);

-- The model's building blocks with the municipality's evidence for each.
create table child_friendly_block (
  municipality_code text not null references child_friendly_status(municipality_code) on delete cascade,
  block text not null,
  evidence text not null default '',
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'in_place')),
  primary key (municipality_code, block)
);

-- Items of the municipality's child-friendly action plan.
create table child_friendly_action (
  id uuid primary key,
  municipality_code text not null references child_friendly_status(municipality_code) on delete cascade,
  title text not null,
  owner text not null default '',
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'delayed')),
  due date,
  created_at timestamptz not null default now()
);
