/**
 * Life-event guides over HTTP on both databases: the separation guide shows Hanko's and Raasepori's own services
 * from the directory in Finnish and Swedish; the JSON; coordinators keep a draft, preview, publish and review it;
 * everybody else is refused and nothing changes.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../support/agent.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { demoApp, PEOPLE, serviceId } from './support.js';

const stepSections = (html: string) => html.split('class="guide-step"').slice(1);

describe.each(testDatabases())('life-event guides (%s)', (kind) => {
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

  it('lists the demo guides, separation first', async () => {
    const res = await app.inject({ url: '/fi/guides' });
    expect(res.statusCode).toBe(200);
    const order = ['/fi/guides/separation', '/fi/guides/expecting', '/fi/guides/moving', '/fi/guides/special-needs'];
    const at = order.map((h) => res.body.indexOf(`href="${h}"`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('shows the separation guide for Hanko with Hanko’s services from the directory, in Finnish', async () => {
    const res = await app.inject({ url: '/fi/guides/separation?municipality=078' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Kun perhe harkitsee eroa tai eroaa');
    expect(res.body).toContain('Valittu kunta: Hanko.');
    const steps = stepSections(res.body);
    expect(steps).toHaveLength(7);
    // Step 1: separation support and the family counselling clinic that serve Hanko
    expect(steps[0]).toContain(`/fi/services/${serviceId('raasepori-stod-vid-skilsmassa')}`);
    expect(steps[0]).toContain(`/fi/services/${serviceId('raasepori-familjeradgivning')}`);
    // Step 2: the support group for children of separated parents
    expect(steps[1]).toContain(`/fi/services/${serviceId('raasepori-stodgrupp-skilsmassa')}`);
    // Step 4 is text only: no list, no "choose" prompt
    expect(steps[3]).not.toContain('service-card');
    // Step 5: Hanko's own family work
    expect(steps[4]).toContain(`/fi/services/${serviceId('hanko-perhetyo')}`);
    // Step 7: the county's social and crisis emergency service
    expect(steps[6]).toContain(`/fi/services/${serviceId('lansi-uusimaa-sosiaali-ja-kriisipaivystys')}`);
    // Nothing from outside Hanko: Raasepori's own family work does not serve Hanko
    expect(res.body).not.toContain(serviceId('raasepori-familjearbete'));
    expect(res.body).not.toContain(serviceId('askola-perheohjaus'));
  });

  it('shows the same guide in Swedish for Raasepori, with Raasepori’s services', async () => {
    const res = await app.inject({ url: '/sv/guides/separation?municipality=710' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('När familjen funderar på skilsmässa eller separerar');
    expect(res.body).toContain('Stöd vid skilsmässa i Raseborg');
    const steps = stepSections(res.body);
    expect(steps[4]).toContain(`/sv/services/${serviceId('raasepori-familjecentral-servicehandledning')}`);
    expect(steps[4]).toContain(`/sv/services/${serviceId('raasepori-familjearbete')}`);
    expect(res.body).not.toContain(serviceId('hanko-perhetyo'));
  });

  it('asks for a municipality first, and treats an unknown one as no choice', async () => {
    for (const url of [
      '/fi/guides/separation',
      '/fi/guides/separation?municipality=999',
      '/fi/guides/separation?municipality=',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('name="municipality"');
      expect(res.body).not.toContain('service-card');
      expect(res.body).toContain('Valitse kuntasi nähdäksesi');
    }
    expect((await app.inject({ url: '/fi/guides/no-such-guide' })).statusCode).toBe(404);
  });

  it('follows the directory: a service taken out of use leaves the guide at once', async () => {
    const id = serviceId('raasepori-stodgrupp-skilsmassa');
    await d.db.updateTable('service').set({ status: 'inactive' }).where('id', '=', id).execute();
    await d.db.updateTable('service_search').set({ active: false }).where('service_id', '=', id).execute();
    try {
      const res = await app.inject({ url: '/fi/guides/separation?municipality=078' });
      expect(res.body).not.toContain(id);
    } finally {
      await d.db.updateTable('service').set({ status: 'active' }).where('id', '=', id).execute();
      await d.db.updateTable('service_search').set({ active: true }).where('service_id', '=', id).execute();
    }
  });

  it('answers in JSON with each step’s services, and refuses an unknown municipality', async () => {
    const res = await app.inject({ url: '/api/v1/guides/separation?municipality=078&lang=sv' });
    expect(res.statusCode).toBe(200);
    const g = res.json() as {
      title: { text: string; lang: string };
      steps: { services: { id: string }[] | null; services_total: number | null }[];
    };
    expect(g.title).toEqual({ text: 'När familjen funderar på skilsmässa eller separerar', lang: 'sv' });
    expect(g.steps[0]!.services!.map((s) => s.id)).toContain(serviceId('raasepori-stod-vid-skilsmassa'));
    expect(g.steps[3]!.services).toBeNull();
    const bad = await app.inject({ url: '/api/v1/guides/separation?municipality=999' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: 'municipality_unknown',
      problems: [{ field: 'municipality', code: 'municipality_unknown' }],
    });
    expect((await app.inject({ url: '/api/v1/guides/none' })).statusCode).toBe(404);
    const list = await app.inject({ url: '/api/v1/guides?lang=fi' });
    expect((list.json() as { slug: string }[]).map((x) => x.slug)).toEqual([
      'separation',
      'expecting',
      'moving',
      'special-needs',
    ]);
    const openapi = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/guides', '/api/v1/guides/{slug}']));
  });

  it('lets a coordinator save a draft the public does not see, preview it, publish it and mark it reviewed', async () => {
    const a = new Agent(app);
    await a.signIn(PEOPLE.coordinator);
    const list = await a.get('/fi/work/guides');
    expect(list.statusCode).toBe(200);
    const g = await d.db.selectFrom('guide').selectAll().where('slug', '=', 'expecting').executeTakeFirstOrThrow();
    const edit = await a.get(`/fi/work/guides/${g.id}/edit`);
    expect(edit.statusCode).toBe(200);
    const content = g.published!;
    const fields: Record<string, string | string[]> = {
      slug: 'expecting',
      sort: '20',
      review_by: '2027-06-30',
      'title.fi': 'Kun odotatte vauvaa – päivitetty',
      'title.sv': 'När ni väntar barn – uppdaterad',
      'title.en': '',
      'summary.fi': content.summary.fi!,
      'summary.sv': content.summary.sv!,
      'summary.en': '',
    };
    content.steps.forEach((s, i) => {
      fields[`steps[${i}].title.fi`] = s.title.fi!;
      fields[`steps[${i}].title.sv`] = s.title.sv!;
      fields[`steps[${i}].title.en`] = s.title.en ?? '';
      fields[`steps[${i}].body.fi`] = s.body.fi!;
      fields[`steps[${i}].body.sv`] = s.body.sv!;
      fields[`steps[${i}].body.en`] = s.body.en ?? '';
      fields[`steps[${i}].life_situations`] = s.lifeSituations;
      fields[`steps[${i}].service_classes`] = s.serviceClasses.join(', ');
      fields[`steps[${i}].keywords`] = s.keywords.join(', ');
    });
    // The last step removed
    fields[`steps[${content.steps.length - 1}].remove`] = 'yes';

    // A missing Swedish title is refused, and what was typed comes back
    const refused = await a.postForm(`/fi/work/guides/${g.id}/edit`, { ...fields, 'title.sv': '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Kirjoita teksti myös ruotsiksi.');
    expect(refused.body).toContain('Kun odotatte vauvaa – päivitetty');

    const saved = await a.postForm(`/fi/work/guides/${g.id}/edit`, fields);
    expect(saved.statusCode).toBe(303);
    expect((await app.inject({ url: '/fi/guides/expecting' })).body).not.toContain('päivitetty');
    const preview = await a.get(`/fi/work/guides/${g.id}/preview?municipality=078`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Kun odotatte vauvaa – päivitetty');
    expect(preview.body).toContain(serviceId('hanko-aitiys-ja-lastenneuvola'));

    expect((await a.postForm(`/fi/work/guides/${g.id}/publish`, {})).statusCode).toBe(303);
    const pub = await app.inject({ url: '/fi/guides/expecting' });
    expect(pub.body).toContain('Kun odotatte vauvaa – päivitetty');
    expect(stepSections(pub.body)).toHaveLength(content.steps.length - 1);

    expect((await a.postForm(`/fi/work/guides/${g.id}/reviewed`, {})).statusCode).toBe(303);
    const after = await d.db.selectFrom('guide').selectAll().where('id', '=', g.id).executeTakeFirstOrThrow();
    expect(after.draft).toBeNull();
    expect(after.last_reviewed).not.toBeNull();
    const actions = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_id', '=', g.id)
      .orderBy('id')
      .execute();
    expect(actions.map((x) => x.action)).toEqual(
      expect.arrayContaining(['guide.draft_save', 'guide.publish', 'guide.review']),
    );
  });

  it('creates a new guide, and refuses an address another guide has (409)', async () => {
    const a = new Agent(app);
    await a.signIn(PEOPLE.coordinator);
    const base = {
      slug: 'school-start',
      sort: '50',
      review_by: '2027-12-31',
      'title.fi': 'Kun lapsi aloittaa koulun',
      'title.sv': 'När barnet börjar skolan',
      'summary.fi': 'Kouluun ilmoittautuminen ja tuki.',
      'summary.sv': 'Anmälan till skolan och stöd.',
      'steps[0].title.fi': 'Ilmoittaudu kouluun',
      'steps[0].title.sv': 'Anmäl dig till skolan',
      'steps[0].body.fi': 'Kunta lähettää kutsun.',
      'steps[0].body.sv': 'Kommunen skickar en kallelse.',
      'steps[0].life_situations': 'school_age',
      'steps[0].service_classes': 'p4.9',
      'steps[0].keywords': '',
    };
    const taken = await a.postForm('/fi/work/guides/new', { ...base, slug: 'separation' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Toisella oppaalla on jo tämä osoite.');
    const badClass = await a.postForm('/fi/work/guides/new', { ...base, 'steps[0].service_classes': 'P99.9' });
    expect(badClass.statusCode).toBe(400);
    expect(badClass.body).toContain('P99.9');
    const created = await a.postForm('/fi/work/guides/new', base);
    expect(created.statusCode).toBe(303);
    // Not public until published
    expect((await app.inject({ url: '/fi/guides/school-start' })).statusCode).toBe(404);
    const row = await d.db.selectFrom('guide').selectAll().where('slug', '=', 'school-start').executeTakeFirstOrThrow();
    expect(row.draft!.steps[0]!.serviceClasses).toEqual(['P4.9']);
  });

  it('refuses everyone but coordinators, and nothing changes', async () => {
    const g = await d.db.selectFrom('guide').selectAll().where('slug', '=', 'moving').executeTakeFirstOrThrow();
    const before = JSON.stringify(g);
    const fields = { slug: 'moving', sort: '1', review_by: '2027-01-01', 'title.fi': 'X', 'title.sv': 'Y' };

    const anon = new Agent(app, '10.0.0.9');
    expect((await anon.get('/fi/work/guides')).statusCode).toBe(303); // to sign-in
    expect((await anon.postForm(`/fi/work/guides/${g.id}/edit`, fields)).statusCode).toBe(401);
    expect((await anon.postForm(`/fi/work/guides/${g.id}/publish`, {})).statusCode).toBe(401);

    for (const email of [PEOPLE.countyEditor, PEOPLE.member]) {
      const a = new Agent(app, '10.0.0.8');
      await a.signIn(email);
      expect((await a.get('/fi/work/guides')).statusCode, email).toBe(403);
      expect((await a.get(`/fi/work/guides/${g.id}/edit`)).statusCode, email).toBe(403);
      expect((await a.get(`/fi/work/guides/${g.id}/preview`)).statusCode, email).toBe(403);
      expect((await a.postForm(`/fi/work/guides/${g.id}/edit`, fields)).statusCode, email).toBe(403);
      expect((await a.postForm(`/fi/work/guides/${g.id}/publish`, {})).statusCode, email).toBe(403);
      expect((await a.postForm(`/fi/work/guides/${g.id}/reviewed`, {})).statusCode, email).toBe(403);
      expect((await a.postForm('/fi/work/guides/new', { ...fields, slug: 'sneaky' })).statusCode, email).toBe(403);
    }
    const after = await d.db.selectFrom('guide').selectAll().where('id', '=', g.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(after)).toBe(before);
    expect(await d.db.selectFrom('guide').select('id').where('slug', '=', 'sneaky').executeTakeFirst()).toBeUndefined();
    const denied = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});
