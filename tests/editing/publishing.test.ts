/**
 * Editing through HTTP: an editor edits their organisation's service in the form, sees the changes, publishes,
 * and families see the result on the public page and in search. Invalid input is kept as a draft and answered
 * with 400 and translated messages; the second-person rule; a draft started before someone else published;
 * new services and locations; every change audited with before and after.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocationDraftData, ServiceDraftData } from '../../src/core/editing/types.js';
import { helsinkiToday } from '../../src/core/editing/dates.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import {
  createDatabaseTemplate,
  testDatabases,
  type DatabaseTemplate,
  type TestDatabase,
} from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { apiState, locationFormFields, serviceFormFields } from './support.js';

describe.each(testDatabases())('editing and publishing on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  const askola = idFromKey('organization', 't-askola');
  const perhetyo = idFromKey('service', 't-perhetyo');
  const paivakoti = idFromKey('service', 't-paivakoti');
  let eeva: Agent;
  let eemeli: Agent;
  let eevaId: string;

  // The directory and the editors, once, kept as a template: the tests that only read share one copy of it, with
  // one app and the editors signed in; those that edit, publish or change settings each have their own (ownDatabase).
  let template: DatabaseTemplate;
  const start = async () => {
    d = await template.copy();
    app = await testApp(d);
    eeva = new Agent(app);
    await eeva.signIn('eeva@askola.test');
    eemeli = new Agent(app);
    await eemeli.signIn('eemeli@askola.test');
  };
  const stop = async () => {
    await app?.close();
    await d?.dispose();
  };
  beforeAll(async () => {
    template = await createDatabaseTemplate(kind, async ({ db }) => {
      await loadDemoData(db, [directoryFixture()]);
      eevaId = await addTestPerson(db, {
        email: 'eeva@askola.test',
        name: 'Eeva Editori',
        memberships: [{ organizationId: askola, role: 'editor' }],
      });
      await addTestPerson(db, {
        email: 'eemeli@askola.test',
        name: 'Eemeli Editori',
        memberships: [{ organizationId: askola, role: 'editor' }],
      });
    });
    await start();
  });
  afterAll(async () => {
    await stop();
    await template?.dispose();
  });
  /** For the describe block that calls it: each test on a copy of its own, with its own app and sign-ins. */
  const ownDatabase = () => {
    let shared: [TestDatabase, FastifyInstance, Agent, Agent];
    beforeEach(async () => {
      shared = [d, app, eeva, eemeli];
      await start();
    });
    afterEach(async () => {
      await stop();
      [d, app, eeva, eemeli] = shared;
    });
  };

  const audits = (action: string, objectId?: string) => {
    let q = d.db.selectFrom('audit_event').selectAll().where('action', '=', action);
    if (objectId) q = q.where('object_id', '=', objectId);
    return q.orderBy('id').execute();
  };

  it("lists my organisation's services with their state and offers a new service", async () => {
    const res = await eeva.get('/fi/work/services');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sosiaalihuollon perhetyö');
    expect(res.body).toContain('Päiväkoti Auringonkukka');
    expect(res.body).not.toContain('Koulukuraattori'); // Hanko's
    expect(res.body).toContain(`/fi/work/services/new?organization=${askola}`);
    expect(res.body).toContain('Tarkistettava'); // t-perhetyo was last reviewed in 2024
  });

  it('shows the form with fi | sv | en side by side', async () => {
    const res = await eeva.get(`/sv/work/services/${perhetyo}/edit`);
    expect(res.statusCode).toBe(200);
    for (const l of ['fi', 'sv', 'en']) expect(res.body).toContain(`name="name.${l}"`);
    expect(res.body).toContain('name="description.sv" lang="sv"');
    expect(res.body).toContain('Familjearbete inom socialvården');
    expect(res.body).toContain('name="networkNote.fi"');
    expect(res.body).toContain('name="hours[0].opens"');
    expect(res.body).toContain('Spara utkastet');
  });

  describe('each on a database of its own', () => {
    ownDatabase();

    it('an editor edits, sees the diff, publishes; the public page and search show the change; all audited', async () => {
      const before = await apiState<ServiceDraftData>(eeva, 'services', perhetyo);
      expect(before.draft).toBeNull();
      const save = await eeva.postForm(
        `/fi/work/services/${perhetyo}/edit`,
        serviceFormFields(before.data, {
          'description.fi':
            'Työskentelemme yhdessä neuvolan, koulujen ja päiväkotien kanssa. Soita perhetyöntekijälle.',
          'name.en': 'Family work',
          'networkNote.fi': 'Ohjaa perhe sosiaalityöntekijän kautta.',
          action: 'changes',
        }),
      );
      expect(save.statusCode).toBe(303);
      expect(save.headers.location).toBe(`/fi/work/services/${perhetyo}/changes`);

      // Not published yet: the public page is as it was.
      const publicBefore = await app.inject({ method: 'GET', url: `/en/services/${perhetyo}` });
      expect(publicBefore.body).not.toContain('Family work');

      const changes = await eeva.get(`/fi/work/services/${perhetyo}/changes`);
      expect(changes.statusCode).toBe(200);
      expect(changes.body).toContain(
        '<span>Työskentelemme yhdessä neuvolan</span><ins>,</ins><span> </span><ins>koulujen </ins><span>ja päiväkotien kanssa.</span>',
      );
      expect(changes.body).toContain('<ins> Soita perhetyöntekijälle.</ins>');
      expect(changes.body).toMatch(/<th scope="row">Nimi<\/th><td>Englanniksi<\/td>/);
      expect(changes.body).toContain('<ins>Family work</ins>');
      expect(changes.body).toContain('Huomio verkostolle');
      expect(changes.body).toContain(`action="/fi/work/services/${perhetyo}/publish"`);

      const preview = await eeva.get(`/fi/work/services/${perhetyo}/preview`);
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('Esikatselu');
      expect(preview.body).toContain('koulujen ja päiväkotien');

      const pub = await eeva.postForm(`/fi/work/services/${perhetyo}/publish`, {});
      expect(pub.statusCode).toBe(303);
      expect(pub.headers.location).toBe(`/fi/work/services/${perhetyo}/edit?notice=published`);

      const publicAfter = await app.inject({ method: 'GET', url: `/en/services/${perhetyo}` });
      expect(publicAfter.body).toContain('Family work');
      expect(publicAfter.body).not.toContain('Ohjaa perhe sosiaalityöntekijän kautta'); // the network note is for professionals
      const search = await app.inject({ method: 'GET', url: '/api/v1/services?q=koulujen&lang=fi' });
      expect((search.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(perhetyo);
      const row = await d.db
        .selectFrom('service')
        .select(['last_reviewed', 'last_reviewed_by', 'network_note', 'key', 'source'])
        .where('id', '=', perhetyo)
        .executeTakeFirstOrThrow();
      expect(row.last_reviewed).toBe(helsinkiToday());
      expect(row.last_reviewed_by).toBe(eevaId);
      expect(row.network_note).toEqual({ fi: 'Ohjaa perhe sosiaalityöntekijän kautta.' });
      expect(row.key).toBe('t-perhetyo');
      expect(row.source).toBe('demo');
      expect(await d.db.selectFrom('record_draft').select('id').where('record_id', '=', perhetyo).execute()).toEqual(
        [],
      );

      const [saved] = await audits('service.draft_save', perhetyo);
      expect(saved!.actor_id).toBe(eevaId);
      expect((saved!.before as ServiceDraftData).name.en).toBeUndefined();
      expect((saved!.after as ServiceDraftData).name.en).toBe('Family work');
      const [published] = await audits('service.publish', perhetyo);
      expect(published!.organization_id).toBe(askola);
      expect((published!.before as ServiceDraftData).description.fi).toBe(
        'Työskentelemme yhdessä neuvolan ja päiväkotien kanssa.',
      );
      expect((published!.after as ServiceDraftData).description.fi).toContain('koulujen');
      expect((published!.after as ServiceDraftData).networkNote.fi).toBe('Ohjaa perhe sosiaalityöntekijän kautta.');
    });

    it('keeps an invalid draft as typed and answers 400 with translated field errors; publishing waits', async () => {
      const s = await apiState<ServiceDraftData>(eeva, 'services', paivakoti);
      const res = await eeva.postForm(
        `/sv/work/services/${paivakoti}/edit`,
        serviceFormFields(s.data, {
          'name.fi': '',
          'name.sv': '',
          ageMin: 'tre',
          email: 'inte-en-adress',
          'hours[0].days': ['MO', 'TU'],
          'hours[0].opens': '25:00',
          'hours[0].closes': '12:00',
          'summary.fi': 'Tämä teksti ei saa kadota.',
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Skriv namnet på finska eller svenska.');
      expect(res.body).toContain('Skriv åldern som ett heltal mellan 0 och 29.');
      expect(res.body).toContain('Skriv e-postadressen i formen namn@exempel.fi.');
      expect(res.body).toContain('Skriv klockslaget i formen 08:00.');
      expect(res.body).toContain('href="#hours-0-opens"');
      expect(res.body).toContain('id="hours-0-opens"');
      expect(res.body).toContain('value="tre"');
      expect(res.body).toContain('Tämä teksti ei saa kadota.');
      const draft = await d.db
        .selectFrom('record_draft')
        .select('data')
        .where('record_id', '=', paivakoti)
        .executeTakeFirstOrThrow();
      expect(draft.data).toMatchObject({
        ageMin: 'tre',
        email: 'inte-en-adress',
        summary: { fi: 'Tämä teksti ei saa kadota.' },
      });
      // The published service is untouched, and the draft cannot be published.
      const live = await d.db
        .selectFrom('service')
        .select(['name', 'email'])
        .where('id', '=', paivakoti)
        .executeTakeFirstOrThrow();
      expect(live.name).toEqual({ fi: 'Päiväkoti Auringonkukka', sv: 'Daghemmet Solrosen' });
      const pub = await eeva.postForm(`/fi/work/services/${paivakoti}/publish`, {});
      expect(pub.statusCode).toBe(400);
      expect(pub.body).toContain('Luonnoksessa on korjattavaa ennen kuin sen voi lähettää tai julkaista.');

      // The API says the same, in the reader's language, and keeps what was sent.
      const api = await eeva.json('PUT', `/api/v1/editing/services/${paivakoti}/draft?lang=en`, {
        ageMax: 'x',
        url: 'example.fi',
      });
      expect(api.statusCode).toBe(400);
      const body = api.json() as {
        error: string;
        draft_saved: boolean;
        problems: { field: string; message: string }[];
      };
      expect(body.error).toBe('invalid_draft');
      expect(body.draft_saved).toBe(true);
      expect(body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'url', message: 'Write the whole web address, starting with https://.' }),
          expect.objectContaining({ field: 'ageMax', message: 'Write the age as a whole number from 0 to 29.' }),
        ]),
      );
      const after = await apiState<ServiceDraftData>(eeva, 'services', paivakoti);
      expect(after.data).toMatchObject({ ageMin: 'tre', ageMax: 'x', url: 'example.fi' });
      // Fixed: the draft becomes publishable again.
      const fixed = await eeva.json('PUT', `/api/v1/editing/services/${paivakoti}/draft`, {
        name: s.data.name,
        ageMin: '',
        ageMax: '',
        email: '',
        url: '',
        hours: s.data.hours,
        summary: s.data.summary,
      });
      expect(fixed.statusCode).toBe(200);
      expect((fixed.json() as { problems: unknown[] }).problems).toEqual([]);
      expect((await eeva.json('DELETE', `/api/v1/editing/services/${paivakoti}/draft`)).statusCode).toBe(204);
      const discarded = await audits('service.draft_discard', paivakoti);
      expect(discarded.length).toBe(1);
      expect((discarded[0]!.before as ServiceDraftData).summary.fi).toBe(s.data.summary.fi);
    });

    it('second-person rule: the submitter cannot publish, another editor can', async () => {
      await d.db
        .updateTable('organization')
        .set({ publish_needs_second_person: true })
        .where('id', '=', askola)
        .execute();
      try {
        const s = await apiState<ServiceDraftData>(eeva, 'services', paivakoti);
        expect(
          (
            await eeva.postForm(
              `/fi/work/services/${paivakoti}/edit`,
              serviceFormFields(s.data, { 'summary.fi': 'Pieni päiväkoti kirkonkylällä.' }),
            )
          ).statusCode,
        ).toBe(303);

        // Not submitted yet: nobody can publish.
        const early = await eeva.postForm(`/fi/work/services/${paivakoti}/publish`, {});
        expect(early.statusCode).toBe(409);
        expect(early.body).toContain('toinen henkilö julkaisee sen');

        const changes = await eeva.get(`/fi/work/services/${paivakoti}/changes`);
        expect(changes.body).toContain(`action="/fi/work/services/${paivakoti}/submit"`);
        expect(changes.body).not.toContain(`action="/fi/work/services/${paivakoti}/publish"`);
        expect((await eeva.postForm(`/fi/work/services/${paivakoti}/submit`, {})).statusCode).toBe(303);

        const own = await eeva.postForm(`/fi/work/services/${paivakoti}/publish`, {});
        expect(own.statusCode).toBe(403);
        expect(own.body).toContain('Et voi julkaista luonnosta, jonka itse lähetit julkaistavaksi.');
        const ownApi = await eeva.json('POST', `/api/v1/editing/services/${paivakoti}/publish`);
        expect(ownApi.statusCode).toBe(403);
        expect((ownApi.json() as { error: string }).error).toBe('second_person_required');
        expect(
          (await d.db.selectFrom('service').select('summary').where('id', '=', paivakoti).executeTakeFirstOrThrow())
            .summary.fi,
        ).not.toBe('Pieni päiväkoti kirkonkylällä.');
        const denied = await d.db
          .selectFrom('audit_event')
          .selectAll()
          .where('action', '=', 'service.publish')
          .where('outcome', '=', 'denied')
          .execute();
        expect(denied.length).toBe(2);

        // The other editor sees the publish button and publishes.
        const other = await eemeli.get(`/fi/work/services/${paivakoti}/changes`);
        expect(other.body).toContain(`action="/fi/work/services/${paivakoti}/publish"`);
        expect(other.body).toContain('Julkaistavaksi lähettänyt: Eeva Editori.');
        const ok = await eemeli.postForm(`/fi/work/services/${paivakoti}/publish`, {});
        expect(ok.statusCode).toBe(303);
        expect(
          (await d.db.selectFrom('service').select('summary').where('id', '=', paivakoti).executeTakeFirstOrThrow())
            .summary.fi,
        ).toBe('Pieni päiväkoti kirkonkylällä.');
        const [submitted] = await audits('service.draft_submit', paivakoti);
        expect(submitted!.after).toMatchObject({ status: 'submitted', submittedBy: eevaId });
        const published = (await audits('service.publish', paivakoti)).filter((a) => a.outcome === 'ok');
        expect(published.at(-1)!.actor_name).toBe('Eemeli Editori');
        expect(published.at(-1)!.details).toMatchObject({ submittedBy: eevaId });
      } finally {
        await d.db
          .updateTable('organization')
          .set({ publish_needs_second_person: false })
          .where('id', '=', askola)
          .execute();
      }
    });

    it('notices a change published after the draft started and brings the draft up to date', async () => {
      const s = await apiState<ServiceDraftData>(eeva, 'services', paivakoti);
      await eeva.postForm(
        `/fi/work/services/${paivakoti}/edit`,
        serviceFormFields(s.data, { 'description.fi': 'Eevan uusi kuvaus.' }),
      );
      const draftRow = await d.db
        .selectFrom('record_draft')
        .select(['id', 'data', 'base'])
        .where('record_id', '=', paivakoti)
        .executeTakeFirstOrThrow();
      // The published record moves on meanwhile (as an import or another flow would change it).
      await d.db.updateTable('service').set({ email: 'paivakoti@example.fi' }).where('id', '=', paivakoti).execute();

      const blocked = await eeva.postForm(`/fi/work/services/${paivakoti}/publish`, {});
      expect(blocked.statusCode).toBe(409);
      expect(blocked.body).toContain('Julkaistu versio on muuttunut');
      expect(blocked.body).toContain('<ins>paivakoti@example.fi</ins>');

      expect((await eeva.postForm(`/fi/work/services/${paivakoti}/rebase`, {})).statusCode).toBe(303);
      const merged = await apiState<ServiceDraftData>(eeva, 'services', paivakoti);
      expect(merged.base_changed).toBe(false);
      expect(merged.data.email).toBe('paivakoti@example.fi'); // taken from the published record
      expect(merged.data.description.fi).toBe('Eevan uusi kuvaus.'); // the editor's change stays
      expect((await audits('service.draft_rebase', paivakoti)).length).toBe(1);
      expect(draftRow.id).toBe(merged.draft!.id);

      expect((await eeva.postForm(`/fi/work/services/${paivakoti}/publish`, {})).statusCode).toBe(303);
      const live = await d.db
        .selectFrom('service')
        .select(['email', 'description'])
        .where('id', '=', paivakoti)
        .executeTakeFirstOrThrow();
      expect(live.email).toBe('paivakoti@example.fi');
      expect(live.description.fi).toBe('Eevan uusi kuvaus.');
    });

    it('creates a new service from the form: a draft first, then published with a local key', async () => {
      const form = await eeva.get(`/fi/work/services/new?organization=${askola}`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Uusi palvelu');
      const created = await eeva.postForm(`/fi/work/services/new?organization=${askola}`, {
        'name.fi': 'Vauvaperhekerho',
        'name.sv': 'Klubb för babyfamiljer',
        'summary.fi': 'Kerho vauvaperheille kirkonkylällä.',
        languages: ['fi', 'sv'],
        modes: ['in_person'],
        fee: 'free',
        access: 'no_referral',
        areas: ['018'],
        lifeSituations: ['baby', 'meeting_others'],
        'hours[0].days': ['WE'],
        'hours[0].opens': '09:30',
        'hours[0].closes': '11:30',
        'hours[1].opens': '',
        'hours[1].closes': '',
        action: 'save',
      });
      expect(created.statusCode).toBe(303);
      const draftId = /\/work\/services\/([0-9a-f-]{36})\/edit/.exec(created.headers.location as string)![1]!;
      const list = await eeva.get('/fi/work/services');
      expect(list.body).toContain('Vauvaperhekerho');
      expect(list.body).toContain('Ei vielä julkaistu');
      const pub = await eeva.postForm(`/fi/work/services/${draftId}/publish`, {});
      expect(pub.statusCode).toBe(303);
      const serviceId = /\/work\/services\/([0-9a-f-]{36})\/edit/.exec(pub.headers.location as string)![1]!;
      const row = await d.db
        .selectFrom('service')
        .select(['key', 'organization_id', 'source', 'last_reviewed'])
        .where('id', '=', serviceId)
        .executeTakeFirstOrThrow();
      expect(row.key).toBe(`local-${draftId}`);
      expect(row).toMatchObject({ organization_id: askola, source: 'local', last_reviewed: helsinkiToday() });
      const page = await app.inject({ method: 'GET', url: `/sv/services/${serviceId}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Klubb för babyfamiljer');
      const search = await app.inject({ method: 'GET', url: '/api/v1/services?q=vauvaperhekerho' });
      expect((search.json() as { items: { id: string }[] }).items[0]!.id).toBe(serviceId);
      const [audit] = await audits('service.publish', serviceId);
      expect(audit!.before).toBeNull();
      expect(audit!.details).toMatchObject({ created: true, draftId });
    });

    it("edits a location's accessibility and hours with the same draft flow; services there show it", async () => {
      const hva = idFromKey('organization', 't-askola-hva');
      await addTestPerson(d.db, {
        email: 'hva@askola.test',
        name: 'Hilla HVA',
        memberships: [{ organizationId: hva, role: 'editor' }],
      });
      const h = new Agent(app);
      await h.signIn('hva@askola.test');
      const loc = idFromKey('location', 't-askola-hyvinvointineuvola');
      const s = await apiState<LocationDraftData>(h, 'locations', loc);
      const bad = await h.postForm(
        `/fi/work/locations/${loc}/edit`,
        locationFormFields(s.data, { postalCode: '7500', lat: '60,5297', lon: '' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Kirjoita postinumero viitenä numerona');
      expect(bad.body).toContain('Anna sekä leveys- että pituusaste');
      const ok = await h.postForm(
        `/fi/work/locations/${loc}/edit`,
        locationFormFields(s.data, {
          'accessibility.fi': 'Esteetön sisäänkäynti ja hissi.',
          'hours[0].closes': '15:00',
          action: 'changes',
        }),
      );
      expect(ok.statusCode).toBe(303);
      const changes = await h.get(`/fi/work/locations/${loc}/changes`);
      expect(changes.body).toContain('<ins> ja hissi</ins>');
      expect((await h.postForm(`/fi/work/locations/${loc}/publish`, {})).statusCode).toBe(303);
      const page = await app.inject({ method: 'GET', url: `/fi/services/${idFromKey('service', 't-lastenneuvola')}` });
      expect(page.body).toContain('Esteetön sisäänkäynti ja hissi.');
      expect(page.body).toContain('8.00–15.00');
      const [audit] = await audits('location.publish', loc);
      expect((audit!.before as LocationDraftData).accessibility.fi).toBe('Esteetön sisäänkäynti.');
      expect((audit!.after as LocationDraftData).accessibility.fi).toBe('Esteetön sisäänkäynti ja hissi.');
    });
  });

  it('documents the editing API in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/editing/services/{id}',
        '/api/v1/editing/services/{id}/draft',
        '/api/v1/editing/services/{id}/publish',
        '/api/v1/editing/services/{id}/review',
        '/api/v1/editing/stale',
        '/api/v1/editing/locations/{id}/draft',
      ]),
    );
    expect(doc.paths['/api/v1/editing/services/{id}/draft']).toHaveProperty('put');
  });
});
