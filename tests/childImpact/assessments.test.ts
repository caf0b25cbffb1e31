/**
 * An assessment carried out through HTTP from screening to publication, on both databases; every boundary as a
 * forbidden request that changes and reveals nothing (another municipality's official, a member without the
 * permission, a coordinator, signed out), versions, conflicts, comments and the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { addWorld, agentFor, createThroughForm, type World } from './support.js';

describe.each(testDatabases())('child impact assessments over HTTP on %s', (kind) => {
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

  const row = (id: string) =>
    d.db.selectFrom('child_impact_assessment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('an official carries out an assessment from screening to a published summary', async () => {
    const rea = await agentFor(app, 'editor@raasepori.test');
    const id = await createThroughForm(rea, w.raasepori);
    expect((await row(id)).decision_date).toBe('2026-03-18');

    // Screening: continue. A second person of the team works on the same assessment.
    let res = await rea.postForm(`/fi/work/child-impact/${id}/steps/screening`, {
      version: '1',
      affects: 'direct',
      screening_result: 'continue',
    });
    expect(res.statusCode).toBe(303);
    const rasmus = await agentFor(app, 'admin@raasepori.test');
    res = await rasmus.postForm(`/sv/work/child-impact/${id}/steps/legal_basis`, {
      version: '2',
      articles: ['3', '12'],
      national_law: 'Perusopetuslaki 32 §',
    });
    expect(res.statusCode).toBe(303);
    // A form made from an older version is refused with what was typed kept.
    res = await rea.postForm(`/fi/work/child-impact/${id}/steps/evidence`, {
      version: '2',
      evidence: 'Oppilasennusteet 2026–2032',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Rasmus Admin');
    expect(res.body).toContain('Oppilasennusteet 2026–2032');
    // Bad input: every problem at once, nothing lost, nothing saved.
    res = await rea.postForm(`/fi/work/child-impact/${id}/steps/follow_up`, {
      version: '3',
      indicators: 'Koulumatkojen kesto',
      follow_up_due: '31.2.2027',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Koulumatkojen kesto');
    expect(res.body).toContain('error-summary');
    expect((await row(id)).version).toBe(3);
    res = await rea.postForm(`/fi/work/child-impact/${id}/steps/follow_up`, {
      version: '3',
      indicators: 'Koulumatkojen kesto',
      follow_up_due: '30.9.2027',
      follow_up_owner: w.people.raasepori,
    });
    expect(res.statusCode).toBe(303);
    expect((await row(id)).follow_up_due).toBe('2027-09-30');

    // Not ready to publish: still a draft.
    res = await rea.postForm(`/fi/work/child-impact/${id}/publish`, {});
    expect(res.statusCode).toBe(409);
    res = await rea.postForm(`/fi/work/child-impact/${id}/steps/decision`, {
      version: '4',
      recommendation: 'Vaiheittainen yhdistäminen',
      decision_text: 'Kuljetuksia laajennettiin',
      outcome: 'partly',
    });
    expect(res.statusCode).toBe(303);
    expect((await row(id)).status).toBe('completed');
    // Summaries are needed in both languages.
    res = await rea.postForm(`/fi/work/child-impact/${id}/publish`, {});
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('ruotsiksi');
    res = await rea.postForm(`/fi/work/child-impact/${id}/steps/summary`, {
      version: '5',
      summary_fi: 'Lautakunta arvioi koulukuljetusten muutoksen.',
      summary_sv: 'Nämnden bedömde ändringen av skolskjutsarna.',
      child_summary_fi: 'Kysyimme teiltä koulumatkoista.',
      child_summary_sv: 'Vi frågade er om skolvägen.',
    });
    expect(res.statusCode).toBe(303);

    // Before publishing nobody outside the municipality sees it.
    for (const who of [undefined, 'editor@hanko.test', 'coord@test.fi', 'admin@county.test', 'member@raasepori.test']) {
      const other = await agentFor(app, who);
      const page = await other.get(`/fi/child-impact/${id}`);
      expect(page.statusCode, String(who)).toBe(404);
      expect(page.body).not.toContain('Koulukuljetusten muutos');
      const list = await other.get('/fi/child-impact');
      expect(list.body).not.toContain('Koulukuljetusten muutos');
    }
    const api = await (await agentFor(app)).get('/api/v1/child-impact-assessments?municipality=710');
    expect(api.json().assessments).toEqual([]);

    res = await rea.postForm(`/fi/work/child-impact/${id}/publish`, {});
    expect(res.statusCode).toBe(303);
    const anon = await agentFor(app);
    const pub = await anon.get(`/sv/child-impact/${id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Nämnden bedömde ändringen av skolskjutsarna.');
    expect(pub.body).toContain('Vi frågade er om skolvägen.');
    expect(pub.body).not.toContain('Kuljetuksia laajennettiin'); // the working text stays with the team
    const list = await anon.get('/fi/child-impact?municipality=710&body=Sivistyslautakunta');
    expect(list.body).toContain('Koulukuljetusten muutos');
    const json = await anon.get('/api/v1/child-impact-assessments?municipality=710');
    expect(json.json().assessments).toMatchObject([
      { id, municipality_code: '710', timing: 'before', outcome: 'partly', follow_up_due: '2027-09-30' },
    ]);
    const csv = await anon.get('/api/v1/child-impact-assessments?municipality=710&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Koulukuljetusten muutos');
    expect((await anon.get('/api/v1/child-impact-assessments?municipality=999')).statusCode).toBe(400);

    // Versions and the audit log: every change recorded.
    const versions = await d.db
      .selectFrom('child_impact_version')
      .select('version')
      .where('assessment_id', '=', id)
      .execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const audits = await d.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name'])
      .where('object_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'child_impact.created',
      'child_impact.step_saved',
      'child_impact.step_saved',
      'child_impact.step_saved',
      'child_impact.step_saved',
      'child_impact.step_saved',
      'child_impact.published',
    ]);
    expect(audits[2]!.actor_name).toBe('Rasmus Admin');
    const version2 = await rea.get(`/fi/work/child-impact/${id}/versions/3`);
    expect(version2.body).toContain('Perusopetuslaki 32 §');
  });

  it('a screening may end the assessment with a recorded reason', async () => {
    const rea = await agentFor(app, 'editor@raasepori.test');
    const id = await createThroughForm(rea, w.raasepori, 'Tilavarausjärjestelmä');
    let res = await rea.postForm(`/fi/work/child-impact/${id}/steps/screening`, {
      affects: 'no',
      screening_result: 'stop',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kirjaa perustelu');
    res = await rea.postForm(`/fi/work/child-impact/${id}/steps/screening`, {
      affects: 'no',
      screening_result: 'stop',
      screening_reason: 'Koskee vain henkilöstöä.',
    });
    expect(res.statusCode).toBe(303);
    expect((await row(id)).status).toBe('screened_out');
  });

  it('refuses everyone outside the municipality, changing and revealing nothing', async () => {
    const rea = await agentFor(app, 'editor@raasepori.test');
    const id = await createThroughForm(rea, w.raasepori, 'Salainen luonnos');
    await rea.postForm(`/fi/work/child-impact/${id}/comments`, { step: 'general', comment: 'Sisäinen huomio' });
    const before = await row(id);
    for (const who of ['editor@hanko.test', 'member@raasepori.test', 'coord@test.fi', 'admin@county.test']) {
      const other = await agentFor(app, who);
      const page = await other.get(`/fi/work/child-impact/${id}`);
      expect(page.statusCode, who).toBe(403);
      expect(page.body).not.toContain('Salainen luonnos');
      expect(page.body).not.toContain('Sisäinen huomio');
      const step = await other.postForm(`/fi/work/child-impact/${id}/steps/plan`, { plan_people: 'Vieras' });
      expect(step.statusCode, who).toBe(403);
      expect((await other.postForm(`/fi/work/child-impact/${id}/publish`, {})).statusCode).toBe(403);
      expect((await other.postForm(`/fi/work/child-impact/${id}/comments`, { comment: 'x' })).statusCode).toBe(403);
      expect((await other.get(`/fi/work/child-impact/organizations/${w.raasepori}/report`)).statusCode).toBe(403);
      const imp = await other.postForm(`/fi/work/child-impact/organizations/${w.raasepori}/decisions/import`, {
        csv: 'reference,date,body,title\n§ 1,2026-01-01,Lautakunta,Vieras',
      });
      expect(imp.statusCode).toBe(403);
      const create = await other.postForm('/fi/work/child-impact/new', {
        organization: w.raasepori,
        title: 'Vieras',
        body: 'X',
        reference: '1',
        timing: 'before',
      });
      expect(create.statusCode, who).toBe(403);
    }
    const anon = await agentFor(app);
    const csrf = await anon.csrf();
    expect(
      (await anon.postForm(`/fi/work/child-impact/${id}/steps/plan`, { plan_people: 'x' }, { csrf })).statusCode,
    ).toBe(401);
    expect((await anon.get(`/fi/work/child-impact/${id}`)).statusCode).toBe(303); // to sign in
    const after = await row(id);
    expect(after.version).toBe(before.version);
    expect(after.content).toEqual(before.content);
    expect(await d.db.selectFrom('child_impact_decision').selectAll().execute()).toEqual([]);
    expect(
      await d.db.selectFrom('child_impact_assessment').select('id').where('title', '=', 'Vieras').execute(),
    ).toEqual([]);
    const denied = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'access.denied')
      .where('organization_id', '=', w.raasepori)
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('counts the share of a body’s decisions assessed, from decisions imported as CSV', async () => {
    const rea = await agentFor(app, 'editor@raasepori.test');
    let res = await rea.postForm(`/fi/work/child-impact/organizations/${w.raasepori}/decisions/import`, {
      csv: 'pykälä;päivämäärä;toimielin;otsikko\n§ 12/2026;18.3.2026;Sivistyslautakunta;Koulukuljetukset\n§ 13/2026;kesäkuu;Sivistyslautakunta;Maksut',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Rivi 3');
    expect(await d.db.selectFrom('child_impact_decision').selectAll().execute()).toEqual([]);
    res = await rea.postForm(`/fi/work/child-impact/organizations/${w.raasepori}/decisions/import`, {
      csv: 'reference,date,body,title\n§ 12/2026,2026-03-18,Sivistyslautakunta,Koulukuljetukset\n§ 13/2026,2026-03-18,Sivistyslautakunta,Maksut\n§ 14/2026,2026-04-01,Sivistyslautakunta,Loma-ajat\n§ 1/2026,2026-01-10,Tekninen lautakunta,Kadut',
    });
    expect(res.statusCode).toBe(303);
    const report = await rea.get(`/fi/work/child-impact/organizations/${w.raasepori}/report`);
    expect(report.statusCode).toBe(200);
    // Three assessments of § 12/2026 by the Sivistyslautakunta exist (from the tests above): one decision of three.
    expect(report.body).toMatch(/Sivistyslautakunta<\/td><td>3<\/td><td>1<\/td><td>\d<\/td><td>33(<!-- -->)? %/);
    expect(report.body).toMatch(/Tekninen lautakunta<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>0(<!-- -->)? %/);
  });
});
