/**
 * Privacy at rest and retention, on both databases: after a concern has gone through every step that stores free
 * text or contact details, a dump of the database (every row of every table as text; on PostgreSQL also pg_dump)
 * holds none of them, and no follow-up code either. Retention erases what its rules say, reports counts, and
 * leaves the rest.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/core/jobs/jobs.js';
import { Agent } from '../support/agent.js';
import { ENCRYPTED_COLUMNS } from '../../src/core/shared/fieldCrypto.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { CONCERN_EMAIL, PEOPLE, postConcern, SERVICE, setUpConcernWorld, signedIn } from './support.js';

const SECRETS = {
  concern: 'salainen-huoli-7731',
  email: CONCERN_EMAIL,
  name: 'Ritva Ruusunen-4420',
  phone: '+358 40 777 1234',
  reply: 'vastaus-tiimilta-1188',
  residentMessage: 'kirjoitin-lisaa-9931',
  minutes: 'muistio-6620',
  goals: 'tavoite-5512',
  tasks: 'tehtava-3397',
  followUp: 'seuranta-2284',
  referralMessage: 'ohjausviesti-8841',
  referralContact: 'ohjausyhteys-0475',
  basis: 'suostumusmerkinta-7123',
  decline: 'hylkayksen-syy-6060',
};

async function dumpRows(d: TestDatabase): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(d.db);
  const out: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(d.db);
    out.push(`-- ${table_name}`, ...rows.rows.map((r) => r.row));
  }
  return out.join('\n');
}

describe.each(testDatabases())('concerns at rest on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let code: string;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await setUpConcernWorld(d.db);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('a dump holds none of the free text, names, contact details or follow-up codes', async () => {
    const receipt = await postConcern(app, {
      municipality: '018',
      language: 'fi',
      text: `Huoli: ${SECRETS.concern}`,
      age_group: '3-6',
      anonymous: false,
      family_knows: true,
      family_agrees_contact: true,
      contact: { email: SECRETS.email, name: SECRETS.name, phone: SECRETS.phone },
    });
    code = receipt.path.split('/').pop()!;
    await receipt.resident.postForm(`${receipt.path}/messages`, { message: SECRETS.residentMessage });
    const { id } = await d.db
      .selectFrom('concern_case')
      .select('id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    const vatu = await signedIn(app, PEOPLE.vatu);
    const url = `/fi/work/concerns/cases/${id}`;
    const me = await d.db.selectFrom('person').select('id').where('email', '=', PEOPLE.vatu).executeTakeFirstOrThrow();
    for (const [path, fields] of [
      ['reply', { reply: SECRETS.reply }],
      ['minutes', { meeting_date: '2026-12-08', minutes: SECRETS.minutes }],
      ['assign', { responsible: me.id, pair: '' }],
      ['plan', { goals: SECRETS.goals, tasks: SECRETS.tasks, review_date: '2027-01-15' }],
      ['follow-up', { follow_up: SECRETS.followUp }],
      [
        'referrals',
        {
          service: SERVICE.perheohjaus,
          basis: 'consent',
          basis_note: SECRETS.basis,
          message: SECRETS.referralMessage,
          contact: SECRETS.referralContact,
        },
      ],
    ] as const)
      expect((await vatu.postForm(`${url}/${path}`, fields)).statusCode, path).toBe(303);
    const family = await signedIn(app, PEOPLE.family, '10.0.0.3');
    const { items } = (await family.get('/api/v1/referrals')).json() as { items: { id: string }[] };
    expect(
      (
        await family.json('POST', `/api/v1/referrals/${items[0]!.id}/steps`, {
          status: 'declined',
          note: SECRETS.decline,
        })
      ).statusCode,
    ).toBe(200);
    // the values are there, readable by the team
    const c = (await vatu.get(`/api/v1/cases/${id}`)).json() as { text: string; contact: { phone: string } };
    expect(c.text).toContain(SECRETS.concern);
    expect(c.contact.phone).toBe(SECRETS.phone);

    const dump = await dumpRows(d);
    expect(dump).toContain(receipt.reference); // the dump is real: the reference is not a secret
    for (const [what, value] of Object.entries(SECRETS)) expect(dump.includes(value), what).toBe(false);
    expect(dump.includes(code)).toBe(false);

    if (kind === 'postgres' && existsSync('/usr/bin/pg_dump')) {
      const { db: dbName } = (await sql<{ db: string }>`select current_database() as db`.execute(d.db)).rows[0]!;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${dbName}`;
      const pgDump = execFileSync('/usr/bin/pg_dump', ['--data-only', url.toString()], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(pgDump).toContain(receipt.reference);
      for (const [what, value] of Object.entries(SECRETS))
        expect(pgDump.includes(value), `pg_dump ${what}`).toBe(false);
      expect(pgDump.includes(code)).toBe(false);
    }
  });

  it('every encrypted column of concerns is registered for key rotation', () => {
    const tables = ENCRYPTED_COLUMNS.map((c) => c.table);
    for (const t of [
      'concern_case',
      'concern_message',
      'concern_minutes',
      'concern_plan',
      'concern_follow_up',
      'referral',
      'referral_event',
    ])
      expect(tables).toContain(t);
  });

  it('retention erases closed cases after their period and reports counts', async () => {
    const old = await postConcern(app, undefined, '10.9.1.1');
    const recent = await postConcern(app, undefined, '10.9.1.2');
    const asked = await postConcern(app, undefined, '10.9.1.3');
    const idle = await postConcern(app, undefined, '10.9.1.4');
    const idOf = async (reference: string) =>
      (await d.db.selectFrom('concern_case').select('id').where('reference', '=', reference).executeTakeFirstOrThrow())
        .id;
    const now = new Date('2029-06-01T09:00:00Z');
    const monthsAgo = (m: number) => new Date(now.getTime() - m * 31 * 24 * 3600 * 1000);
    await d.db
      .updateTable('concern_case')
      .set({ status: 'closed', outcome: 'helped', closed_at: monthsAgo(25) })
      .where('id', '=', await idOf(old.reference))
      .execute();
    await d.db
      .updateTable('concern_case')
      .set({ status: 'closed', outcome: 'helped', closed_at: monthsAgo(2), last_activity_at: monthsAgo(2) })
      .where('id', '=', await idOf(recent.reference))
      .execute();
    await d.db
      .updateTable('concern_case')
      .set({ status: 'closed', outcome: 'no_need', closed_at: monthsAgo(1), deletion_requested_at: monthsAgo(1) })
      .where('id', '=', await idOf(asked.reference))
      .execute();
    await d.db
      .updateTable('concern_case')
      .set({ last_activity_at: monthsAgo(13) })
      .where('id', '=', await idOf(idle.reference))
      .execute();
    // everything else (the first test's case) is recent and open
    await d.db
      .updateTable('concern_case')
      .set({ last_activity_at: monthsAgo(1) })
      .where('reference', 'not in', [old.reference, recent.reference, asked.reference, idle.reference])
      .execute();
    // the nightly schedule, run as the job queue would (the app registered it)
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const ran = await runDueJobs(
      { db: d.db, mailer: app.mailer, config: app.config, log },
      { now, schedules: ['concerns.retention'] },
    );
    expect(ran.failed).toBe(0);
    const coordinator = await signedIn(app, PEOPLE.coordinator, '10.0.2.1');
    const report = (await coordinator.get('/api/v1/concerns/erasures')).json() as {
      record_type: string;
      erased: number;
    }[];
    expect(Object.fromEntries(report.map((r) => [r.record_type, r.erased]))).toEqual({
      closed_case: 1,
      closed_case_deletion_requested: 1,
      idle_case: 1,
    });
    expect((await (await signedIn(app, PEOPLE.vatu, '10.0.2.2')).get('/api/v1/concerns/erasures')).statusCode).toBe(
      403,
    );
    expect((await new Agent(app, '10.0.2.3').get('/api/v1/concerns/erasures')).statusCode).toBe(401);
    const left = (await d.db.selectFrom('concern_case').select('reference').execute()).map((r) => r.reference);
    expect(left).toContain(recent.reference);
    expect(left).not.toContain(old.reference);
    expect(left).not.toContain(asked.reference);
    expect(left).not.toContain(idle.reference);
    expect((await app.inject({ method: 'GET', url: old.path })).statusCode).toBe(404);
    const rows = await d.db.selectFrom('concern_erasure').select(['record_type', 'erased']).execute();
    expect(rows).toHaveLength(3);
    const logged = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'concern.retention_erased')
      .executeTakeFirstOrThrow();
    expect(logged.details).toEqual({ closed_case: 1, closed_case_deletion_requested: 1, idle_case: 1 });
  });
});
