/**
 * Concerns benchmark: BENCH_CONCERNS (default 1 000) concerns posted concurrently (BENCH_CONCURRENCY at a time,
 * default all) over HTTP to one app instance, on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL; a database
 * yh_bench_concerns is created afresh) and on PGlite (BENCH_PGLITE=false to skip). Prints concerns per second and
 * latency percentiles, and checks that every one got a receipt and is in intake.
 *
 *   node bin/run-ts.js bench/concerns.ts        appends a dated row to docs/benchmarks-concerns.md
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { prepareDatabase } from '../src/core/setup.js';
import { idFromKey } from '../src/core/shared/ids.js';
import { setFieldKeyring, keyringOf, newFieldKey } from '../src/core/shared/fieldCrypto.js';
import { buildApp } from '../src/http/app.js';

const N = Number(process.env.BENCH_CONCERNS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? N);
const REPORT = process.env.BENCH_CONCERNS_REPORT ?? 'docs/benchmarks-concerns.md';

async function prepare(d: Database) {
  await prepareDatabase(d.db);
  const org = idFromKey('organization', 'bench-askola');
  await d.db
    .insertInto('organization')
    .values({
      id: org,
      key: 'bench-askola',
      type: 'municipality',
      name: JSON.stringify({ fi: 'Askola' }),
      description: '{}',
      email: null,
      website: null,
      phone: null,
      municipality_code: '018',
      source: 'demo',
    })
    .execute();
  const team = idFromKey('team', 'bench-vatu');
  await d.db
    .insertInto('team')
    .values({ id: team, organization_id: org, name: JSON.stringify({ fi: 'VATU' }), description: '{}' })
    .execute();
  await d.db
    .insertInto('concern_team_settings')
    .values({
      team_id: team,
      municipality_codes: ['018'],
      languages: ['fi', 'sv'],
      first_contact_days: 5,
      meeting_weekday: 2,
      receives_referrals: true,
    })
    .execute();
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function run(label: string, d: Database) {
  await prepare(d);
  const app = await buildApp({
    database: d,
    logger: { level: 'error' },
    config: readConfig({ ...process.env, PORT: '0', PUBLIC_URL: 'http://bench.test', AUTH_RATE_LIMIT: '1000000' }),
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const session = await fetch(`${base}/api/v1/session`);
    const { csrf_token } = (await session.json()) as { csrf_token: string };
    const cookie = session.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const latencies: number[] = [];
    let failed = 0;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < N) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/concerns`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf_token, cookie },
          body: JSON.stringify({
            municipality: '018',
            language: 'fi',
            text: `Bench ${i}: lapsi on usein yksin illalla`,
            age_group: '7-12',
            anonymous: true,
            family_knows: false,
          }),
        });
        const body = await res.text();
        latencies.push(performance.now() - t0);
        if (res.status !== 201 && failed++ === 0) console.error(`first failure: ${res.status} ${body.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, N) }, worker));
    const seconds = (performance.now() - started) / 1000;
    const stored = Number(
      (
        await d.db
          .selectFrom('concern_case')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'intake')
          .executeTakeFirstOrThrow()
      ).n,
    );
    latencies.sort((a, b) => a - b);
    const row = {
      label,
      n: N,
      concurrency: Math.min(CONCURRENCY, N),
      seconds: seconds.toFixed(1),
      perSecond: (N / seconds).toFixed(0),
      p50: pct(latencies, 50).toFixed(0),
      p95: pct(latencies, 95).toFixed(0),
      p99: pct(latencies, 99).toFixed(0),
      failed,
      stored,
    };
    console.log(JSON.stringify(row));
    return row;
  } finally {
    await app.close();
  }
}

async function main() {
  setFieldKeyring(keyringOf([Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? newFieldKey(), 'base64')]));
  const rows = [];
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('drop database if exists yh_bench_concerns with (force)');
    await admin.query('create database yh_bench_concerns');
    await admin.end();
    const u = new URL(url);
    u.pathname = '/yh_bench_concerns';
    const d = await openDatabase({ url: u.toString() });
    try {
      rows.push(await run('PostgreSQL', d));
    } finally {
      await d.close();
    }
  }
  if (process.env.BENCH_PGLITE !== 'false') {
    const dir = mkdtempSync(join(os.tmpdir(), 'yh-bench-concerns-'));
    const d = await openDatabase({ dataDir: dir });
    try {
      rows.push(await run('PGlite', d));
    } finally {
      await d.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!existsSync(REPORT))
    writeFileSync(
      REPORT,
      '# Benchmark: concerns posted concurrently\n\n' +
        '`node bin/run-ts.js bench/concerns.ts`: N concerns posted at once over HTTP to one app instance (each a\n' +
        'routing query, an insert with the text encrypted, an audit entry, in one transaction).\n\n' +
        '| date | machine | database | concerns | at once | seconds | concerns/s | p50 ms | p95 ms | p99 ms | failed | in intake |\n' +
        '|---|---|---|---|---|---|---|---|---|---|---|---|\n',
    );
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, load ${os.loadavg()[0]!.toFixed(1)}`;
  for (const r of rows)
    appendFileSync(
      REPORT,
      `| ${new Date().toISOString().slice(0, 10)} | ${machine} | ${r.label} | ${r.n} | ${r.concurrency} | ${r.seconds} | ${r.perSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.failed} | ${r.stored} |\n`,
    );
}

await main();
