/**
 * E-advice load: BENCH_QUESTIONS (default 1 000) questions posted at once to one app instance on PostgreSQL
 * (BENCH_DATABASE_URL or TEST_DATABASE_URL; a database yh_bench_questions is made afresh) through
 * POST /api/v1/questions, as a resident's browser would (CSRF token from GET /api/v1/session). Checks that every
 * one got a 201 receipt with its own reference, that every one is stored once and routed to Askola's team's pool,
 * and records the throughput.
 *
 *   node bin/run-ts.js bench/questions.ts      writes docs/benchmarks-questions.md (BENCH_QUESTIONS_REPORT to change)
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { readConfig } from '../src/config.js';
import { listPool } from '../src/core/questions/answering.js';
import { idFromKey } from '../src/core/shared/ids.js';
import { openDatabase } from '../src/db/database.js';
import { prepareDatabase } from '../src/core/setup.js';
import { loadDemoData } from '../src/demo/loadDemoData.js';
import { buildApp } from '../src/http/app.js';
import { directoryFixture } from '../tests/support/fixtures.js';

const N = Number(process.env.BENCH_QUESTIONS ?? 1000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL');

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query('drop database if exists yh_bench_questions with (force)');
await admin.query('create database yh_bench_questions');
await admin.end();
const u = new URL(adminUrl);
u.pathname = '/yh_bench_questions';
const d = await openDatabase({ url: u.toString(), poolSize: 10 });
await prepareDatabase(d.db);
await loadDemoData(d.db, [directoryFixture()]);
const org = idFromKey('organization', 't-askola-hva');
const team = idFromKey('team', 'bench-askola');
await d.db
  .insertInto('team')
  .values({ id: team, organization_id: org, name: '{"fi":"Askola"}', description: '{}' })
  .execute();
await d.db
  .insertInto('question_route')
  .values({
    id: idFromKey('route', 'bench'),
    team_id: team,
    municipality_code: '018',
    topic: null,
    language: 'fi',
    created_by: null,
  })
  .execute();

const app = await buildApp({
  database: d,
  config: readConfig({
    PORT: '0',
    PUBLIC_URL: 'http://bench.test',
    AUTH_RATE_LIMIT: String(N * 10),
    DATABASE_URL: u.toString(),
  }),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

const session = await fetch(`${base}/api/v1/session`);
const cookie = session.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
const token = ((await session.json()) as { csrf_token: string }).csrf_token;

const started = performance.now();
const answers = await Promise.all(
  Array.from({ length: N }, (_, i) =>
    fetch(`${base}/api/v1/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
      body: JSON.stringify({ municipality: '018', topic: 'parenting', language: 'fi', text: `Kysymys numero ${i}` }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { reference?: string } })),
  ),
);
const seconds = (performance.now() - started) / 1000;

const created = answers.filter((a) => a.status === 201);
const references = new Set(created.map((a) => a.body.reference));
const rows = await d.db.selectFrom('question').select(['reference', 'team_ids']).execute();
const pool = await listPool(
  d.db,
  {
    personId: 'bench',
    name: 'Bench',
    email: 'b@b',
    systemRole: null,
    memberships: [],
    teams: [{ teamId: team, organizationId: org, role: 'member' }],
  },
  { perPage: 1 },
);
const result = {
  posted: N,
  receipts: created.length,
  distinctReferences: references.size,
  stored: rows.length,
  storedDistinct: new Set(rows.map((r) => r.reference)).size,
  inPool: pool.total,
  otherStatuses: [...new Set(answers.filter((a) => a.status !== 201).map((a) => a.status))],
  seconds: Number(seconds.toFixed(2)),
  perSecond: Math.round(N / seconds),
};
console.log(result);
await app.close();
await d.close();
const cleanup = new pg.Client({ connectionString: adminUrl });
await cleanup.connect();
await cleanup.query('drop database if exists yh_bench_questions with (force)');
await cleanup.end();

const ok =
  result.receipts === N &&
  result.distinctReferences === N &&
  result.stored === N &&
  result.storedDistinct === N &&
  result.inPool === N;
writeFileSync(
  process.env.BENCH_QUESTIONS_REPORT ?? 'docs/benchmarks-questions.md',
  `# E-advice load (bench/questions.ts)

${N} questions posted at once (one \`Promise.all\` of fetches) to one app instance on PostgreSQL, through
\`POST /api/v1/questions\` with the CSRF token of \`GET /api/v1/session\`; each question encrypted, routed and audited in
its own transaction.

| posted | 201 receipts | distinct references | rows stored | in the team's pool | time | questions/s |
|---|---|---|---|---|---|---|
| ${N} | ${result.receipts} | ${result.distinctReferences} | ${result.stored} | ${result.inPool} | ${result.seconds} s | ${result.perSecond} |

${ok ? 'Every question got a receipt and is in the pool once: none lost, none duplicated.' : `NOT ALL ACCOUNTED FOR: ${JSON.stringify(result)}`}

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version},
shared with other work while measured; ${new Date().toISOString().slice(0, 10)}.
`,
);
process.exit(ok ? 0 : 1);
