/**
 * Who may change a plan, as a decision table (role × organisation × plan), and proven through HTTP: a Hanko
 * representative cannot change Raasepori's plan (403, nothing changed, the denial logged); Raasepori's own
 * representative and a coordinator can, and each change is in the audit log with before and after.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/access/permissions.js';
import type { OrgRole } from '../../src/db/schema.js';
import { importPlanDocument } from '../../src/core/programme/importPlan.js';
import { canEditPlanWith } from '../../src/core/programme/policy.js';
import { planDetail, planIdForMunicipality } from '../../src/core/programme/queries.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { inkooSiuntio, raasepori, seedText } from './fixtures.js';
import { addProgrammeOrgs, CLI, type ProgrammeOrgs } from './support.js';

describe('who may change a plan (decision table)', () => {
  const reps = [{ id: 'raasepori-org' }];
  const who = (systemRole: Actor['systemRole'], memberships: { organizationId: string; role: OrgRole }[]): Actor => ({
    personId: 'p',
    name: 'P',
    email: 'p@x.fi',
    systemRole,
    memberships,
    teams: [],
  });
  it.each([
    ['nobody signed in', null, false],
    ['a coordinator', who('coordinator', []), true],
    ['an admin', who('admin', []), true],
    ['an editor of the municipality', who(null, [{ organizationId: 'raasepori-org', role: 'editor' }]), true],
    ['an org admin of the municipality', who(null, [{ organizationId: 'raasepori-org', role: 'org_admin' }]), true],
    ['a member of the municipality', who(null, [{ organizationId: 'raasepori-org', role: 'member' }]), false],
    ['an editor of another municipality', who(null, [{ organizationId: 'hanko-org', role: 'editor' }]), false],
    ['an org admin of another organisation', who(null, [{ organizationId: 'county-org', role: 'org_admin' }]), false],
  ] as const)('%s → %s', (_label, actor, allowed) => {
    expect(canEditPlanWith(actor, reps)).toBe(allowed);
  });
  it('a plan with no representative organisation is kept by coordinators only', () => {
    expect(canEditPlanWith(who(null, [{ organizationId: 'x', role: 'org_admin' }]), [])).toBe(false);
    expect(canEditPlanWith(who('coordinator', []), [])).toBe(true);
  });
});

describe.each(testDatabases())('changing plans through HTTP on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let orgs: ProgrammeOrgs;
  let raaseporiPlan: string;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    orgs = await addProgrammeOrgs(d.db);
    await importPlanDocument(d.db, CLI, raasepori(), {
      text: seedText('raasepori-2018.txt'),
      fileName: 'raasepori-2018.txt',
    });
    await importPlanDocument(d.db, CLI, inkooSiuntio(), {
      text: seedText('inkoo-siuntio-2018.txt'),
      fileName: 'inkoo-siuntio-2018.txt',
    });
    raaseporiPlan = (await planIdForMunicipality(d.db, '710'))!;
    await addTestPerson(d.db, {
      email: 'hanko@test.fi',
      name: 'Hanko Editor',
      memberships: [{ organizationId: orgs.hanko, role: 'editor' }],
    });
    await addTestPerson(d.db, {
      email: 'county@test.fi',
      name: 'County Admin',
      memberships: [{ organizationId: orgs.county, role: 'org_admin' }],
    });
    await addTestPerson(d.db, {
      email: 'member@test.fi',
      name: 'Raasepori Member',
      memberships: [{ organizationId: orgs.raasepori, role: 'member' }],
    });
    await addTestPerson(d.db, {
      email: 'rasepori@test.fi',
      name: 'Raasepori Editor',
      memberships: [{ organizationId: orgs.raasepori, role: 'editor' }],
    });
    await addTestPerson(d.db, { email: 'coord@test.fi', name: 'Coordinator', systemRole: 'coordinator' });
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const firstAction = async () => (await planDetail(d.db, raaseporiPlan)).actions[0]!;
  const form = (over: Record<string, string | string[]> = {}) => ({
    status: 'evaluated',
    area: 'family_centre',
    owner_team: 'Perhekeskus',
    progress: '80',
    evidence: 'Palaute',
    notes: 'Hyvä',
    entry: 'Arvioitu syksyllä',
    entry_date: '2019-11-01',
    ...over,
  });
  const signedIn = async (email: string) => {
    const a = new Agent(app);
    await a.signIn(email);
    return a;
  };

  it.each(['hanko@test.fi', 'county@test.fi', 'member@test.fi'])(
    'refuses %s: 403 for the form and the post, nothing changed, the denial logged',
    async (email) => {
      const a = await signedIn(email);
      const before = await firstAction();
      const page = await a.get(`/fi/programme/actions/${before.id}/edit`);
      expect(page.statusCode).toBe(403);
      const res = await a.postForm(`/fi/programme/actions/${before.id}/edit`, form());
      expect(res.statusCode).toBe(403);
      expect(await firstAction()).toEqual(before);
      const milestone = (await planDetail(d.db, raaseporiPlan)).milestones[0]!;
      expect(
        (await a.postForm(`/fi/programme/milestones/${milestone.id}/edit`, { status: 'done', notes: '' })).statusCode,
      ).toBe(403);
      expect((await planDetail(d.db, raaseporiPlan)).milestones[0]).toEqual(milestone);
      expect(
        (
          await a.postForm(`/fi/programme/plans/${raaseporiPlan}/members`, {
            name: 'Intruder',
            title: '',
            role: 'member',
          })
        ).statusCode,
      ).toBe(403);
      expect((await planDetail(d.db, raaseporiPlan)).members.map((m) => m.name)).not.toContain('Intruder');
      const denied = await d.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'access.denied')
        .where(
          'actor_name',
          '=',
          (await d.db.selectFrom('person').select('name').where('email', '=', email).executeTakeFirstOrThrow()).name,
        )
        .execute();
      expect(denied.length).toBeGreaterThanOrEqual(3);
      expect(
        denied.some(
          (e) =>
            (e.details as { permission?: string }).permission === 'programme.edit' &&
            e.organization_id === orgs.raasepori,
        ),
      ).toBe(true);
      // The page shows no edit links to them.
      expect((await a.get('/fi/programme/municipalities/710')).body).not.toContain('/edit"');
    },
  );

  it('needs a session (401) and a CSRF token (403) to change anything', async () => {
    const action = await firstAction();
    const anonymous = await app.inject({
      method: 'POST',
      url: `/fi/programme/actions/${action.id}/edit`,
      payload: 'status=stopped',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anonymous.statusCode).toBe(401);
    const a = await signedIn('rasepori@test.fi');
    expect((await a.postForm(`/fi/programme/actions/${action.id}/edit`, form(), { csrf: false })).statusCode).toBe(403);
    expect(await firstAction()).toEqual(action);
    // Reading the edit form without a session sends the reader to sign in.
    const page = await app.inject({ method: 'GET', url: `/fi/programme/actions/${action.id}/edit` });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/fi\/sign-in\?next=/);
  });

  it("lets Raasepori's own representative update the plan, audited with before and after", async () => {
    const a = await signedIn('rasepori@test.fi');
    const action = await firstAction();
    expect((await a.get('/fi/programme/municipalities/710')).body).toContain(`/fi/programme/actions/${action.id}/edit`);
    const res = await a.postForm(
      `/fi/programme/actions/${action.id}/edit`,
      form({ spread_to: ['149', '755'], status: 'spread' }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(
      `/fi/programme/municipalities/710?notice=action_saved&item=${action.id}#pg-notice`,
    );
    const after = await firstAction();
    expect(after).toMatchObject({
      status: 'spread',
      statusSource: 'person',
      area: 'family_centre',
      ownerTeam: 'Perhekeskus',
      progress: 80,
      spreadTo: ['149', '755'],
      updatedBy: 'Raasepori Editor',
    });
    expect(after.updates[0]).toMatchObject({
      fromStatus: 'permanent',
      toStatus: 'spread',
      note: 'Arvioitu syksyllä',
      entryDate: '2019-11-01',
    });
    const entry = await d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'programme.action_updated')
      .where('object_id', '=', action.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_name: 'Raasepori Editor', organization_id: orgs.raasepori });
    expect(entry.before).toMatchObject({ status: 'permanent' });
    expect(entry.after).toMatchObject({ status: 'spread', spread_to: ['149', '755'] });
    // Who made the change is for professionals: the public page and the open data do not name them.
    expect((await a.get('/fi/programme/municipalities/710')).body).toContain('(Raasepori Editor)');
    expect((await app.inject({ method: 'GET', url: '/fi/programme/municipalities/710' })).body).not.toContain(
      'Raasepori Editor',
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/programme.json' })).body).not.toContain('Raasepori Editor');
    expect((await app.inject({ method: 'GET', url: '/api/v1/programme.json' })).body).toContain('Arvioitu syksyllä');
    // The overview now links Raasepori to Inkoo and Siuntio.
    const overview = await a.get('/fi/programme');
    expect(overview.body).toMatch(
      /href="\/fi\/programme\/municipalities\/710">Raasepori<\/a><\/td><td><a href="\/fi\/programme\/municipalities\/149">Inkoo/,
    );
    // But Raasepori's representative cannot change the Inkoo & Siuntio plan.
    const inkoo = (await planDetail(d.db, (await planIdForMunicipality(d.db, '149'))!)).actions[0]!;
    expect((await a.postForm(`/fi/programme/actions/${inkoo.id}/edit`, form())).statusCode).toBe(403);
  });

  it('shows every problem of a form at once, translated, and saves nothing', async () => {
    const a = await signedIn('coord@test.fi');
    const before = await firstAction();
    const res = await a.postForm(
      `/sv/programme/actions/${before.id}/edit`,
      form({ status: 'finished', progress: '140', entry_date: '2019-02-30', spread_to: ['710'] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('Välj en status.');
    expect(res.body).toContain('Ange framsteget som ett heltal 0–100.');
    expect(res.body).toContain('Ange datumet i formen åååå-mm-dd');
    expect(res.body).toContain('Försöket kan inte spridas till planens egen kommun.');
    expect(res.body).toContain('href="#progress"');
    expect(res.body).toContain('value="140"'); // what was typed is kept
    expect(await firstAction()).toEqual(before);
  });

  it('lets a coordinator update any plan: a milestone, a structural change, the working group', async () => {
    const a = await signedIn('coord@test.fi');
    const inkooPlan = (await planIdForMunicipality(d.db, '149'))!;
    const milestone = (await planDetail(d.db, raaseporiPlan)).milestones.find((m) => m.year === 2022)!;
    expect(
      (
        await a.postForm(`/en/programme/milestones/${milestone.id}/edit`, {
          status: 'in_progress',
          notes: 'Started',
          entry: '',
          entry_date: '',
        })
      ).statusCode,
    ).toBe(303);
    expect((await planDetail(d.db, raaseporiPlan)).milestones.find((m) => m.id === milestone.id)).toMatchObject({
      status: 'in_progress',
      notes: 'Started',
    });
    const change = (await planDetail(d.db, inkooPlan)).structuralChanges[0]!;
    expect(
      (
        await a.postForm(`/fi/programme/structural-changes/${change.id}/edit`, {
          notes: 'Yhteinen ohjausryhmä jatkaa.',
        })
      ).statusCode,
    ).toBe(303);
    expect((await planDetail(d.db, inkooPlan)).structuralChanges[0]!.notes).toBe('Yhteinen ohjausryhmä jatkaa.');
    const added = await a.postForm(`/fi/programme/plans/${inkooPlan}/members`, {
      name: 'Sara Lindholm',
      title: 'perhetyöntekijä',
      role: 'chair',
      municipality: '755',
      code: '755',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/fi/programme/municipalities/755?notice=member_added#pg-notice');
    const member = (await planDetail(d.db, inkooPlan)).members.find((m) => m.name === 'Sara Lindholm')!;
    expect(member).toMatchObject({ role: 'chair', municipalityCode: '755', source: 'person' });
    const missing = await a.postForm(`/fi/programme/plans/${inkooPlan}/members`, {
      name: ' ',
      title: '',
      role: 'boss',
      code: '149',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Anna jäsenen nimi.');
    expect((await a.postForm(`/fi/programme/members/${member.id}/remove`, {})).statusCode).toBe(303);
    const signatory = (await planDetail(d.db, inkooPlan)).members.find((m) => m.source === 'import')!;
    expect((await a.postForm(`/fi/programme/members/${signatory.id}/remove`, {})).statusCode).toBe(400);
    const names = (await planDetail(d.db, inkooPlan)).members.map((m) => m.name);
    expect(names).not.toContain('Sara Lindholm');
    expect(names).toContain(signatory.name);
    const actions = (
      await d.db
        .selectFrom('audit_event')
        .select('action')
        .where('actor_name', '=', 'Coordinator')
        .where('action', 'like', 'programme.%')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'programme.milestone_updated',
        'programme.structural_change_updated',
        'programme.member_added',
        'programme.member_removed',
      ]),
    );
  });

  it('shows the workspace card to people who keep a plan, not to others', async () => {
    expect((await (await signedIn('rasepori@test.fi')).get('/fi/work')).body).toContain('LAPE-suunnitelmien seuranta');
    expect((await (await signedIn('coord@test.fi')).get('/fi/work')).body).toContain('LAPE-suunnitelmien seuranta');
    expect((await (await signedIn('county@test.fi')).get('/fi/work')).body).not.toContain(
      'LAPE-suunnitelmien seuranta',
    );
  });
});
