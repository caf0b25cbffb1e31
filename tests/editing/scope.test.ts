/**
 * Scope through HTTP: an editor of Hanko cannot read, edit, publish, discard or review Askola's services — every
 * attempt answers 403, changes nothing and is logged as a denial; a member who is not an editor gets 403 too;
 * without a session, writes answer 401. Pages and API alike.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDraftData } from '../../src/core/editing/types.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { apiState, serviceFormFields } from './support.js';

describe.each(testDatabases())('editing scope on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  const askola = idFromKey('organization', 't-askola');
  const hanko = idFromKey('organization', 't-hanko');
  const perhetyo = idFromKey('service', 't-perhetyo');
  const kuraattori = idFromKey('service', 't-kuraattori-hanko');
  const hankoLocation = idFromKey('location', 't-hanko-koulu');
  let askolaEditor: Agent;
  let hankoEditor: Agent;
  let member: Agent;
  let draftId: string;

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    app = await testApp(d);
    await addTestPerson(d.db, {
      email: 'eeva@askola.test',
      name: 'Eeva Askola',
      memberships: [{ organizationId: askola, role: 'editor' }],
    });
    await addTestPerson(d.db, {
      email: 'hanna@hanko.test',
      name: 'Hanna Hanko',
      memberships: [
        { organizationId: hanko, role: 'editor' },
        { organizationId: askola, role: 'member' },
      ],
    });
    await addTestPerson(d.db, {
      email: 'matti@askola.test',
      name: 'Matti Member',
      memberships: [{ organizationId: askola, role: 'member' }],
    });
    askolaEditor = new Agent(app);
    await askolaEditor.signIn('eeva@askola.test');
    hankoEditor = new Agent(app);
    await hankoEditor.signIn('hanna@hanko.test');
    member = new Agent(app);
    await member.signIn('matti@askola.test');
    // Askola's editor has a draft waiting (so discarding and publishing have something to refuse).
    const s = await apiState<ServiceDraftData>(askolaEditor, 'services', perhetyo);
    await askolaEditor.postForm(
      `/fi/work/services/${perhetyo}/edit`,
      serviceFormFields(s.data, { 'summary.fi': 'Askolan oma luonnos.' }),
    );
    // …and a new service not yet published (addressed by its draft's id).
    const created = await askolaEditor.json('POST', '/api/v1/editing/services', {
      organization_id: askola,
      data: { name: { fi: 'Askolan uusi palvelu' }, areas: ['018'] },
    });
    expect(created.statusCode).toBe(201);
    draftId = (created.json() as { id: string }).id;
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const snapshot = async () => ({
    service: await d.db
      .selectFrom('service')
      .select(['name', 'summary', 'last_reviewed', 'last_reviewed_by', 'network_note', 'updated_at'])
      .where('id', '=', perhetyo)
      .executeTakeFirstOrThrow(),
    drafts: await d.db
      .selectFrom('record_draft')
      .select(['id', 'data', 'status', 'updated_at'])
      .orderBy('id')
      .execute(),
    changes: await d.db
      .selectFrom('audit_event')
      .select('id')
      .where('outcome', '=', 'ok')
      .where('action', 'not like', 'auth.%')
      .execute(),
  });

  it("the Hanko editor gets 403 for every page and form of Askola's service, and nothing changes", async () => {
    const before = await snapshot();
    const deniedBefore = (
      await d.db.selectFrom('audit_event').select('id').where('action', '=', 'access.denied').execute()
    ).length;
    for (const url of [
      `/fi/work/services/${perhetyo}/edit`,
      `/fi/work/services/${perhetyo}/preview`,
      `/fi/work/services/${perhetyo}/changes`,
      `/fi/work/services/new?organization=${askola}`,
      `/fi/work/services/${draftId}/edit`,
    ]) {
      const res = await hankoEditor.get(url);
      expect(res.statusCode, url).toBe(403);
      // The error page says which right is missing.
      expect(res.body).toContain('Sinulla ei ole oikeutta muokata tämän organisaation palveluja.');
    }
    const s = await apiState<ServiceDraftData>(askolaEditor, 'services', perhetyo);
    const forms: [string, Record<string, string | string[]>][] = [
      [`/fi/work/services/${perhetyo}/edit`, serviceFormFields(s.data, { 'name.fi': 'Hangon kaappaus' })],
      [
        `/fi/work/services/new?organization=${askola}`,
        serviceFormFields(s.data, { 'name.fi': 'Hangon uusi palvelu Askolaan' }),
      ],
      [`/fi/work/services/${perhetyo}/submit`, {}],
      [`/fi/work/services/${perhetyo}/publish`, {}],
      [`/fi/work/services/${perhetyo}/discard`, {}],
      [`/fi/work/services/${perhetyo}/rebase`, {}],
      [`/fi/work/services/${perhetyo}/review`, { next: 'review' }],
    ];
    for (const [url, fields] of forms) {
      const res = await hankoEditor.postForm(url, fields);
      expect(res.statusCode, url).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
    const denied = await d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'access.denied')
      .orderBy('id')
      .execute();
    expect(denied.length - deniedBefore).toBe(5 + forms.length);
    expect(denied.at(-1)).toMatchObject({ outcome: 'denied', actor_name: 'Hanna Hanko', organization_id: askola });
    expect(denied.at(-1)!.details).toMatchObject({ permission: 'service.review', method: 'POST' });
  });

  it('the Hanko editor gets 403 from the API too, and nothing changes', async () => {
    const before = await snapshot();
    const calls: [string, () => Promise<{ statusCode: number; json: () => unknown }>][] = [
      ['GET state', () => hankoEditor.get(`/api/v1/editing/services/${perhetyo}`)],
      ['GET new draft', () => hankoEditor.get(`/api/v1/editing/services/${draftId}`)],
      [
        'PUT new draft',
        () => hankoEditor.json('PUT', `/api/v1/editing/services/${draftId}/draft`, { name: { fi: 'Hangon kaappaus' } }),
      ],
      ['publish new draft', () => hankoEditor.json('POST', `/api/v1/editing/services/${draftId}/publish`)],
      [
        'PUT draft',
        () =>
          hankoEditor.json('PUT', `/api/v1/editing/services/${perhetyo}/draft`, { name: { fi: 'Hangon kaappaus' } }),
      ],
      [
        'POST new',
        () =>
          hankoEditor.json('POST', '/api/v1/editing/services', {
            organization_id: askola,
            data: { name: { fi: 'X' } },
          }),
      ],
      ['submit', () => hankoEditor.json('POST', `/api/v1/editing/services/${perhetyo}/submit`)],
      ['publish', () => hankoEditor.json('POST', `/api/v1/editing/services/${perhetyo}/publish`)],
      ['rebase', () => hankoEditor.json('POST', `/api/v1/editing/services/${perhetyo}/rebase`)],
      ['discard', () => hankoEditor.json('DELETE', `/api/v1/editing/services/${perhetyo}/draft`)],
      ['review', () => hankoEditor.json('POST', `/api/v1/editing/services/${perhetyo}/review`)],
      ['stale of Askola', () => hankoEditor.get(`/api/v1/editing/stale?organization=${askola}`)],
    ];
    for (const [name, call] of calls) {
      const res = await call();
      expect(res.statusCode, name).toBe(403);
      expect(res.json(), name).toMatchObject({ error: 'forbidden' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("the Hanko editor may edit Hanko's own service and location, and sees only Hanko in the list", async () => {
    expect((await hankoEditor.get(`/fi/work/services/${kuraattori}/edit`)).statusCode).toBe(200);
    expect((await hankoEditor.get(`/fi/work/locations/${hankoLocation}/edit`)).statusCode).toBe(200);
    expect(
      (await hankoEditor.get(`/fi/work/locations/${idFromKey('location', 't-askola-hyvinvointineuvola')}/edit`))
        .statusCode,
    ).toBe(403);
    const list = await hankoEditor.get('/fi/work/services');
    expect(list.body).toContain('Koulukuraattori');
    expect(list.body).not.toContain('Sosiaalihuollon perhetyö');
    // A service may be linked only to the organisation's own locations.
    const s = await apiState<ServiceDraftData>(hankoEditor, 'services', kuraattori);
    const res = await hankoEditor.json('PUT', `/api/v1/editing/services/${kuraattori}/draft`, {
      locations: [...s.data.locations, idFromKey('location', 't-askola-hyvinvointineuvola')],
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { problems: { field: string; code: string }[] }).problems).toEqual([
      expect.objectContaining({ field: 'locations', code: 'unknown' }),
    ]);
    expect((await hankoEditor.json('POST', `/api/v1/editing/services/${kuraattori}/publish`)).statusCode).toBe(400);
    expect((await hankoEditor.json('DELETE', `/api/v1/editing/services/${kuraattori}/draft`)).statusCode).toBe(204);
  });

  it('a member who is not an editor gets 403 on the workspace pages, forms and API of their own organisation', async () => {
    const before = await snapshot();
    for (const url of [
      '/fi/work/services',
      `/fi/work/services/${perhetyo}/edit`,
      '/fi/work/review',
      `/fi/work/services/${perhetyo}/changes`,
    ]) {
      expect((await member.get(url)).statusCode, url).toBe(403);
    }
    const s = await apiState<ServiceDraftData>(askolaEditor, 'services', perhetyo);
    expect(
      (
        await member.postForm(
          `/fi/work/services/${perhetyo}/edit`,
          serviceFormFields(s.data, { 'name.fi': 'Jäsenen muutos' }),
        )
      ).statusCode,
    ).toBe(403);
    expect((await member.postForm(`/fi/work/services/${perhetyo}/review`, {})).statusCode).toBe(403);
    expect((await member.postForm(`/fi/work/services/${perhetyo}/publish`, {})).statusCode).toBe(403);
    expect(
      (await member.json('PUT', `/api/v1/editing/services/${perhetyo}/draft`, { name: { fi: 'Jäsenen muutos' } }))
        .statusCode,
    ).toBe(403);
    expect((await member.get('/api/v1/editing/stale')).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    // The member is a professional of the network: they see the network note on the public page, but no edit link.
    await d.db
      .updateTable('service')
      .set({ network_note: JSON.stringify({ fi: 'Soita ensin sosiaalityöntekijälle.' }) })
      .where('id', '=', perhetyo)
      .execute();
    const page = await member.get(`/fi/services/${perhetyo}`);
    expect(page.body).toContain('Soita ensin sosiaalityöntekijälle.');
    expect(page.body).not.toContain(`/fi/work/services/${perhetyo}/edit`);
    const editorPage = await askolaEditor.get(`/fi/services/${perhetyo}`);
    expect(editorPage.body).toContain(`/fi/work/services/${perhetyo}/edit`);
    const anonymous = await app.inject({ method: 'GET', url: `/fi/services/${perhetyo}` });
    expect(anonymous.body).not.toContain('Soita ensin sosiaalityöntekijälle.');
    expect(anonymous.body).not.toContain('/work/services/');
    const api = await app.inject({ method: 'GET', url: `/api/v1/services/${perhetyo}` });
    expect(api.body).not.toContain('Soita ensin');
  });

  it('without a session: pages send to sign-in, writes answer 401, the API answers 401', async () => {
    const anon = new Agent(app);
    const page = await anon.get(`/fi/work/services/${perhetyo}/edit`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/fi/sign-in?next=');
    expect((await anon.postForm(`/fi/work/services/${perhetyo}/edit`, { 'name.fi': 'x' })).statusCode).toBe(401);
    expect((await anon.postForm(`/fi/work/services/${perhetyo}/review`, {})).statusCode).toBe(401);
    expect((await anon.get(`/api/v1/editing/services/${perhetyo}`)).statusCode).toBe(401);
    expect((await anon.get('/api/v1/editing/stale')).statusCode).toBe(401);
    expect(
      (await anon.request({ method: 'POST', url: `/api/v1/editing/services/${perhetyo}/publish` })).statusCode,
    ).toBe(401);
  });
});
