/**
 * npm run bench (part): how long `yhdessa serve` takes to answer its first page, spawned as a person runs it.
 *  - fresh: an empty DATA_DIR and no .cache (the first start of a new clone: code bundle, migrations, demo data);
 *  - restart: the same folder again (existing data, caches kept); the median of BENCH_RESTARTS (default 3).
 * Each run polls / every 20 ms from the spawn until it answers 200, then stops the server (SIGTERM) and waits for it.
 * Also measures the app's bare route against a plain Fastify route (bench/bare.ts) and writes
 * docs/benchmarks-start.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { measureBareRoute, type BareResult } from './bare.js';

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

async function startOnce(env: Record<string, string>): Promise<StartRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/yhdessa.js', 'serve'], {
    env: { ...process.env, ...env, PORT: String(PORT), LOG_LEVEL: 'warn', JOB_RUNNER: 'on' },
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
    return { ms, cpuMs: cpuTime(child.pid), lines, at };
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
    for (let i = 0; i < RESTARTS; i++) {
      last = await startOnce(env);
      restarts.push(last.ms);
      cpus.push(last.cpuMs ?? NaN);
      console.log(`[start] restart on existing data: first page after ${s(last.ms)} (CPU ${s(last.cpuMs)})`);
    }
    const bare = await measureBareRoute();
    writeReport(fresh, restarts, cpus, last, bare);
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
        ],
      }),
    );
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

function writeReport(fresh: StartRun, restarts: number[], cpus: number[], last: StartRun, bare: BareResult) {
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

## The bare route

A route answering \`{"ok":true}\`, in the app (every plugin and hook: security headers, request id, session
look-up, rate limit, metrics, compression) and in a plain Fastify instance, in the same process and run. autocannon,
${bare.seconds} s per pass after a warm-up: one client (p50/p95 ms), then ${bare.connections} connections (requests a second).

| route | p50 | p95 | req/s (${bare.connections} connections) | × plain |
|---|---|---|---|---|
| plain Fastify route | ${ms(bare.plain.p50)} | ${ms(bare.plain.p95)} | ${bare.plain.rps.toFixed(0)} | 1.0 |
| the app's bare route | ${ms(bare.app.p50)} | ${ms(bare.app.p95)} | ${bare.app.rps.toFixed(0)} | ${ratio.toFixed(2)} ${mark(ratio >= 0.5)} ≥ 0.5 |
`;
  writeFileSync(join(process.cwd(), 'docs', 'benchmarks-start.md'), out);
  console.log(out);
}

await main();
