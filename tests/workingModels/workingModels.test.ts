/**
 * Working models and onboarding (issue 16) on both databases, over HTTP: the demo's five models written from the
 * seeds; open data of published public models by municipality; drafts, publishing (fi and sv required), versions;
 * who may see and change what (signed out, another municipality's editor, a professional who is not a keeper),
 * each refusal changing nothing; the VATU onboarding path: the lead builds, the member ticks, the lead sees
 * progress, nobody else sees it; programme tracking links an experiment to the model that grew from it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { runDueJobs, type JobLog } from '../../src/core/jobs/jobs.js';
import { createMailer } from '../../src/core/mail/mailer.js';
import { loadDemoWorkingModels } from '../../src/demo/workingModels/demoWorkingModels.js';
import { startMailbox } from '../support/mailbox.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { DEMO_PASSWORD, loadFullDemo } from './support.js';

const DEMO_KEYS = [
  'askola-vatu',
  'hanko-nuorten-vanhempien-vertaistuki',
  'raasepori-de-otroliga-aren',
  'raasepori-oppilashuoltoryhma',
  'raasepori-varhaiskasvatus-perhekeskus',
];

describe.each(testDatabases())('working models and onboarding on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
    const loaded = await loadFullDemo(d.db);
    expect(loaded).toEqual({ models: 5, onboarding: true });
    app = await testApp(d, { AUTH_RATE_LIMIT: '1000' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });
  const as = async (email: string) => {
    const a = new Agent(app);
    await a.signIn(email, DEMO_PASSWORD);
    return a;
  };
  const modelRow = (key: string) =>
    d.db.selectFrom('working_model').selectAll().where('key', '=', key).executeTakeFirstOrThrow();

  it('the demo: five published models from the seeds, loaded once, open data by municipality', async () => {
    expect(await loadDemoWorkingModels(d.db)).toEqual({ models: 0, onboarding: false });
    const all = (await app.inject({ url: '/api/v1/working-models' })).json() as { working_models: { key: string }[] };
    expect(all.working_models.map((m) => m.key)).toEqual(DEMO_KEYS);
    const raasepori = (await app.inject({ url: '/api/v1/working-models?municipality=710' })).json() as {
      working_models: { key: string; municipalities: { code: string }[] }[];
    };
    expect(raasepori.working_models.map((m) => m.key)).toEqual([
      'raasepori-de-otroliga-aren',
      'raasepori-oppilashuoltoryhma',
      'raasepori-varhaiskasvatus-perhekeskus',
    ]);
    const bad = await app.inject({ url: '/api/v1/working-models?municipality=999' });
    expect(bad.statusCode).toBe(400);
    const vatu = (await app.inject({ url: '/api/v1/working-models/askola-vatu' })).json();
    expect(vatu).toMatchObject({
      key: 'askola-vatu',
      name: {
        fi: 'VATU – varhaisen tuen tiimi ja sen viikkokokous',
        sv: 'VATU – teamet för tidigt stöd och dess veckomöte',
      },
      roles: { fi: expect.arrayContaining(['Perheohjaajat', 'Psykiatrinen sairaanhoitaja']) },
      municipalities: [{ code: '018', since: null }],
      version: 1,
    });
    expect(vatu.summary.fi).toContain('kuka tahansa voi tuoda huolensa');
    expect(vatu.steps.fi).toHaveLength(5);
    expect(vatu.contacts).toEqual([{ name: 'Pekka Virtanen', title: expect.any(Object) }]);
    expect(JSON.stringify(vatu)).not.toContain('@');
    const innokyla = (await app.inject({ url: '/api/v1/working-models/askola-vatu/innokyla' })).json();
    expect(innokyla).toMatchObject({
      format: 'yhdessa-innokyla-1',
      perustiedot: { toimintamallin_nimi: vatu.name, toteutuspaikka: [{ kuntanumero: '018' }] },
      toteutus: { vaiheet: vatu.steps },
    });
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/working-models', '/api/v1/working-models/{key}']),
    );
  });

  it('public pages in Finnish and Swedish; the experiment it grew from links to it', async () => {
    const list = await app.inject({ url: '/sv/working-models?municipality=078' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Riktat kamratstöd för unga föräldrar');
    expect(list.body).not.toContain('VATU');
    const page = await app.inject({ url: '/sv/working-models/raasepori-de-otroliga-aren' });
    expect(page.body).toContain('<h1>De otroliga åren – familjegrupper</h1>');
    expect(page.body).toContain('Hur modellen fungerar, steg för steg');
    expect(page.body).toMatch(/href="\/sv\/programme\/municipalities\/710#action-[0-9a-f-]+"/);
    expect(page.body).toContain('href="/sv/services/');
    // Contact details only for signed-in professionals.
    expect(page.body).not.toContain('mailto:');
    const plan = await app.inject({ url: '/fi/programme/municipalities/710' });
    expect(plan.body).toContain('href="/fi/working-models/raasepori-de-otroliga-aren"');
    expect(plan.body).toContain('href="/fi/working-models/raasepori-oppilashuoltoryhma"');
    const json = (await app.inject({ url: '/api/v1/programme.json' })).json() as {
      plans: { experiments: { title: string; working_models: { key: string }[] }[] }[];
    };
    const iy = json.plans.flatMap((p) => p.experiments).find((e) => e.title.startsWith('Ihmeelliset vuodet'))!;
    expect(iy.working_models.map((m) => m.key)).toEqual(['raasepori-de-otroliga-aren']);
  });

  it("a draft is its keepers' only; publishing needs Finnish and Swedish; network-only until made public", async () => {
    const keeper = await as('lape@raasepori.demo');
    const org = (
      await d.db
        .selectFrom('organization')
        .select('id')
        .where('key', '=', 'raasepori-kaupunki')
        .executeTakeFirstOrThrow()
    ).id;
    const created = await keeper.postForm('/fi/work/working-models/new', {
      organization: org,
      'name.fi': 'Lapsiasiamiestoiminta',
      'summary.fi': 'Lapsiasiamiehet tuovat lasten näkökulman päätöksiin.',
      'steps.fi': 'Lapsiasiamies kuulee lapsia.\nHuomiot viedään päätöksentekoon.',
      municipalities: '710',
      'since.710': '2030-01-01',
    });
    expect(created.statusCode).toBe(400);
    expect(created.body).toContain('ei voi olla tulevaisuudessa');
    expect(created.body).toContain('Lapsiasiamiehet tuovat lasten näkökulman päätöksiin.');
    const ok = await keeper.postForm('/fi/work/working-models/new', {
      organization: org,
      'name.fi': 'Lapsiasiamiestoiminta',
      'summary.fi': 'Lapsiasiamiehet tuovat lasten näkökulman päätöksiin.',
      'steps.fi': 'Lapsiasiamies kuulee lapsia.\nHuomiot viedään päätöksentekoon.',
      municipalities: '710',
      'since.710': '2019-01-01',
    });
    expect(ok.statusCode).toBe(303);
    const row = await modelRow('lapsiasiamiestoiminta');
    expect(row.published).toBeNull();
    expect((await app.inject({ url: '/fi/working-models/lapsiasiamiestoiminta' })).statusCode).toBe(404);
    const other = await as('mll@askola.demo');
    expect((await other.get('/fi/working-models/lapsiasiamiestoiminta')).statusCode).toBe(404);
    const own = await keeper.get('/fi/working-models/lapsiasiamiestoiminta');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Tätä mallia ei ole vielä julkaistu');

    const refused = await keeper.postForm(`/fi/work/working-models/${row.id}/publish`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Julkaisu vaatii nimen suomeksi ja ruotsiksi.');
    expect((await modelRow('lapsiasiamiestoiminta')).version).toBe(0);

    const saved = await keeper.postForm(`/sv/work/working-models/${row.id}/edit`, {
      'name.fi': 'Lapsiasiamiestoiminta',
      'name.sv': 'Barnombudsmannaverksamheten',
      'summary.fi': 'Lapsiasiamiehet tuovat lasten näkökulman päätöksiin.',
      'summary.sv': 'Barnombudsmännen för in barnens perspektiv i besluten.',
      'steps.fi': 'Lapsiasiamies kuulee lapsia.\nHuomiot viedään päätöksentekoon.',
      'steps.sv': 'Barnombudsmannen hör barn.\nIakttagelserna förs in i beslutsfattandet.',
      municipalities: '710',
      'since.710': '2019-01-01',
    });
    expect(saved.statusCode).toBe(303);
    const published = await keeper.postForm(`/sv/work/working-models/${row.id}/publish`, {});
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/sv/working-models/lapsiasiamiestoiminta?notice=published#wm-notice');
    expect((await modelRow('lapsiasiamiestoiminta')).version).toBe(1);
    // Published but not public: professionals see it, the public and open data do not.
    expect((await other.get('/sv/working-models/lapsiasiamiestoiminta')).statusCode).toBe(200);
    expect((await app.inject({ url: '/sv/working-models/lapsiasiamiestoiminta' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/working-models/lapsiasiamiestoiminta' })).statusCode).toBe(404);
    const again = await keeper.postForm(`/sv/work/working-models/${row.id}/publish`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('det finns inget att publicera');
    // A second version; the first stays readable.
    const changed = await keeper.postForm(`/fi/work/working-models/${row.id}/edit`, {
      'name.fi': 'Lapsiasiamiestoiminta',
      'name.sv': 'Barnombudsmannaverksamheten',
      'summary.fi': 'Lapsiasiamiehet tuovat lasten näkökulman kaikkiin päätöksiin.',
      'summary.sv': 'Barnombudsmännen för in barnens perspektiv i alla beslut.',
      'steps.fi': 'Lapsiasiamies kuulee lapsia.',
      'steps.sv': 'Barnombudsmannen hör barn.',
      municipalities: '710',
    });
    expect(changed.statusCode).toBe(303);
    expect((await keeper.postForm(`/fi/work/working-models/${row.id}/publish`, {})).statusCode).toBe(303);
    const v1 = await other.get('/fi/working-models/lapsiasiamiestoiminta/versions/1');
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toContain('Lapsiasiamiehet tuovat lasten näkökulman päätöksiin.');
    expect(v1.body).toContain('Näet mallin aiemman version 1.');
    const current = await other.get('/fi/working-models/lapsiasiamiestoiminta');
    expect(current.body).toContain('kaikkiin päätöksiin');
    expect(current.body).toContain('href="/fi/working-models/lapsiasiamiestoiminta/versions/2"');
    expect((await other.get('/fi/working-models/lapsiasiamiestoiminta/versions/9')).statusCode).toBe(404);
    expect((await other.get('/fi/working-models/lapsiasiamiestoiminta/versions/x')).statusCode).toBe(404);
    expect((await app.inject({ url: '/fi/working-models/lapsiasiamiestoiminta/versions/1' })).statusCode).toBe(404);
    const audit = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_id', '=', row.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'working_model.created',
      'working_model.draft_saved',
      'working_model.published',
      'working_model.draft_saved',
      'working_model.published',
    ]);
  });

  it('refuses those who may not keep a model: 401, 403, nothing changed, the denial logged', async () => {
    const row = await modelRow('raasepori-de-otroliga-aren');
    const hanko = await as('toimittaja@hanko.demo');
    expect((await hanko.get(`/fi/work/working-models/${row.id}/edit`)).statusCode).toBe(403);
    const post = await hanko.postForm(`/fi/work/working-models/${row.id}/edit`, { 'name.fi': 'Kaapattu' });
    expect(post.statusCode).toBe(403);
    expect((await hanko.postForm(`/fi/work/working-models/${row.id}/publish`, {})).statusCode).toBe(403);
    const anon = await app.inject({
      method: 'POST',
      url: `/fi/work/working-models/${row.id}/edit`,
      payload: 'name.fi=Kaapattu',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await hanko.postForm(`/fi/work/working-models/${row.id}/edit`, { 'name.fi': 'X' }, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    const redirect = await app.inject({ url: '/fi/work/working-models' });
    expect(redirect.statusCode).toBe(303);
    expect(await modelRow('raasepori-de-otroliga-aren')).toEqual(row);
    const denied = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'access.denied')
      .where('actor_name', '=', 'Jonas Holm')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('onboarding: the VATU lead sees progress, the new member ticks items, nobody else sees the path', async () => {
    const path = await d.db.selectFrom('onboarding_path').selectAll().executeTakeFirstOrThrow();
    const lead = await as('paakayttaja@ita-uusimaa.demo');
    const member = await as('perhetyo@ita-uusimaa.demo');
    const items = await d.db
      .selectFrom('onboarding_item')
      .selectAll()
      .where('path_id', '=', path.id)
      .orderBy('position')
      .execute();
    expect(items.map((i) => i.kind)).toEqual(expect.arrayContaining(['working_model', 'person', 'service', 'task']));
    const total = items.length;
    const team = await lead.get(`/fi/work/onboarding/teams/${path.team_id}`);
    expect(team.statusCode).toBe(200);
    expect(team.body).toContain(`0/${total} tehty`);

    const mine = await member.get('/fi/work/onboarding');
    expect(mine.body).toContain(`href="/fi/work/onboarding/${path.id}"`);
    const page = await member.get(`/fi/work/onboarding/${path.id}`);
    expect(page.body).toContain('href="/fi/working-models/askola-vatu"');
    expect(page.body).toContain('Osallistu VATUn viikkokokoukseen');
    const ticked = await member.postForm(`/fi/work/onboarding/items/${items[0]!.id}/done`, { done: '1' });
    expect(ticked.statusCode).toBe(303);
    expect(ticked.headers.location).toBe(`/fi/work/onboarding/${path.id}?notice=item_done#wm-notice`);
    expect((await lead.get(`/fi/work/onboarding/teams/${path.team_id}`)).body).toContain(`1/${total} tehty`);

    // The lead sees it but does not tick for the member; the member does not build the path.
    expect((await lead.postForm(`/fi/work/onboarding/items/${items[1]!.id}/done`, { done: '1' })).statusCode).toBe(403);
    expect(
      (await member.postForm(`/fi/work/onboarding/${path.id}/items`, { kind: 'task', note: 'Oma' })).statusCode,
    ).toBe(403);
    expect((await member.get(`/fi/work/onboarding/teams/${path.team_id}`)).statusCode).toBe(403);
    const added = await lead.postForm(`/fi/work/onboarding/${path.id}/items`, {
      kind: 'task',
      note: 'Lue Askolan perhekeskusverkoston palvelukuvaukset.',
    });
    expect(added.statusCode).toBe(303);
    const empty = await lead.postForm(`/fi/work/onboarding/${path.id}/items`, { kind: 'person', person: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Valitse henkilö.');

    // Another member of the team, another municipality's editor, signed out: nothing.
    for (const email of ['mll@askola.demo', 'toimittaja@hanko.demo']) {
      const other = await as(email);
      expect((await other.get(`/fi/work/onboarding/${path.id}`)).statusCode).toBe(403);
      expect((await other.postForm(`/fi/work/onboarding/items/${items[2]!.id}/done`, { done: '1' })).statusCode).toBe(
        403,
      );
      expect((await other.postForm(`/fi/work/onboarding/items/${items[2]!.id}/remove`, {})).statusCode).toBe(403);
    }
    const anonGet = await app.inject({ url: `/fi/work/onboarding/${path.id}` });
    expect(anonGet.statusCode).toBe(303);
    expect(anonGet.headers.location).toMatch(/^\/fi\/sign-in\?next=/);
    const anonPost = await app.inject({
      method: 'POST',
      url: `/fi/work/onboarding/items/${items[2]!.id}/done`,
      payload: 'done=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anonPost.statusCode).toBe(401);
    const after = await d.db
      .selectFrom('onboarding_item')
      .select(['id', 'done_at'])
      .where('path_id', '=', path.id)
      .orderBy('position')
      .execute();
    expect(after).toHaveLength(total + 1);
    expect(after.filter((i) => i.done_at).map((i) => i.id)).toEqual([items[0]!.id]);
    const reads = await d.db
      .selectFrom('audit_event')
      .select('actor_name')
      .where('action', '=', 'onboarding.path_read')
      .where('object_id', '=', path.id)
      .execute();
    expect(reads.map((r) => r.actor_name)).toContain('Pekka Virtanen');
  });

  it("reminds a model's owners once when its review date comes, with only a link", async () => {
    const mailbox = await startMailbox();
    const quiet: JobLog = { info() {}, warn() {}, error() {} };
    const env = {
      db: d.db,
      mailer: createMailer({ smtpUrl: mailbox.url, from: 'noreply@yhdessa.test' }),
      config: readConfig({ PUBLIC_URL: 'http://yhdessa.test' }),
      log: quiet,
    };
    try {
      await d.db
        .updateTable('working_model')
        .set({ review_due: '2026-11-01' })
        .where('key', '=', 'askola-vatu')
        .execute();
      await runDueJobs(env, { schedules: ['workingModels.review_due'], now: new Date('2026-12-06T06:00:00Z') });
      const mail = await mailbox.waitFor('paakayttaja@ita-uusimaa.demo');
      expect(mail.subject).toBe('Toimintamallin tarkistus on ajankohtainen');
      const vatu = await modelRow('askola-vatu');
      expect(mail.text).toContain(`http://yhdessa.test/fi/work/working-models/${vatu.id}/edit`);
      expect(mail.text).not.toContain('huolensa');
      const count = mailbox.messages.length;
      await runDueJobs(env, { schedules: ['workingModels.review_due'], now: new Date('2026-12-07T06:00:00Z') });
      expect(mailbox.messages.length).toBe(count);
      // Models whose date is still ahead are not reminded.
      expect(mailbox.messages.some((m) => m.to.includes('lape@raasepori.demo'))).toBe(false);
    } finally {
      await mailbox.close();
    }
  });
});
