-- Search that understands families (issue 14): phrases coordinators add to the need vocabulary
-- (src/core/directory/data/needs.json is the shipped part), and what people searched without finding.

-- A phrase added in the workspace, mapped to a concept of the need vocabulary (its id in needs.json).
create table search_need_phrase (
  id uuid primary key,
  concept text not null,
  lang text not null check (lang in ('fi', 'sv', 'en')),
  phrase text not null check (char_length(phrase) between 2 and 100),
  created_at timestamptz not null default now(),
  unique (concept, lang, phrase)
);

-- Searches counted per ISO week (its Monday), page language and normalised query: how many, how many found
-- nothing, how many were followed by a click on a result. No person, no IP, no time finer than the week; digits
-- and e-mail addresses are removed from the query before it is stored; rows older than 8 weeks are deleted.
create table search_query_stat (
  week date not null,
  lang text not null check (lang in ('fi', 'sv', 'en')),
  query text not null check (char_length(query) between 1 and 100),
  searches integer not null default 0,
  zero_results integer not null default 0,
  clicks integer not null default 0,
  primary key (week, lang, query)
);
create index search_query_stat_week_idx on search_query_stat (week);
