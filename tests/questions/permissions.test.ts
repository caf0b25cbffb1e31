/**
 * Every boundary of e-advice as a forbidden request over HTTP, on both databases: another team of the same
 * organisation, a team of another organisation, a coordinator, a system admin and an organisation admin (counts
 * and routing, never contents), a signed-out visitor, a wrong, malformed or expired follow-up code. Each refusal
 * changes nothing and reveals nothing, and a denial is in the audit log. Plus the decision table of the policy.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/access/permissions.js';
import { canAnswer } from '../../src/core/questions/policy.js';
import { eraseExpiredQuestions } from '../../src/core/questions/retention.js';
import { hashFollowUpCode, newFollowUpCode } from '../../src/core/shared/followUpCodes.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { codeOf, EMAIL, QUESTION_TEXT, questionWorld, TEAM } from './support.js';

describe('who may read a question (decision table)', () => {
  const who = (teams: Actor['teams'], systemRole: Actor['systemRole'] = null): Actor => ({
    personId: 'p',
    name: 'P',
    email: 'p@x.fi',
    systemRole,
    memberships: [],
    teams,
  });
  const q = { teamIds: ['A'], claimedTeamId: null };
  it.each([
    ['nobody', null, false],
    ['a member of the routed team', who([{ teamId: 'A', organizationId: 'o', role: 'member' }]), true],
    ['the lead of the routed team', who([{ teamId: 'A', organizationId: 'o', role: 'lead' }]), true],
    ['a member of another team', who([{ teamId: 'B', organizationId: 'o', role: 'member' }]), false],
    ['a coordinator', who([], 'coordinator'), false],
    ['a system admin outside the team', who([], 'admin'), false],
  ] as const)('%s → %s', (_l, actor, allowed) => {
    expect(canAnswer(actor, q)).toBe(allowed);
  });
  it('the claiming team keeps the question', () => {
    expect(
      canAnswer(who([{ teamId: 'B', organizationId: 'o', role: 'member' }]), { teamIds: ['A'], claimedTeamId: 'B' }),
    ).toBe(true);
  });
});

describe.each(testDatabases())('e-advice boundaries on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let id: string;
  let code: string;
  let consultation: string;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await questionWorld(d.db);
    app = await testApp(d, { AUTH_RATE_LIMIT: '10000' });
    const resident = new Agent(app, '10.8.8.8');
    const res = await resident.postForm('/fi/ask', {
      topic: 'parenting',
      municipality: '018',
      language: 'fi',
      text: QUESTION_TEXT,
      email: 'salainen@koti.fi',
      consent: 'yes',
    });
    code = codeOf(res.headers.location as string);
    id = (
      await d.db
        .selectFrom('question')
        .select('id')
        .where('code_hash', '=', hashFollowUpCode(code))
        .executeTakeFirstOrThrow()
    ).id;
    // Answered by Askola's team, so publishing would be possible for them.
    const a1 = new Agent(app);
    await a1.signIn(EMAIL.a1);
    await a1.postForm(`/fi/work/questions/${id}/answer`, { answer: 'Vastaus' });
    const c = await a1.json('POST', `/api/v1/questions/${id}/consultations`, {
      consultant_email: EMAIL.colleague,
      text: 'Konsultaatio-salainen',
    });
    consultation = (c.json() as { id: string }).id;
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const signedIn = async (email: string) => {
    const a = new Agent(app);
    await a.signIn(email);
    return a;
  };
  const snapshot = async () => ({
    question: await d.db.selectFrom('question').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    messages: await d.db
      .selectFrom('question_message')
      .select(['id', 'body_enc'])
      .where('question_id', '=', id)
      .execute(),
    consultations: await d.db.selectFrom('question_consultation').select('id').where('question_id', '=', id).execute(),
    consultationMessages: await d.db.selectFrom('question_consultation_message').select(['id', 'body_enc']).execute(),
    qa: await d.db.selectFrom('question_qa').select('id').execute(),
    routes: await d.db.selectFrom('question_route').selectAll().orderBy('id').execute(),
  });
  const readsBy = async (name: string) =>
    (
      await d.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'question.read')
        .where('object_id', '=', id)
        .where('actor_name', '=', name)
        .execute()
    ).length;

  const writes = () =>
    [
      ['POST', `/api/v1/questions/${id}/claim`, undefined],
      ['POST', `/api/v1/questions/${id}/answers`, { text: 'Väärä vastaus' }],
      ['POST', `/api/v1/questions/${id}/handover`, { team_id: TEAM.a2 }],
      ['POST', `/api/v1/questions/${id}/consultations`, { consultant_email: EMAIL.a1, text: 'x' }],
    ] as const;
  const formWrites = () =>
    [
      [`/fi/work/questions/${id}/claim`, {}],
      [`/fi/work/questions/${id}/answer`, { answer: 'Väärä vastaus' }],
      [`/fi/work/questions/${id}/handover`, { team: TEAM.a2 }],
      [`/fi/work/questions/${id}/consult`, { consultant: EMAIL.a1, consultation_text: 'x' }],
      [`/fi/work/questions/${id}/publish`, { qa_question: 'K', qa_answer: 'V' }],
    ] as const;

  it.each([
    ['a member of another team of the same organisation', EMAIL.other, 'Olli Muutiimi'],
    ['a member of a team of another organisation', EMAIL.hanko, 'Hanna Hanko'],
    ['a coordinator', EMAIL.coordinator, 'Kaisa Koordinaattori'],
    ['a system admin outside the team', EMAIL.admin, 'Aino Admin'],
    ['an organisation admin of the answering team’s organisation', EMAIL.countyAdmin, 'Pekka Pääkäyttäjä'],
  ])('refuses %s: no contents, no changes, the denial logged', async (_label, email, name) => {
    const a = await signedIn(email);
    const before = await snapshot();
    const pool = await a.get('/api/v1/questions?per_page=100');
    expect(pool.statusCode).toBe(200);
    expect((pool.json() as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(id);
    const api = await a.get(`/api/v1/questions/${id}`);
    expect(api.statusCode).toBe(403);
    expect(api.body).not.toContain('salainen');
    const page = await a.get(`/fi/work/questions/${id}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('salainen');
    expect(page.body).not.toContain('Vastaus');
    for (const [method, url, payload] of writes()) {
      const res = await a.json(method, url, payload);
      expect(res.statusCode, url).toBe(403);
    }
    const thread = await a.get(`/api/v1/consultations/${consultation}`);
    expect(thread.statusCode).toBe(403);
    expect(thread.body).not.toContain('Konsultaatio-salainen');
    expect((await a.json('POST', `/api/v1/consultations/${consultation}/messages`, { text: 'x' })).statusCode).toBe(
      403,
    );
    expect((await a.postForm(`/fi/work/consultations/${consultation}/reply`, { text: 'x' })).statusCode).toBe(403);
    expect(((await a.get('/api/v1/consultations')).json() as { items: unknown[] }).items).toEqual([]);
    for (const [url, fields] of formWrites()) {
      const res = await a.postForm(url, fields);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('salainen');
    }
    expect(await snapshot()).toEqual(before);
    expect(await readsBy(name)).toBe(0);
    const denied = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'access.denied')
      .where('actor_name', '=', name)
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(denied)).toContain('question.answer');
  });

  it('refuses a signed-out visitor: 401 for the API, sign-in for the pages, nothing changed', async () => {
    const visitor = new Agent(app, '10.8.8.1');
    const before = await snapshot();
    expect((await visitor.get('/api/v1/questions')).statusCode).toBe(401);
    expect((await visitor.get(`/api/v1/questions/${id}`)).statusCode).toBe(401);
    expect((await visitor.get('/api/v1/consultations')).statusCode).toBe(401);
    expect((await visitor.get('/api/v1/questions/counts')).statusCode).toBe(401);
    const page = await visitor.get(`/fi/work/questions/${id}`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/fi/sign-in');
    for (const [method, url, payload] of writes())
      expect((await visitor.json(method, url, payload)).statusCode).toBe(401);
    for (const [url, fields] of formWrites()) expect((await visitor.postForm(url, fields)).statusCode).toBe(401);
    expect(
      (await visitor.postForm('/fi/work/questions/routing', { team: TEAM.a, municipality: '078', language: 'fi' }))
        .statusCode,
    ).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a consulted colleague read the question and the thread, but not the e-mail, nor answer or claim', async () => {
    const colleague = await signedIn(EMAIL.colleague);
    const before = await snapshot();
    const q = await colleague.get(`/api/v1/questions/${id}`);
    expect(q.statusCode).toBe(200);
    expect(q.body).not.toContain('salainen@koti.fi');
    expect((q.json() as { view: string }).view).toBe('consultant');
    for (const [method, url, payload] of writes())
      expect((await colleague.json(method, url, payload)).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    const page = await colleague.get(`/fi/work/questions/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Konsultaatio-salainen');
    expect(page.body).not.toContain('action="/fi/work/questions/' + id + '/answer"');
  });

  it('shows coordinators counts and routing, never contents', async () => {
    const coordinator = await signedIn(EMAIL.coordinator);
    const counts = await coordinator.get('/api/v1/questions/counts');
    expect(counts.statusCode).toBe(200);
    expect(counts.body).not.toContain('salainen');
    const page = await coordinator.get('/fi/work/questions/routing');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Askolan neuvonta');
    expect(page.body).not.toContain('salainen');
  });

  it('lets an organisation admin route only their own organisation’s teams', async () => {
    const before = await snapshot();
    const hankoAdmin = await signedIn(EMAIL.hankoAdmin);
    const refused = await hankoAdmin.postForm('/fi/work/questions/routing', {
      team: TEAM.a,
      municipality: '078',
      topic: '',
      language: 'fi',
    });
    expect(refused.statusCode).toBe(403);
    const routeOfA = before.routes.find((r) => r.team_id === TEAM.a)!;
    expect((await hankoAdmin.postForm(`/fi/work/questions/routing/${routeOfA.id}/delete`, {})).statusCode).toBe(403);
    const member = await signedIn(EMAIL.a1);
    expect((await member.get('/fi/work/questions/routing')).statusCode).toBe(403);
    expect((await member.get('/api/v1/questions/counts')).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    const countyAdmin = await signedIn(EMAIL.countyAdmin);
    const added = await countyAdmin.postForm('/fi/work/questions/routing', {
      team: TEAM.a2,
      municipality: '616',
      topic: 'baby',
      language: 'fi',
    });
    expect(added.statusCode).toBe(303);
    const row = await d.db
      .selectFrom('question_route')
      .selectAll()
      .where('team_id', '=', TEAM.a2)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ municipality_code: '616', topic: 'baby', language: 'fi' });
    expect((await countyAdmin.postForm(`/fi/work/questions/routing/${row.id}/delete`, {})).statusCode).toBe(303);
  });

  it('answers 404 to a wrong or malformed follow-up code and changes nothing', async () => {
    const visitor = new Agent(app, '10.8.8.2');
    const before = await snapshot();
    const wrong = newFollowUpCode().code;
    for (const c of [wrong, 'short', `${code.slice(0, 42)}x`.replace(/x$/, code.endsWith('A') ? 'B' : 'A')]) {
      const page = await visitor.get(`/fi/ask/${c}`);
      expect(page.statusCode, c).toBe(404);
      expect(page.body).not.toContain('salainen');
      expect((await visitor.postForm(`/fi/ask/${c}/reply`, { text: 'Hei' })).statusCode).toBe(404);
      expect((await visitor.postForm(`/fi/ask/${c}/consent`, { consent: 'no' })).statusCode).toBe(404);
      expect((await visitor.postForm(`/fi/ask/${c}/delete`, { confirm: 'yes' })).statusCode).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 to the code of a conversation erased by retention', async () => {
    const resident = new Agent(app, '10.8.8.3');
    const res = await resident.postForm('/fi/ask', {
      topic: 'baby',
      municipality: '018',
      language: 'fi',
      text: 'Vanha',
    });
    const old = codeOf(res.headers.location as string);
    await d.db
      .updateTable('question')
      .set({ last_message_at: new Date('2020-01-01T00:00:00Z') })
      .where('code_hash', '=', hashFollowUpCode(old))
      .execute();
    await eraseExpiredQuestions(d.db, new Date());
    expect((await resident.get(`/fi/ask/${old}`)).statusCode).toBe(404);
    expect((await resident.postForm(`/fi/ask/${old}/reply`, { text: 'Hei' })).statusCode).toBe(404);
  });

  it('rate-limits public questions like sign-in (AUTH_RATE_LIMIT a minute)', async () => {
    const limited = await testApp(d, { AUTH_RATE_LIMIT: '2' });
    try {
      const client = new Agent(limited, '10.8.8.4');
      const body = { municipality: '018', topic: 'baby', language: 'fi', text: 'Hei' };
      expect((await client.json('POST', '/api/v1/questions', body)).statusCode).toBe(201);
      expect((await client.json('POST', '/api/v1/questions', body)).statusCode).toBe(201);
      expect((await client.json('POST', '/api/v1/questions', body)).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
