/**
 * Request ids and metrics. Every request has an id (a valid X-Request-Id from the client or proxy, else a new
 * UUID): it is on every log line of the request (Fastify's reqId), in the audit log, and in the answer's
 * X-Request-Id header. /metrics answers in Prometheus' text format: requests by method, route pattern and status,
 * their durations as a histogram, the database pool (PGlite's one connection as a pool of one), the job queue's
 * depth per queue, the process's memory and event-loop delay. Other parts add their own series with
 * `addMetrics`; the search index reports its lag, documents and build time.
 * It needs `Authorization: Bearer <METRICS_TOKEN>`; without a token configured, only this machine may ask.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, onResponseHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { jobCounts } from '../core/jobs/jobs.js';
import { QUEUE_NAMES } from '../core/jobs/queues.js';
import { searchIndexMetrics } from '../core/directory/search/indexedSearch.js';

const VALID_ID = /^[\w.:-]{1,100}$/;

/** The request's id: the client's or proxy's X-Request-Id when it is a sensible one, else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const h = req.headers['x-request-id'];
  const v = Array.isArray(h) ? h[0] : h;
  return v && VALID_ID.test(v) ? v : randomUUID();
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

/** Lines of Prometheus text (with their # HELP and # TYPE) for /metrics, computed when it is asked. */
export type MetricsCollector = (app: FastifyInstance) => Promise<string[]>;

/**
 * Adds a part's own series to /metrics, each from a collector run at every scrape (a failing collector leaves its
 * series out and counts in yhdessa_metrics_collector_errors_total). The search index's lag belongs here.
 */
export function addMetrics(app: FastifyInstance, collect: MetricsCollector): void {
  (app as FastifyInstance & { metricsCollectors?: MetricsCollector[] }).metricsCollectors?.push(collect);
}

/** Jobs waiting per queue (created or to be retried, due or not), and every queue's jobs by state. */
const jobQueueMetrics: MetricsCollector = async (app) => {
  const counts = await jobCounts(app.database.db);
  const waiting = new Map<string, number>(QUEUE_NAMES.map((q) => [q, 0]));
  for (const c of counts)
    if (c.state === 'created' || c.state === 'retry') waiting.set(c.name, (waiting.get(c.name) ?? 0) + c.count);
  return [
    '# HELP yhdessa_job_queue_depth Jobs waiting in each queue (created or to be retried).',
    '# TYPE yhdessa_job_queue_depth gauge',
    ...[...waiting].map(([q, n]) => `yhdessa_job_queue_depth{queue="${label(q)}"} ${n}`),
    '# HELP yhdessa_jobs Jobs in the queue tables by queue and state (completed ones are archived after an hour).',
    '# TYPE yhdessa_jobs gauge',
    ...counts.map((c) => `yhdessa_jobs{queue="${label(c.name)}",state="${label(c.state)}"} ${c.count}`),
  ];
};

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const series = new Map<string, Series>();
    const collectors: MetricsCollector[] = [jobQueueMetrics, (app) => searchIndexMetrics(app.database.db)];
    app.decorate('metricsCollectors', collectors);
    let collectorErrors = 0;
    const loop = monitorEventLoopDelay({ resolution: 20 });
    loop.enable();
    app.addHook('onClose', async () => loop.disable());

    /** The series of one route pattern, found by method and status without building a key per request. */
    const seriesOf = (route: string) => {
      const byMethod = new Map<string, Map<number, Series>>();
      return (method: string, status: number): Series => {
        let byStatus = byMethod.get(method);
        if (!byStatus) byMethod.set(method, (byStatus = new Map()));
        let s = byStatus.get(status);
        if (!s) {
          // The labels are escaped once, when a series is first seen.
          const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
          s = series.get(key) ?? { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
          series.set(key, s);
          byStatus.set(status, s);
        }
        return s;
      };
    };
    const observe = (s: Series, ms: number) => {
      const seconds = ms / 1000;
      s.count += 1;
      s.sum += seconds;
      for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]! += 1;
    };

    // The hooks are plain callbacks (not async): they run on every request, and a promise each costs more than they
    // do. Each route gets its own onResponse hook that knows its pattern (reading req.routeOptions builds an object
    // per request); requests no route matched are counted by the one global hook, as route "unmatched".
    app.addHook('onSend', (req, reply, payload, done) => {
      reply.header('x-request-id', req.id);
      done(null, payload);
    });
    app.addHook('onRoute', (r) => {
      if (r.url === '/metrics') return;
      const find = seriesOf(r.url);
      const hook: onResponseHookHandler = (req, reply, done) => {
        observe(find(req.method, reply.statusCode), reply.elapsedTime);
        done();
      };
      r.onResponse = r.onResponse ? [r.onResponse, hook].flat() : hook;
    });
    const unmatched = seriesOf('unmatched');
    app.addHook('onResponse', (req, reply, done) => {
      if (req.is404) observe(unmatched(req.method, reply.statusCode), reply.elapsedTime);
      done();
    });

    app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (req, reply) => {
      const token = app.config.metricsToken;
      const allowed = token
        ? req.headers.authorization === `Bearer ${token}`
        : ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
      if (!allowed) return reply.code(404).type('text/plain').send('Not Found\n');
      const out: string[] = [
        '# HELP yhdessa_http_requests_total Requests answered, by method, route pattern and status.',
        '# TYPE yhdessa_http_requests_total counter',
      ];
      for (const [k, s] of series) out.push(`yhdessa_http_requests_total{${k}} ${s.count}`);
      out.push(
        '# HELP yhdessa_http_request_duration_seconds Time to answer, by method, route pattern and status.',
        '# TYPE yhdessa_http_request_duration_seconds histogram',
      );
      for (const [k, s] of series) {
        BUCKETS.forEach((b, i) =>
          out.push(`yhdessa_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`),
        );
        out.push(`yhdessa_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
        out.push(`yhdessa_http_request_duration_seconds_sum{${k}} ${s.sum.toFixed(6)}`);
        out.push(`yhdessa_http_request_duration_seconds_count{${k}} ${s.count}`);
      }
      const pool = app.database.pool?.();
      out.push(
        '# HELP yhdessa_db_info The database in use.',
        '# TYPE yhdessa_db_info gauge',
        `yhdessa_db_info{kind="${app.database.kind}"} 1`,
      );
      if (pool)
        out.push(
          '# HELP yhdessa_db_pool_connections Connections of the pool, by state (PGlite: its one connection).',
          '# TYPE yhdessa_db_pool_connections gauge',
          `yhdessa_db_pool_connections{state="total"} ${pool.total}`,
          `yhdessa_db_pool_connections{state="idle"} ${pool.idle}`,
          '# HELP yhdessa_db_pool_waiting Queries waiting for a connection.',
          '# TYPE yhdessa_db_pool_waiting gauge',
          `yhdessa_db_pool_waiting ${pool.waiting}`,
        );
      for (const collect of collectors) {
        try {
          out.push(...(await collect(app)));
        } catch (e) {
          collectorErrors++;
          req.log.warn({ err: (e as Error).message }, 'a metrics collector failed');
        }
      }
      out.push(
        '# HELP yhdessa_metrics_collector_errors_total Scrapes in which a collector failed (its series left out).',
        '# TYPE yhdessa_metrics_collector_errors_total counter',
        `yhdessa_metrics_collector_errors_total ${collectorErrors}`,
      );
      const mem = process.memoryUsage();
      out.push(
        '# HELP process_resident_memory_bytes Resident memory.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${mem.rss}`,
        '# HELP nodejs_heap_used_bytes V8 heap in use.',
        '# TYPE nodejs_heap_used_bytes gauge',
        `nodejs_heap_used_bytes ${mem.heapUsed}`,
        '# HELP nodejs_eventloop_delay_p99_seconds Event-loop delay, 99th percentile since start.',
        '# TYPE nodejs_eventloop_delay_p99_seconds gauge',
        `nodejs_eventloop_delay_p99_seconds ${(loop.percentile(99) / 1e9).toFixed(6)}`,
        '# HELP process_uptime_seconds Time since the process started.',
        '# TYPE process_uptime_seconds gauge',
        `process_uptime_seconds ${process.uptime().toFixed(0)}`,
      );
      return reply
        .type('text/plain; version=0.0.4; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(`${out.join('\n')}\n`);
    });
  },
  // (named: fastify-plugin would otherwise read a stack trace to make a name up, slow with source maps)
  { name: 'metrics' },
);
