/**
 * node bin/run-ts.js bench/pgliteThread.ts — does the server keep answering while PGlite works? (issue 17)
 *
 * One PGlite directory of BENCH_THREAD_SERVICES (default 5 000) synthetic services, opened twice in turn: with PGlite
 * in the server's own thread (as before) and in its worker thread (the app's way now). Each time, 20 clients search
 * without pause (unique queries, so facets are computed) while one client asks /healthz 20 times a second; both load
 * generators run in autocannon's worker threads, off the server's thread. Prints /healthz p50/p99/max under that load
 * and the searches' throughput and latency, side by side, as a Markdown table (docs/benchmarks.md has a run).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { readConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import type { PGliteThread } from '../src/db/pglite-engines.js';
import { prepareDatabase } from '../src/core/setup.js';
import { buildApp } from '../src/http/app.js';
import { generateDirectory } from './synthetic.js';

const N = Number(process.env.BENCH_THREAD_SERVICES ?? 5000);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const SEARCHERS = Number(process.env.BENCH_THREAD_SEARCHERS ?? 20);
const HEALTH_RATE = Number(process.env.BENCH_THREAD_HEALTH_RATE ?? 20);

const WORDS = ['neuvola', 'perhekahvila', 'kuraattori', 'familjecafé', 'perheneuvola', 'puheterapia', 'perhe', 'barn'];
const MUNICIPALITIES = ['018', '710', '149', '638', '444', '078', '753', '434'];
const SEARCHES = Array.from({ length: 4000 }, (_, i) => ({
  method: 'GET' as const,
  path: `/api/v1/services?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}&municipality=${MUNICIPALITIES[i % MUNICIPALITIES.length]}&age=${i % 18}&per_page=${10 + (i % 11)}`,
}));

function load(url: string, connections: number, requests: { method: 'GET'; path: string }[], rate?: number) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      { url, connections, duration: DURATION, requests, workers: 1, ...(rate ? { overallRate: rate } : {}) },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
}

interface Row {
  thread: PGliteThread;
  healthP50: number;
  healthP99: number;
  healthMax: number;
  healthRequests: number;
  searchRps: number;
  searchP50: number;
  searchP99: number;
  /** Errors (timeouts included) and non-2xx answers: searches, /healthz. */
  errors: string;
}

async function measure(dir: string, thread: PGliteThread): Promise<Row> {
  const d = await openDatabase({ dataDir: dir, pgliteThread: thread, command: 'bench' });
  try {
    const app = await buildApp({
      database: d,
      config: { ...readConfig({ PORT: '0' }), publicUrl: 'http://localhost' },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    try {
      for (const r of SEARCHES.slice(0, 5)) await fetch(url + r.path); // warm-up
      const [searches, health] = await Promise.all([
        load(url, SEARCHERS, SEARCHES),
        // At a fixed rate, as a health check asks: a stall then delays every check that falls in it (autocannon
        // corrects for coordinated omission), where one client asking as fast as it can would mostly ask between stalls.
        load(url, 1, [{ method: 'GET', path: '/healthz' }], HEALTH_RATE),
      ]);
      const row: Row = {
        thread,
        healthP50: health.latency.p50,
        healthP99: health.latency.p99,
        healthMax: health.latency.max,
        healthRequests: health.requests.total,
        searchRps: searches.requests.average,
        searchP50: searches.latency.p50,
        searchP99: searches.latency.p99,
        errors: `${searches.errors + searches.non2xx} / ${health.errors + health.non2xx}${health.timeouts ? ` (${health.timeouts} timed out)` : ''}`,
      };
      console.log(`[${thread}]`, JSON.stringify(row));
      return row;
    } finally {
      await app.close();
    }
  } finally {
    await d.close();
  }
}

/** The directory of N services, generated once and kept in .cache between runs. */
async function prepare(dir: string): Promise<void> {
  for (let fresh = false; ; fresh = true) {
    const d = await openDatabase({ dataDir: dir, command: 'bench' });
    try {
      await prepareDatabase(d.db);
      const n = (await sql<{ n: number }>`select count(*)::int as n from service`.execute(d.db)).rows[0]!.n;
      if (n === N) return;
      if (fresh) {
        console.log(`generating ${N} services (kept in ${dir} for the next run)…`);
        await generateDirectory(d.db, N);
        return;
      }
    } finally {
      await d.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const dir = join(process.cwd(), '.cache', `bench-pglite-thread-${N}`);
await prepare(dir);
const loadAvg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const loadBefore = loadAvg();
const rows = [await measure(dir, 'main'), await measure(dir, 'worker')];
const label = { main: "the server's thread (before)", worker: 'a worker thread (now)' };
const table = `| PGlite runs in | /healthz p50 | /healthz p99 | /healthz max | /healthz asked | searches/s | search p50 | search p99 | errors: searches / health |
|---|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${label[r.thread]} | ${r.healthP50} | ${r.healthP99} | ${r.healthMax} | ${r.healthRequests} | ${r.searchRps.toFixed(1)} | ${r.searchP50} | ${r.searchP99} | ${r.errors} |`).join('\n')}`;
const meta = `${N.toLocaleString('en')} services, ${SEARCHERS} clients searching for ${DURATION} s while one client asks /healthz ${HEALTH_RATE} times a second; milliseconds.
${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}; load average ${loadBefore} before, ${loadAvg()} after.`;
mkdirSync(join(process.cwd(), '.cache'), { recursive: true });
writeFileSync(join(process.cwd(), '.cache', 'bench-pglite-thread.json'), JSON.stringify({ meta, rows }, null, 2));
console.log(`\n${meta}\n\n${table}`);
