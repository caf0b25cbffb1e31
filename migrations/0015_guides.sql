-- Life-event guides (issue 14): plain-language steps whose services come from the directory, kept by the
-- regional coordinators with a draft beside the published text and a date by which it must be checked again.
-- Reports of errors in a service's information, for the service's own editors.

create table guide (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z][a-z0-9-]{1,59}$'),
  sort integer not null default 100,
  -- {title, summary, steps: [{title, body, lifeSituations, serviceClasses, keywords}]}, text as {fi, sv, en}
  published jsonb,
  draft jsonb,
  published_at timestamptz,
  published_by uuid,
  review_by date,                        -- when the published text must be checked again
  last_reviewed date,
  last_reviewed_by uuid,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (published is not null or draft is not null)
);

-- "Report an error in this information" on a service page. The message and the optional contact are encrypted
-- by the application (core/shared/fieldCrypto.ts). No address or other trace of the sender is kept.
create table service_feedback (
  id uuid primary key,
  service_id uuid not null references service(id) on delete cascade,
  organization_id uuid not null references organization(id) on delete cascade,
  lang text not null check (lang in ('fi', 'sv', 'en')),
  message text not null,
  contact text,
  status text not null default 'open' check (status in ('open', 'handled')),
  created_at timestamptz not null default now(),
  handled_at timestamptz,
  handled_by uuid
);
create index service_feedback_org_idx on service_feedback (organization_id, status, created_at desc);
create index service_feedback_service_idx on service_feedback (service_id);
