/**
 * Search benchmark (issues 13 and 14): the SQL search (with the need vocabulary and "most of the words") against the
 * in-memory index answering the same set, total and facets, at BENCH_SEARCH_SERVICES (default 5 000) synthetic
 * services plus the demo directory, on PGlite (in memory) and, with BENCH_DATABASE_URL or TEST_DATABASE_URL, on
 * PostgreSQL (a database yh_bench_search is created afresh). Single client, in process (no HTTP), p50/p95 in ms.
 *
 *   node bin/run-ts.js bench/searchIndex.ts      writes docs/benchmarks-search.md
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { prepareDatabase } from '../src/core/setup.js';
import { MemoryIndex } from '../src/core/directory/search/memoryIndex.js';
import { indexRunner } from '../src/core/directory/search/indexedSearch.js';
import { searchServices, searchWith, type SearchParams } from '../src/core/directory/search/searchServices.js';
import { loadDemoData } from '../src/demo/loadDemoData.js';
import { generateDirectory } from './synthetic.js';
import { percentile } from './measure.js';

const N = Number(process.env.BENCH_SEARCH_SERVICES ?? 5000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 30);

const SCENARIOS: [string, SearchParams][] = [
  ['typical: "perhekahvila" in Porvoo', { q: 'perhekahvila', lang: 'fi', municipality: ['638'] }],
  ['everyday fi: "mistä saa apua kun lapsi raivoaa"', { q: 'mistä saa apua kun lapsi raivoaa', lang: 'fi' }],
  ['everyday sv: "jag orkar inte mer"', { q: 'jag orkar inte mer', lang: 'sv' }],
  ['everyday en: "my baby won\'t sleep"', { q: "my baby won't sleep", lang: 'en' }],
  ['broad one word: "perhe"', { q: 'perhe', lang: 'fi' }],
  ['most of three words: "perheneuvola ero vertaistuki"', { q: 'perheneuvola ero vertaistuki', lang: 'fi' }],
  [
    'filters, no words: baby + Raasepori + Swedish',
    { lang: 'sv', lifeSituation: ['baby'], municipality: ['710'], language: ['sv'] },
  ],
];

interface Row {
  db: string;
  scenario: string;
  total: number;
  sqlP50: number;
  sqlP95: number;
  memP50: number;
  memP95: number;
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  await fn(); // warm
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function benchOn(label: string, database: Database): Promise<{ rows: Row[]; buildMs: number; heapMb: number }> {
  await prepareDatabase(database.db);
  await loadDemoData(database.db);
  if (N > 0) await generateDirectory(database.db, N);
  const heapBefore = process.memoryUsage().heapUsed;
  const t = performance.now();
  const index = await MemoryIndex.build(database.db);
  const buildMs = performance.now() - t;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const rows: Row[] = [];
  for (const [scenario, p] of SCENARIOS) {
    // Facet counts are cached for 30 s by the SQL path; a different page each round keeps them honest.
    let round = 0;
    const sqlTimes = await time(() =>
      searchServices(database.db, {
        ...p,
        sort: 'name',
        perPage: 20,
        page: 1 + (round++ % 3),
        facets: true,
        now: new Date(Date.now() + round * 60_000),
      }),
    );
    const ref = await searchServices(database.db, { ...p, sort: 'name', perPage: 20, facets: true });
    const viaIndex = () =>
      searchWith(database.db, { ...p, sort: 'name', perPage: 20, facets: true }, 100, indexRunner(database.db, index));
    const memTimes = await time(viaIndex);
    const mem = await viaIndex();
    if (mem.total !== ref.total) throw new Error(`${scenario}: index ${mem.total} ≠ SQL ${ref.total}`);
    rows.push({
      db: label,
      scenario,
      total: ref.total,
      sqlP50: percentile(sqlTimes, 50),
      sqlP95: percentile(sqlTimes, 95),
      memP50: percentile(memTimes, 50),
      memP95: percentile(memTimes, 95),
    });
    console.log(label, scenario, rows.at(-1));
  }
  return { rows, buildMs, heapMb };
}

const results: { label: string; rows: Row[]; buildMs: number; heapMb: number }[] = [];
{
  const database = await openDatabase({});
  results.push({ label: 'PGlite', ...(await benchOn('PGlite', database)) });
  await database.close();
}
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('drop database if exists yh_bench_search');
  await admin.query('create database yh_bench_search');
  await admin.end();
  const u = new URL(url);
  u.pathname = '/yh_bench_search';
  const database = await openDatabase({ url: u.toString() });
  results.push({ label: 'PostgreSQL', ...(await benchOn('PostgreSQL', database)) });
  await database.close();
}

const f = (x: number) => x.toFixed(x < 10 ? 2 : 1);
const lines = [
  '# Search benchmark: SQL search and the in-memory index',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} (shared with other work), Node ${process.version}.`,
  `${N} synthetic services plus the demo directory; ${ROUNDS} rounds per scenario, single client, in process (no HTTP).`,
  'SQL: `searchServices` (page of 20 by name, facet counts; the facet cache is defeated by a changing "now").',
  'Index: `MemoryIndex.search` (the whole matching set, total, facet counts and the order by name) on the tsquery the',
  'SQL path compiles (compiling is cached by both). The index answers the same totals as SQL in every scenario (checked).',
  '',
];
for (const r of results) {
  lines.push(
    `## ${r.label}`,
    '',
    `Index build from the database: ${f(r.buildMs)} ms; heap grew by about ${f(r.heapMb)} MB.`,
    '',
  );
  lines.push('| scenario | matches | SQL p50 | SQL p95 | index p50 | index p95 |', '|---|---:|---:|---:|---:|---:|');
  for (const x of r.rows)
    lines.push(`| ${x.scenario} | ${x.total} | ${f(x.sqlP50)} | ${f(x.sqlP95)} | ${f(x.memP50)} | ${f(x.memP95)} |`);
  lines.push('');
}
lines.push(
  'Not measured here: the index serving HTTP requests (it is not wired into the routes yet), 100 000 services, and',
  'concurrency. The index does not yet hold opening hours, points or relevance scores (the SQL path answers those).',
  '',
);
writeFileSync('docs/benchmarks-search.md', lines.join('\n'));
console.log(lines.join('\n'));
