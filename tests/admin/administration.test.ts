/**
 * Administration through HTTP: a system administrator creates an organisation and a team and invites a person
 * (the mail arrives through a real SMTP server and its link works); an organisation administrator manages their
 * own organisation and gets 403 — with nothing changed — everywhere else; an editor gets 403 on every admin page
 * and API call; disabling a person ends their sessions.
 */
import { describe, expect, it } from 'vitest';
import { Agent } from '../support/agent.js';
import { linkIn } from '../support/mailbox.js';
import { testDatabases } from '../support/databases.js';
import { askola, hanko, pathOf, PEOPLE, useAdminSuite } from './setup.js';

describe.each(testDatabases())('administration on %s', (kind) => {
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
  const personByEmail = (email: string) =>
    s.d.db.selectFrom('person').selectAll().where('email', '=', email).executeTakeFirst();
  const countOf = async (table: 'organization' | 'team' | 'person' | 'membership') =>
    Number(
      (
        await s.d.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lets a system administrator create an organisation and a team and invite a person whose link sets a password and signs in', async () => {
    const admin = await signedIn(PEOPLE.admin);
    // The form, then an error that keeps what was typed.
    const form = await admin.get('/fi/work/admin/organizations/new');
    expect(form.statusCode).toBe(200);
    const bad = await admin.postForm('/fi/work/admin/organizations', {
      'name.fi': '',
      'name.sv': '',
      'name.en': 'Only English',
      type: 'ngo',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Kirjoita nimi.');
    expect(bad.body).toContain('href="#name"');
    expect(bad.body).toContain('value="Only English"');

    const created = await admin.postForm('/fi/work/admin/organizations', {
      'name.fi': 'Perheentuki ry',
      'name.sv': 'Familjestöd rf',
      type: 'ngo',
      municipality: '018',
    });
    expect(created.statusCode).toBe(303);
    const orgId = /organizations\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    const org = await s.d.db.selectFrom('organization').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(org.name).toEqual({ fi: 'Perheentuki ry', sv: 'Familjestöd rf' });
    expect(org.municipality_code).toBe('018');
    const orgPage = await admin.get(created.headers.location as string);
    expect(orgPage.statusCode).toBe(200);
    expect(orgPage.body).toContain('Organisaatio on lisätty.');

    const team = await admin.postForm('/fi/work/admin/teams', {
      organization: orgId,
      'name.fi': 'Vertaisryhmien tiimi',
      'name.sv': 'Teamet för kamratgrupper',
      'description.fi': 'Ohjaa vertaisryhmiä.',
    });
    expect(team.statusCode).toBe(303);
    const teamId = /teams\/([0-9a-f-]{36})/.exec(team.headers.location as string)![1]!;
    expect((await admin.get(team.headers.location as string)).body).toContain('Vertaisryhmien tiimi');

    const before = s.mailbox.messages.length;
    const invite = await admin.postForm('/fi/work/admin/people', {
      email: 'Uusi.Ihminen@Perheentuki.test',
      name: 'Uusi Ihminen',
      organization: orgId,
      role: 'editor',
      mail_lang: 'sv',
    });
    expect(invite.statusCode).toBe(303);
    expect(invite.headers.location).toMatch(/\/fi\/work\/admin\/people\/[0-9a-f-]{36}\?notice=invited$/);
    const person = await personByEmail('uusi.ihminen@perheentuki.test');
    expect(person?.name).toBe('Uusi Ihminen');
    expect((await membership(person!.id, orgId))?.role).toBe('editor');

    // Into the team too, by e-mail.
    expect(
      (
        await admin.postForm(`/fi/work/admin/teams/${teamId}/members`, {
          email: 'uusi.ihminen@perheentuki.test',
          role: 'lead',
        })
      ).statusCode,
    ).toBe(303);

    const mail = await s.mailbox.waitFor('uusi.ihminen@perheentuki.test', { after: before });
    expect(mail.subject).toBe('Du har bjudits in till Yhdessä-nätverket');
    const link = pathOf(linkIn(mail));
    expect(link).toMatch(/^\/sv\/set-password\?token=/);
    const invitee = new Agent(s.app, '10.0.0.77');
    const setPage = await invitee.get(link);
    expect(setPage.statusCode).toBe(200);
    expect(setPage.body).toContain('uusi.ihminen@perheentuki.test');
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    const set = await invitee.postForm('/sv/set-password', {
      token,
      password: 'a long new password for me',
      confirm: 'a long new password for me',
    });
    expect(set.statusCode).toBe(303);
    // The link is single-use.
    expect((await invitee.get(link)).body).not.toContain('name="password"');
    await invitee.signIn('uusi.ihminen@perheentuki.test', 'a long new password for me');
    const work = await invitee.get('/fi/work');
    expect(work.statusCode).toBe(200);
    expect(work.body).toContain('Perheentuki ry');
    expect(work.body).toContain('Vertaisryhmien tiimi');

    const actions = (
      await s.d.db
        .selectFrom('audit_event')
        .select('action')
        .where((eb) =>
          eb.or([eb('object_id', '=', person!.id), eb('object_id', '=', orgId), eb('object_id', '=', teamId)]),
        )
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'organization.create',
        'team.create',
        'person.create',
        'membership.create',
        'person.invite',
        'team_membership.create',
        'auth.password_set',
      ]),
    );
  });

  it('lets an organisation administrator invite into their own organisation, and adds the membership when the e-mail already has an account', async () => {
    const oa = await signedIn(PEOPLE.askolaAdmin);
    const page = await oa.get('/fi/work/admin/people/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="system_role"');
    const before = s.mailbox.messages.length;
    const res = await oa.postForm('/fi/work/admin/people', {
      email: 'perhetyo@askola.test',
      name: 'Pertti Perhetyö',
      organization: askola,
      role: 'member',
    });
    expect(res.statusCode).toBe(303);
    const p = await personByEmail('perhetyo@askola.test');
    expect((await membership(p!.id, askola))?.role).toBe('member');
    expect(linkIn(await s.mailbox.waitFor('perhetyo@askola.test', { after: before }))).toContain(
      '/fi/set-password?token=',
    );

    // An address that already has an account (a Hanko member): nobody is created and nothing is added yet; the
    // person is invited, and becomes a member only by accepting (issue 17, item 10).
    const people = await countOf('person');
    const existing = await oa.postForm('/fi/work/admin/people', {
      email: PEOPLE.hankoMember,
      name: '',
      organization: askola,
      role: 'member',
    });
    expect(existing.statusCode).toBe(303);
    expect(existing.headers.location).toContain('notice=invited');
    expect(await countOf('person')).toBe(people);
    expect(await membership(s.ids.hankoMember, askola)).toBeUndefined();
    expect((await oa.get(`/fi/work/admin/people/${s.ids.hankoMember}`)).statusCode).toBe(403);
    const note = await s.mailbox.waitFor(PEOPLE.hankoMember, { after: before });
    expect(note.text).toContain('Askola');
    expect(note.text).toContain('/work/invitations');
    const invited = await signedIn(PEOPLE.hankoMember);
    const list = await invited.get('/fi/work/invitations');
    expect(list.body).toContain('Askolan kunta');
    const id = /\/work\/invitations\/([0-9a-f-]{36})\/accept/.exec(list.body)![1]!;
    expect((await invited.postForm(`/fi/work/invitations/${id}/accept`, {})).statusCode).toBe(303);
    expect((await membership(s.ids.hankoMember, askola))?.role).toBe('member');
    expect((await membership(s.ids.hankoMember, hanko))?.role).toBe('member');
    await invited.postForm('/fi/sign-out', {}); // the sessions of this person are counted later on

    // Twice: a clear error (a conflict), input kept.
    const again = await oa.postForm('/fi/work/admin/people', {
      email: PEOPLE.hankoMember,
      name: '',
      organization: askola,
      role: 'editor',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Henkilö kuuluu jo tähän organisaatioon.');
    expect(again.body).toContain(`value="${PEOPLE.hankoMember}"`);

    // Role changes in their own organisation work, and are audited with before and after.
    expect(
      (await oa.postForm(`/fi/work/admin/people/${s.ids.member}/memberships`, { organization: askola, role: 'editor' }))
        .statusCode,
    ).toBe(303);
    expect((await membership(s.ids.member, askola))?.role).toBe('editor');
    const entry = await s.d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'membership.update')
      .where('object_id', '=', s.ids.member)
      .executeTakeFirstOrThrow();
    expect(entry.before).toEqual({ role: 'member' });
    expect(entry.after).toEqual({ role: 'editor' });
    expect(entry.organization_id).toBe(askola);
    expect(
      (await oa.postForm(`/fi/work/admin/people/${s.ids.member}/memberships`, { organization: askola, role: 'member' }))
        .statusCode,
    ).toBe(303);

    // The organisation's own setting.
    expect(
      (
        await oa.postForm(`/fi/work/admin/organizations/${askola}/settings`, {
          publish_needs_second_person: ['false', 'true'],
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await s.d.db
          .selectFrom('organization')
          .select('publish_needs_second_person')
          .where('id', '=', askola)
          .executeTakeFirstOrThrow()
      ).publish_needs_second_person,
    ).toBe(true);

    // The last administrator cannot step down.
    const last = await oa.postForm(`/fi/work/admin/people/${s.ids.askolaAdmin}/memberships`, {
      organization: askola,
      role: 'member',
    });
    expect(last.statusCode).toBe(400);
    expect(last.body).toContain('Organisaatiolla on oltava ainakin yksi pääkäyttäjä.');
    expect((await membership(s.ids.askolaAdmin, askola))?.role).toBe('org_admin');
  });

  it('answers 403 to an organisation administrator everywhere outside their organisation, and changes nothing', async () => {
    const oa = await signedIn(PEOPLE.askolaAdmin);
    const counts = {
      organization: await countOf('organization'),
      person: await countOf('person'),
      membership: await countOf('membership'),
      team: await countOf('team'),
    };
    const denialsBefore = (
      await s.d.db.selectFrom('audit_event').select('id').where('action', '=', 'access.denied').execute()
    ).length;

    const attempts = [
      // invite into Hanko
      oa.postForm('/fi/work/admin/people', {
        email: 'intruder@hanko.test',
        name: 'Tunkeilija',
        organization: hanko,
        role: 'member',
      }),
      // change and end a Hanko membership (of a person who is also in Askola, so visible to them)
      oa.postForm(`/fi/work/admin/people/${s.ids.both}/memberships`, { organization: hanko, role: 'org_admin' }),
      oa.postForm(`/fi/work/admin/people/${s.ids.both}/memberships/${hanko}/remove`, {}),
      // add a Hanko-only person's Hanko membership
      oa.postForm(`/fi/work/admin/people/${s.ids.hankoAdmin}/memberships`, { organization: hanko, role: 'member' }),
      // create an organisation
      oa.postForm('/fi/work/admin/organizations', { 'name.fi': 'Oma yhdistys', type: 'ngo' }),
      // set a system role, disable someone, rename someone
      oa.postForm(`/fi/work/admin/people/${s.ids.member}/system-role`, { system_role: 'admin' }),
      oa.postForm(`/fi/work/admin/people/${s.ids.askolaAdmin}/system-role`, { system_role: 'admin' }),
      oa.postForm(`/fi/work/admin/people/${s.ids.member}/status`, { status: 'disabled' }),
      oa.postForm(`/fi/work/admin/people/${s.ids.member}/identity`, { name: 'Toinen Nimi', email: PEOPLE.member }),
      // Hanko's settings and teams
      oa.postForm(`/fi/work/admin/organizations/${hanko}/settings`, { publish_needs_second_person: 'true' }),
      oa.postForm('/fi/work/admin/teams', { organization: hanko, 'name.fi': 'Hangon tiimi' }),
    ];
    for (const [i, res] of (await Promise.all(attempts)).entries()) {
      expect(res.statusCode, `attempt ${i}`).toBe(403);
      expect(res.body, `attempt ${i}`).toContain('Sinulla ei ole oikeutta');
    }
    // Pages outside their scope.
    for (const url of [
      `/fi/work/admin/organizations/${hanko}`,
      `/fi/work/admin/people/${s.ids.hankoAdmin}`,
      '/fi/work/admin/organizations/new',
      `/fi/work/admin/people?organization=${hanko}`,
    ]) {
      expect((await oa.get(url)).statusCode, url).toBe(403);
    }

    expect(await personByEmail('intruder@hanko.test')).toBeUndefined();
    expect((await membership(s.ids.both, hanko))?.role).toBe('member');
    expect(await membership(s.ids.hankoAdmin, hanko)).toEqual({ role: 'org_admin' });
    const member = await personByEmail(PEOPLE.member);
    expect(member?.system_role).toBeNull();
    expect(member?.status).toBe('active');
    expect(member?.name).toBe('Maija Jäsen');
    expect((await personByEmail(PEOPLE.askolaAdmin))?.system_role).toBeNull();
    expect(
      (
        await s.d.db
          .selectFrom('organization')
          .select('publish_needs_second_person')
          .where('id', '=', hanko)
          .executeTakeFirstOrThrow()
      ).publish_needs_second_person,
    ).toBe(false);
    expect({
      organization: await countOf('organization'),
      person: await countOf('person'),
      membership: await countOf('membership'),
      team: await countOf('team'),
    }).toEqual(counts);
    const denials = await s.d.db.selectFrom('audit_event').select('id').where('action', '=', 'access.denied').execute();
    expect(denials.length - denialsBefore).toBeGreaterThanOrEqual(attempts.length);
  });

  it('answers 403 to an editor on every admin page and API call, and sends the signed-out to sign in (pages) or 401 (API)', async () => {
    const editor = await signedIn(PEOPLE.editor);
    for (const url of [
      '/fi/work/admin',
      '/fi/work/admin/organizations',
      `/fi/work/admin/organizations/${askola}`,
      '/fi/work/admin/teams',
      '/fi/work/admin/people',
      '/fi/work/admin/people/new',
      `/fi/work/admin/people/${s.ids.member}`,
    ]) {
      const res = await editor.get(url);
      expect(res.statusCode, url).toBe(403);
    }
    for (const url of [
      '/api/v1/admin/organizations',
      `/api/v1/admin/organizations/${askola}`,
      '/api/v1/admin/teams',
      '/api/v1/admin/people',
      `/api/v1/admin/people/${s.ids.member}/memberships`,
    ]) {
      const res = await editor.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error).toBe('forbidden');
    }
    const people = await s.d.db.selectFrom('person').select('id').execute();
    expect(
      (
        await editor.json('POST', '/api/v1/admin/people', {
          email: 'x@askola.test',
          name: 'X',
          organization_id: askola,
          role: 'member',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await editor.json('PUT', `/api/v1/admin/people/${s.ids.member}/memberships/${askola}`, { role: 'org_admin' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await editor.postForm(`/fi/work/admin/people/${s.ids.member}/memberships`, {
          organization: askola,
          role: 'org_admin',
        })
      ).statusCode,
    ).toBe(403);
    expect((await s.d.db.selectFrom('person').select('id').execute()).length).toBe(people.length);
    expect((await membership(s.ids.member, askola))?.role).toBe('member');
    // The workspace does not offer the link.
    expect((await editor.get('/fi/work')).body).not.toContain('/fi/work/admin');

    const anon = new Agent(s.app);
    const page = await anon.get('/fi/work/admin/people');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/fi/sign-in?next=%2Ffi%2Fwork%2Fadmin%2Fpeople');
    expect((await anon.get('/api/v1/admin/people')).statusCode).toBe(401);
    expect(
      (await anon.postForm('/fi/work/admin/people', { email: 'x@askola.test', name: 'X', organization: askola }))
        .statusCode,
    ).toBe(401);
  });

  it('disables a person (ending every session at once) and enables them again; only a system administrator can', async () => {
    const target = await signedIn(PEOPLE.hankoMember);
    const second = new Agent(s.app, '10.0.0.9');
    await second.signIn(PEOPLE.hankoMember);
    expect((await target.get('/fi/work')).statusCode).toBe(200);
    const admin = await signedIn(PEOPLE.admin);
    const page = await admin.get(`/fi/work/admin/people/${s.ids.hankoMember}`);
    expect(page.body).toContain('Poista käytöstä');
    const res = await admin.postForm(`/fi/work/admin/people/${s.ids.hankoMember}/status`, { status: 'disabled' });
    expect(res.statusCode).toBe(303);
    expect(
      await s.d.db.selectFrom('session').select('id').where('person_id', '=', s.ids.hankoMember).execute(),
    ).toEqual([]);
    for (const a of [target, second]) {
      const work = await a.get('/fi/work');
      expect(work.statusCode).toBe(303);
      expect(work.headers.location).toContain('/fi/sign-in');
    }
    expect(
      (
        await new Agent(s.app, '10.0.0.10').postForm('/fi/sign-in', {
          email: PEOPLE.hankoMember,
          password: 'correct horse battery staple',
        })
      ).statusCode,
    ).toBe(401);
    const entry = await s.d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'person.disable')
      .where('object_id', '=', s.ids.hankoMember)
      .executeTakeFirstOrThrow();
    expect(entry.before).toEqual({ status: 'active' });
    expect(entry.after).toEqual({ status: 'disabled' });
    expect(entry.details).toEqual({ sessions_ended: 2 });

    // An administrator cannot disable themselves.
    const self = await admin.postForm(`/fi/work/admin/people/${s.ids.admin}/status`, { status: 'disabled' });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('Et voi poistaa omaa käyttäjätiliäsi käytöstä.');

    expect(
      (await admin.postForm(`/fi/work/admin/people/${s.ids.hankoMember}/status`, { status: 'active' })).statusCode,
    ).toBe(303);
    await new Agent(s.app, '10.0.0.11').signIn(PEOPLE.hankoMember);
  });

  it('lets a system administrator set and clear a system role, audited with before and after', async () => {
    const admin = await signedIn(PEOPLE.admin);
    expect(
      (await admin.postForm(`/sv/work/admin/people/${s.ids.editor}/system-role`, { system_role: 'coordinator' }))
        .statusCode,
    ).toBe(303);
    expect((await personByEmail(PEOPLE.editor))?.system_role).toBe('coordinator');
    const bad = await admin.postForm(`/sv/work/admin/people/${s.ids.editor}/system-role`, { system_role: 'emperor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Välj en systemroll i listan.');
    expect(
      (await admin.postForm(`/sv/work/admin/people/${s.ids.editor}/system-role`, { system_role: '' })).statusCode,
    ).toBe(303);
    expect((await personByEmail(PEOPLE.editor))?.system_role).toBeNull();
    const rows = await s.d.db
      .selectFrom('audit_event')
      .select(['before', 'after'])
      .where('action', '=', 'person.system_role')
      .where('object_id', '=', s.ids.editor)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { before: { system_role: null }, after: { system_role: 'coordinator' } },
      { before: { system_role: 'coordinator' }, after: { system_role: null } },
    ]);
  });

  it("removes a team after asking once more; another organisation's administrator gets 403 and the team stays", async () => {
    const oa = await signedIn(PEOPLE.askolaAdmin);
    const created = await oa.postForm('/fi/work/admin/teams', {
      organization: askola,
      'name.fi': 'Perhekeskuksen ohjausryhmä',
      'name.sv': 'Familjecentrets styrgrupp',
    });
    const teamId = /teams\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    expect(
      (await oa.postForm(`/fi/work/admin/teams/${teamId}/members`, { email: PEOPLE.member, role: 'member' }))
        .statusCode,
    ).toBe(303);
    // Renaming keeps what is not given, audited with before and after.
    expect(
      (
        await oa.postForm(`/fi/work/admin/teams/${teamId}`, {
          'name.fi': 'Perhekeskuksen johtoryhmä',
          'name.sv': 'Familjecentrets styrgrupp',
        })
      ).statusCode,
    ).toBe(303);

    const hankoAdmin = await signedIn(PEOPLE.hankoAdmin);
    expect((await hankoAdmin.get(`/fi/work/admin/teams/${teamId}`)).statusCode).toBe(403);
    expect((await hankoAdmin.get(`/fi/work/admin/teams/${teamId}/delete`)).statusCode).toBe(403);
    expect((await hankoAdmin.postForm(`/fi/work/admin/teams/${teamId}/delete`, {})).statusCode).toBe(403);
    expect(
      (await hankoAdmin.postForm(`/fi/work/admin/teams/${teamId}/members/${s.ids.member}/remove`, {})).statusCode,
    ).toBe(403);
    expect((await hankoAdmin.postForm(`/fi/work/admin/teams/${teamId}`, { 'name.fi': 'Kaapattu' })).statusCode).toBe(
      403,
    );
    const still = await s.d.db.selectFrom('team').select('name').where('id', '=', teamId).executeTakeFirstOrThrow();
    expect(still.name.fi).toBe('Perhekeskuksen johtoryhmä');
    expect(
      await s.d.db.selectFrom('team_membership').select('person_id').where('team_id', '=', teamId).execute(),
    ).toHaveLength(1);

    const confirm = await oa.get(`/fi/work/admin/teams/${teamId}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Poistetaanko tiimi Perhekeskuksen johtoryhmä?');
    const removed = await oa.postForm(`/fi/work/admin/teams/${teamId}/delete`, {});
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/fi/work/admin/teams?notice=team_deleted');
    expect(await s.d.db.selectFrom('team').select('id').where('id', '=', teamId).execute()).toEqual([]);
    const log = await s.d.db
      .selectFrom('audit_event')
      .select(['action', 'before', 'after'])
      .where('object_id', '=', teamId)
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['team.create', 'team.update', 'team.delete']);
    expect(log[1]!.before).toMatchObject({ name: { fi: 'Perhekeskuksen ohjausryhmä' } });
    expect(log[1]!.after).toMatchObject({ name: { fi: 'Perhekeskuksen johtoryhmä' } });
    expect(log[2]!.before).toMatchObject({
      name: { fi: 'Perhekeskuksen johtoryhmä' },
      members: [{ person_id: s.ids.member, role: 'member' }],
    });
  });
});
