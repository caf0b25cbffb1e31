/**
 * E-advice end to end over HTTP, on both databases: a resident asks (form without JavaScript, and JSON), gets a
 * receipt and a private link; Askola's team sees the question in its pool (no contents in the list), opens it
 * (audited, and the asker sees who read it), claims, consults a colleague of another organisation (the asker
 * never sees the thread), answers (the e-mail carries only a link), the asker writes back, an answer with consent
 * is published as an anonymised Q&A, the question is handed over, and the asker deletes the conversation.
 * The stored rows hold no plain text.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { runDueJobs } from '../../src/core/jobs/jobs.js';
import { Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';
import { codeOf, EMAIL, QUESTION_TEXT, questionWorld, TEAM } from './support.js';

describe.each(testDatabases())('e-advice flow on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let mailbox: Mailbox;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await questionWorld(d.db);
    mailbox = await startMailbox();
    app = await testApp(d, { SMTP_URL: mailbox.url, AUTH_RATE_LIMIT: '10000' });
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
    await mailbox?.close();
  });

  const runJobs = () => runDueJobs({ db: d.db, mailer: app.mailer, config: app.config, log: app.log });
  const signedIn = async (email: string) => {
    const a = new Agent(app);
    await a.signIn(email);
    return a;
  };
  const ask = async (fields: Record<string, string | string[]> = {}) => {
    const resident = new Agent(app, '10.9.9.9');
    const res = await resident.postForm('/fi/ask', {
      topic: 'parenting',
      municipality: '018',
      language: 'fi',
      text: QUESTION_TEXT,
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(303);
    return { resident, code: codeOf(res.headers.location as string) };
  };
  const idOf = async (code: string) => {
    const { hashFollowUpCode } = await import('../../src/core/shared/followUpCodes.js');
    return (
      await d.db
        .selectFrom('question')
        .select('id')
        .where('code_hash', '=', hashFollowUpCode(code))
        .executeTakeFirstOrThrow()
    ).id;
  };

  it('shows the form in Finnish, Swedish and English without signing in', async () => {
    for (const [lang, word] of [
      ['fi', 'Kysy neuvoa'],
      ['sv', 'Fråga om råd'],
      ['en', 'Ask for advice'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/${lang}/ask` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(word);
      expect(res.body).toContain('name="_csrf"');
      expect(res.body).toContain('112');
    }
  });

  it('refuses an incomplete form with every problem, keeping what was typed', async () => {
    const resident = new Agent(app, '10.9.9.8');
    const res = await resident.postForm('/sv/ask', {
      topic: '',
      municipality: '018',
      language: 'sv',
      text: '',
      email: 'ei-osoite',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Välj ett ämne.');
    expect(res.body).toContain('Skriv ett meddelande.');
    expect(res.body).toContain('Kontrollera e-postadressen');
    expect(res.body).toContain('value="ei-osoite"');
    expect(await d.db.selectFrom('question').select('id').execute()).toHaveLength(0);
  });

  it('gives a receipt with a reference and a private link; the asker e-mail carries only the link', async () => {
    const before = mailbox.messages.length;
    const { resident, code } = await ask({ email: 'asker@koti.fi' });
    const page = await resident.get(`/fi/ask/${code}?notice=sent`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Viitenumerosi on Q-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(page.body).toContain(`http://yhdessa.test/fi/ask/${code}`);
    expect(page.body).toContain('salainen-lause-123');
    expect(page.headers['cache-control']).toContain('no-store');
    // The e-mail waits in the job queue, sealed: neither the address nor the link is readable there.
    const queued = JSON.stringify((await sql`select data from pgboss.job where name = 'mail.send'`.execute(d.db)).rows);
    expect(queued).not.toContain('asker@koti.fi');
    expect(queued).not.toContain(code);
    expect((await runJobs()).failed).toBe(0);
    const mail = await mailbox.waitFor('asker@koti.fi', { after: before });
    expect(mail.text).toContain(`http://yhdessa.test/fi/ask/${code}`);
    expect(mail.text).not.toContain('salainen');
    expect(mail.subject).not.toContain('salainen');
  });

  it('stores the text and the e-mail address encrypted and only the hash of the code', async () => {
    const { code } = await ask({ email: 'piilo@koti.fi' });
    const id = await idOf(code);
    const row = await d.db.selectFrom('question').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const dump = JSON.stringify(row);
    expect(dump).not.toContain('salainen-lause');
    expect(dump).not.toContain('piilo@koti.fi');
    expect(dump).not.toContain(code);
    expect(row.text_enc).toMatch(/^enc1:/);
    expect(row.email_enc).toMatch(/^enc1:/);
    const a1 = await signedIn(EMAIL.a1);
    await a1.postForm(`/fi/work/questions/${id}/answer`, { answer: 'Vastaus: toinen-salainen-456' });
    const messages = JSON.stringify(await d.db.selectFrom('question_message').selectAll().execute());
    expect(messages).not.toContain('toinen-salainen-456');
  });

  it('accepts a question as JSON with the CSRF token and answers 201 with reference and follow_up_url', async () => {
    const client = new Agent(app, '10.9.9.7');
    const noToken = await client.request({
      method: 'POST',
      url: '/api/v1/questions',
      payload: { municipality: '018', topic: 'baby', language: 'fi', text: 'Hei' },
    });
    expect(noToken.statusCode).toBe(403);
    const bad = await client.json('POST', '/api/v1/questions', {
      municipality: '999',
      topic: 'x',
      language: 'de',
      text: '',
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { problems: { field: string }[] }).problems.map((p) => p.field).sort()).toEqual([
      'language',
      'municipality',
      'text',
      'topic',
    ]);
    const res = await client.json('POST', '/api/v1/questions', {
      municipality: '018',
      topic: 'baby',
      language: 'fi',
      text: 'Vauva ei syö',
      email: 'json@koti.fi',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { reference: string; follow_up_url: string };
    expect(body.reference).toMatch(/^Q-/);
    expect(body.follow_up_url).toMatch(/^http:\/\/yhdessa\.test\/(fi|sv|en)\/ask\/[A-Za-z0-9_-]{43}$/);
    const page = await client.get(new URL(body.follow_up_url).pathname);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vauva ei syö');
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/questions', '/api/v1/questions/{id}', '/api/v1/consultations']),
    );
  });

  it('runs the whole flow: pool, audited read, claim, consultation, answer, reply, publish, hand-over, deletion', async () => {
    const { resident, code } = await ask({ email: 'flow@koti.fi', consent: 'yes' });
    await runJobs(); // the receipt
    const id = await idOf(code);
    const a1 = await signedIn(EMAIL.a1);

    // The pool lists it, without contents.
    const pool = await a1.get('/api/v1/questions?per_page=100');
    expect(pool.statusCode).toBe(200);
    const items = (pool.json() as { items: { id: string; reference: string }[] }).items;
    expect(items.map((i) => i.id)).toContain(id);
    expect(pool.body).not.toContain('salainen');
    const listPage = await a1.get('/fi/work/questions');
    expect(listPage.statusCode).toBe(200);
    expect(listPage.body).not.toContain('salainen');

    // Reading it is audited, and the asker sees who read it.
    const read = await a1.get(`/api/v1/questions/${id}`);
    expect(read.statusCode).toBe(200);
    expect((read.json() as { text: string }).text).toBe(QUESTION_TEXT);
    expect(read.body).not.toContain('flow@koti.fi');
    const reads = await d.db
      .selectFrom('audit_event')
      .select(['actor_name', 'organization_id'])
      .where('action', '=', 'question.read')
      .where('object_id', '=', id)
      .execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actor_name).toBe('Anna Vastaaja');
    expect((await resident.get(`/fi/ask/${code}`)).body).toContain('Anna Vastaaja');

    // Claim, then a consultation with a colleague of another organisation.
    expect((await a1.postForm(`/fi/work/questions/${id}/claim`, {})).statusCode).toBe(303);
    const consult = await a1.postForm(`/fi/work/questions/${id}/consult`, {
      consultant: EMAIL.hanko,
      consultation_text: 'Sisäinen-kysymys-789',
    });
    expect(consult.statusCode).toBe(303);
    const hanko = await signedIn(EMAIL.hanko);
    const consultations = (await hanko.get('/api/v1/consultations')).json() as {
      items: { id: string; role: string }[];
    };
    expect(consultations.items).toHaveLength(1);
    expect(consultations.items[0]!.role).toBe('consultant');
    const asConsultant = await hanko.get(`/api/v1/questions/${id}`);
    expect(asConsultant.statusCode).toBe(200);
    expect((asConsultant.json() as { view: string }).view).toBe('consultant');
    const reply = await hanko.json('POST', `/api/v1/consultations/${consultations.items[0]!.id}/messages`, {
      text: 'Kollegan-vastaus-321',
    });
    expect(reply.statusCode).toBe(201);
    const emptyReply = await hanko.postForm(`/fi/work/consultations/${consultations.items[0]!.id}/reply`, { text: '' });
    expect(emptyReply.statusCode).toBe(400);
    expect(emptyReply.body).toContain(`href="#reply-${consultations.items[0]!.id}"`);
    const thread = await a1.get(`/api/v1/consultations/${consultations.items[0]!.id}`);
    expect(thread.body).toContain('Kollegan-vastaus-321');
    // …but the consultant cannot answer the asker.
    expect((await hanko.json('POST', `/api/v1/questions/${id}/answers`, { text: 'x' })).statusCode).toBe(403);

    // The answer: the asker is notified with a link only.
    const before = mailbox.messages.length;
    const answer = await a1.postForm(`/fi/work/questions/${id}/answer`, { answer: 'Tässä-vastaus-654' });
    expect(answer.statusCode).toBe(303);
    await runJobs();
    const mail = await mailbox.waitFor('flow@koti.fi', { after: before });
    expect(mail.text).toContain('http://yhdessa.test/fi/ask/open');
    expect(mail.text).not.toContain('Tässä-vastaus');
    const follow = await resident.get(`/fi/ask/${code}`);
    expect(follow.body).toContain('Tässä-vastaus-654');
    expect(follow.body).not.toContain('Sisäinen-kysymys-789');
    expect(follow.body).not.toContain('Kollegan-vastaus-321');
    expect(follow.body).toContain('Hanna Hanko'); // the consultant read it too

    // The asker writes back: the question is back in the team's open work.
    expect((await resident.postForm(`/fi/ask/${code}/reply`, { text: 'Kiitos, vielä yksi asia' })).statusCode).toBe(
      303,
    );
    const afterReply = (await a1.get(`/api/v1/questions/${id}`)).json() as { status: string; messages: unknown[] };
    expect(afterReply.status).toBe('claimed');
    expect(afterReply.messages).toHaveLength(2);

    // Answer again and publish an anonymised Q&A (the asker agreed).
    await a1.postForm(`/fi/work/questions/${id}/answer`, { answer: 'Toinen vastaus' });
    const publish = await a1.postForm(`/fi/work/questions/${id}/publish`, {
      qa_question: 'Miten tukea väsynyttä vanhempaa?',
      qa_answer: 'Neuvolan perheohjaus auttaa.',
    });
    expect(publish.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/fi/ask' })).body).toContain('Miten tukea väsynyttä vanhempaa?');

    // Hand over to Hanko's team: it leaves Askola's pool and waits, unclaimed, in Hanko's.
    const handOver = await a1.json('POST', `/api/v1/questions/${id}/handover`, { team_id: TEAM.h });
    expect(handOver.statusCode).toBe(204);
    expect((await a1.get('/fi/work/questions?notice=handed_over')).body).toContain('Kysymys on siirretty');
    expect((await a1.get(`/api/v1/questions/${id}`)).statusCode).toBe(403);
    const hankoPool = (await hanko.get('/api/v1/questions')).json() as { items: { id: string; status: string }[] };
    expect(hankoPool.items.find((i) => i.id === id)?.status).toBe('open');

    // The asker deletes the conversation: everything goes, the link opens nothing.
    const del = await resident.postForm(`/fi/ask/${code}/delete`, { confirm: 'yes' });
    expect(del.statusCode).toBe(303);
    expect((await resident.get(`/fi/ask/${code}`)).statusCode).toBe(404);
    expect(await d.db.selectFrom('question').select('id').where('id', '=', id).execute()).toHaveLength(0);
    expect(await d.db.selectFrom('question_message').select('id').where('question_id', '=', id).execute()).toHaveLength(
      0,
    );
    expect(
      await d.db.selectFrom('question_consultation').select('id').where('question_id', '=', id).execute(),
    ).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: '/fi/ask' })).body).not.toContain(
      'Miten tukea väsynyttä vanhempaa?',
    );
    const deletion = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'question.deleted_by_asker')
      .where('object_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(deletion.details).toMatchObject({ questions: 1, messages: 3, consultations: 1, published: 1 });
  });

  it('refuses to publish without the asker’s consent, and the asker can give it later', async () => {
    const { resident, code } = await ask();
    const id = await idOf(code);
    const a2 = await signedIn(EMAIL.a2);
    await a2.postForm(`/fi/work/questions/${id}/answer`, { answer: 'Vastaus' });
    const refused = await a2.postForm(`/fi/work/questions/${id}/publish`, { qa_question: 'K', qa_answer: 'V' });
    expect(refused.statusCode).toBe(409);
    expect(await d.db.selectFrom('question_qa').select('id').where('question_id', '=', id).execute()).toHaveLength(0);
    expect((await resident.postForm(`/fi/ask/${code}/consent`, { consent: 'yes' })).statusCode).toBe(303);
    expect(
      (await a2.postForm(`/fi/work/questions/${id}/publish`, { qa_question: 'K', qa_answer: 'V' })).statusCode,
    ).toBe(303);
    // Withdrawing consent unpublishes.
    await resident.postForm(`/fi/ask/${code}/consent`, { consent: 'no' });
    expect(await d.db.selectFrom('question_qa').select('id').where('question_id', '=', id).execute()).toHaveLength(0);
  });

  it('keeps a deletion unconfirmed and an empty reply with a message, changing nothing', async () => {
    const { resident, code } = await ask();
    const id = await idOf(code);
    const del = await resident.postForm(`/fi/ask/${code}/delete`, {});
    expect(del.statusCode).toBe(400);
    expect(del.body).toContain('Vahvista poisto');
    const empty = await resident.postForm(`/fi/ask/${code}/reply`, { text: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(await d.db.selectFrom('question').select('id').where('id', '=', id).execute()).toHaveLength(1);
    expect(await d.db.selectFrom('question_message').select('id').where('question_id', '=', id).execute()).toHaveLength(
      0,
    );
  });

  it('opens a pasted follow-up link', async () => {
    const { code } = await ask();
    const visitor = new Agent(app, '10.9.9.6');
    const res = await visitor.postForm('/fi/ask/open', { link: `https://yhdessa.test/fi/ask/${code}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/fi/ask/${code}`);
    const bad = await visitor.postForm('/fi/ask/open', { link: 'https://example.com/nothing' });
    expect(bad.statusCode).toBe(400);
  });

  it('routes a question to no team when no rule matches, and picks it up when a rule is added', async () => {
    const { code } = await ask({ municipality: '710', language: 'sv' });
    const id = await idOf(code);
    const row = await d.db.selectFrom('question').select('team_ids').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.team_ids).toEqual([]);
    const coordinator = await signedIn(EMAIL.coordinator);
    const counts = (await coordinator.get('/api/v1/questions/counts')).json() as {
      counts: { municipality: string; unrouted: number }[];
    };
    expect(counts.counts.find((c) => c.municipality === '710')?.unrouted).toBe(1);
    const added = await coordinator.postForm('/fi/work/questions/routing', {
      team: TEAM.h,
      municipality: '710',
      topic: '',
      language: 'sv',
    });
    expect(added.statusCode).toBe(303);
    const after = await d.db.selectFrom('question').select('team_ids').where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.team_ids).toEqual([TEAM.h]);
  });
});
