/**
 * PTV services stay in sync with PTV: their PTV fields cannot be changed here (the API rejects an attempt with
 * 400 and saves nothing; the form has no inputs for them, so a forged field is ignored), while the local
 * additions — life situations and the network note — are edited and published. A re-import from PTV keeps the
 * local additions. Freshness: services not reviewed for twelve months are listed to their editors and, across
 * organisations, to coordinators; "still correct" marks a service reviewed today and is audited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveService } from '../../src/core/directory/saveRecords.js';
import type { ServiceInput } from '../../src/core/directory/types.js';
import { helsinkiToday, twelveMonthsBefore } from '../../src/core/editing/dates.js';
import type { ServiceDraftData } from '../../src/core/editing/types.js';
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
import { apiState, serviceFormFields } from './support.js';

const PTV_SERVICE: ServiceInput = {
  key: 'ptv-0d1c9a7e-0000-4000-8000-000000000001',
  organizationKey: 't-askola',
  source: 'ptv',
  name: { fi: 'Kasvatus- ja perheneuvonta', sv: 'Uppfostrings- och familjerådgivning' },
  summary: { fi: 'Tukea lapsen kasvuun ja perheen arkeen.', sv: 'Stöd för barnets uppväxt och familjens vardag.' },
  description: { fi: 'Kasvatus- ja perheneuvonta on maksutonta.' },
  languages: ['fi', 'sv'],
  modes: ['in_person', 'phone'],
  fee: 'free',
  access: 'appointment',
  areas: ['018'],
  lifeSituations: ['parenting'],
  serviceClasses: ['P3.1'],
  lastReviewed: '2026-10-01',
  phones: [{ number: '+358 40 000 0099' }],
};

describe.each(testDatabases())('PTV services and freshness on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  const askola = idFromKey('organization', 't-askola');
  const hanko = idFromKey('organization', 't-hanko');
  const ptvId = idFromKey('service', PTV_SERVICE.key);
  const perhetyo = idFromKey('service', 't-perhetyo'); // Askola, last reviewed 2024-06-01
  const kuraattori = idFromKey('service', 't-kuraattori-hanko');
  let editor: Agent;
  let hankoEditor: Agent;
  let coordinator: Agent;
  let editorId: string;

  // The directory, the PTV service and the people, once, kept as a template: the tests share one copy of it, with
  // one app and the people signed in, except those that change what others read, which have their own (ownDatabase).
  let template: DatabaseTemplate;
  const start = async () => {
    d = await template.copy();
    app = await testApp(d);
    editor = new Agent(app);
    await editor.signIn('eeva@askola.test');
    hankoEditor = new Agent(app);
    await hankoEditor.signIn('hanna@hanko.test');
    coordinator = new Agent(app);
    await coordinator.signIn('kaisa@uusimaa.test');
  };
  const stop = async () => {
    await app?.close();
    await d?.dispose();
  };
  beforeAll(async () => {
    template = await createDatabaseTemplate(kind, async ({ db }) => {
      await loadDemoData(db, [directoryFixture()]);
      await saveService(db, PTV_SERVICE);
      editorId = await addTestPerson(db, {
        email: 'eeva@askola.test',
        name: 'Eeva Editori',
        memberships: [{ organizationId: askola, role: 'editor' }],
      });
      await addTestPerson(db, {
        email: 'hanna@hanko.test',
        name: 'Hanna Hanko',
        memberships: [{ organizationId: hanko, role: 'editor' }],
      });
      await addTestPerson(db, { email: 'kaisa@uusimaa.test', name: 'Kaisa Koordinaattori', systemRole: 'coordinator' });
    });
    await start();
  });
  afterAll(async () => {
    await stop();
    await template?.dispose();
  });
  /** For the describe block that calls it: each test on a copy of its own, with its own app and sign-ins. */
  const ownDatabase = () => {
    let shared: [TestDatabase, FastifyInstance, Agent, Agent, Agent];
    beforeEach(async () => {
      shared = [d, app, editor, hankoEditor, coordinator];
      await start();
    });
    afterEach(async () => {
      await stop();
      [d, app, editor, hankoEditor, coordinator] = shared;
    });
  };

  const live = async () => {
    const s = await d.db
      .selectFrom('service')
      .select(['name', 'summary', 'description', 'languages', 'modes', 'network_note', 'source', 'fee', 'access'])
      .where('id', '=', ptvId)
      .executeTakeFirstOrThrow();
    const terms = await d.db
      .selectFrom('service_taxonomy_term as st')
      .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
      .select(['t.code', 't.taxonomy_id', 'st.origin'])
      .where('st.service_id', '=', ptvId)
      .orderBy('t.code')
      .execute();
    return { ...s, terms };
  };

  it('shows the PTV fields read-only and the local additions editable', async () => {
    const page = await editor.get(`/fi/work/services/${ptvId}/edit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tämä palvelu tulee Palvelutietovarannosta (PTV)');
    expect(page.body).toMatch(
      /<input type="text" id="name-fi" lang="fi" readOnly="" value="Kasvatus- ja perheneuvonta"\/>/,
    );
    expect(page.body).not.toContain('name="name.fi"');
    expect(page.body).toContain('name="networkNote.fi"');
    expect(page.body).toMatch(/id="lifeSituations-parenting" disabled="" checked=""/);
    expect(page.body).toContain('name="lifeSituations" value="baby"');
    const state = await apiState<ServiceDraftData>(editor, 'services', ptvId);
    expect(state.read_only_fields).toEqual(
      expect.arrayContaining(['name', 'summary', 'description', 'languages', 'phones', 'hours', 'areas']),
    );
    expect(state.read_only_fields).not.toContain('lifeSituations');
    expect(state.read_only_fields).not.toContain('networkNote');
    expect(state.ptv_life_situations).toEqual(['parenting']);
  });

  it('rejects a change to a PTV field through the API (400, nothing saved)', async () => {
    const before = await live();
    for (const body of [
      { name: { fi: 'Oma nimi' } },
      { languages: ['fi'] },
      { networkNote: { fi: 'Sallittu' }, summary: { fi: 'Ei sallittu' } },
      { lifeSituations: ['baby'] },
    ]) {
      const res = await editor.json('PUT', `/api/v1/editing/services/${ptvId}/draft?lang=sv`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const json = res.json() as { error: string; message: string; problems: { field: string; message: string }[] };
      expect(json.error).toBe('ptv_read_only');
      expect(json.message).toBe('Uppgifter som kommer från PTV kan inte ändras här. Ingenting sparades.');
      expect(json.problems[0]!.message).toContain('PTV');
    }
    expect(await live()).toEqual(before);
    expect(await d.db.selectFrom('record_draft').select('id').where('record_id', '=', ptvId).execute()).toEqual([]);
  });

  describe('on a database of its own (it publishes and re-imports the PTV service)', () => {
    ownDatabase();

    it('ignores a forged PTV field in the form, and publishes the local additions only', async () => {
      const state = await apiState<ServiceDraftData>(editor, 'services', ptvId);
      const fields = serviceFormFields(state.data, {
        'name.fi': 'Väärennetty nimi',
        'summary.fi': 'Väärennetty',
        lifeSituations: ['baby', 'separation'],
        'networkNote.fi': 'Ohjaa eroperheet ensin perheneuvolaan.',
        'networkNote.sv': 'Hänvisa familjer i skilsmässa först till familjerådgivningen.',
        action: 'changes',
      });
      const res = await editor.postForm(`/fi/work/services/${ptvId}/edit`, fields);
      expect(res.statusCode).toBe(303);
      const draft = await apiState<ServiceDraftData>(editor, 'services', ptvId);
      expect(draft.data.name.fi).toBe('Kasvatus- ja perheneuvonta');
      expect(draft.data.lifeSituations).toEqual(['baby', 'parenting', 'separation']); // PTV's own stays
      expect(draft.changes.map((c) => c.field).sort()).toEqual(['lifeSituations', 'networkNote', 'networkNote']);
      expect((await editor.postForm(`/fi/work/services/${ptvId}/publish`, {})).statusCode).toBe(303);

      const after = await live();
      expect(after.name).toEqual(PTV_SERVICE.name);
      expect(after.summary).toEqual(PTV_SERVICE.summary);
      expect(after.source).toBe('ptv');
      expect(after.network_note).toEqual({
        fi: 'Ohjaa eroperheet ensin perheneuvolaan.',
        sv: 'Hänvisa familjer i skilsmässa först till familjerådgivningen.',
      });
      expect(after.terms.filter((t) => t.taxonomy_id === 'life-situation')).toEqual([
        { code: 'baby', taxonomy_id: 'life-situation', origin: 'local' },
        { code: 'parenting', taxonomy_id: 'life-situation', origin: 'ptv' },
        { code: 'separation', taxonomy_id: 'life-situation', origin: 'local' },
      ]);
      expect(after.terms.find((t) => t.code === 'P3.1')).toMatchObject({ origin: 'ptv' });
      // Families find it by the added life situation.
      const search = await app.inject({
        method: 'GET',
        url: '/api/v1/services?life_situation=separation&municipality=018',
      });
      expect((search.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(ptvId);
      const [audit] = await d.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'service.publish')
        .where('object_id', '=', ptvId)
        .execute();
      expect((audit!.before as ServiceDraftData).lifeSituations).toEqual(['parenting']);
      expect((audit!.after as ServiceDraftData).lifeSituations).toEqual(['baby', 'parenting', 'separation']);

      // A later import from PTV replaces the PTV fields and keeps the local additions.
      await saveService(d.db, {
        ...PTV_SERVICE,
        name: { fi: 'Perheneuvola', sv: 'Familjerådgivningen' },
        lifeSituations: ['parenting', 'family_strain'],
      });
      const reimported = await live();
      expect(reimported.name).toEqual({ fi: 'Perheneuvola', sv: 'Familjerådgivningen' });
      expect(reimported.network_note).toEqual(after.network_note);
      expect(reimported.terms.filter((t) => t.taxonomy_id === 'life-situation').map((t) => t.code)).toEqual([
        'baby',
        'family_strain',
        'parenting',
        'separation',
      ]);
    });
  });

  it('lists services not reviewed for twelve months: editors their own, coordinators all, by organisation', async () => {
    await d.db.updateTable('service').set({ last_reviewed: '2025-01-15' }).where('id', '=', kuraattori).execute();
    const own = await editor.get('/fi/work/review');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Sosiaalihuollon perhetyö');
    expect(own.body).not.toContain('Koulukuraattori');
    expect(own.body).toContain(`action="/fi/work/services/${perhetyo}/review"`);

    const all = await coordinator.get('/sv/work/review');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Familjearbete inom socialvården');
    expect(all.body).toContain('Skolkurator');
    expect(all.body).toMatch(/<h2 id="org-[^"]+">Askola kommun/);
    expect(all.body).toMatch(/<h2 id="org-[^"]+">Hangö stad/);
    expect(all.body).not.toContain(`/work/services/${perhetyo}/review`); // coordinators flag, editors confirm
    const api = await coordinator.get('/api/v1/editing/stale');
    const body = api.json() as {
      cutoff: string;
      total: number;
      organizations: { id: string; services: { id: string; can_review: boolean }[] }[];
    };
    expect(body.cutoff).toBe(twelveMonthsBefore(helsinkiToday()));
    expect(body.organizations.map((o) => o.id)).toEqual(expect.arrayContaining([askola, hanko]));
    expect(body.organizations.flatMap((o) => o.services).every((s) => !s.can_review)).toBe(true);
    const hankoOnly = await hankoEditor.get('/api/v1/editing/stale');
    expect((hankoOnly.json() as typeof body).organizations.map((o) => o.id)).toEqual([hanko]);
    // The coordinator may not confirm on the units' behalf.
    expect((await coordinator.postForm(`/fi/work/services/${perhetyo}/review`, {})).statusCode).toBe(403);
  });

  describe('on a database of its own (it marks services reviewed)', () => {
    ownDatabase();

    it('"still correct" marks the service reviewed today in one click, audited with before and after', async () => {
      // The search's card shows the review date: read (and remembered) before, the new date right after.
      const searchedCard = async () =>
        (
          (await app.inject({ url: '/api/v1/services?q=perhety%C3%B6' })).json() as {
            items: { id: string; last_reviewed: string | null }[];
          }
        ).items.find((i) => i.id === perhetyo);
      expect((await searchedCard())?.last_reviewed).toBe('2024-06-01');
      const res = await editor.postForm(`/fi/work/services/${perhetyo}/review`, { next: 'review' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/fi/work/review?notice=reviewed');
      const row = await d.db
        .selectFrom('service')
        .select(['last_reviewed', 'last_reviewed_by'])
        .where('id', '=', perhetyo)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ last_reviewed: helsinkiToday(), last_reviewed_by: editorId });
      const [audit] = await d.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'service.review')
        .where('object_id', '=', perhetyo)
        .execute();
      expect(audit).toMatchObject({ actor_id: editorId, organization_id: askola, outcome: 'ok' });
      expect(audit!.before).toEqual({ lastReviewed: '2024-06-01', lastReviewedBy: null });
      expect(audit!.after).toEqual({ lastReviewed: helsinkiToday(), lastReviewedBy: editorId });
      const page = await editor.get('/fi/work/review?notice=reviewed');
      expect(page.body).toContain('Palvelu on merkitty tarkistetuksi tänään.');
      expect(page.body).not.toContain('Sosiaalihuollon perhetyö');
      expect((await searchedCard())?.last_reviewed).toBe(helsinkiToday());
      const publicPage = await app.inject({ method: 'GET', url: `/fi/services/${perhetyo}` });
      expect(publicPage.body).not.toContain('reviewed-stale');
      // The API does the same.
      const api = await hankoEditor.json('POST', `/api/v1/editing/services/${kuraattori}/review`);
      expect(api.statusCode).toBe(200);
      expect(api.json()).toEqual({ id: kuraattori, last_reviewed: helsinkiToday() });
    });
  });
});
