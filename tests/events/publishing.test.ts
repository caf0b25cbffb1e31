/**
 * Publishing events over HTTP on both databases, with the rights editors already have for their organisation's
 * services: an editor creates (published at once), changes and deletes; another organisation's editor, a member
 * without editing rights and a signed-out request are refused and nothing changes; a change after publishing
 * (a cancelled occurrence, a moved place) tells the registered people.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/core/jobs/jobs.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';
import { addEventOrgs, addEventPeople, daysFromNow, eventBody, signedIn, type EventOrgs } from './support.js';

describe.each(testDatabases())('publishing events on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let orgs: EventOrgs;
  let mailbox: Mailbox;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    orgs = await addEventOrgs(d.db);
    await addEventPeople(d.db, orgs);
    mailbox = await startMailbox();
    app = await testApp(d, { SMTP_URL: mailbox.url });
  });
  /** Works the job queue once: the e-mail decided so far goes out. */
  const deliver = () => runDueJobs({ db: d.db, mailer: app.mailer, config: app.config, log: app.log });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
    await mailbox?.close();
  });

  const count = async () =>
    Number(
      (
        await d.db
          .selectFrom('event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lets an editor create a published weekly event with exceptions, and audits it', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const start = daysFromNow(2);
    const res = await editor.json(
      'POST',
      '/api/v1/events',
      eventBody(orgs.folkhalsan, orgs.place, {
        occurrences: [{ start: `${start}T09:30`, end: `${start}T11:30` }],
        rrule: 'FREQ=WEEKLY;COUNT=6',
        exdates: [daysFromNow(9)],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: string };
    const ev = await d.db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([ev.kind, ev.status, ev.rrule, ev.municipality_code]).toEqual([
      'recurring',
      'published',
      'FREQ=WEEKLY;COUNT=6',
      '149',
    ]);
    const occ = await d.db.selectFrom('event_occurrence').select('starts_at').where('event_id', '=', id).execute();
    expect(occ).toHaveLength(5);
    const audited = await d.db
      .selectFrom('audit_event')
      .select(['action', 'organization_id'])
      .where('object_id', '=', id)
      .execute();
    expect(audited).toEqual([{ action: 'event.create', organization_id: orgs.folkhalsan }]);
    const page = await new Agent(app).get(`/sv/events/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('application/ld+json');
    expect(page.body).toContain('"@type":"Event"');
  });

  it('refuses another organisation’s editor, a member and a signed-out request; nothing changes or leaks', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const created = await editor.json(
      'POST',
      '/api/v1/events',
      eventBody(orgs.folkhalsan, orgs.place, { status: 'draft' }),
    );
    const { id } = created.json() as { id: string };
    const before = await count();

    const hanko = await signedIn(app, 'editor@hanko.test');
    expect((await hanko.json('POST', '/api/v1/events', eventBody(orgs.folkhalsan, orgs.place))).statusCode).toBe(403);
    expect((await hanko.json('PATCH', `/api/v1/events/${id}`, { name: { fi: 'Kaapattu' } })).statusCode).toBe(403);
    expect((await hanko.json('DELETE', `/api/v1/events/${id}`)).statusCode).toBe(403);
    // A draft of another organisation is not found at all.
    expect((await hanko.get(`/fi/events/${id}`)).statusCode).toBe(404);
    expect((await hanko.get(`/fi/work/events/${id}`)).statusCode).toBe(404);

    const member = await signedIn(app, 'member@folkhalsan.test');
    expect((await member.json('POST', '/api/v1/events', eventBody(orgs.folkhalsan, orgs.place))).statusCode).toBe(403);

    const anon = new Agent(app);
    const token = await anon.csrf();
    const signedOut = await anon.request({
      method: 'POST',
      url: '/api/v1/events',
      payload: eventBody(orgs.folkhalsan, orgs.place),
      headers: { 'x-csrf-token': token },
    });
    expect(signedOut.statusCode).toBe(401);
    expect((await anon.get(`/fi/events/${id}`)).statusCode).toBe(404);
    expect(await count()).toBe(before);
    const ev = await d.db.selectFrom('event').select(['name', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(ev).toEqual({ name: { fi: 'Perhekahvila', sv: 'Familjecafé' }, status: 'draft' });
    const denials = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'access.denied')
      .execute();
    expect(denials.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a bad event with every problem named, over JSON', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const res = await editor.json('POST', '/api/v1/events', {
      organization_id: orgs.folkhalsan,
      name: { fi: '' },
      languages: ['fi'],
      occurrences: [{ start: `${daysFromNow(3)}T12:00`, end: `${daysFromNow(3)}T11:00` }],
    });
    expect(res.statusCode).toBe(400);
    const problems = (res.json() as { problems: { field: string; code: string }[] }).problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['end_before_start', 'name_required', 'place_required']);
  });

  it('tells registered people when an occurrence is cancelled or the place moves; publishes a draft', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const start = daysFromNow(4);
    const created = await editor.json(
      'POST',
      '/api/v1/events',
      eventBody(orgs.folkhalsan, orgs.place, {
        occurrences: [{ start: `${start}T17:00`, end: `${start}T19:00` }],
        rrule: 'FREQ=WEEKLY;COUNT=3',
      }),
    );
    const { id } = created.json() as { id: string };
    const occ = await d.db
      .selectFrom('event_occurrence')
      .select('id')
      .where('event_id', '=', id)
      .orderBy('starts_at')
      .execute();
    const resident = new Agent(app, '10.8.0.1');
    const r = await resident.json('POST', `/api/v1/events/${id}/registrations`, {
      name: 'Nora',
      email: 'nora@example.test',
      occurrence_id: occ[0]!.id,
    });
    expect(r.statusCode, r.body).toBe(201);
    const seen = mailbox.messages.length;
    const patched = await editor.json('PATCH', `/api/v1/events/${id}`, { cancel_occurrences: [occ[0]!.id] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((patched.json() as { notified: number }).notified).toBe(1);
    await deliver();
    const mail = await mailbox.waitFor('nora@example.test', { after: seen });
    expect(mail.text).toContain(`/events/${id}`);
    const page = await resident.get(`/fi/events/${id}`);
    expect(page.body).toContain('Peruttu');
    // A cancelled occurrence cannot be registered for.
    const late = await resident.json('POST', `/api/v1/events/${id}/registrations`, {
      name: 'X',
      email: 'x@example.test',
      occurrence_id: occ[0]!.id,
    });
    expect(late.statusCode).toBe(400);

    const moved = await editor.json('PATCH', `/api/v1/events/${id}`, { location_id: orgs.hankoPlace });
    expect((moved.json() as { notified: number }).notified).toBe(1);

    const draft = await editor.json(
      'POST',
      '/api/v1/events',
      eventBody(orgs.folkhalsan, orgs.place, { status: 'draft' }),
    );
    const draftId = (draft.json() as { id: string }).id;
    const published = await editor.postForm(`/fi/work/events/${draftId}/publish`, {});
    expect(published.statusCode).toBe(303);
    expect((await new Agent(app).get(`/fi/events/${draftId}`)).statusCode).toBe(200);

    const del = await editor.json('DELETE', `/api/v1/events/${id}`);
    expect(del.statusCode).toBe(204);
    expect(await d.db.selectFrom('event_registration').select('id').where('event_id', '=', id).execute()).toEqual([]);
  });

  it('lets an organiser publish a 14-session group through the workspace form (without JavaScript)', async () => {
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    expect((await editor.get('/sv/work/events/new')).statusCode).toBe(200);
    const fields = {
      organization_id: orgs.folkhalsan,
      kind: 'group',
      'name.fi': 'Ihmeelliset vuodet',
      'name.sv': 'De otroliga åren',
      languages: 'sv',
      location_id: orgs.place,
      date: daysFromNow(8),
      start_time: '17.30',
      end_time: '19:30',
      repeat_weeks: '14',
      registration: 'contact',
      capacity: '12',
      max_people: '2',
      free: '1',
      status: 'published',
    };
    const before = await count();
    const bad = await editor.postForm('/sv/work/events/new', {
      ...fields,
      'name.fi': '',
      'name.sv': '',
      end_time: 'sju',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Skriv tiden som 9.30');
    expect(bad.body).toContain('value="17.30"');
    expect(await count()).toBe(before);
    const ok = await editor.postForm('/sv/work/events/new', fields);
    expect(ok.statusCode, ok.body).toBe(303);
    const id = /\/sv\/work\/events\/([0-9a-f-]{36})/.exec(ok.headers.location as string)![1]!;
    const ev = await d.db
      .selectFrom('event')
      .select(['kind', 'status', 'capacity'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(ev).toEqual({ kind: 'group', status: 'published', capacity: 12 });
    const sessions = await d.db.selectFrom('event_occurrence').select('starts_at').where('event_id', '=', id).execute();
    expect(sessions).toHaveLength(14);
    const page = await editor.get(`/sv/work/events/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('De otroliga åren');
  });
});
