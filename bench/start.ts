/**
 * npm run bench (part): how long `yhdessa serve` takes to answer its first page, spawned as a person runs it.
 *  - fresh: an empty DATA_DIR and no .cache (the first start of a new clone: code bundle, migrations, demo data);
 *  - restart: the same folder again (existing data, caches kept); the median of BENCH_RESTARTS (default 3);
 *  - on the search benchmark's 5 000 and 100 000 services, and after an update that changed the search documents
 *    (startAfterUpdate).
 * Each run polls / every 20 ms from the spawn until it answers 200, then stops the server (SIGTERM) and waits for it.
 * While the last restart is up, the bytes sent for the front page, a results page, the coverage page and the map's
 * script, as each encoding a client may ask for (bytesSent). Also measures the app's bare route against a plain
 * Fastify route (bench/bare.ts) and writes docs/benchmarks-start.md.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { REBUILD_STEP, SEARCH_INDEX_VERSION } from '../src/core/directory/searchIndexer.js';
import { openDatabase } from '../src/db/database.js';
import { measureBareRoute, type BareResult } from './bare.js';
import { percentile } from './measure.js';

const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
const PORT = Number(process.env.BENCH_START_PORT ?? 3917);

interface StartRun {
  ms: number;
  /** CPU time the server's process had used by then (all its threads; Linux), in ms: less bent by a busy machine. */
  cpuMs: number | null;
  lines: string[];
  /** When each line was printed, in ms from the spawn: where the seconds go. */
  at: number[];
}

/** user + system time of a process so far, from /proc (clock ticks of 10 ms), or null elsewhere. */
function cpuTime(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** One thing sent, and its bytes on the wire as a client asking for brotli, gzip or neither receives them. */
interface Sent {
  what: string;
  path: string;
  type: string;
  bytes: Record<(typeof ENCODINGS)[number], { bytes: number; encoding: string }>;
}
const ENCODINGS = ['br', 'gzip', 'identity'] as const;

/** The body of a GET as it travels (not decoded), and the encoding the server chose. */
function received(
  path: string,
  acceptEncoding: string,
): Promise<{ bytes: number; encoding: string; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
          else
            resolve({
              bytes: body.length,
              encoding: String(res.headers['content-encoding'] ?? 'none'),
              type: String(res.headers['content-type'] ?? '').split(';')[0]!,
              body,
            });
        });
      })
      .on('error', reject);
  });
}

/** The bytes sent for the front page, a results page, the coverage page and the map's script. */
async function bytesSent(): Promise<Sent[]> {
  // The results page links the map's script (SearchPage's MapAssetLinks).
  const searchPage = (await received('/fi/search?q=neuvola', 'identity')).body.toString();
  const mapScript = /\/assets\/map\.[0-9a-f]+\.js/.exec(searchPage)?.[0];
  const what: [string, string | undefined][] = [
    ['front page', '/fi/'],
    ['a results page', '/fi/search?q=neuvola'],
    ['the coverage page', '/fi/coverage'],
    ["the map's script (Leaflet and its marker clusters)", mapScript],
  ];
  const out: Sent[] = [];
  for (const [name, path] of what) {
    if (!path) throw new Error(`no path found for ${name}`);
    const bytes = {} as Sent['bytes'];
    let type = '';
    for (const e of ENCODINGS) {
      const r = await received(path, e);
      bytes[e] = { bytes: r.bytes, encoding: r.encoding };
      type = r.type;
    }
    out.push({ what: name, path, type, bytes });
  }
  return out;
}

async function startOnce(
  env: Record<string, string>,
  whileUp?: (lines: string[], t0: number) => Promise<void>,
): Promise<StartRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/yhdessa.js', 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(PORT), JOB_RUNNER: 'on' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const at: number[] = [];
  let failed: string | null = null;
  const take = (b: Buffer) => {
    for (const line of b.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      at.push(performance.now() - t0);
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      failed ??= `exited with ${code}`;
      resolve();
    }),
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server ${failed}: ${lines.join('\n')}`);
      const ok = await fetch(`http://127.0.0.1:${PORT}/`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - t0;
    lines.push('(first page answered)');
    at.push(ms);
    const cpuMs = cpuTime(child.pid);
    await whileUp?.(lines, t0);
    return { ms, cpuMs, lines, at };
  } finally {
    failed = 'stopped';
    child.kill('SIGTERM');
    await exited;
  }
}

const s = (ms: number | null) => (ms === null || Number.isNaN(ms) ? '–' : `${(ms / 1000).toFixed(2)} s`);
const ms = (v: number) => v.toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'yhdessa-bench-start-'));
  const env = {
    DATA_DIR: join(dir, 'data'),
    CLI_CACHE_DIR: join(dir, 'cache', 'cli'),
    ASSET_CACHE_DIR: join(dir, 'cache', 'assets'),
    DATABASE_URL: '',
  };
  try {
    const fresh = await startOnce(env);
    console.log(`[start] fresh clone, empty DATA_DIR: first page after ${s(fresh.ms)} (CPU ${s(fresh.cpuMs)})`);
    const restarts: number[] = [];
    const cpus: number[] = [];
    let last: StartRun = fresh;
    let sent: Sent[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      last = await startOnce(
        env,
        i === RESTARTS - 1
          ? async () => {
              sent = await bytesSent();
            }
          : undefined,
      );
      restarts.push(last.ms);
      cpus.push(last.cpuMs ?? NaN);
      console.log(`[start] restart on existing data: first page after ${s(last.ms)} (CPU ${s(last.cpuMs)})`);
    }
    const updated: AfterUpdate[] = [];
    for (const services of [5_000, 100_000]) {
      const u = await startAfterUpdate(services);
      if (u) updated.push(u);
    }
    const bare = await measureBareRoute();
    writeReport(fresh, restarts, cpus, last, bare, sent, updated);
    // For the targets table of docs/benchmarks.md (bench/summary.ts).
    mkdirSync(join('.cache', 'bench'), { recursive: true });
    writeFileSync(
      join('.cache', 'bench', 'start.json'),
      JSON.stringify({
        rows: [
          { what: '`npm start` of a fresh clone to its first page', seconds: fresh.ms / 1000 },
          {
            what: `\`npm start\` on existing data to its first page (median of ${restarts.length})`,
            seconds: median(restarts) / 1000,
          },
          ...updated.map((u) => ({
            what: `\`npm start\` after an update that changed the search documents, ${u.services.toLocaleString('en')} services (PGlite), to its first page (a restart without the update: ${s(u.plain.ms)}; ${rebuilt(u)})`,
            seconds: u.run.ms / 1000,
          })),
        ],
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface AfterUpdate {
  services: number;
  /** A restart on the same data without an update, for comparison. */
  plain: StartRun;
  run: StartRun;
  /** From the spawn until the job had rebuilt every document; null if it had not within REBUILD_WAIT_MS. */
  rebuiltMs: number | null;
  /** Searches asked one after another while the documents were rebuilt: how many, and their times in ms. */
  during: { n: number; p50: number; p95: number; max: number };
}

/** How long a measurement waits for the background rebuild (at 100 000 services it takes several minutes). */
const REBUILD_WAIT_MS = Number(process.env.BENCH_REBUILD_WAIT_S ?? 90) * 1000;

const rebuilt = (u: AfterUpdate) =>
  u.rebuiltMs === null
    ? `the documents rebuilt in the background, not done ${s(REBUILD_WAIT_MS)} after the spawn, when the measurement stopped`
    : `the documents rebuilt in the background, done ${s(u.rebuiltMs)} after the spawn`;

const DURING_WORDS = ['neuvola', 'perhekahvila', 'barnrådgivning', 'kuraattori', 'familjecafé', 'perheneuvola'];

/**
 * A restart after an update that changed how search documents are built, on the search benchmark's services (its
 * PGlite folder of that size, copied), their documents marked as built by the previous version; before it, a
 * restart on the same copy without the update. The first page, then searches one after another while the documents
 * are rebuilt in the background (until the job's log line, or REBUILD_WAIT_MS). Without that folder (bench/run.ts
 * makes it), nothing.
 */
async function startAfterUpdate(services: number): Promise<AfterUpdate | null> {
  const source = join('.cache', `bench-pglite-${services}`);
  if (!existsSync(source)) return null;
  const dir = mkdtempSync(join(os.tmpdir(), 'yhdessa-bench-update-'));
  try {
    const dataDir = join(dir, 'data');
    cpSync(source, dataDir, { recursive: true });
    const env = { DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'info', CLI_CACHE_DIR: join(dir, 'cli') };
    const plain = await startOnce(env);
    console.log(`[start] restart on ${services} services: first page after ${s(plain.ms)}`);
    const d = await openDatabase({ dataDir, command: 'bench' });
    await sql`update search_index_state set version = ${SEARCH_INDEX_VERSION - 1}`.execute(d.db);
    await d.close();
    let rebuiltMs: number | null = null;
    const times: number[] = [];
    const run = await startOnce(env, async (lines, t0) => {
      const deadline = t0 + REBUILD_WAIT_MS;
      for (let i = 0; performance.now() < deadline; i++) {
        if (lines.some((l) => l.includes('search documents rebuilt after an update'))) {
          rebuiltMs = performance.now() - t0;
          break;
        }
        const q = encodeURIComponent(DURING_WORDS[i % DURING_WORDS.length]!);
        const t = performance.now();
        await fetch(`http://127.0.0.1:${PORT}/api/v1/services?q=${q}&page=${1 + (i % 3)}`).then((r) => r.arrayBuffer());
        times.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    times.sort((a, b) => a - b);
    const during = {
      n: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: percentile(times, 100),
    };
    console.log(
      `[start] after an update, ${services} services: first page after ${s(run.ms)}, documents rebuilt after ${s(rebuiltMs)}; ${during.n} searches meanwhile, p50 ${ms(during.p50)} ms, p95 ${ms(during.p95)} ms, max ${ms(during.max)} ms`,
    );
    return { services, plain, run, rebuiltMs, during };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines a start printed with the time each came (the demo sign-ins' list and JSON log lines left out). */
function timeline(run: StartRun): string {
  return run.lines
    .map((line, i) => ({ line, at: run.at[i]! }))
    .filter(({ line }) => !line.startsWith('  ') && !line.startsWith('{'))
    .map(
      ({ line, at }) =>
        `${(at / 1000).toFixed(2).padStart(6)} s  ${line.length > 110 ? `${line.slice(0, 107)}…` : line}`,
    )
    .join('\n');
}

function writeReport(
  fresh: StartRun,
  restarts: number[],
  cpus: number[],
  last: StartRun,
  bare: BareResult,
  sent: Sent[],
  updated: AfterUpdate[],
) {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const sentRows = sent
    .map(
      (x) =>
        `| ${x.what} (\`${x.path.length > 40 ? `${x.path.slice(0, 37)}…` : x.path}\`, ${x.type}) | ${kb(x.bytes.identity.bytes)} | ${kb(x.bytes.gzip.bytes)} (${x.bytes.gzip.encoding}) | ${kb(x.bytes.br.bytes)} (${x.bytes.br.encoding}) |`,
    )
    .join('\n');
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const restart = median(restarts);
  const ratio = bare.app.rps / bare.plain.rps;
  const out = `# Benchmarks: start and the bare route

\`npm run bench\` (bench/start.ts). Issue 13's targets: \`npm start\` answers its first page within 3 s on existing
data and within 8 s on a fresh clone; the app's bare route (all of its plugins and hooks) reaches at least half the
requests a second of a plain Fastify route in the same run.

- Date: ${new Date().toISOString().slice(0, 10)}
- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other work on the machine slows every row)
- Node.js ${process.version}; the embedded database (PGlite), demo data

## Start to the first page

\`node bin/yhdessa.js serve\` spawned as a person runs it; / polled every 20 ms until it answers 200. CPU: the time
the server's process (both its threads: the app's and the database's) had used by then.

| start | first page | CPU | target |
|---|---|---|---|
| fresh clone: empty DATA_DIR, no .cache (code bundle, migrations, demo data) | ${s(fresh.ms)} | ${s(fresh.cpuMs)} | ${mark(fresh.ms <= 8000)} ≤ 8 s |
| restart on existing data (median of ${restarts.length}: ${restarts.map(s).join(', ')}) | ${s(restart)} | ${s(median(cpus))} | ${mark(restart <= 3000)} ≤ 3 s |
${
  updated.length
    ? updated
        .map(
          (
            u,
          ) => `| restart on the ${u.services.toLocaleString('en')} services of the search benchmark (a copy of its folder, no demo data) | ${s(u.plain.ms)} | ${s(u.plain.cpuMs)} | ${mark(u.plain.ms <= 3000)} ≤ 3 s |
| the same after an update that changed the search documents (${rebuilt(u)}) | ${s(u.run.ms)} | ${s(u.run.cpuMs)} | ${mark(u.run.ms <= 3000)} ≤ 3 s |`,
        )
        .join('\n')
    : '| restarts on the search benchmark’s services, and after an update: not measured (its folders were not there) | – | – | |'
}

${updated
  .map(
    (u) =>
      `While the documents of ${u.services.toLocaleString('en')} services were rebuilt, ${u.during.n} searches asked one after another (100 ms
apart, typical words, pages 1–3) took p50 ${ms(u.during.p50)} ms, p95 ${ms(u.during.p95)} ms, at most ${ms(u.during.max)} ms.`,
  )
  .join('\n')}
${
  updated.length
    ? `Each step of the rebuild (${REBUILD_STEP} services) is a statement the embedded database runs alone, and once the index has
applied it, what the app remembered of earlier answers is forgotten.
`
    : ''
}
Where the seconds go: what each start printed, and when (seconds from the spawn; each step runs from its line to
the next).

Fresh clone:

\`\`\`
${timeline(fresh)}
\`\`\`

Restart (the last one):

\`\`\`
${timeline(last)}
\`\`\`
${updated
  .map(
    (u) => `
After an update, ${u.services.toLocaleString('en')} services:

\`\`\`
${timeline(u.run)}
\`\`\`
`,
  )
  .join('')}
## The bare route

A route answering \`{"ok":true}\`, in the app (every plugin and hook: security headers, request id, session
look-up, rate limit, metrics, compression) and in a plain Fastify instance, in the same process and run. autocannon,
${bare.seconds} s per pass after a warm-up: one client (p50/p95 ms), then ${bare.connections} connections (requests a second).

| route | p50 | p95 | req/s (${bare.connections} connections) | × plain |
|---|---|---|---|---|
| plain Fastify route | ${ms(bare.plain.p50)} | ${ms(bare.plain.p95)} | ${bare.plain.rps.toFixed(0)} | 1.0 |
| the app's bare route | ${ms(bare.app.p50)} | ${ms(bare.app.p95)} | ${bare.app.rps.toFixed(0)} | ${ratio.toFixed(2)} ${mark(ratio >= 0.5)} ≥ 0.5 |

## Bytes sent

What a client receives for each (the body as it travels, before it is decoded), asking for no compression
(\`accept-encoding: identity\`), for gzip, or for brotli; in brackets the encoding the server chose. Demo data, the
last restart above. Pages are compressed as they are sent; the scripts and styles are compressed once, when they
are built, and kept.

| what | not compressed | gzip | brotli |
|---|---|---|---|
${sentRows}
`;
  writeFileSync(join(process.cwd(), 'docs', 'benchmarks-start.md'), out);
  console.log(out);
}

await main();
