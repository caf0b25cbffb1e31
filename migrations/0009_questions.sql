-- E-advice (issue 10): residents' questions, routed to the teams that answer for a municipality, topic and
-- language; the conversation, consultations between professionals, and published anonymised Q&A.
-- Free text and e-mail addresses are encrypted by the application (core/shared/fieldCrypto.ts): the columns
-- ending in _enc hold `enc1:…` values, never plain text. A follow-up code is stored only as its SHA-256.

-- Which teams answer questions about a municipality, a topic (a life situation; null = every topic) and a language.
create table question_route (
  id uuid primary key,
  team_id uuid not null references team(id) on delete cascade,
  municipality_code text not null references municipality(code),
  topic text,
  language text not null check (language in ('fi', 'sv', 'en')),
  created_by uuid,
  created_at timestamptz not null default now()
);
create unique index question_route_unique_idx
  on question_route (team_id, municipality_code, coalesce(topic, ''), language);
create index question_route_lookup_idx on question_route (municipality_code, language);

create table question (
  id uuid primary key,
  reference text not null unique,
  code_hash text not null unique,
  municipality_code text not null references municipality(code),
  topic text not null,
  language text not null check (language in ('fi', 'sv', 'en')),
  ui_lang text not null check (ui_lang in ('fi', 'sv', 'en')),  -- the site's language when asked (for e-mail)
  text_enc text not null,
  email_enc text,
  publish_consent boolean not null default false,
  status text not null default 'open' check (status in ('open', 'claimed', 'answered')),
  team_ids uuid[] not null default '{}',  -- the teams the question is routed (or handed over) to
  claimed_by uuid references person(id) on delete set null,
  claimed_team_id uuid references team(id) on delete set null,
  created_at timestamptz not null default now(),
  last_message_at timestamptz not null default now()
);
create index question_last_message_idx on question (last_message_at);
create index question_team_ids_idx on question using gin (team_ids);

-- The conversation the asker sees: their own messages and the professionals' answers.
create table question_message (
  id uuid primary key,
  question_id uuid not null references question(id) on delete cascade,
  author text not null check (author in ('asker', 'professional')),
  person_id uuid references person(id) on delete set null,
  team_id uuid references team(id) on delete set null,
  body_enc text not null,
  created_at timestamptz not null default now()
);
create index question_message_question_idx on question_message (question_id, created_at);

-- A professional asks a colleague: an internal thread the asker never sees.
create table question_consultation (
  id uuid primary key,
  question_id uuid not null references question(id) on delete cascade,
  requested_by uuid not null references person(id) on delete cascade,
  consultant_id uuid not null references person(id) on delete cascade,
  created_at timestamptz not null default now()
);
create index question_consultation_question_idx on question_consultation (question_id);
create index question_consultation_consultant_idx on question_consultation (consultant_id);

create table question_consultation_message (
  id uuid primary key,
  consultation_id uuid not null references question_consultation(id) on delete cascade,
  person_id uuid references person(id) on delete set null,
  body_enc text not null,
  created_at timestamptz not null default now()
);
create index question_consultation_message_idx on question_consultation_message (consultation_id, created_at);

-- A published, anonymised question and answer (with the asker's consent), shown publicly under /{lang}/ask.
-- Written by a professional from the conversation. It outlives the conversation's erasure by retention (it holds
-- nothing of the asker's own words unless the professional kept them, anonymised); the asker's deleting the
-- conversation, or withdrawing consent, removes it (core/questions).
create table question_qa (
  id uuid primary key,
  question_id uuid references question(id) on delete set null,
  municipality_code text references municipality(code),
  topic text not null,
  language text not null check (language in ('fi', 'sv', 'en')),
  question_text text not null,
  answer_text text not null,
  published_by uuid references person(id) on delete set null,
  published_at timestamptz not null default now()
);
create index question_qa_published_idx on question_qa (language, published_at desc);
