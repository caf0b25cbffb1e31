/**
 * PTV import throughput: BENCH_PTV_SERVICES (default 10 000) generated PTV records are imported from files into
 * an empty PGlite and an empty PostgreSQL database (BENCH_DATABASE_URL or TEST_DATABASE_URL), then once more
 * (every record unchanged). Records per second count every record in the files (services, channels,
 * organisations). Writes docs/benchmarks-ptv.md (or BENCH_PTV_REPORT).
 *
 *   node bin/run-ts.js bench/ptvImport.ts
 *
 * `benchPtvImport()` is exported for bench/run.ts.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { prepareDatabase } from '../src/core/setup.js';
import { generatePtv } from '../src/core/ptv/generate.js';
import { importPtv, type ImportSummary } from '../src/core/ptv/importPtv.js';
import { fromFiles } from '../src/core/ptv/source.js';

export interface PtvBenchRow {
  db: string;
  pass: string;
  records: number;
  seconds: number;
  perSecond: number;
  cpuSeconds: number;
  /** PostgreSQL only: CPU time of the server processes serving the import (Linux /proc); null when unknown. */
  dbCpuSeconds: number | null;
  summary: string;
}

const line = (s: ImportSummary) =>
  `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.deactivated} deactivated, ${s.failed} failed`;

interface Target {
  d: Database;
  drop: () => Promise<void>;
  /** CPU seconds the database's own processes have used so far, by process (a server's backends). */
  dbCpu?: () => Promise<Map<number, number>>;
}

/** CPU seconds (user + system) of processes, from /proc/<pid>/stat (Linux); processes gone are left out. */
function procCpu(pids: number[]): Map<number, number> {
  let tick = 100;
  try {
    tick = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  } catch {
    /* the usual 100 */
  }
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / tick);
    } catch {
      /* gone, or not Linux */
    }
  }
  return out;
}

async function postgres(url: string): Promise<Target | null> {
  const name = `yh_bench_ptv_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const d = await openDatabase({ url: u.toString(), poolSize: 4 });
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  return {
    d,
    dbCpu: async () => {
      const r = await watcher.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      return procCpu(r.rows.map((x) => x.pid));
    },
    drop: async () => {
      await watcher.end();
      await d.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Imports `services` generated services (with their channels and organisations) on each database; twice. */
export async function benchPtvImport(
  opts: { services?: number; pgUrl?: string; log?: (s: string) => void } = {},
): Promise<PtvBenchRow[]> {
  const n = opts.services ?? Number(process.env.BENCH_PTV_SERVICES ?? 10_000);
  const log = opts.log ?? ((s: string) => console.log(s));
  const dir = mkdtempSync(join(os.tmpdir(), 'yhdessa-ptv-bench-'));
  const g = generatePtv({ services: n, seed: 42 });
  for (const f of g.files) writeFileSync(join(dir, f.name), f.content);
  const records = g.serviceIds.length + g.channelIds.length + g.organizationIds.length;
  log(
    `PTV import benchmark: ${n} services, ${g.channelIds.length} channels, ${g.organizationIds.length} organisations (${records} records) in ${g.files.length} files`,
  );
  const rows: PtvBenchRow[] = [];
  const ctx = { actor: null, actorName: 'benchmark' };
  const targets: { db: string; open: () => Promise<Target | null> }[] = [
    {
      db: 'PGlite',
      open: async () => {
        const d = await openDatabase({});
        return { d, drop: () => d.close() };
      },
    },
  ];
  const url =
    opts.pgUrl ??
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://yhdessa:yhdessa@127.0.0.1:5432/postgres';
  if (url) targets.push({ db: 'PostgreSQL', open: () => postgres(url) });
  // BENCH_PTV_ONLY=PGlite or PostgreSQL runs one of them (while trying a change; the report wants both).
  const only = process.env.BENCH_PTV_ONLY?.toLowerCase();
  try {
    for (const t of targets.filter((x) => !only || x.db.toLowerCase() === only)) {
      const opened = await t.open();
      if (!opened) {
        log(`${t.db}: cannot connect, skipped`);
        continue;
      }
      try {
        await prepareDatabase(opened.d.db);
        for (const pass of ['first import (empty directory)', 'same files again (all unchanged)']) {
          const dbBefore = await opened.dbCpu?.();
          const start = process.hrtime.bigint();
          const cpu = process.cpuUsage();
          const s = await importPtv(opened.d.db, fromFiles(dir), ctx);
          const seconds = Number(process.hrtime.bigint() - start) / 1e9;
          const used = process.cpuUsage(cpu);
          const dbAfter = await opened.dbCpu?.();
          const dbCpuSeconds =
            dbBefore && dbAfter && dbAfter.size
              ? [...dbAfter].reduce((sum, [pid, t]) => sum + t - (dbBefore.get(pid) ?? 0), 0)
              : null;
          const row = {
            db: t.db,
            pass,
            records,
            seconds,
            perSecond: records / seconds,
            cpuSeconds: (used.user + used.system) / 1e6,
            dbCpuSeconds,
            summary: line(s),
          };
          rows.push(row);
          log(
            `${t.db}, ${pass}: ${seconds.toFixed(1)} s, ${row.perSecond.toFixed(0)} records/s, CPU ${row.cpuSeconds.toFixed(1)} s${dbCpuSeconds !== null ? ` + database ${dbCpuSeconds.toFixed(1)} s` : ''} (${row.summary})`,
          );
        }
      } finally {
        await opened.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function renderPtvReport(
  rows: PtvBenchRow[],
  meta: { services: number; date: string; machine: string; node: string; load: string; earlier?: string },
): string {
  return `# Benchmark: PTV import

Run alone with \`node bin/run-ts.js bench/ptvImport.ts\` (\`BENCH_PTV_SERVICES\`, default 10 000; PostgreSQL from
\`BENCH_DATABASE_URL\` or \`TEST_DATABASE_URL\`). Generated PTV v11 records (\`src/core/ptv/generate.ts\`): ${meta.services.toLocaleString('en')}
services in fi/sv/en with their service channels (a place for every two services, phone lines, e-services, web
pages and forms) and organisations, in paged list files (\`itemList\`, 100 a page), imported through the real
import (\`importPtv\` from \`fromFiles\`): each record checked (schema, caps) and mapped, then written in chunks of 250
records, each chunk one transaction of multi-row statements with one rebuild of its search documents, two chunks of
services side by side (a savepoint per record only when a chunk fails); the organisations and places are written
while the services are still being planned, and on a PostgreSQL built with lz4 what a chunk stores out of line is
compressed with lz4. The second pass imports the same files again: every record is unchanged and nothing is written
to the directory.
Records per second count every record in the files. The database and the import share the machine; "CPU s" is
the import process's own CPU time (on PGlite that includes the database, which runs in the process), which tells
more than wall time when the machine is busy with other work (see the load average).

- Date: ${meta.date}
- Machine: ${meta.machine}
- Node.js ${meta.node}
- Load average (1, 5, 15 min): ${meta.load}

| database | pass | records | seconds | records/s | CPU s (import) | CPU s (PostgreSQL) | records per CPU s | summary |
|---|---|---|---|---|---|---|---|---|
${rows
  .map((r) => {
    const cpu = r.cpuSeconds + (r.dbCpuSeconds ?? 0);
    return `| ${r.db} | ${r.pass} | ${r.records} | ${r.seconds.toFixed(1)} | ${Math.round(r.perSecond)} | ${r.cpuSeconds.toFixed(1)} | ${r.dbCpuSeconds === null ? (r.db === 'PGlite' ? 'in the import' : '–') : r.dbCpuSeconds.toFixed(1)} | ${Math.round(r.records / cpu)} | ${r.summary} |`;
  })
  .join('\n')}

"Records per CPU s" divides the records by the CPU time spent on them (the import's, plus PostgreSQL's server
processes for this database, read from \`/proc\`): roughly what one otherwise idle core would do if the import and
the database took turns (they overlap while the services are planned and while two chunks of services are written). It moves
less with the load than wall time, though contention for the cores inflates CPU time too; wall time is what the
import took on this machine at this load.
${meta.earlier ?? ''}`;
}

/** Run alone (bin/run-ts.js drops the file from process.argv, so the process's own command line tells). */
function runAlone(): boolean {
  let args = process.argv;
  try {
    args = readFileSync('/proc/self/cmdline', 'utf8').split('\0');
  } catch {
    /* not Linux: process.argv */
  }
  const me = fileURLToPath(import.meta.url);
  return args.some((a) => a && resolve(a) === me);
}

if (runAlone()) {
  const services = Number(process.env.BENCH_PTV_SERVICES ?? 10_000);
  const loadNow = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(', ');
  const loadBefore = loadNow();
  const rows = await benchPtvImport({ services });
  let cores = String(os.cpus().length);
  try {
    cores = execSync('nproc').toString().trim();
  } catch {
    /* os.cpus() then */
  }
  const meta = {
    services,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${cores}, ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, ${os.type()} ${os.release()}`,
    node: process.version,
    load: `${loadBefore} at the start, ${loadNow()} at the end`,
  };
  const out = process.env.BENCH_PTV_REPORT ?? join('docs', 'benchmarks-ptv.md');
  mkdirSync(join(out, '..'), { recursive: true });
  // Earlier runs kept by hand at the end of the report stay there.
  let earlier: string | undefined;
  try {
    const before = readFileSync(out, 'utf8');
    const at = before.indexOf('\n## Earlier runs');
    if (at >= 0) earlier = before.slice(at);
  } catch {
    /* no report yet */
  }
  writeFileSync(out, renderPtvReport(rows, { ...meta, earlier }));
  // For the targets table of docs/benchmarks.md (bench/summary.ts).
  mkdirSync(join('.cache', 'bench'), { recursive: true });
  writeFileSync(
    join('.cache', 'bench', 'ptv.json'),
    JSON.stringify({ rows: rows.map((r) => ({ db: r.db, pass: r.pass, recordsPerSecond: r.perSecond })) }),
  );
  console.log(`wrote ${out}`);
}
