/**
 * Finding events and calendar feeds over HTTP on both databases: the filters of the page and the API
 * (municipality, language, age, free, place or online, this week, search words with inflected forms), the
 * OpenAPI document, the service page's upcoming events, and iCalendar feeds that keep 9.30 at 9.30 across the
 * change from summer to winter time (checked by parsing the feed and against fixed UTC instants).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveService } from '../../src/core/directory/saveRecords.js';
import { localParts } from '../../src/core/events/time.js';
import { addDays } from '../../src/core/shared/dates.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { addEventOrgs, addEventPeople, daysFromNow, eventBody, signedIn, type EventOrgs } from './support.js';

interface Item {
  id: string;
  name: string;
  languages: string[];
  municipality: { code: string } | null;
  occurrences: { start: string; end: string; seats_left: number | null }[];
}

/** The VEVENTs of an iCalendar text: unfolded lines, each event's properties by name (with parameters). */
export function parseIcs(text: string) {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  let inTz = false;
  const tz: string[] = [];
  for (const l of lines) {
    if (l === 'BEGIN:VTIMEZONE') inTz = true;
    if (inTz) tz.push(l);
    if (l === 'END:VTIMEZONE') inTz = false;
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') {
      events.push(cur!);
      cur = null;
    } else if (cur) {
      const i = l.indexOf(':');
      cur[l.slice(0, i)] = l.slice(i + 1);
    }
  }
  return { events, tz, lines };
}

describe.each(testDatabases())('finding events on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let orgs: EventOrgs;
  let cafe: string;
  let online: string;
  let paid: string;
  let dst: string;
  let serviceId: string;
  // The café meets ten minutes from now, for an hour: upcoming while these tests run, whatever the hour (a time
  // late today ended before midnight runs). It is this week unless it falls after Sunday's midnight in Helsinki.
  const cafeStart = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000);
  const today = localParts(new Date());
  const cafeThisWeek = localParts(cafeStart).date < addDays(today.date, 7 - today.weekday);
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    orgs = await addEventOrgs(d.db);
    await addEventPeople(d.db, orgs);
    serviceId = await saveService(d.db, {
      key: 'e-familjecafe',
      organizationKey: 'e-folkhalsan-inga',
      name: { fi: 'Folkhälsanin perhekahvila', sv: 'Folkhälsans familjecafé' },
      areas: ['149'],
      languages: ['sv'],
      modes: ['in_person'],
      fee: 'free',
      access: 'no_referral',
      lifeSituations: ['baby'],
      locationKeys: ['e-inkoo-folkhalsanhuset'],
    });
    app = await testApp(d);
    const editor = await signedIn(app, 'editor@folkhalsan.test');
    const create = async (over: Record<string, unknown>) => {
      const r = await editor.json('POST', '/api/v1/events', eventBody(orgs.folkhalsan, orgs.place, over));
      expect(r.statusCode, r.body).toBe(201);
      return (r.json() as { id: string }).id;
    };
    cafe = await create({
      name: { fi: 'Ruotsinkielinen perhekahvila', sv: 'Familjecafé på svenska' },
      service_id: serviceId,
      age_min: 0,
      age_max: 6,
      life_situations: ['baby', 'meeting_others'],
      occurrences: [
        { start: localParts(cafeStart).iso, end: localParts(new Date(cafeStart.getTime() + 3_600_000)).iso },
      ],
    });
    online = await create({
      name: { fi: 'Infoilta unesta', sv: 'Infokväll om sömn' },
      languages: ['fi', 'sv'],
      location_id: null,
      online_url: 'https://meet.example.test/uni',
      online_url_registered_only: true,
      occurrences: [{ start: `${daysFromNow(20)}T18:00`, end: `${daysFromNow(20)}T19:30` }],
    });
    paid = await create({
      name: { fi: 'Vauvauinti Hangossa' },
      languages: ['fi'],
      free: false,
      location_id: orgs.hankoPlace,
      age_min: 0,
      age_max: 1,
      occurrences: [{ start: `${daysFromNow(30)}T10:00`, end: `${daysFromNow(30)}T11:00` }],
    });
    // A weekly group across the change to summer time (last Sunday of March 2027): 9.30 stays 9.30.
    dst = await create({
      name: { fi: 'Ihmeelliset vuodet', sv: 'De otroliga åren' },
      kind: 'group',
      capacity: 12,
      occurrences: [{ start: '2027-03-16T09:30', end: '2027-03-16T11:30' }],
      rrule: 'FREQ=WEEKLY;COUNT=3',
    });
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const list = async (query: string) => {
    const r = await app.inject({ url: `/api/v1/events${query}` });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { total: number; items: Item[] };
  };
  const ids = async (query: string) => (await list(query)).items.map((i) => i.id).sort();

  it('answers the issue’s shape and filters by municipality, language, age, free, place and this week', async () => {
    const all = await list('');
    expect(all.total).toBe(3);
    const c = all.items.find((i) => i.id === cafe)!;
    expect(Object.keys(c)).toEqual(
      expect.arrayContaining(['id', 'name', 'organization', 'municipality', 'languages', 'occurrences']),
    );
    expect(Object.keys(c.occurrences[0]!)).toEqual(expect.arrayContaining(['start', 'end', 'seats_left']));
    expect(c.occurrences[0]!.seats_left).toBe(10);
    expect(await ids('?municipality=149&language=sv')).toEqual([cafe, online].sort());
    expect(await ids('?municipality=078')).toEqual([paid]);
    expect(await ids('?age=4')).toEqual([cafe, online].sort());
    expect(await ids('?free=true&place=place')).toEqual([cafe]);
    expect(await ids('?place=online')).toEqual([online]);
    expect(await ids('?when=week')).toEqual(cafeThisWeek ? [cafe] : []);
    expect(await ids('?life_situation=baby')).toEqual([cafe]);
    expect(await ids(`?service=${serviceId}`)).toEqual([cafe]);
    expect((await app.inject({ url: '/api/v1/events?municipality=999' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/events?place=moon' })).statusCode).toBe(400);
  });

  it('finds by search words in inflected forms, as the directory does', async () => {
    expect(await ids('?q=perhekahvilaan')).toEqual([cafe]);
    expect(await ids('?q=familjecaféet')).toEqual([cafe]);
    expect(await ids('?q=unesta')).toEqual([online]);
    expect(await ids('?q=hangossa')).toEqual([paid]);
  });

  it('shows the online link only to registered people when the organiser wants so', async () => {
    const page = await new Agent(app).get(`/fi/events/${online}`);
    expect(page.body).not.toContain('meet.example.test');
    const ics = await app.inject({ url: `/api/v1/events/${online}.ics` });
    expect(ics.body).not.toContain('meet.example.test');
    const r = await new Agent(app, '10.7.0.1').json('POST', `/api/v1/events/${online}/registrations`, {
      name: 'N',
      email: 'n@example.test',
    });
    const code = (r.json() as { cancel_url: string }).cancel_url.split('/').at(-1)!;
    const mine = await new Agent(app).get(`/fi/events/registrations/${code}`);
    expect(mine.body).toContain('meet.example.test');
  });

  it('lists events by day on /sv/events without JavaScript, and upcoming events on the service page', async () => {
    const page = await new Agent(app).get('/sv/events?municipality=149&language=sv&when=week');
    expect(page.statusCode).toBe(200);
    if (cafeThisWeek) expect(page.body).toContain('Familjecafé på svenska');
    else expect(page.body).not.toContain('Familjecafé på svenska');
    expect(page.body).not.toContain('Infokväll om sömn');
    expect(page.body).toContain('/api/v1/events.ics?');
    const service = await new Agent(app).get(`/fi/services/${serviceId}`);
    expect(service.body).toContain(`/fi/events/${cafe}`);
    expect((await new Agent(app).get('/fi/events?age=abc')).statusCode).toBe(400);
  });

  it('keeps local time across the daylight-saving change in JSON and in the parsed iCalendar feed', async () => {
    const r = await list('?from=2027-03-01&to=2027-04-30');
    const g = r.items.find((i) => i.id === dst)!;
    expect(g.occurrences.map((o) => o.start)).toEqual([
      '2027-03-16T09:30:00+02:00',
      '2027-03-23T09:30:00+02:00',
      '2027-03-30T09:30:00+03:00',
    ]);
    const stored = await d.db
      .selectFrom('event_occurrence')
      .select('starts_at')
      .where('event_id', '=', dst)
      .orderBy('starts_at')
      .execute();
    expect(stored.map((o) => o.starts_at.toISOString())).toEqual([
      '2027-03-16T07:30:00.000Z',
      '2027-03-23T07:30:00.000Z',
      '2027-03-30T06:30:00.000Z',
    ]);
    for (const url of [`/api/v1/events/${dst}.ics`, '/api/v1/events.ics?from=2027-03-01&to=2027-04-30&language=sv']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const { events, tz, lines } = parseIcs(res.body);
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      const starts = events
        .filter((e) => e.SUMMARY === 'Ihmeelliset vuodet')
        .map((e) => e['DTSTART;TZID=Europe/Helsinki']);
      expect(starts).toEqual(['20270316T093000', '20270323T093000', '20270330T093000']);
      expect(events.every((e) => e.UID && /Z$/.test(e.DTSTAMP!))).toBe(true);
      // The zone's rules: +02:00 in winter, +03:00 from the last Sunday of March.
      expect(tz).toEqual(
        expect.arrayContaining([
          'TZID:Europe/Helsinki',
          'TZOFFSETTO:+0300',
          'TZOFFSETTO:+0200',
          'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        ]),
      );
    }
  });

  it('exports LinkedEvents-compatible JSON and documents the API in OpenAPI', async () => {
    const le = await app.inject({ url: '/api/v1/events/linkedevents.json?from=2027-03-01&to=2027-04-30' });
    const body = le.json() as { meta: { count: number }; data: Record<string, unknown>[] };
    const sup = body.data.find((x) => x.id === `yhdessa:${dst}`)!;
    expect(sup).toMatchObject({
      super_event_type: 'umbrella',
      type_id: 'Course',
      name: { fi: 'Ihmeelliset vuodet', sv: 'De otroliga åren' },
    });
    expect((sup.sub_events as unknown[]).length).toBe(3);
    expect(body.meta.count).toBe(4);
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/events',
        '/api/v1/events/{id}',
        '/api/v1/events/{id}/registrations',
        '/api/v1/events.ics',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/events/{id}']!)).toEqual(expect.arrayContaining(['patch', 'delete']));
  });
});
