/**
 * The admin JSON API mirrors the pages: the same core, the same boundaries. JSON with the x-csrf-token header;
 * forbidden requests answer 403 and change nothing; the routes are in the OpenAPI document.
 */
import { describe, expect, it } from 'vitest';
import { Agent } from '../support/agent.js';
import { linkIn } from '../support/mailbox.js';
import { testDatabases } from '../support/databases.js';
import { askola, hanko, pathOf, PEOPLE, useAdminSuite } from './setup.js';

describe.each(testDatabases())('admin API on %s', (kind) => {
  const s = useAdminSuite(kind);
  const signedIn = async (email: string) => {
    const a = new Agent(s.app);
    await a.signIn(email);
    return a;
  };
  const membership = (personId: string, organizationId: string) =>
    s.d.db
      .selectFrom('membership')
      .select('role')
      .where('person_id', '=', personId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();

  it('lets a system administrator do through JSON what the pages do', async () => {
    const admin = await signedIn(PEOPLE.admin);
    const org = await admin.json('POST', '/api/v1/admin/organizations', {
      name: { fi: 'Lapsiperheiden tuki ry', sv: 'Stöd för barnfamiljer rf' },
      type: 'ngo',
      municipality_code: '078',
    });
    expect(org.statusCode).toBe(201);
    const orgId = org.json().id as string;
    expect(org.json()).toMatchObject({
      name: { fi: 'Lapsiperheiden tuki ry' },
      type: 'ngo',
      municipality_code: '078',
      people_count: 0,
      source: 'local',
    });

    const team = await admin.json('POST', '/api/v1/admin/teams', {
      organization_id: orgId,
      name: { fi: 'Perhekahvilatiimi' },
    });
    expect(team.statusCode).toBe(201);
    const teamId = team.json().id as string;

    const before = s.mailbox.messages.length;
    const invite = await admin.json('POST', '/api/v1/admin/people?lang=en', {
      email: 'api.person@tuki.test',
      name: 'Api Person',
      organization_id: orgId,
      role: 'member',
      lang: 'fi',
    });
    expect(invite.statusCode).toBe(201);
    const inv = invite.json();
    expect(inv).toMatchObject({
      created: true,
      mailed: true,
      person: {
        name: 'Api Person',
        invitation_pending: true,
        memberships: [{ organization_id: orgId, role: 'member' }],
      },
    });
    expect(pathOf(linkIn(await s.mailbox.waitFor('api.person@tuki.test', { after: before })))).toMatch(
      /^\/fi\/set-password\?token=/,
    );

    const put = await admin.json('PUT', `/api/v1/admin/people/${inv.person_id}/memberships/${orgId}`, {
      role: 'org_admin',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().memberships).toEqual([
      {
        organization_id: orgId,
        organization_name: { fi: 'Lapsiperheiden tuki ry', sv: 'Stöd för barnfamiljer rf' },
        role: 'org_admin',
      },
    ]);
    expect(
      (await admin.json('PUT', `/api/v1/admin/teams/${teamId}/members/${inv.person_id}`, { role: 'lead' })).json()
        .members,
    ).toMatchObject([{ person_id: inv.person_id, role: 'lead' }]);
    expect((await admin.get(`/api/v1/admin/people/${inv.person_id}/memberships`)).json().items).toHaveLength(1);

    const patched = await admin.json('PATCH', `/api/v1/admin/organizations/${orgId}`, {
      publish_needs_second_person: true,
      name: { fi: 'Lapsiperheiden Tuki ry', sv: 'Stöd för barnfamiljer rf' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      publish_needs_second_person: true,
      name: { fi: 'Lapsiperheiden Tuki ry' },
      type: 'ngo',
      municipality_code: '078',
      people_count: 1,
      team_count: 1,
    });

    const disabled = await admin.json('PATCH', `/api/v1/admin/people/${inv.person_id}`, {
      status: 'disabled',
      system_role: 'coordinator',
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled', system_role: 'coordinator' });

    expect((await admin.json('DELETE', `/api/v1/admin/teams/${teamId}/members/${inv.person_id}`)).statusCode).toBe(204);
    expect((await admin.json('DELETE', `/api/v1/admin/teams/${teamId}`)).statusCode).toBe(204);
    expect((await admin.json('DELETE', `/api/v1/admin/people/${inv.person_id}/memberships/${orgId}`)).statusCode).toBe(
      204,
    );
    expect(await membership(inv.person_id, orgId)).toBeUndefined();

    const list = (await admin.get(`/api/v1/admin/people?q=${encodeURIComponent('Api Person')}`)).json();
    expect(list.items.map((p: { email: string }) => p.email)).toEqual(['api.person@tuki.test']);
  });

  it('gives clear, translated errors with the field, and 404 for what does not exist', async () => {
    const admin = await signedIn(PEOPLE.admin);
    const bad = await admin.json('POST', '/api/v1/admin/people?lang=sv', {
      email: 'not-an-email',
      name: 'X',
      organization_id: askola,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: 'invalid_email',
      message: 'Skriv e-postadressen i formen namn@exempel.fi.',
      problems: [{ field: 'email', code: 'invalid_email', message: 'Skriv e-postadressen i formen namn@exempel.fi.' }],
    });
    const schema = await admin.json('POST', '/api/v1/admin/organizations', { name: { fi: 'X' }, type: 'castle' });
    expect(schema.statusCode).toBe(400);
    const noName = await admin.json('POST', '/api/v1/admin/organizations?lang=en', {
      name: { en: 'Only English' },
      type: 'ngo',
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toEqual({
      error: 'name_required',
      message: 'Enter the name.',
      problems: [{ field: 'name', code: 'name_required', message: 'Enter the name.' }],
    });
    expect((await admin.get('/api/v1/admin/people/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/api/v1/admin/teams/not-a-uuid')).statusCode).toBe(404);
  });

  it('answers 403 to an organisation administrator outside their organisation, changing nothing', async () => {
    const oa = await signedIn(PEOPLE.askolaAdmin);
    const people = (await s.d.db.selectFrom('person').select('id').execute()).length;
    const orgs = (await s.d.db.selectFrom('organization').select('id').execute()).length;

    const attempts = [
      oa.json('POST', '/api/v1/admin/people', {
        email: 'intruder@hanko.test',
        name: 'Tunkeilija',
        organization_id: hanko,
        role: 'member',
      }),
      oa.json('POST', '/api/v1/admin/people', {
        email: 'new.coordinator@askola.test',
        name: 'Uusi',
        organization_id: askola,
        role: 'member',
        system_role: 'coordinator',
      }),
      oa.json('PUT', `/api/v1/admin/people/${s.ids.both}/memberships/${hanko}`, { role: 'org_admin' }),
      oa.json('DELETE', `/api/v1/admin/people/${s.ids.both}/memberships/${hanko}`),
      oa.json('POST', '/api/v1/admin/organizations', { name: { fi: 'Oma järjestö' }, type: 'ngo' }),
      oa.json('PATCH', `/api/v1/admin/people/${s.ids.member}`, { system_role: 'admin' }),
      oa.json('PATCH', `/api/v1/admin/people/${s.ids.member}`, { status: 'disabled' }),
      oa.json('PATCH', `/api/v1/admin/organizations/${hanko}`, { publish_needs_second_person: true }),
      oa.json('PATCH', `/api/v1/admin/organizations/${askola}`, { name: { fi: 'Askolan kunta (muutettu)' } }),
      oa.json('POST', '/api/v1/admin/teams', { organization_id: hanko, name: { fi: 'Hangon tiimi' } }),
      oa.get(`/api/v1/admin/people/${s.ids.hankoAdmin}`),
      oa.get(`/api/v1/admin/organizations/${hanko}`),
      oa.get(`/api/v1/admin/teams?organization_id=${hanko}`),
    ];
    for (const [i, res] of (await Promise.all(attempts)).entries()) {
      expect(res.statusCode, `attempt ${i}`).toBe(403);
      expect(res.json().error, `attempt ${i}`).toBe('forbidden');
    }
    expect((await s.d.db.selectFrom('person').select('id').execute()).length).toBe(people);
    expect((await s.d.db.selectFrom('organization').select('id').execute()).length).toBe(orgs);
    expect((await membership(s.ids.both, hanko))?.role).toBe('member');
    const member = await s.d.db
      .selectFrom('person')
      .select(['system_role', 'status'])
      .where('id', '=', s.ids.member)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ system_role: null, status: 'active' });
    const orgRows = await s.d.db
      .selectFrom('organization')
      .select(['id', 'name', 'publish_needs_second_person'])
      .where('id', 'in', [askola, hanko])
      .execute();
    expect(orgRows.find((o) => o.id === hanko)?.publish_needs_second_person).toBe(false);
    expect(orgRows.find((o) => o.id === askola)?.name.fi).toBe('Askolan kunta');

    // Within their organisation the same calls work.
    const own = await oa.json('PUT', `/api/v1/admin/people/${s.ids.both}/memberships/${askola}`, { role: 'editor' });
    expect(own.statusCode).toBe(200);
    expect(own.json().memberships.find((m: { organization_id: string }) => m.organization_id === askola).role).toBe(
      'editor',
    );
    const orgs2 = (await oa.get('/api/v1/admin/organizations')).json().items;
    expect(orgs2.map((o: { id: string }) => o.id)).toEqual([askola]);
  });

  it('needs a session (401) and the CSRF header (403) for writes', async () => {
    const anon = new Agent(s.app);
    expect(
      (await anon.json('POST', '/api/v1/admin/people', { email: 'x@askola.test', organization_id: askola })).statusCode,
    ).toBe(401);
    // Even a body the schema would refuse gets 401 first.
    expect((await anon.json('POST', '/api/v1/admin/organizations', { bogus: true })).statusCode).toBe(401);
    const admin = await signedIn(PEOPLE.admin);
    const orgs = (await s.d.db.selectFrom('organization').select('id').execute()).length;
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      payload: { name: { fi: 'Ilman tokenia' }, type: 'ngo' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf_invalid');
    expect((await s.d.db.selectFrom('organization').select('id').execute()).length).toBe(orgs);
  });

  it('describes the admin, people and audit routes in the OpenAPI document', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/admin/organizations',
      '/api/v1/admin/organizations/{id}',
      '/api/v1/admin/teams',
      '/api/v1/admin/teams/{id}/members/{personId}',
      '/api/v1/admin/people',
      '/api/v1/admin/people/{id}',
      '/api/v1/admin/people/{id}/memberships',
      '/api/v1/admin/people/{id}/memberships/{organizationId}',
      '/api/v1/people',
      '/api/v1/people/me',
      '/api/v1/audit',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/admin/people'].post.tags).toEqual(['admin']);
    expect(doc.paths['/api/v1/people'].get.tags).toEqual(['people']);
    expect(doc.paths['/api/v1/audit'].get.tags).toEqual(['audit']);
    expect(doc.paths['/api/v1/admin/people'].post.requestBody).toBeDefined();
  });
});
