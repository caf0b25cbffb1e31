/**
 * "Report an error in this information" over HTTP on both databases: anyone can send a report without a session
 * (CSRF, rate limit), it is stored encrypted and reaches only the editors of the service's organisation, who read
 * it (audited) and mark it handled; everyone else is refused and nothing changes. Also: the service page's
 * "open now" with an exceptional closure, the help page and the front page's "Need help now?", the privacy and
 * accessibility statements.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/shared/ids.js';
import { helsinkiToday } from '../../src/core/editing/dates.js';
import { addDays } from '../../src/core/guides/openingHours.js';
import { purgeHandledFeedback } from '../../src/core/feedback/reportError.js';
import { queuedMails, runDueJobs } from '../../src/core/jobs/jobs.js';
import { Agent } from '../support/agent.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { demoApp, orgId, PEOPLE, serviceId } from './support.js';

const COUNSELLING = serviceId('raasepori-familjeradgivning'); // kept by Länsi-Uusimaa wellbeing services county

describe.each(testDatabases())('error reports, open now, help (%s)', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
    app = await demoApp(d);
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('offers the report form on every service page, and takes a report without a session', async () => {
    const page = await app.inject({ url: `/sv/services/${COUNSELLING}` });
    expect(page.body).toContain(`href="/sv/services/${COUNSELLING}/report-error"`);
    const anon = new Agent(app, '10.1.0.1');
    const form = await anon.get(`/sv/services/${COUNSELLING}/report-error`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Anmäl ett fel');

    const empty = await anon.postForm(`/sv/services/${COUNSELLING}/report-error`, { message: '', contact: 'a@b.fi' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Berätta vad som är fel i informationen.');
    expect(empty.body).toContain('value="a@b.fi"');

    const sent = await anon.postForm(`/sv/services/${COUNSELLING}/report-error`, {
      message: 'Telefontiden är numera tisdagar kl. 9–11.',
      contact: 'forælder@example.fi',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/sv/services/${COUNSELLING}?notice=error_reported#report-error`);
    expect((await anon.get(sent.headers.location as string)).body).toContain('Tack! Din anmälan');

    const row = await d.db
      .selectFrom('service_feedback')
      .selectAll()
      .where('service_id', '=', COUNSELLING)
      .executeTakeFirstOrThrow();
    expect(row.organization_id).toBe(orgId('lansi-uusimaa-hva'));
    expect(row.message).toMatch(/^enc1:/);
    expect(row.message).not.toContain('Telefontiden');
    expect(row.contact).toMatch(/^enc1:/);
    const entry = await d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'feedback.report')
      .where('object_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(entry.ip).toBeNull();
    expect(JSON.stringify(entry)).not.toContain('Telefontiden');

    // The county's editors are told by e-mail with a link, never the text, and not again within the hour
    const mails = () => queuedMails(d.db, { all: true });
    const toEditor = (await mails()).filter((m) => m.to === PEOPLE.countyEditor);
    expect(toEditor).toHaveLength(1);
    expect(toEditor[0]!.text).toContain('http://yhdessa.test/fi/work/feedback');
    expect(toEditor[0]!.text).not.toContain('Telefontiden');
    expect((await mails()).some((m) => m.to === PEOPLE.hankoEditor || m.to === PEOPLE.member)).toBe(false);
    await anon.postForm(`/sv/services/${COUNSELLING}/report-error`, { message: 'Och adressen är fel.' });
    expect((await mails()).filter((m) => m.to === PEOPLE.countyEditor)).toHaveLength(1);
  });

  it('refuses a report without a CSRF token, on an unknown service, and too many from one address', async () => {
    const anon = new Agent(app, '10.1.0.2');
    expect(
      (await anon.postForm(`/fi/services/${COUNSELLING}/report-error`, { message: 'Väärä numero' }, { csrf: false }))
        .statusCode,
    ).toBe(403);
    expect((await anon.postForm(`/fi/services/${newId()}/report-error`, { message: 'Väärä numero' })).statusCode).toBe(
      404,
    );
    const many = new Agent(app, '10.1.0.3');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await many.postForm(`/fi/services/${COUNSELLING}/report-error`, { message: 'x' })).statusCode);
    expect(codes.slice(0, 5)).toEqual([400, 400, 400, 400, 400]); // too short: refused, but counted
    expect(codes[5]).toBe(429);
  });

  it('shows reports only to the editors of the service’s organisation, who mark them handled', async () => {
    const sender = new Agent(app, '10.1.0.4');
    await sender.postForm(`/fi/services/${COUNSELLING}/report-error`, { message: 'Osoite on muuttunut.', contact: '' });
    const report = await d.db
      .selectFrom('service_feedback')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();

    const editor = new Agent(app, '10.1.0.5');
    await editor.signIn(PEOPLE.countyEditor);
    const list = await editor.get('/fi/work/feedback');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Osoite on muuttunut.');
    expect(list.body).toContain('Telefontiden är numera tisdagar');
    const read = await d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'feedback.read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect((read.details as { ids: string[] }).ids).toContain(report.id);

    // Another organisation's editor, a member, and nobody at all: nothing seen, nothing changed
    const hanko = new Agent(app, '10.1.0.6');
    await hanko.signIn(PEOPLE.hankoEditor);
    const other = await hanko.get('/fi/work/feedback');
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('Osoite on muuttunut.');
    expect((await hanko.postForm(`/fi/work/feedback/${report.id}/handled`, {})).statusCode).toBe(403);
    const member = new Agent(app, '10.1.0.7');
    await member.signIn(PEOPLE.member);
    expect((await member.get('/fi/work/feedback')).statusCode).toBe(403);
    expect((await member.postForm(`/fi/work/feedback/${report.id}/handled`, {})).statusCode).toBe(403);
    const coordinator = new Agent(app, '10.1.0.8');
    await coordinator.signIn(PEOPLE.coordinator);
    expect((await coordinator.get('/fi/work/feedback')).statusCode).toBe(403);
    const anon = new Agent(app, '10.1.0.9');
    expect((await anon.get('/fi/work/feedback')).statusCode).toBe(303);
    expect((await anon.postForm(`/fi/work/feedback/${report.id}/handled`, {})).statusCode).toBe(401);
    const still = await d.db
      .selectFrom('service_feedback')
      .selectAll()
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('open');

    const done = await editor.postForm(`/fi/work/feedback/${report.id}/handled`, {});
    expect(done.statusCode).toBe(303);
    expect((await editor.get('/fi/work/feedback')).body).not.toContain('Osoite on muuttunut.');
    expect((await editor.get('/fi/work/feedback?status=handled')).body).toContain('Osoite on muuttunut.');
    expect((await editor.postForm(`/fi/work/feedback/${report.id}/handled`, {})).statusCode).toBe(409);
    const handled = await d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'feedback.handle')
      .where('object_id', '=', report.id)
      .execute();
    expect(handled).toHaveLength(1);

    // Deleted a year after handling (by the nightly schedule), not before
    expect(await purgeHandledFeedback(d.db, new Date(Date.now() + 300 * 86400_000))).toBe(0);
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const env = { db: d.db, mailer: app.mailer, config: app.config, log };
    await runDueJobs(env, { now: new Date(Date.now() + 370 * 86400_000), schedules: ['feedback.purge'] });
    expect(
      await d.db.selectFrom('service_feedback').select('id').where('id', '=', report.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('shows whether a service is open now, around the clock or not, and an exceptional closure ahead', async () => {
    const always = await app.inject({ url: `/fi/services/${serviceId('lansi-uusimaa-sosiaali-ja-kriisipaivystys')}` });
    expect(always.body).toContain('Palvelee ympäri vuorokauden.');
    const group = serviceId('lansi-uusimaa-bvf-natgrupp-separerade'); // Mondays 18.00–19.30
    const tomorrow = addDays(helsinkiToday(), 1);
    await d.db
      .insertInto('schedule_exception')
      .values({
        id: newId(),
        service_id: group,
        valid_from: tomorrow,
        valid_to: tomorrow,
        closed: true,
        description: JSON.stringify({ fi: 'Ohjaaja koulutuksessa', sv: 'Ledaren på utbildning' }),
      })
      .execute();
    const page = await app.inject({ url: `/sv/services/${group}` });
    expect(page.body).toMatch(/Stängt nu\.|Öppet nu\./);
    expect(page.body).toContain('Avvikande öppettider:');
    expect(page.body).toContain('Ledaren på utbildning');
    // A service without hours of its own claims nothing for itself; its place, which has hours, does
    const none = await app.inject({ url: `/fi/services/${serviceId('raasepori-stod-vid-skilsmassa')}` });
    expect(none.body).not.toContain('id="opening-service"');
    expect(none.body).toMatch(/<div class="opening opening-(open|closed)" id="opening-[0-9a-f-]{36}"/);
  });

  it('shows "Need help now?" on the front page and the help page, in each language, with the county numbers from the directory', async () => {
    const fi = await app.inject({ url: '/fi' });
    expect(fi.body).toContain('Tarvitsetko apua nyt?');
    expect(fi.body).toContain('href="tel:112"');
    expect(fi.body).toContain('+358 19 000 4020'); // Länsi-Uusimaa's social and crisis emergency, from the directory
    expect(fi.body).toContain('+358 44 000 0632'); // Itä-Uusimaa
    expect(fi.body).toContain('+358 45 000 1101'); // Keski-Uusimaa
    expect(fi.body).toContain('09 2525 0111');
    expect(fi.body).toContain('116 111');
    expect(fi.body).toContain('0800 92277');
    const sv = await app.inject({ url: '/sv' });
    expect(sv.body).toContain('Behöver du hjälp nu?');
    expect(sv.body).toContain('09 2525 0112');
    expect(sv.body).toContain('0800 96 116');
    const en = await app.inject({ url: '/en' });
    expect(en.body).toContain('Need help now?');
    const help = await app.inject({ url: '/sv/help?municipality=078' });
    expect(help.statusCode).toBe(200);
    expect(help.body).toContain('Socialjouren per välfärdsområde');
    // Hangö's county first
    expect(help.body.indexOf('Västra Nylands välfärdsområde')).toBeLessThan(
      help.body.indexOf('Östra Nylands välfärdsområde'),
    );
    expect(help.body).toContain('Nollinjen');
    expect(help.body).toContain('Hangö hör till det här välfärdsområdet.');
  });

  it('has a privacy statement and a complete accessibility statement in all three languages', async () => {
    for (const lang of ['fi', 'sv', 'en']) {
      const p = await app.inject({ url: `/${lang}/privacy` });
      expect(p.statusCode).toBe(200);
      for (const id of ['location', 'feedback', 'registrations', 'concerns', 'professionals', 'rights'])
        expect(p.body, `${lang} ${id}`).toContain(`id="${id}"`);
      expect(p.body).toContain('tietosuoja.fi');
      const a = await app.inject({ url: `/${lang}/accessibility` });
      expect(a.body).toContain('saavutettavuusvaatimukset.fi');
      expect(a.body).toContain('mailto:');
      expect(a.body).toContain('14');
    }
  });
});
