/**
 * HSDS benchmark: /hsds/services latency (and the other HSDS lists) at BENCH_SERVICES (default 100 000) synthetic
 * services, on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL; a database yh_bench_hsds is created, and reused
 * while it holds the same number of services) and on PGlite (BENCH_PGLITE=false to skip it).
 *
 *   node bin/run-ts.js bench/hsds.ts           writes docs/benchmarks-hsds.md (BENCH_HSDS_REPORT to change)
 *
 * bench/run.ts can call benchHsds(database, label) on a database it has loaded already:
 *   process.env.BENCH_HSDS_LIBRARY = '1'; const { benchHsds } = await import('./hsds.js');
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { readConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { prepareDatabase } from '../src/core/setup.js';
import { termId } from '../src/core/directory/taxonomies.js';
import { buildApp } from '../src/http/app.js';
import { generateDirectory } from './synthetic.js';
import { listen, measure } from './measure.js';

export interface HsdsBenchRow {
  db: string;
  scenario: string;
  p50: number;
  p95: number;
  p99: number;
  loadP95: number;
  rps: number;
  errors: number;
}
export interface HsdsBenchOptions {
  duration?: number;
  connections?: number;
  log?: (line: string) => void;
}

/** The scenarios, with ids drawn from the data in the database. */
export async function hsdsScenarios(d: Database): Promise<[string, string[]][]> {
  const orgs = (
    await sql<{
      id: string;
    }>`select organization_id as id from service_search where active group by 1 order by count(*) desc limit 5`.execute(
      d.db,
    )
  ).rows.map((r) => r.id);
  const services = (
    await sql<{
      id: string;
    }>`select service_id as id from service_search where active order by service_id limit 200`.execute(d.db)
  ).rows.map((r) => r.id);
  const lifeTerms = ['baby', 'separation', 'teenager', 'leisure'].map((c) => termId('life-situation', c));
  return [
    ['/hsds/services (first page)', ['/hsds/services']],
    ['/hsds/services, pages 2–500', [2, 10, 50, 200, 500].map((p) => `/hsds/services?page=${p}`)],
    ['/hsds/services?taxonomy_term_id', lifeTerms.map((t) => `/hsds/services?taxonomy_term_id=${t}`)],
    ['/hsds/services?organization_id', orgs.map((o) => `/hsds/services?organization_id=${o}`)],
    ['/hsds/services?postcode', ['07500', '10900', '06100', '08100'].map((p) => `/hsds/services?postcode=${p}`)],
    [
      '/hsds/services?postcode&proximity=5000',
      ['07500', '10900', '06100', '08100'].map((p) => `/hsds/services?postcode=${p}&proximity=5000`),
    ],
    [
      '/hsds/services?search (directory search)',
      ['neuvola', 'perhekahvila', 'barnrådgivning', 'kuraattori', 'familjecafé'].map(
        (q) => `/hsds/services?search=${encodeURIComponent(q)}`,
      ),
    ],
    ['/hsds/services?full=true', ['/hsds/services?full=true', '/hsds/services?full=true&page=7&lang=sv']],
    ['/hsds/services?minimal=true&per_page=1000', ['/hsds/services?minimal=true&per_page=1000']],
    ['/hsds/services/{id}', services.map((id) => `/hsds/services/${id}`)],
    ['/hsds/service_at_locations', ['/hsds/service_at_locations', '/hsds/service_at_locations?page=20']],
    ['/hsds/organizations', ['/hsds/organizations', '/hsds/organizations?page=3']],
  ];
}

/** Builds the app on `d`, listens on a free port, runs every HSDS scenario, closes. */
export async function benchHsds(d: Database, label: string, o: HsdsBenchOptions = {}): Promise<HsdsBenchRow[]> {
  const log = o.log ?? console.log;
  const app = await buildApp({ database: d, config: { ...readConfig({ PORT: '0' }), publicUrl: 'http://localhost' } });
  const url = await listen(app);
  const rows: HsdsBenchRow[] = [];
  try {
    for (const [scenario, paths] of await hsdsScenarios(d)) {
      const m = await measure(url, paths, o.duration ?? 10, o.connections ?? 10);
      log(
        `[${label}] ${scenario}: p50 ${m.p50} ms, p95 ${m.p95} ms; under load p95 ${m.loadP95} ms, ${m.rps.toFixed(0)} req/s${m.errors ? `, ${m.errors} errors` : ''}`,
      );
      rows.push({ db: label, scenario, ...m });
    }
  } finally {
    await app.close();
  }
  return rows;
}

async function loaded(label: string, d: Database, n: number): Promise<number> {
  const t0 = Date.now();
  await prepareDatabase(d.db);
  const existing = (await sql<{ n: number }>`select count(*)::int as n from service`.execute(d.db)).rows[0]!.n;
  if (existing !== n) {
    console.log(`[${label}] generating ${n} services…`);
    await generateDirectory(d.db, n);
    if (d.kind === 'postgres') await sql`vacuum analyze`.execute(d.db);
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`[${label}] ready in ${seconds.toFixed(0)} s`);
  return seconds;
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 10) / 10) : '–');

export function renderHsdsReport(
  meta: {
    n: number;
    duration: number;
    connections: number;
    date: string;
    machine: string;
    node: string;
    pgVersion: string;
    load: Record<string, number>;
    loadAverage?: string;
  },
  rows: HsdsBenchRow[],
): string {
  return `# HSDS benchmarks

Run with \`node bin/run-ts.js bench/hsds.ts\` (bench/hsds.ts): ${meta.n.toLocaleString('en')} synthetic services unless a row says otherwise (bench/synthetic.ts: Finnish
and Swedish, one in ten a copy of a real demo service), loaded through the real indexer. autocannon, ${meta.duration} s per pass after
a 2 s warm-up: first one client at a time (p50/p95/p99: the wait a consumer sees), then ${meta.connections} connections at once
(p95 under load, requests per second). The app, the database and autocannon share the machine.

- Date: ${meta.date}
- Machine: ${meta.machine}
- Node.js ${meta.node}; PostgreSQL ${meta.pgVersion} on the same machine${
    Object.keys(meta.load).length
      ? `; loading took ${Object.entries(meta.load)
          .map(([k, v]) => `${Math.round(v)} s (${k})`)
          .join(', ')}`
      : ''
  }${
    meta.loadAverage
      ? `
- Load average of the machine (1, 5, 15 min) at the start and at the end of the run: ${meta.loadAverage}`
      : ''
  }

Latencies in milliseconds. Lists are HSDS Page wrappers of 20 (the default), in the reader's alphabet unless \`search\` (relevance) or
\`proximity\` (nearest first) orders them.

| database | scenario | p50 | p95 | p99 | p95 under load | req/s under load | errors |
|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.db} | ${r.scenario} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.loadP95)} | ${fmt(r.rps)} | ${r.errors} |`).join('\n')}
`;
}

async function main() {
  const n = Number(process.env.BENCH_SERVICES ?? 100_000);
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const rows: HsdsBenchRow[] = [];
  const load: Record<string, number> = {};
  const loadAvg = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
  const loadAtStart = loadAvg();
  let pgVersion = 'not measured';

  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    pgVersion = (await admin.query('show server_version')).rows[0].server_version;
    const u = new URL(pgUrl);
    u.pathname = '/yh_bench_hsds';
    // Reuse the database while it holds the same number of services (loading 100 000 takes minutes).
    let keep = false;
    if ((await admin.query(`select 1 from pg_database where datname = 'yh_bench_hsds'`)).rowCount) {
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      keep = await c.query('select count(*)::int as n from service').then(
        (r) => r.rows[0].n === n,
        () => false,
      );
      await c.end();
    }
    if (!keep) {
      await admin.query('drop database if exists yh_bench_hsds with (force)');
      await admin.query('create database yh_bench_hsds');
    }
    await admin.end();
    const server = await openDatabase({ url: u.toString(), poolSize: 10 });
    try {
      load.PostgreSQL = await loaded('PostgreSQL', server, n);
      rows.push(...(await benchHsds(server, 'PostgreSQL', { duration, connections })));
    } finally {
      await server.close();
    }
  } else {
    console.log('PostgreSQL not measured: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  }

  if (process.env.BENCH_PGLITE !== 'false') {
    const dir = join(process.cwd(), '.cache', 'bench-hsds-pglite');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const lite = await openDatabase({ dataDir: dir });
    // Loading PGlite is slower than a server: BENCH_PGLITE_SERVICES may measure it at a smaller size (the label says).
    const liteN = Number(process.env.BENCH_PGLITE_SERVICES ?? n);
    const label = liteN === n ? 'PGlite' : `PGlite (${liteN.toLocaleString('en')} services)`;
    try {
      load[label] = await loaded(label, lite, liteN);
      rows.push(...(await benchHsds(lite, label, { duration, connections })));
    } finally {
      await lite.close();
    }
  }

  const mem = Math.round(os.totalmem() / 2 ** 30);
  const report = renderHsdsReport(
    {
      n,
      duration,
      connections,
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, ${mem} GiB memory, ${os.type()} ${os.release()}`,
      node: process.version,
      pgVersion,
      load,
      loadAverage: `${loadAtStart} → ${loadAvg()}`,
    },
    rows,
  );
  writeFileSync(resolve(process.env.BENCH_HSDS_REPORT ?? join('docs', 'benchmarks-hsds.md')), report);
  console.log(`\n${report}`);
}

// bin/run-ts.js drops the file from argv, so "am I the entry?" cannot be asked: a caller that only wants the functions
// sets BENCH_HSDS_LIBRARY=1 before `await import('./hsds.js')`.
if (!process.env.BENCH_HSDS_LIBRARY) await main();
