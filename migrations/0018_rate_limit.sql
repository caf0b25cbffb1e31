-- Rate limits shared by every app instance (issue 17): the per-route limits of the public forms (AUTH_RATE_LIMIT)
-- count here, one row per route and client address, so N instances allow N requests in total, not N each.
-- A fixed window: the first request after `expires_at` starts a new one. Rows whose window has ended are deleted by
-- the store itself (src/http/rateLimitStore.ts), at most once a minute per instance. The global flood guard counts
-- in each instance's memory (a write on every request would cost every request).
create table rate_limit (
  key text primary key,                           -- 'POST /:lang/sign-in 203.0.113.5'
  hits integer not null,
  expires_at timestamptz not null
);
create index rate_limit_expires_at_idx on rate_limit (expires_at);
