/**
 * Follow-ups that fall due (both databases): which are found for a day, that each owner is reminded once a due
 * date with a link only, and that an overdue follow-up stands out on the municipality's pages.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueFollowUps, remindDueFollowUps, type Mail } from '../../src/core/childImpact/followUps.js';
import { newId } from '../../src/core/shared/ids.js';
import { runDueJobs, type JobLog } from '../../src/core/jobs/jobs.js';
import { createMailer } from '../../src/core/mail/mailer.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { addWorld, agentFor, type World } from './support.js';

describe.each(testDatabases())('follow-ups falling due on %s', (kind) => {
  let d: TestDatabase;
  let w: World;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    w = await addWorld(d.db);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const add = async (
    title: string,
    o: {
      due: string | null;
      owner?: string | null;
      done?: boolean;
      status?: 'draft' | 'completed' | 'screened_out';
      published?: boolean;
    },
  ) => {
    const id = newId();
    await d.db
      .insertInto('child_impact_assessment')
      .values({
        id,
        organization_id: w.raasepori,
        municipality_code: '710',
        body: 'Lautakunta',
        decision_reference: title,
        decision_date: '2026-01-10',
        title,
        timing: 'after',
        status: o.status ?? 'completed',
        content: JSON.stringify({ summary_fi: 'S', summary_sv: 'S' }),
        follow_up_due: o.due,
        follow_up_owner_id: o.owner === undefined ? w.people.raasepori : o.owner,
        follow_up_done_at: o.done ? new Date() : null,
        published_at: o.published ? new Date() : null,
      })
      .execute();
    return id;
  };

  it('finds the follow-ups due on a day, not the future, done or ownerless ones', async () => {
    const due = await add('due-today', { due: '2027-03-01' });
    const late = await add('overdue', { due: '2027-02-01', published: true });
    await add('future', { due: '2027-03-02' });
    await add('done', { due: '2027-02-01', done: true });
    await add('no-owner', { due: '2027-02-01', owner: null });
    await add('no-follow-up', { due: null });
    const found = await dueFollowUps(d.db, '2027-03-01');
    expect(found.map((f) => f.id).sort()).toEqual([due, late].sort());
    expect(found.find((f) => f.id === due)).toMatchObject({ ownerEmail: 'editor@raasepori.test', due: '2027-03-01' });
    expect(await dueFollowUps(d.db, '2027-01-31')).toEqual([]);
  });

  it('reminds each owner once a due date, with a link and nothing of the content', async () => {
    const sent: Mail[] = [];
    const send = async (_db: unknown, m: Mail) => {
      sent.push(m);
    };
    const now = new Date('2027-03-01T08:00:00+02:00');
    expect(await remindDueFollowUps(d.db, { now, publicUrl: 'https://yhdessa.test', send })).toBe(2);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.to).toBe('editor@raasepori.test');
    expect(sent[0]!.text).toMatch(/https:\/\/yhdessa\.test\/fi\/work\/child-impact\/[0-9a-f-]{36}/);
    expect(sent.map((m) => m.text).join()).not.toContain('overdue'); // the assessment's title is not in the mail
    // The next run the same day, or the next day, sends nothing again.
    const again = await dueFollowUps(d.db, '2027-03-01');
    expect(again, JSON.stringify(again)).toEqual([]);
    expect(await remindDueFollowUps(d.db, { now, publicUrl: 'https://yhdessa.test', send })).toBe(0);
    expect(sent).toHaveLength(2);
    // The next day only the one due that day.
    expect(await remindDueFollowUps(d.db, { now: new Date('2027-03-02T08:00:00+02:00'), publicUrl: 'x', send })).toBe(
      1,
    );
    expect(sent).toHaveLength(3);
    const audits = await d.db
      .selectFrom('audit_event')
      .select('object_id')
      .where('action', '=', 'child_impact.follow_up_reminded')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('an overdue follow-up stands out on the team’s list and the municipality’s page', async () => {
    await add('long-overdue', { due: '2026-01-15', published: true });
    await add('unpublished-overdue', { due: '2026-01-15' });
    const rea = await agentFor(app, 'editor@raasepori.test');
    const list = await rea.get('/fi/work/child-impact');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('ci-overdue');
    expect(list.body).toMatch(/seurantaa on myöhässä/);
    const page = await (await agentFor(app)).get('/fi/child-friendly/710');
    expect(page.body).toContain('ci-overdue');
    expect(page.body).toContain('long-overdue'); // the published one, by its title
    expect(page.body).not.toContain('unpublished-overdue'); // not on the public page
  });

  it('the daily job reminds the owner by e-mail through the queue', async () => {
    const id = await add('queued-reminder', { due: '2028-05-02', owner: w.people.raasepori2 });
    const quiet: JobLog = { info() {}, warn() {}, error() {} };
    const mailbox: Mailbox = await startMailbox();
    try {
      const env = {
        db: d.db,
        mailer: createMailer({ smtpUrl: mailbox.url, from: 'noreply@yhdessa.test' }),
        config: app.config,
        log: quiet,
      };
      await runDueJobs(env, { schedules: ['child_impact.follow_ups'], now: new Date('2028-05-02T07:00:00+03:00') });
      const mail = await mailbox.waitFor('admin@raasepori.test');
      expect(mail.text).toContain(`http://yhdessa.test/fi/work/child-impact/${id}`);
      expect(mail.text).not.toContain('queued-reminder');
      const again = mailbox.messages.length;
      await runDueJobs(env, { schedules: ['child_impact.follow_ups'], now: new Date('2028-05-02T09:00:00+03:00') });
      expect(mailbox.messages.length).toBe(again);
    } finally {
      await mailbox.close();
    }
  });

  it('marking the follow-up done stops it falling due', async () => {
    const id = await add('to-be-done', { due: '2026-01-01' });
    const rea = await agentFor(app, 'editor@raasepori.test');
    const hanna = await agentFor(app, 'editor@hanko.test');
    expect((await hanna.postForm(`/fi/work/child-impact/${id}/follow-up-done`, {})).statusCode).toBe(403);
    expect((await dueFollowUps(d.db, '2026-06-01')).some((f) => f.id === id)).toBe(true);
    expect((await rea.postForm(`/fi/work/child-impact/${id}/follow-up-done`, {})).statusCode).toBe(303);
    expect((await dueFollowUps(d.db, '2026-06-01')).some((f) => f.id === id)).toBe(false);
  });
});
