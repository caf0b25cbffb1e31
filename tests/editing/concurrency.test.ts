/**
 * Optimistic concurrency in editing (issue 17, item 3): two editors who open the same record and save it are
 * never both "saved" with one change silently gone. The form and the JSON API carry the version the editor
 * started from; the second save over a changed record is refused (409) with both versions, what was typed kept
 * and the other's change shown. A JSON patch without a version is applied to the record as it is now, so
 * saves of different fields at the same moment keep both, even when neither had a draft yet.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocationDraftData, ServiceDraftData } from '../../src/core/editing/types.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { apiState, locationFormFields, serviceFormFields } from './support.js';

const versionIn = (html: string) => /name="version" value="([^"]+)"/.exec(html)?.[1];

describe.each(testDatabases())('two editors saving the same record on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let eeva: Agent;
  let eemeli: Agent;
  const askola = idFromKey('organization', 't-askola');
  const hva = idFromKey('organization', 't-askola-hva');
  const perhetyo = idFromKey('service', 't-perhetyo');
  const location = idFromKey('location', 't-askola-hyvinvointineuvola');

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    for (const [email, name] of [
      ['eeva@askola.test', 'Eeva Editori'],
      ['eemeli@askola.test', 'Eemeli Editori'],
    ] as const)
      await addTestPerson(d.db, {
        email,
        name,
        memberships: [
          { organizationId: askola, role: 'org_admin' },
          { organizationId: hva, role: 'editor' },
        ],
      });
    app = await testApp(d);
    eeva = new Agent(app, '10.0.0.1');
    await eeva.signIn('eeva@askola.test');
    eemeli = new Agent(app, '10.0.0.2');
    await eemeli.signIn('eemeli@askola.test');
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });
  beforeEach(async () => {
    await d.db.deleteFrom('record_draft').execute();
  });

  const draftOf = async (recordId: string) =>
    (await d.db.selectFrom('record_draft').select(['data']).where('record_id', '=', recordId).executeTakeFirst())
      ?.data as ServiceDraftData | undefined;
  const saves = async () =>
    (await d.db.selectFrom('audit_event').select('id').where('action', '=', 'service.draft_save').execute()).length;

  it('the form: the second save is refused with 409, keeps what was typed and shows the other change', async () => {
    const [pageA, pageB] = [
      await eeva.get(`/fi/work/services/${perhetyo}/edit`),
      await eemeli.get(`/fi/work/services/${perhetyo}/edit`),
    ];
    const version = versionIn(pageA.body);
    expect(version).toBeTruthy();
    expect(versionIn(pageB.body)).toBe(version);
    const data = (await apiState<ServiceDraftData>(eeva, 'services', perhetyo)).data;

    const first = await eeva.postForm(
      `/fi/work/services/${perhetyo}/edit`,
      serviceFormFields(data, { 'summary.fi': 'Eevan uusi tiivistelmä perhetyöstä.', version: version! }),
    );
    expect(first.statusCode).toBe(303);
    const auditedBefore = await saves();

    const second = await eemeli.postForm(
      `/fi/work/services/${perhetyo}/edit`,
      serviceFormFields(data, { 'name.en': 'Eemeli typed this name', version: version! }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Joku muu ehti tallentaa ensin');
    expect(second.body).toContain('Eeva Editori');
    expect(second.body).toContain('Eemeli typed this name'); // what he typed, in the form
    expect(second.body).toContain('<del>Eevan</del><span> </span><del>uusi</del>'); // the other change, shown
    // Nothing of Eemeli's was saved, and Eeva's change is still there.
    const draft = await draftOf(perhetyo);
    expect(draft?.summary.fi).toBe('Eevan uusi tiivistelmä perhetyöstä.');
    expect(draft?.name.en).not.toBe('Eemeli typed this name');
    expect(await saves()).toBe(auditedBefore);

    // Having seen both, saving again is his choice: the form now carries the current version.
    const newVersion = versionIn(second.body);
    expect(newVersion).toBeTruthy();
    expect(newVersion).not.toBe(version);
    const again = await eemeli.postForm(
      `/fi/work/services/${perhetyo}/edit`,
      serviceFormFields(draft!, { 'name.en': 'Eemeli typed this name', version: newVersion! }),
    );
    expect(again.statusCode).toBe(303);
    const merged = await draftOf(perhetyo);
    expect(merged?.name.en).toBe('Eemeli typed this name');
    expect(merged?.summary.fi).toBe('Eevan uusi tiivistelmä perhetyöstä.');
  });

  it('the form in Swedish: the message is translated', async () => {
    const page = await eeva.get(`/sv/work/services/${perhetyo}/edit`);
    const version = versionIn(page.body)!;
    const data = (await apiState<ServiceDraftData>(eeva, 'services', perhetyo)).data;
    await eeva.postForm(
      `/sv/work/services/${perhetyo}/edit`,
      serviceFormFields(data, { 'summary.sv': 'Ny sammanfattning.', version }),
    );
    const res = await eemeli.postForm(
      `/sv/work/services/${perhetyo}/edit`,
      serviceFormFields(data, { 'summary.sv': 'En annan sammanfattning.', version }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Någon annan hann spara först');
    expect(res.body).toContain('En annan sammanfattning.');
  });

  it('JSON: If-Match with a stale version answers 409 edit_conflict with both versions', async () => {
    const got = await eeva.get(`/api/v1/editing/services/${perhetyo}`);
    const state = got.json() as { version: string };
    expect(got.headers.etag).toBe(`"${state.version}"`);
    const a = await eeva.request({
      method: 'PUT',
      url: `/api/v1/editing/services/${perhetyo}/draft`,
      payload: { summary: { fi: 'Eevan versio.' } },
      headers: { 'x-csrf-token': await eeva.csrf(), 'if-match': got.headers.etag as string },
    });
    expect(a.statusCode).toBe(200);
    expect(a.headers.etag).not.toBe(got.headers.etag);
    const b = await eemeli.request({
      method: 'PUT',
      url: `/api/v1/editing/services/${perhetyo}/draft?lang=en`,
      payload: { summary: { fi: 'Eemelin versio.' } },
      headers: { 'x-csrf-token': await eemeli.csrf(), 'if-match': got.headers.etag as string },
    });
    expect(b.statusCode).toBe(409);
    const body = b.json() as {
      error: string;
      message: string;
      current: { version: string; data: ServiceDraftData; updated_by: string };
      yours: { data: ServiceDraftData };
    };
    expect(body.error).toBe('edit_conflict');
    expect(body.message).toMatch(/Someone else saved this/);
    expect(body.current.data.summary.fi).toBe('Eevan versio.');
    expect(body.current.updated_by).toBe('Eeva Editori');
    expect(body.current.version).toBe((a.headers.etag as string).replaceAll('"', ''));
    expect(body.yours.data.summary.fi).toBe('Eemelin versio.');
    expect((await draftOf(perhetyo))?.summary.fi).toBe('Eevan versio.');
    // With the current version it goes through.
    const c = await eemeli.request({
      method: 'PUT',
      url: `/api/v1/editing/services/${perhetyo}/draft`,
      payload: { summary: { fi: 'Eemelin versio.' } },
      headers: { 'x-csrf-token': await eemeli.csrf(), 'if-match': `"${body.current.version}"` },
    });
    expect(c.statusCode).toBe(200);
  });

  it('JSON without a version: saves of different fields at the same moment keep both, with or without a draft', async () => {
    const [ta, tb] = [await eeva.csrf(), await eemeli.csrf()];
    for (let round = 0; round < 6; round++) {
      if (round % 2 === 0) await d.db.deleteFrom('record_draft').execute(); // the race to create the draft
      const [a, b] = await Promise.all([
        eeva.request({
          method: 'PUT',
          url: `/api/v1/editing/services/${perhetyo}/draft`,
          payload: { summary: { fi: `Tiivistelmä ${round}` } },
          headers: { 'x-csrf-token': ta },
        }),
        eemeli.request({
          method: 'PUT',
          url: `/api/v1/editing/services/${perhetyo}/draft`,
          payload: { email: `perhetyo${round}@askola.fi` },
          headers: { 'x-csrf-token': tb },
        }),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      const draft = await draftOf(perhetyo);
      expect(draft?.summary.fi).toBe(`Tiivistelmä ${round}`);
      expect(draft?.email).toBe(`perhetyo${round}@askola.fi`);
    }
    expect(await d.db.selectFrom('record_draft').select('id').execute()).toHaveLength(1);
  });

  it('locations too: the form refuses a stale save and keeps what was typed', async () => {
    const page = await eeva.get(`/fi/work/locations/${location}/edit`);
    const version = versionIn(page.body)!;
    expect(version).toBeTruthy();
    const data = (await apiState<LocationDraftData>(eeva, 'locations', location)).data;
    const a = await eeva.postForm(
      `/fi/work/locations/${location}/edit`,
      locationFormFields(data, { 'street.fi': 'Eevankatu 1', version }),
    );
    expect(a.statusCode).toBe(303);
    const b = await eemeli.postForm(
      `/fi/work/locations/${location}/edit`,
      locationFormFields(data, { 'street.fi': 'Eemelinkuja 2', version }),
    );
    expect(b.statusCode).toBe(409);
    expect(b.body).toContain('Eemelinkuja 2');
    expect(b.body).toContain('<del>Eevankatu</del>');
    const draft = await d.db
      .selectFrom('record_draft')
      .select('data')
      .where('record_id', '=', location)
      .executeTakeFirstOrThrow();
    expect((draft.data as unknown as LocationDraftData).street.fi).toBe('Eevankatu 1');
  });
});

describe.each(testDatabases())("two administrators changing an organisation's settings on %s", (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let anna: Agent;
  let aapo: Agent;
  const askola = idFromKey('organization', 't-askola');

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    await addTestPerson(d.db, {
      email: 'anna@askola.test',
      name: 'Anna Admin',
      memberships: [{ organizationId: askola, role: 'org_admin' }],
    });
    await addTestPerson(d.db, {
      email: 'aapo@askola.test',
      name: 'Aapo Admin',
      memberships: [{ organizationId: askola, role: 'org_admin' }],
    });
    app = await testApp(d);
    anna = new Agent(app, '10.0.0.3');
    await anna.signIn('anna@askola.test');
    aapo = new Agent(app, '10.0.0.4');
    await aapo.signIn('aapo@askola.test');
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });
  const setting = async () =>
    (
      await d.db
        .selectFrom('organization')
        .select('publish_needs_second_person')
        .where('id', '=', askola)
        .executeTakeFirstOrThrow()
    ).publish_needs_second_person;

  it('the page: a stale save is refused with 409, the other choice shown and this one kept; nothing changed', async () => {
    await d.db
      .updateTable('organization')
      .set({ publish_needs_second_person: false })
      .where('id', '=', askola)
      .execute();
    const url = `/fi/work/admin/organizations/${askola}`;
    const version = versionIn((await anna.get(url)).body)!;
    expect(version).toBeTruthy();
    expect(versionIn((await aapo.get(url)).body)).toBe(version);
    const first = await anna.postForm(`${url}/settings`, {
      publish_needs_second_person: ['false', 'true'],
      version,
    });
    expect(first.statusCode).toBe(303);
    const audited = await d.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'organization.settings')
      .execute();
    // Aapo had the page open on the old version and saves something else: refused, told why, shown both.
    const second = await aapo.postForm(`${url}/settings`, { publish_needs_second_person: 'false', version });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Joku muu muutti organisaation tietoja');
    expect(second.body).toMatch(/Organisaation tiedot nyt:.*Kyllä/s);
    expect(await setting()).toBe(true);
    expect(
      await d.db.selectFrom('audit_event').select('id').where('action', '=', 'organization.settings').execute(),
    ).toHaveLength(audited.length);
    // Saving again from the page he was shown is his choice, and goes through.
    const again = await aapo.postForm(`${url}/settings`, {
      publish_needs_second_person: 'false',
      version: versionIn(second.body)!,
    });
    expect(again.statusCode).toBe(303);
    expect(await setting()).toBe(false);
  });

  it('JSON: PATCH with a stale If-Match answers 409 edit_conflict with the organisation as it is now', async () => {
    const got = (await anna.get(`/api/v1/admin/organizations/${askola}`)).json() as { version: string };
    expect(got.version).toBeTruthy();
    const token = await anna.csrf();
    const a = await anna.request({
      method: 'PATCH',
      url: `/api/v1/admin/organizations/${askola}`,
      payload: { publish_needs_second_person: !(await setting()) },
      headers: { 'x-csrf-token': token, 'if-match': `"${got.version}"` },
    });
    expect(a.statusCode).toBe(200);
    const now = await setting();
    const b = await aapo.request({
      method: 'PATCH',
      url: `/api/v1/admin/organizations/${askola}?lang=sv`,
      payload: { publish_needs_second_person: !now },
      headers: { 'x-csrf-token': await aapo.csrf(), 'if-match': `"${got.version}"` },
    });
    expect(b.statusCode).toBe(409);
    const body = b.json() as { error: string; message: string; current: { publish_needs_second_person: boolean } };
    expect(body.error).toBe('edit_conflict');
    expect(body.message).toMatch(/Någon annan ändrade organisationens uppgifter/);
    expect(body.current.publish_needs_second_person).toBe(now);
    expect(await setting()).toBe(now);
  });
});
