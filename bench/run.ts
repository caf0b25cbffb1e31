/**
 * npm run bench — loads BENCH_SERVICES (default 100 000) synthetic services into PGlite and PostgreSQL and measures
 * with autocannon: a bare Fastify route, the search API (typical, broad and filtered queries) and the server-rendered
 * results page. Prints and writes docs/benchmarks.md (p50/p95/p99, requests per second, ratio to the bare route).
 *
 * PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server where a database yh_bench may be created.
 *
 * A part of the run (the search index's own rows, say): BENCH_ONLY=pglite|postgres, BENCH_SCENARIOS=typical,broad
 * (scenarios whose names contain one of the words), BENCH_KEEP=1 (keep the generated database of this size between
 * runs: .cache/bench-pglite-N, database yh_bench_N), BENCH_REPORT=file (not docs/benchmarks.md).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { readConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { prepareDatabase } from '../src/core/setup.js';
import { buildApp } from '../src/http/app.js';
import { generateDirectory } from './synthetic.js';
import { measure } from './measure.js';

const N = Number(process.env.BENCH_SERVICES ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = process.env.BENCH_ONLY;
const SCENARIOS = process.env.BENCH_SCENARIOS?.split(',').filter(Boolean);
const KEEP = process.env.BENCH_KEEP === '1';
const PG_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://yhdessa:yhdessa@127.0.0.1:5432/postgres';

const TYPICAL = [
  'neuvola',
  'perhekahvila',
  'barnrådgivning',
  'kuraattori',
  'familjecafé',
  'perheneuvola',
  'puheterapia',
  'etsivä nuorisotyö',
  'ihmeelliset vuodet',
  'skilsmässa',
  'lastenneuvola askola',
  'kotipalvelu',
].flatMap((q, i) => [
  `/api/v1/services?q=${encodeURIComponent(q)}`,
  `/api/v1/services?q=${encodeURIComponent(q)}&municipality=${['018', '710', '149', '638', '444', '078'][i % 6]}`,
]);
const BROAD = ['perhe', 'lapsi', 'tuki', 'barn', 'familj', 'palvelu'].map(
  (q) => `/api/v1/services?q=${encodeURIComponent(q)}`,
);
const FILTERED = [
  '/api/v1/services?municipality=149&language=sv',
  '/api/v1/services?municipality=018&age=4&free=true',
  '/api/v1/services?life_situation=baby&municipality=710',
  '/api/v1/services?org_type=ngo&mode=in_person&municipality=638',
  '/api/v1/services?life_situation=separation&language=sv',
  '/api/v1/services?open_now=true&municipality=444',
  '/api/v1/services?lat=60.25&lon=24.07&sort=distance&municipality=444',
  '/api/v1/services?sort=name&municipality=753&page=3',
];
// Unique combinations, so every request computes its facet counts (nothing from the cache).
const UNCACHED = Array.from({ length: 3000 }, (_, i) => {
  const words = ['neuvola', 'perhekahvila', 'kuraattori', 'familjecafé', 'perheneuvola', 'puheterapia'];
  const m = ['018', '710', '149', '638', '444', '078', '753', '434'];
  return `/api/v1/services?q=${encodeURIComponent(words[i % words.length]!)}&municipality=${m[i % m.length]}&age=${i % 18}&per_page=${10 + (i % 11)}`;
});
const PAGE = [
  '/fi/search?q=neuvola&municipality=018',
  '/sv/search?q=familjecaf%C3%A9&municipality=149',
  '/fi/search?q=perhekahvila',
  '/en/search?life_situation=baby&municipality=710',
];

import { renderReport, type IndexRow, type ReportMeta, type Row } from './report.js';
import { searchIndexReady } from '../src/core/directory/search/indexedSearch.js';

const indexRows: IndexRow[] = [];

async function benchDatabase(label: string, d: Database): Promise<Row[]> {
  const t0 = Date.now();
  await prepareDatabase(d.db);
  const existing = (await sql<{ n: number }>`select count(*)::int as n from service`.execute(d.db)).rows[0]!.n;
  if (existing !== N) {
    console.log(`[${label}] generating ${N} services…`);
    await generateDirectory(d.db, N);
    if (d.kind === 'postgres') await sql`vacuum analyze`.execute(d.db);
  }
  const loadSeconds = (Date.now() - t0) / 1000;
  console.log(`[${label}] ready in ${loadSeconds.toFixed(0)} s`);
  const app = await buildApp({ database: d, config: { ...readConfig({ PORT: '0' }), publicUrl: 'http://localhost' } });
  app.get('/bench/bare', async () => ({ ok: true }));
  // The search index is built when the app is ready: its time, and the heap it holds (after a full collection).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const feed = await searchIndexReady(d.db);
  gc?.();
  if (feed) {
    const row: IndexRow = {
      db: label,
      services: feed.index.size,
      buildMs: feed.buildMs,
      heapMb: gc ? (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20 : NaN,
    };
    indexRows.push(row);
    console.log(
      `[${label}] search index: ${row.services} services built in ${row.buildMs.toFixed(0)} ms, heap +${row.heapMb.toFixed(0)} MiB`,
    );
  }
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const rows: Row[] = [];
  const scenarios: [string, string[], string | undefined][] = [
    ['bare Fastify route', ['/bench/bare'], undefined],
    ['search API, typical queries', TYPICAL, 'p95 ≤ 20 ms'],
    ['search API, broad one-word queries', BROAD, 'p95 ≤ 100 ms'],
    ['search API, filtered (no words)', FILTERED, undefined],
    ['search API, unique queries (facets computed)', UNCACHED, undefined],
    ['results page (SSR)', PAGE, 'p95 ≤ 60 ms'],
  ];
  for (const [scenario, paths, target] of scenarios) {
    if (SCENARIOS && !scenario.startsWith('bare') && !SCENARIOS.some((w) => scenario.includes(w))) continue;
    const m = await measure(url, paths, DURATION, CONNECTIONS);
    console.log(
      `[${label}] ${scenario}: p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms; under load p95 ${m.loadP95} ms, ${m.rps.toFixed(0)} req/s${m.errors ? `, ${m.errors} errors` : ''}`,
    );
    rows.push({ db: label, scenario, ...m, target: d.kind === 'postgres' ? target : undefined });
  }
  await app.close();
  return rows;
}

async function main() {
  const all: Row[] = [];
  if (ONLY !== 'postgres') {
    const dir = join(process.cwd(), '.cache', KEEP ? `bench-pglite-${N}` : 'bench-pglite');
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const lite = await openDatabase({ dataDir: dir });
    all.push(...(await benchDatabase('PGlite', lite)));
    await lite.close();
  }

  let pgVersion = 'not measured';
  try {
    if (ONLY === 'pglite') throw new Error('BENCH_ONLY=pglite');
    const name = KEEP ? `yh_bench_${N}` : 'yh_bench';
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    pgVersion = (await admin.query('show server_version')).rows[0].server_version;
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!KEEP || !exists) {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    }
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    const server = await openDatabase({ url: u.toString(), poolSize: 10 });
    all.push(...(await benchDatabase('PostgreSQL', server)));
    await server.close();
  } catch (e) {
    console.log(`PostgreSQL not measured: ${(e as Error).message} (set BENCH_DATABASE_URL)`);
  }

  const meta: ReportMeta = {
    n: N,
    duration: DURATION,
    connections: CONNECTIONS,
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    node: process.version,
    pgVersion,
    index: indexRows,
  };
  mkdirSync(join(process.cwd(), '.cache'), { recursive: true });
  writeFileSync(join(process.cwd(), '.cache', 'bench-results.json'), JSON.stringify({ meta, rows: all }, null, 2));
  const report = renderReport(meta, all);
  writeFileSync(join(process.cwd(), process.env.BENCH_REPORT ?? join('docs', 'benchmarks.md')), report);
  console.log(`\n${report}`);
}

await main();
