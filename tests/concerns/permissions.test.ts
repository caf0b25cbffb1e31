/**
 * Every boundary as a forbidden request over HTTP, on both databases: another team, another organisation, a
 * coordinator, an administrator, the receiving team of a referral, a signed-out person and a wrong follow-up code
 * each get 401/403/404, learn nothing of the concern's text or contact details, and change nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newFollowUpCode } from '../../src/core/shared/followUpCodes.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { CONCERN_EMAIL, PEOPLE, postConcern, SERVICE, setUpConcernWorld, signedIn, TEAM } from './support.js';

describe.each(testDatabases())('who may see and change a concern, on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let caseId: string;
  let referralId: string;
  let followUpPath: string;
  const secret = 'salainen-huoli-7731';

  const snapshot = async () => ({
    case: await d.db.selectFrom('concern_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
    messages: await d.db.selectFrom('concern_message').select('id').where('case_id', '=', caseId).execute(),
    referrals: await d.db.selectFrom('referral').select(['id', 'status']).where('case_id', '=', caseId).execute(),
    settings: await d.db.selectFrom('concern_team_settings').selectAll().orderBy('team_id').execute(),
  });

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await setUpConcernWorld(d.db);
    app = await testApp(d);
    const receipt = await postConcern(app);
    followUpPath = receipt.path;
    const row = await d.db
      .selectFrom('concern_case')
      .select('id')
      .where('reference', '=', receipt.reference)
      .executeTakeFirstOrThrow();
    caseId = row.id;
    const vatu = await signedIn(app, PEOPLE.vatu);
    const sent = await vatu.json('POST', `/api/v1/cases/${caseId}/referrals`, {
      service_id: SERVICE.perheohjaus,
      basis: 'legal_basis',
      basis_note: 'Sosiaalihuoltolaki 41 §',
      message: 'Perhe tarvitsee perheohjausta.',
    });
    expect(sent.statusCode).toBe(201);
    referralId = (sent.json() as { id: string }).id;
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const caseForms = (id: string) =>
    [
      ['triage', { urgency: 'urgent', team: TEAM.hanko, agenda: 'yes' }],
      ['minutes', { meeting_date: '2026-12-08', minutes: 'x' }],
      ['reply', { reply: 'Hei' }],
      ['close', { outcome: 'no_need' }],
      ['referrals', { service: SERVICE.kuraattoriHanko, basis: 'consent', basis_note: 'x', message: 'x' }],
    ].map(
      ([path, fields]) =>
        [`/fi/work/concerns/cases/${id}/${path as string}`, fields as Record<string, string>] as const,
    );

  it.each([
    ['another team (Hanko)', PEOPLE.hanko],
    ['another organisation', PEOPLE.otherOrg],
    ['a coordinator', PEOPLE.coordinator],
    ['a system administrator', PEOPLE.admin],
    ["an org admin of the team's own organisation", PEOPLE.askolaAdmin],
  ])('%s: 403 on the case, nothing in the inbox, nothing changed or revealed', async (_label, email) => {
    const before = await snapshot();
    const a = await signedIn(app, email, '10.0.1.1');
    const inbox = (await a.get('/api/v1/cases')).json() as { items: { id: string }[] };
    expect(inbox.items.map((i) => i.id)).not.toContain(caseId);
    for (const url of [`/api/v1/cases/${caseId}`, `/fi/work/concerns/cases/${caseId}`]) {
      const res = await a.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain(secret);
      expect(res.body).not.toContain(CONCERN_EMAIL);
    }
    for (const [url, fields] of caseForms(caseId)) {
      const res = await a.postForm(url, fields);
      expect(res.statusCode, url).toBe(403);
    }
    const ref = await a.get(`/api/v1/referrals/${referralId}`);
    expect(ref.statusCode).toBe(403);
    expect(ref.body).not.toContain('Perhe tarvitsee');
    expect((await a.json('POST', `/api/v1/referrals/${referralId}/steps`, { status: 'accepted' })).statusCode).toBe(
      403,
    );
    expect((await a.json('POST', `/api/v1/referrals/${referralId}/withdraw`, {})).statusCode).toBe(403);
    const dash = await a.get('/fi/work/concerns');
    expect(dash.statusCode).toBe(200);
    expect(dash.body).not.toContain(secret);
    expect(await snapshot()).toEqual(before);
    const denied = await d.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'access.denied')
      .where('actor_name', 'is not', null)
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('a coordinator sees counts per team, never contents', async () => {
    const a = await signedIn(app, PEOPLE.coordinator, '10.0.1.2');
    const dash = await a.get('/fi/work/concerns');
    expect(dash.body).toContain('Määrät tiimeittäin');
    expect(dash.body).toContain('VATU Askola');
    expect(dash.body).not.toContain(secret);
    expect(dash.body).not.toMatch(/K-[2-9A-Z]{4}-[2-9A-Z]{4}/);
  });

  it('the receiving team reads the referral but not the case, and cannot withdraw it', async () => {
    const before = await snapshot();
    const a = await signedIn(app, PEOPLE.family, '10.0.1.3');
    expect((await a.get(`/api/v1/referrals/${referralId}`)).statusCode).toBe(200);
    const c = await a.get(`/api/v1/cases/${caseId}`);
    expect(c.statusCode).toBe(403);
    expect(c.body).not.toContain(secret);
    expect((await a.json('POST', `/api/v1/referrals/${referralId}/withdraw`, {})).statusCode).toBe(403);
    // the sender cannot answer for the receiver
    const vatu = await signedIn(app, PEOPLE.vatu, '10.0.1.4');
    expect((await vatu.json('POST', `/api/v1/referrals/${referralId}/steps`, { status: 'accepted' })).statusCode).toBe(
      403,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('signed out: 401 for the JSON, the sign-in page for pages, 401 for every write', async () => {
    const before = await snapshot();
    const a = new Agent(app, '10.0.1.5');
    expect((await a.get('/api/v1/cases')).statusCode).toBe(401);
    const one = await a.get(`/api/v1/cases/${caseId}`);
    expect(one.statusCode).toBe(401);
    expect(one.body).not.toContain(secret);
    expect((await a.get('/api/v1/referrals')).statusCode).toBe(401);
    expect((await a.get(`/api/v1/referrals/${referralId}`)).statusCode).toBe(401);
    const page = await a.get(`/fi/work/concerns/cases/${caseId}`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/fi\/sign-in\?next=/);
    for (const [url, fields] of caseForms(caseId)) expect((await a.postForm(url, fields)).statusCode, url).toBe(401);
    expect((await a.json('POST', `/api/v1/referrals/${referralId}/steps`, { status: 'accepted' })).statusCode).toBe(
      401,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a wrong follow-up code opens nothing and changes nothing', async () => {
    const before = await snapshot();
    const a = new Agent(app, '10.0.1.6');
    const wrong = `/fi/concern/${newFollowUpCode().code}`;
    for (const url of [wrong, '/fi/concern/not-a-code', `${followUpPath}x`]) {
      const res = await a.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain(secret);
    }
    expect((await a.postForm(`${wrong}/messages`, { message: 'hei' })).statusCode).toBe(404);
    expect((await a.postForm(`${wrong}/delete`, {})).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    // the right code still works
    expect((await a.get(followUpPath)).statusCode).toBe(200);
  });

  it("a team's settings: its lead may change them, a member or another team's member may not", async () => {
    const before = await snapshot();
    const fields = { municipalities: ['078'], languages: ['fi'], first_contact_days: '2', meeting_weekday: '1' };
    const other = await signedIn(app, PEOPLE.hanko, '10.0.1.7');
    expect((await other.postForm(`/fi/work/concerns/teams/${TEAM.vatu}/settings`, fields)).statusCode).toBe(403);
    const member = await signedIn(app, PEOPLE.vatu, '10.0.1.8');
    expect((await member.get(`/fi/work/concerns/teams/${TEAM.vatu}/settings`)).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    const lead = await signedIn(app, PEOPLE.vatuLead, '10.0.1.9');
    const ok = await lead.postForm(`/fi/work/concerns/teams/${TEAM.vatu}/settings`, {
      municipalities: ['018'],
      languages: ['fi', 'sv'],
      first_contact_days: '4',
      meeting_weekday: '2',
      receives_referrals: 'yes',
    });
    expect(ok.statusCode).toBe(303);
    const s = await d.db
      .selectFrom('concern_team_settings')
      .select('first_contact_days')
      .where('team_id', '=', TEAM.vatu)
      .executeTakeFirstOrThrow();
    expect(s.first_contact_days).toBe(4);
  });
});
