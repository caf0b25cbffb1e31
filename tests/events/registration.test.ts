/**
 * Registering over HTTP on both databases: no overbooking under concurrency (200 registrations posted at once
 * for 10 seats: exactly 10 confirmed and 190 on the waitlist), cancelling with the person's own link moves the
 * waitlist up and tells the person, a wrong code changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/core/jobs/jobs.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';
import { addEventOrgs, addEventPeople, eventBody, signedIn, type EventOrgs } from './support.js';

describe.each(testDatabases())('registering for events on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let orgs: EventOrgs;
  let mailbox: Mailbox;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    orgs = await addEventOrgs(d.db);
    await addEventPeople(d.db, orgs);
    mailbox = await startMailbox();
    app = await testApp(d, { SMTP_URL: mailbox.url, AUTH_RATE_LIMIT: '10000' });
  });
  /** Works the job queue once: the e-mail decided so far goes out. */
  const deliver = () => runDueJobs({ db: d.db, mailer: app.mailer, config: app.config, log: app.log });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
    await mailbox?.close();
  });

  const newEvent = async (over: Record<string, unknown> = {}) => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const res = await editor.json('POST', '/api/v1/events', eventBody(orgs.folkhalsan, orgs.place, over));
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };

  it('gives exactly 10 confirmed and 190 waitlisted for 200 registrations posted at once for 10 seats', async () => {
    const id = await newEvent({ capacity: 10 });
    const resident = new Agent(app, '10.9.0.1');
    const token = await resident.csrf();
    const cookie = [...resident.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/events/${id}/registrations`,
          remoteAddress: '10.9.0.1',
          headers: { cookie, 'x-csrf-token': token },
          payload: { name: `Person ${i}`, email: `p${i}@example.test`, people: 1 },
        }),
      ),
    );
    const statuses = results.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return (r.json() as { status: string }).status;
    });
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190);
    const rows = await d.db
      .selectFrom('event_registration')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', id)
      .groupBy('status')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))).toEqual({ confirmed: 10, waitlisted: 190 });
    const occ = await d.db.selectFrom('event_occurrence').select('taken').where('event_id', '=', id).execute();
    expect(occ.map((o) => o.taken)).toEqual([10]);
    const api = await app.inject({ url: `/api/v1/events?q=familjecafeet&municipality=149` });
    const item = (api.json() as { items: { id: string; occurrences: { seats_left: number }[] }[] }).items.find(
      (x) => x.id === id,
    );
    expect(item?.occurrences[0]?.seats_left).toBe(0);
  });

  it('moves the waitlist up when someone cancels with their link, and tells the person; a wrong code changes nothing', async () => {
    const id = await newEvent({ capacity: 2 });
    const resident = new Agent(app, '10.9.0.2');
    const reg = async (email: string, people = 1) => {
      const r = await resident.json('POST', `/api/v1/events/${id}/registrations`, { name: 'Anna', email, people });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { status: string; cancel_url: string; calendar_url: string; reference: string };
    };
    const a = await reg('a@example.test', 2);
    const b = await reg('b@example.test');
    expect([a.status, b.status]).toEqual(['confirmed', 'waitlisted']);
    await deliver();
    const confirmation = await mailbox.waitFor('a@example.test');
    expect(confirmation.text).toContain(a.cancel_url);
    // The e-mail carries links, not the person's data.
    expect(confirmation.text).not.toContain('Anna');

    const before = mailbox.messages.length;
    const wrong = await resident.postForm(`/sv/events/registrations/${'x'.repeat(43)}/cancel`, {});
    expect(wrong.statusCode).toBe(404);
    const garbage = await resident.json('DELETE', '/api/v1/events/registrations/nonsense');
    expect(garbage.statusCode).toBe(404);
    expect(await statusOf(id)).toEqual(['confirmed', 'waitlisted']);

    const code = a.cancel_url.split('/').at(-1)!;
    const page = await resident.get(`/sv/events/registrations/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bekräftad');
    const cancel = await resident.postForm(`/sv/events/registrations/${code}/cancel`, {});
    expect(cancel.statusCode).toBe(303);
    expect(await statusOf(id)).toEqual(['cancelled', 'confirmed']);
    await deliver();
    const promoted = await mailbox.waitFor('b@example.test', { after: before });
    expect(promoted.subject).toMatch(/^Sait paikan|^Du har fått en plats|^You have a seat/);
    // Cancelling again changes nothing.
    expect((await resident.postForm(`/sv/events/registrations/${code}/cancel`, {})).statusCode).toBe(303);
    expect(await statusOf(id)).toEqual(['cancelled', 'confirmed']);
  });

  it('refuses a registration without a name or a way to be reached, or with too many people, keeping what was typed', async () => {
    const id = await newEvent({ capacity: 5, max_people: 4 });
    const resident = new Agent(app, '10.9.0.3');
    await resident.get(`/fi/events/${id}`);
    const res = await resident.postForm(`/fi/events/${id}/register`, {
      name: '',
      email: 'x@example.test',
      people: '9',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kirjoita nimi.');
    expect(res.body).toContain('Osallistujia voi olla 1–4.');
    expect(res.body).toContain('value="x@example.test"');
    const api = await resident.json('POST', `/api/v1/events/${id}/registrations`, { email: 'x@example.test' });
    expect(api.statusCode).toBe(400);
    expect((api.json() as { problems: { field: string }[] }).problems.map((p) => p.field)).toEqual(['name']);
    expect(await statusOf(id)).toEqual([]);
  });

  it('takes only a headcount for a drop-in event, and registers a group as a whole with the series’ own capacity', async () => {
    const dropIn = await newEvent({ registration: 'headcount', capacity: 3 });
    const resident = new Agent(app, '10.9.0.4');
    const r = await resident.json('POST', `/api/v1/events/${dropIn}/registrations`, { people: 3 });
    expect(r.statusCode, r.body).toBe(201);
    expect((r.json() as { status: string }).status).toBe('confirmed');
    const stored = await d.db
      .selectFrom('event_registration')
      .selectAll()
      .where('event_id', '=', dropIn)
      .executeTakeFirstOrThrow();
    expect([stored.name_enc, stored.email_enc]).toEqual([null, null]);

    const group = await newEvent({
      kind: 'group',
      capacity: 2,
      occurrences: [{ start: eventBody('', '').occurrences[0]!.start, end: eventBody('', '').occurrences[0]!.end }],
      rrule: 'FREQ=WEEKLY;COUNT=14',
    });
    const sessions = await d.db.selectFrom('event_occurrence').select('id').where('event_id', '=', group).execute();
    expect(sessions).toHaveLength(14);
    const g1 = await resident.json('POST', `/api/v1/events/${group}/registrations`, {
      name: 'A',
      email: 'g1@example.test',
      people: 2,
    });
    const g2 = await resident.json('POST', `/api/v1/events/${group}/registrations`, {
      name: 'B',
      email: 'g2@example.test',
    });
    expect([g1.json().status, g2.json().status]).toEqual(['confirmed', 'waitlisted']);
    const regs = await d.db
      .selectFrom('event_registration')
      .select('occurrence_id')
      .where('event_id', '=', group)
      .execute();
    expect(regs.every((x) => x.occurrence_id === null)).toBe(true);
  });

  const statusOf = async (eventId: string) =>
    (
      await d.db
        .selectFrom('event_registration')
        .select('status')
        .where('event_id', '=', eventId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.status);
});
