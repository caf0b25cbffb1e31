/**
 * Children's views over HTTP (both databases): the team opens a questionnaire; children answer anonymously
 * without a session (no account, no address kept); counts appear only from five answers; the free text reaches
 * the assessment's team only, and reading it is audited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { addWorld, agentFor, createThroughForm, type World } from './support.js';

describe.each(testDatabases())('children’s questionnaires on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let w: World;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    w = await addWorld(d.db);
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('is opened by the team, answered anonymously, summarised with counts from five answers', async () => {
    const rea = await agentFor(app, 'editor@raasepori.test');
    const assessment = await createThroughForm(rea, w.raasepori, 'Leikkipuiston uusiminen');
    // Both languages are needed for every question written.
    let res = await rea.postForm(`/fi/work/child-impact/${assessment}/questionnaires/new`, {
      age_group: '7-12',
      'title.fi': 'Mitä mieltä olet leikkipuistosta?',
      'title.sv': 'Vad tycker du om lekparken?',
      'q1.fi': 'Miltä puisto nyt tuntuu?',
      'q1.sv': '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Mitä mieltä olet leikkipuistosta?');
    expect(res.body).toContain('href="#q1-sv"');
    res = await rea.postForm(`/fi/work/child-impact/${assessment}/questionnaires/new`, {
      age_group: '7-12',
      'title.fi': 'Mitä mieltä olet leikkipuistosta?',
      'title.sv': 'Vad tycker du om lekparken?',
      'q1.fi': 'Miltä puisto nyt tuntuu?',
      'q1.sv': 'Hur känns parken nu?',
      'q2.fi': 'Miltä uusi liukumäki tuntuisi?',
      'q2.sv': 'Hur skulle en ny rutschkana kännas?',
    });
    expect(res.statusCode).toBe(303);
    const qid = /questionnaires\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!;
    // Another municipality's official cannot open one for Raasepori's assessment.
    const hanna = await agentFor(app, 'editor@hanko.test');
    res = await hanna.postForm(`/fi/work/child-impact/${assessment}/questionnaires/new`, {
      age_group: '7-12',
      'title.fi': 'Vieras',
      'title.sv': 'Främmande',
      'q1.fi': 'a',
      'q1.sv': 'b',
    });
    expect(res.statusCode).toBe(403);

    // A child, not signed in: the page sets no cookie but the form's token, and works as a plain form.
    const child = await agentFor(app);
    const page = await child.get(`/sv/child-impact/questionnaires/${qid}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hur känns parken nu?');
    expect(page.body).toContain('Jättebra');
    const setCookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split('=')[0] ?? '');
    expect(setCookies.every((c) => c.includes('csrf'))).toBe(true);
    // Nothing answered: asked again, nothing stored.
    res = await child.postForm(`/sv/child-impact/questionnaires/${qid}`, { q1: '', q2: '' });
    expect(res.statusCode).toBe(400);
    res = await child.postForm(`/sv/child-impact/questionnaires/${qid}`, { q1: '7' });
    expect(res.statusCode).toBe(400);
    const answers: Record<string, string>[] = [
      { q1: '5', q2: '4', free_text: 'Haluan keinun!' },
      { q1: '4', q2: '5' },
      { q1: '2', q2: '0' },
      { q1: '5', q2: '' },
    ];
    for (const a of answers) {
      res = await (await agentFor(app)).postForm(`/fi/child-impact/questionnaires/${qid}`, a);
      expect(res.statusCode).toBe(303);
    }
    const stored = await d.db.selectFrom('child_impact_response').selectAll().execute();
    expect(stored).toHaveLength(4);
    expect(Object.keys(stored[0]!).sort()).toEqual([
      'answered_on',
      'answers',
      'free_text',
      'id',
      'lang',
      'questionnaire_id',
    ]);
    expect(stored.map((s) => s.free_text).join()).not.toContain('keinu'); // encrypted at rest

    // Four answers: no counts anywhere yet.
    let results = await rea.get(`/fi/work/child-impact/questionnaires/${qid}`);
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('Vastauksia on alle 5');
    expect(results.body).toContain('Haluan keinun!'); // the team reads the free text
    res = await (await agentFor(app)).postForm(`/fi/child-impact/questionnaires/${qid}`, { q1: '3', q2: '4' });
    expect(res.statusCode).toBe(303);
    results = await rea.get(`/fi/work/child-impact/questionnaires/${qid}`);
    expect(results.body).toContain('5 vastausta');
    expect(results.body).toContain('Alle 5 vastausta'); // q2 had four answers
    expect(results.body).not.toContain('Vastauksia on alle 5');

    // Nobody else reads the results or the free text.
    for (const who of ['editor@hanko.test', 'coord@test.fi', 'member@raasepori.test']) {
      const other = await agentFor(app, who);
      const r = await other.get(`/fi/work/child-impact/questionnaires/${qid}`);
      expect(r.statusCode, who).toBe(403);
      expect(r.body).not.toContain('Haluan keinun!');
    }
    const reads = await d.db
      .selectFrom('audit_event')
      .select(['actor_name'])
      .where('action', '=', 'child_impact.free_text_read')
      .where('object_id', '=', qid)
      .execute();
    expect(reads.map((r) => r.actor_name)).toEqual(['Rea Editor', 'Rea Editor']);

    // Closing: no more answers, said in words.
    expect((await hanna.postForm(`/fi/work/child-impact/questionnaires/${qid}/close`, {})).statusCode).toBe(403);
    expect((await rea.postForm(`/fi/work/child-impact/questionnaires/${qid}/close`, {})).statusCode).toBe(303);
    const closed = await (await agentFor(app)).get(`/fi/child-impact/questionnaires/${qid}`);
    expect(closed.body).toContain('Tähän kyselyyn ei voi enää vastata');
    res = await (await agentFor(app)).postForm(`/fi/child-impact/questionnaires/${qid}`, { q1: '3' });
    expect(res.statusCode).toBe(400);
    expect(await d.db.selectFrom('child_impact_response').selectAll().execute()).toHaveLength(5);
  });
});
