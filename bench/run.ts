/**
 * npm run bench — loads BENCH_SERVICES (default 100 000) synthetic services into PGlite and PostgreSQL and measures
 * with autocannon: a bare Fastify route, the search API (typical, broad and filtered queries) and the server-rendered
 * results page. Prints and writes docs/benchmarks.md (p50/p95/p99, requests per second, ratio to the bare route).
 *
 * PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server where a database yh_bench may be created.
 */
import autocannon from 'autocannon';
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

const N = Number(process.env.BENCH_SERVICES ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://yhdessa:yhdessa@127.0.0.1:5432/postgres';

const TYPICAL = ['neuvola', 'perhekahvila', 'barnrådgivning', 'kuraattori', 'familjecafé', 'perheneuvola', 'puheterapia', 'etsivä nuorisotyö', 'ihmeelliset vuodet', 'skilsmässa', 'lastenneuvola askola', 'kotipalvelu']
  .flatMap((q, i) => [`/api/v1/services?q=${encodeURIComponent(q)}`, `/api/v1/services?q=${encodeURIComponent(q)}&municipality=${['018', '710', '149', '638', '444', '078'][i % 6]}`]);
const BROAD = ['perhe', 'lapsi', 'tuki', 'barn', 'familj', 'palvelu'].map((q) => `/api/v1/services?q=${encodeURIComponent(q)}`);
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
const PAGE = ['/fi/search?q=neuvola&municipality=018', '/sv/search?q=familjecaf%C3%A9&municipality=149', '/fi/search?q=perhekahvila', '/en/search?life_situation=baby&municipality=710'];

interface Row { db: string; scenario: string; p50: number; p95: number; p99: number; rps: number; errors: number; target?: string }

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(url: string, paths: string[], seconds: number): Promise<{ p50: number; p95: number; p99: number; rps: number; errors: number }> {
  const run = (duration: number, record: number[] | null) => new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({ url, connections: CONNECTIONS, duration, requests: paths.map((path) => ({ method: 'GET', path })) }, (err, res) => (err ? reject(err) : resolve(res)));
    if (record) inst.on('response', (_c: unknown, _s: number, _b: number, ms: number) => record.push(ms));
  });
  await run(2, null); // warm-up
  const times: number[] = [];
  const res = await run(seconds, times);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), rps: res.requests.average, errors: res.errors + res.non2xx };
}

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
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const rows: Row[] = [];
  const scenarios: [string, string[], string | undefined][] = [
    ['bare Fastify route', ['/bench/bare'], undefined],
    ['search API, typical queries', TYPICAL, 'p95 ≤ 20 ms'],
    ['search API, broad one-word queries', BROAD, 'p95 ≤ 100 ms'],
    ['search API, filtered (no words)', FILTERED, undefined],
    ['results page (SSR)', PAGE, 'p95 ≤ 60 ms'],
  ];
  for (const [scenario, paths, target] of scenarios) {
    const m = await measure(url, paths, DURATION);
    console.log(`[${label}] ${scenario}: p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms, ${m.rps.toFixed(0)} req/s${m.errors ? `, ${m.errors} errors` : ''}`);
    rows.push({ db: label, scenario, ...m, target: d.kind === 'postgres' ? target : undefined });
  }
  await app.close();
  return rows;
}

async function main() {
  const all: Row[] = [];
  const dir = join(process.cwd(), '.cache', 'bench-pglite');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const lite = await openDatabase({ dataDir: dir });
  all.push(...(await benchDatabase('PGlite', lite)));
  await lite.close();

  let pgVersion = 'not measured';
  try {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    pgVersion = (await admin.query('show server_version')).rows[0].server_version;
    await admin.query('drop database if exists yh_bench with (force)');
    await admin.query('create database yh_bench');
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = '/yh_bench';
    const server = await openDatabase({ url: u.toString(), poolSize: 10 });
    all.push(...(await benchDatabase('PostgreSQL', server)));
    await server.close();
  } catch (e) {
    console.log(`PostgreSQL not measured: ${(e as Error).message} (set BENCH_DATABASE_URL)`);
  }

  const bare = new Map(all.filter((r) => r.scenario.startsWith('bare')).map((r) => [r.db, r]));
  const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 10) / 10) : '–');
  const lines = all.map((r) => {
    const b = bare.get(r.db)!;
    const met = r.target ? (r.p95 <= Number(r.target.match(/\d+/)![0]) ? ` ✅ ${r.target}` : ` ❌ ${r.target}`) : '';
    return `| ${r.db} | ${r.scenario} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps)} | ${fmt(r.rps / b.rps)} | ${fmt(r.p95 / Math.max(b.p95, 1))} | ${r.errors}${met} |`;
  });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = `# Benchmarks

Run with \`npm run bench\` (${N.toLocaleString('en')} synthetic services in Finnish and Swedish, autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario after a 2 s warm-up; the app and autocannon share the machine).

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}
- Node.js ${process.version}; PGlite (embedded PostgreSQL 18, WebAssembly, in the app's process); PostgreSQL ${pgVersion} on the same machine

Latencies in milliseconds. "× bare" compares with the bare Fastify route on the same database (requests per second, and p95).

| database | scenario | p50 | p95 | p99 | req/s | req/s × bare | p95 × bare | errors / target |
|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}

Targets (issue 2, PostgreSQL at 100 000 services): typical queries p95 ≤ 20 ms, broad queries p95 ≤ 100 ms, results page p95 ≤ 60 ms.
PGlite runs queries on the server's own thread, so under concurrent load its latencies include waiting for the one connection; it is the embedded default for small installations, PostgreSQL is for production.
`;
  writeFileSync(join(process.cwd(), 'docs', 'benchmarks.md'), report);
  console.log(`\n${report}`);
}

await main();
