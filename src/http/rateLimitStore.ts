/**
 * The store of @fastify/rate-limit (issue 17). The plugin makes one store for its global options and a child for each
 * route with limits of its own (`config.rateLimit`, the public forms' AUTH_RATE_LIMIT):
 *  - the global flood guard (600 a minute) counts in this instance's memory: a database write on every request
 *    would cost every request, and a flood is stopped well enough per instance;
 *  - the per-route limits count in the database (table rate_limit, one upsert per limited request), so every
 *    instance on the same database sees the same counts: N requests in total, not N per instance.
 * Both are fixed windows, as the plugin's own store. The database's clock decides the window, so the instances'
 * clocks need not agree. Rows whose window has ended are deleted at most once a minute per instance.
 * The flood guard is a hook of its own (floodGuard), not the plugin's global limit: the plugin's is an async hook that
 * reads req.routeOptions (an object built per request) and awaits the store, on every request of every route.
 */
import { normalizeIP, type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { setBounded } from '../core/shared/bounded.js';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

const MEMORY_KEYS = 10_000;
const CLEANUP_EVERY_MS = 60_000;

/** Fixed-window counts in memory, the oldest window forgotten first beyond MEMORY_KEYS addresses. */
class MemoryCounts {
  private readonly windows = new Map<string, { hits: number; ends: number }>();

  incr(key: string, timeWindow: number): { current: number; ttl: number } {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.ends <= now) {
      w = { hits: 0, ends: now + timeWindow };
      setBounded(this.windows, key, w, MEMORY_KEYS);
    }
    w.hits += 1;
    return { current: w.hits, ttl: w.ends - now };
  }

  read(key: string): { current: number; ttl: number } {
    const w = this.windows.get(key);
    const now = Date.now();
    return !w || w.ends <= now ? { current: 0, ttl: 0 } : { current: w.hits, ttl: w.ends - now };
  }
}

/** Counts in table rate_limit, under `scope` (the route) and the plugin's key (the client address). */
class DatabaseCounts {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly scope: string,
    private readonly cleanUp: () => Promise<void>,
  ) {}

  async incr(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
    const k = `${this.scope} ${key}`;
    const window = `${Math.max(1, Math.trunc(timeWindow))} milliseconds`;
    // One statement: a new row, a hit in the current window, or the first hit of a new window.
    const { rows } = await sql<{ hits: number; ttl: number }>`
      insert into rate_limit as r (key, hits, expires_at) values (${k}, 1, now() + ${window}::interval)
      on conflict (key) do update set
        hits = case when r.expires_at <= now() then 1 else r.hits + 1 end,
        expires_at = case when r.expires_at <= now() then now() + ${window}::interval else r.expires_at end
      returning hits, ceil(extract(epoch from (expires_at - now())) * 1000)::integer as ttl`.execute(this.db);
    await this.cleanUp();
    const row = rows[0]!;
    return { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) };
  }

  async read(key: string): Promise<{ current: number; ttl: number }> {
    const { rows } = await sql<{ hits: number; ttl: number }>`
      select hits, ceil(extract(epoch from (expires_at - now())) * 1000)::integer as ttl
      from rate_limit where key = ${`${this.scope} ${key}`} and expires_at > now()`.execute(this.db);
    const row = rows[0];
    return row ? { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) } : { current: 0, ttl: 0 };
  }
}

/** The route a child store is for, from the options the plugin gives child(): 'POST /:lang/sign-in'. */
function routeScope(options: unknown): string {
  const info = (options as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
  const method = [info?.method ?? ''].flat().join(',');
  return `${method} ${info?.url ?? ''}`.trim();
}

/** The store class to give @fastify/rate-limit (`store`), counting per-route limits in `db`. */
export function rateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  // Rows of ended windows are deleted at most once a minute (by whichever route's request comes first); a failure
  // only means trying again with the next request.
  let lastCleanup = 0;
  const cleanUp = async () => {
    const now = Date.now();
    if (now - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = now;
    try {
      await sql`delete from rate_limit where expires_at < now()`.execute(db);
    } catch {
      lastCleanup = 0;
    }
  };
  const adapt = (p: Promise<{ current: number; ttl: number }>, cb: Callback) =>
    void p.then(
      (r) => cb(null, r),
      (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
    );

  /** A route's limits: counted in the database. */
  class RouteStore implements FastifyRateLimitStore {
    private readonly counts: DatabaseCounts;
    constructor(scope: string) {
      this.counts = new DatabaseCounts(db, scope, cleanUp);
    }
    incr(key: string, cb: Callback, timeWindow: number) {
      adapt(this.counts.incr(key, timeWindow), cb);
    }
    read(key: string, cb: Callback) {
      adapt(this.counts.read(key), cb);
    }
    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      return new RouteStore(routeScope(options));
    }
  }

  /** The global limit: counted in memory. */
  class GlobalStore implements FastifyRateLimitStore {
    private readonly counts = new MemoryCounts();
    incr(key: string, cb: Callback, timeWindow: number) {
      cb(null, this.counts.incr(key, timeWindow));
    }
    read(key: string, cb: Callback) {
      cb(null, this.counts.read(key));
    }
    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      return new RouteStore(routeScope(options));
    }
  }
  return GlobalStore;
}

/** The address a limit counts by, as the plugin keys it (an IPv6 address by its /64), remembered for repeat visitors. */
function addressKeys(): (ip: string) => string {
  const known = new Map<string, string>();
  return (ip) => {
    let key = known.get(ip);
    if (key === undefined) {
      key = normalizeIP(ip);
      if (known.size >= MEMORY_KEYS) known.clear();
      known.set(ip, key);
    }
    return key;
  };
}

/**
 * The global flood guard: `max` requests per address in each `timeWindow` (ms), counted in this instance's memory,
 * on every route without limits of its own (`config.rateLimit`; those are the plugin's, counted in the database), as
 * @fastify/rate-limit's global limit did: the same key, allow list, X-RateLimit-* headers, and above the limit a
 * 429 with Retry-After (errors.ts answers it as rate_limited). A plain callback hook, added to each route.
 */
export function floodGuard(app: FastifyInstance, opts: { max: number; timeWindow: number; allowList: string[] }) {
  const { max, timeWindow } = opts;
  const allowed = new Set(opts.allowList);
  const keyOf = addressKeys();
  const counts = new MemoryCounts();
  const guard: onRequestHookHandler = (req, reply, done) => {
    const key = keyOf(req.ip);
    if (allowed.has(key)) return done();
    const { current, ttl } = counts.incr(key, timeWindow);
    const seconds = Math.ceil(ttl / 1000);
    reply.header('x-ratelimit-limit', max);
    reply.header('x-ratelimit-remaining', Math.max(0, max - current));
    reply.header('x-ratelimit-reset', seconds);
    if (current <= max) return done();
    reply.header('retry-after', seconds);
    done(Object.assign(new Error(`Rate limit exceeded, retry in ${seconds} s`), { statusCode: 429 }));
  };
  app.addHook('onRoute', (r) => {
    if ((r.config as { rateLimit?: unknown } | undefined)?.rateLimit != null) return;
    r.onRequest = r.onRequest ? [r.onRequest, guard].flat() : guard;
  });
}
