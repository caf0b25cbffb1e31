/**
 * The organiser's side over HTTP on both databases: registrations visible only to the organising organisation
 * (another organisation's editor and a signed-out person get nothing), every read audited, personal data
 * encrypted at rest, a CSV safe to open in a spreadsheet, attendance, a message through the job queue, reminders
 * the day before by schedule, and erasure of personal data 30 days after the event.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/core/jobs/jobs.js';
import { eraseExpiredRegistrations, sendReminders } from '../../src/core/events/registrations.js';
import { queueMail } from '../../src/core/jobs/jobs.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';
import { addEventOrgs, addEventPeople, daysFromNow, eventBody, signedIn, type EventOrgs } from './support.js';

describe.each(testDatabases())('organising events on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let orgs: EventOrgs;
  let mailbox: Mailbox;
  let eventId: string;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    orgs = await addEventOrgs(d.db);
    await addEventPeople(d.db, orgs);
    mailbox = await startMailbox();
    app = await testApp(d, { SMTP_URL: mailbox.url });
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const r = await editor.json(
      'POST',
      '/api/v1/events',
      eventBody(orgs.folkhalsan, orgs.place, {
        kind: 'group',
        capacity: 3,
        occurrences: [{ start: `${daysFromNow(1)}T17:00`, end: `${daysFromNow(1)}T19:00` }],
        rrule: 'FREQ=WEEKLY;COUNT=2',
      }),
    );
    eventId = (r.json() as { id: string }).id;
    const resident = new Agent(app, '10.6.0.1');
    for (const [name, email] of [
      ['=HYPERLINK("http://evil.test","x")', 'eve@example.test'],
      ['Maija Meikäläinen', 'maija@example.test'],
    ])
      expect((await resident.json('POST', `/api/v1/events/${eventId}/registrations`, { name, email })).statusCode).toBe(
        201,
      );
    await deliver();
  });
  const deliver = () => runDueJobs({ db: d.db, mailer: app.mailer, config: app.config, log: app.log });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
    await mailbox?.close();
  });

  it('shows the registrations to the organiser only, audits each read, and keeps the data encrypted', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const page = await editor.get(`/fi/work/events/${eventId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Maija Meikäläinen');
    const reads = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_id', '=', eventId)
      .where('action', '=', 'event.registrations.read')
      .execute();
    expect(reads).toHaveLength(1);

    const hanko = await signedIn(app, 'editor@hanko.test');
    for (const url of [`/fi/work/events/${eventId}`, `/fi/work/events/${eventId}/registrations.csv`]) {
      const res = await hanko.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Maija');
    }
    const anon = await new Agent(app).get(`/fi/work/events/${eventId}`);
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/\/fi\/sign-in/);

    const rows = await d.db
      .selectFrom('event_registration')
      .select(['name_enc', 'email_enc'])
      .where('event_id', '=', eventId)
      .execute();
    expect(rows.map((r) => `${r.name_enc} ${r.email_enc}`).join(' ')).not.toMatch(/Maija|maija@|eve@/);
  });

  it('exports a CSV that is safe to open in a spreadsheet', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const res = await editor.get(`/sv/work/events/${eventId}/registrations.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body).toContain('Maija Meikäläinen');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(res.body.split('\n')[0]).toContain('Namn');
  });

  it('marks attendance and messages the registered people through the job queue; the other organisation cannot', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const regs = await d.db
      .selectFrom('event_registration')
      .select(['id'])
      .where('event_id', '=', eventId)
      .orderBy('seq')
      .execute();
    const hanko = await signedIn(app, 'editor@hanko.test');
    expect(
      (
        await hanko.postForm(`/fi/work/events/${eventId}/attendance`, {
          listed: regs.map((r) => r.id),
          attended: regs[1]!.id,
        })
      ).statusCode,
    ).toBe(403);
    expect((await hanko.postForm(`/fi/work/events/${eventId}/message`, { message: 'Hei' })).statusCode).toBe(403);
    const saved = await editor.postForm(`/fi/work/events/${eventId}/attendance`, {
      listed: regs.map((r) => r.id),
      attended: regs[1]!.id,
    });
    expect(saved.statusCode).toBe(303);
    const att = await d.db
      .selectFrom('event_registration')
      .select('attended')
      .where('event_id', '=', eventId)
      .orderBy('seq')
      .execute();
    expect(att.map((a) => a.attended)).toEqual([false, true]);

    const empty = await editor.postForm(`/fi/work/events/${eventId}/message`, { message: '' });
    expect(empty.statusCode).toBe(400);
    const seen = mailbox.messages.length;
    const sent = await editor.postForm(`/fi/work/events/${eventId}/message`, { message: 'Ottakaa sisäkengät mukaan.' });
    expect(sent.statusCode).toBe(303);
    await deliver();
    const mail = await mailbox.waitFor('maija@example.test', { after: seen });
    expect(mail.text).toContain('Ottakaa sisäkengät mukaan.');
  });

  it('reminds the confirmed people the day before, once, by the scheduled job', async () => {
    const seen = mailbox.messages.length;
    await runDueJobs(
      { db: d.db, mailer: app.mailer, config: app.config, log: app.log },
      { schedules: ['events.reminders'] },
    );
    await deliver();
    const reminder = await mailbox.waitFor('maija@example.test', { after: seen });
    expect(reminder.subject).toMatch(/huomisesta|i morgon|tomorrow/);
    const deps = { audit: { actor: null }, publicUrl: 'http://yhdessa.test', queue: queueMail };
    expect(await sendReminders(d.db, deps)).toBe(0); // already reminded
  });

  it('erases the registrants’ personal data 30 days after the event, keeping the counts', async () => {
    const last = await d.db
      .selectFrom('event_occurrence')
      .select((eb) => eb.fn.max('ends_at').as('end'))
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    const end = new Date(last.end as Date);
    expect(await eraseExpiredRegistrations(d.db, new Date(end.getTime() + 29 * 86400000))).toBe(0);
    expect(await eraseExpiredRegistrations(d.db, new Date(end.getTime() + 31 * 86400000))).toBe(2);
    const rows = await d.db.selectFrom('event_registration').selectAll().where('event_id', '=', eventId).execute();
    expect(rows.every((r) => r.name_enc === null && r.email_enc === null && r.email_hash === null && r.erased_at)).toBe(
      true,
    );
    expect(rows.map((r) => r.people)).toEqual([1, 1]);
    const audited = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'event.registrations.erase')
      .execute();
    expect(audited).toHaveLength(1);
  });
});
