/**
 * Tracking that tells the truth (issue 16), on both databases and over HTTP: in December 2026 the roadmap goals
 * whose year has ended without an update are overdue, not planned; every count of the overview, the municipality
 * pages and the JSON agrees with a count made here independently from the tables; a sentence saying there were
 * no experiments is no experiment; the invited municipalities are shown; the Swedish page is Swedish; update
 * links only for those who may; after saving the confirmation takes focus and the history is unfolded; the JSON
 * write API refuses whoever may not (nothing changed); a plan over the size cap is refused whole.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlanDocument } from '../../src/core/programme/importPlan.js';
import { parsePlanDocument } from '../../src/core/programme/planDocument/parsePlanDocument.js';
import { planDetail, planIdForMunicipality } from '../../src/core/programme/queries.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { seedText } from './fixtures.js';
import { addProgrammeOrgs, CLI, type ProgrammeOrgs } from './support.js';

const SEEDS = ['raasepori-2018.txt', 'inkoo-siuntio-2018.txt', 'askola-2018.txt'];
const today = () => new Date().toISOString().slice(0, 10);

/** The counts, made from the tables with nothing of the code under test. */
async function independentCounts(d: TestDatabase) {
  const plans = await d.db.selectFrom('programme_plan').selectAll().where('kind', '=', 'municipal_plan').execute();
  const updates = await d.db.selectFrom('programme_update').select(['subject_id', 'entry_date']).execute();
  const last = (id: string, planDate: string | null) => {
    const dates = updates.filter((u) => u.subject_id === id).map((u) => String(u.entry_date).slice(0, 10));
    return dates.length ? dates.sort().at(-1)! : planDate;
  };
  const year = Number(today().slice(0, 4));
  const milestones: Record<string, number> = {};
  const actions: Record<string, number> = {};
  const perPlan = new Map<string, { milestones: Record<string, number>; actions: Record<string, number> }>();
  let overdueMilestones = 0;
  let overdueActions = 0;
  for (const p of plans) {
    const mine = { milestones: {} as Record<string, number>, actions: {} as Record<string, number> };
    perPlan.set(p.municipality_codes[0]!, mine);
    const ms = await d.db
      .selectFrom('programme_milestone')
      .selectAll()
      .where('plan_id', '=', p.id)
      .where('last_version', '=', p.current_version)
      .execute();
    for (const m of ms) {
      const open = ['planned', 'in_progress', 'delayed'].includes(m.status);
      const l = last(m.id, p.plan_date);
      const overdue = open && m.year < year && (!l || l <= `${m.year}-12-31`);
      const shown = overdue ? 'overdue' : m.status;
      if (overdue) overdueMilestones++;
      milestones[shown] = (milestones[shown] ?? 0) + 1;
      mine.milestones[shown] = (mine.milestones[shown] ?? 0) + 1;
    }
    const as = await d.db
      .selectFrom('programme_action')
      .selectAll()
      .where('plan_id', '=', p.id)
      .where('kind', '=', 'experiment')
      .where('last_version', '=', p.current_version)
      .execute();
    for (const a of as) {
      const shown = a.spread_to.length && a.status !== 'stopped' ? 'spread' : a.status;
      actions[shown] = (actions[shown] ?? 0) + 1;
      mine.actions[shown] = (mine.actions[shown] ?? 0) + 1;
      const l = last(a.id, p.plan_date);
      const limit = l ? new Date(Date.parse(`${l}T00:00:00Z`) + 365 * 86400000).toISOString().slice(0, 10) : '';
      if (['idea', 'trial'].includes(a.status) && (!l || limit < today())) overdueActions++;
    }
  }
  return { milestones, actions, perPlan, overdueMilestones, overdueActions };
}

const countsIn = (html: string, attr: string) => {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(new RegExp(`data-count="${attr}-([a-z_]+)">(\\d+)<`, 'g')))
    if (Number(m[2])) out[m[1]!] = Number(m[2]);
  return out;
};
const tagsIn = (html: string) => {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/data-status="([a-z_]+)"/g)) out[m[1]!] = (out[m[1]!] ?? 0) + 1;
  return out;
};
const between = (html: string, from: string, to: string) => {
  const start = html.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf(to, start));
};

describe.each(testDatabases())('tracking that tells the truth on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let orgs: ProgrammeOrgs;
  let raaseporiPlan: string;
  let teamId: string;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    orgs = await addProgrammeOrgs(d.db);
    for (const f of SEEDS)
      await importPlanDocument(d.db, CLI, parsePlanDocument(seedText(f)), { text: seedText(f), fileName: f });
    raaseporiPlan = (await planIdForMunicipality(d.db, '710'))!;
    teamId = '6f1d2c3b-0000-4000-8000-000000000716';
    await d.db
      .insertInto('team')
      .values({
        id: teamId,
        organization_id: orgs.raasepori,
        name: JSON.stringify({ fi: 'Perhekeskustiimi', sv: 'Familjecentralsteamet' }),
        description: '{}',
      })
      .execute();
    await addTestPerson(d.db, {
      email: 'raasepori@test.fi',
      name: 'Raasepori Editor',
      memberships: [{ organizationId: orgs.raasepori, role: 'editor' }],
    });
    await addTestPerson(d.db, {
      email: 'hanko@test.fi',
      name: 'Hanko Editor',
      memberships: [{ organizationId: orgs.hanko, role: 'editor' }],
    });
    await addTestPerson(d.db, { email: 'coord@test.fi', name: 'Coordinator', systemRole: 'coordinator' });
    app = await testApp(d, { AUTH_RATE_LIMIT: '1000' });
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
  const incredibleYears = async () =>
    (await planDetail(d.db, raaseporiPlan)).actions.find((a) => a.title.startsWith('Ihmeelliset vuodet'))!;

  it('a sentence saying there were no experiments is no experiment; it is a note of the section', async () => {
    const inkoo = await planDetail(d.db, (await planIdForMunicipality(d.db, '149'))!);
    expect(inkoo.actions.map((a) => a.title)).not.toContain('Ei ollut ketteriä kokeiluja');
    expect(inkoo.actions.filter((a) => a.kind === 'experiment')).toHaveLength(1);
    const askola = await planDetail(d.db, (await planIdForMunicipality(d.db, '018'))!);
    expect(askola.actions.filter((a) => a.kind === 'adopted')).toEqual([]);
    // One imported before the parser knew better, never touched by anyone, is not shown either.
    const inkooPlan = (await planIdForMunicipality(d.db, '149'))!;
    await d.db
      .insertInto('programme_action')
      .values({
        id: '6f1d2c3b-0000-4000-8000-000000000149',
        plan_id: inkooPlan,
        kind: 'experiment',
        match_key: 'ei ollut ketteria kokeiluja',
        municipality_code: '149',
        title: 'Ei ollut ketteriä kokeiluja',
        original: 'Inkoo: Ei ollut ketteriä kokeiluja',
        imported_status: 'not_done',
        first_version: 1,
        last_version: 1,
        status: 'idea',
      })
      .execute();
    expect((await planDetail(d.db, inkooPlan)).actions.map((a) => a.title)).not.toContain(
      'Ei ollut ketteriä kokeiluja',
    );
    await d.db.deleteFrom('programme_action').where('id', '=', '6f1d2c3b-0000-4000-8000-000000000149').execute();
    const page = await app.inject({ url: '/fi/programme/municipalities/149' });
    const experiments = between(page.body, 'id="pg-experiments"', 'id="pg-adopted"');
    expect(experiments).toContain('Suunnitelmassa todetaan:');
    expect(experiments).toContain('Inkoo: Ei ollut ketteriä kokeiluja');
    expect(experiments).not.toMatch(/Ei ollut ketteriä kokeiluja<\/span> <span class="tag/);
  });

  it('in December 2026 goals whose year has passed without an update are overdue, not planned', async () => {
    const c = await independentCounts(d);
    expect(c.overdueMilestones).toBeGreaterThan(10);
    const page = await app.inject({ url: '/fi/programme' });
    expect(page.statusCode).toBe(200);
    expect(countsIn(page.body, 'milestone')).toEqual(c.milestones);
    expect(countsIn(page.body, 'milestone').overdue).toBe(c.overdueMilestones);
    expect(page.body).toContain('Ei päivitetty 30.8.2018 jälkeen');
    const json = (await app.inject({ url: '/api/v1/programme.json' })).json() as {
      plans: { roadmap: { overdue: boolean; status: string; year: number }[] }[];
    };
    const roadmap = json.plans.flatMap((p) => p.roadmap);
    expect(roadmap.filter((m) => m.overdue)).toHaveLength(c.overdueMilestones);
    // 2030's goals are still planned, not overdue.
    expect(roadmap.filter((m) => m.year === 2030).every((m) => !m.overdue)).toBe(true);
  });

  it("every count agrees: the overview's, each municipality page's, and one made from the tables", async () => {
    // The Incredible Years groups spread to Inkoo and Siuntio: counted as spread, and in the spread picture.
    const coord = await signedIn('coord@test.fi');
    const iy = await incredibleYears();
    const res = await coord.json('PATCH', `/api/v1/programme/actions/${iy.id}`, { spread_to: ['149', '755'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'permanent', shown_status: 'spread', spread_to: ['149', '755'] });
    const c = await independentCounts(d);
    const page = await app.inject({ url: '/fi/programme' });
    expect(countsIn(page.body, 'action')).toEqual(c.actions);
    expect(page.body).toContain(`Muihin kuntiin levinneitä kokeiluja: ${c.actions.spread}.`);
    expect(page.body).toContain(`joita ei ole päivitetty vuoteen: ${c.overdueActions}`);
    // The matrix shows each experiment once with the status counted.
    const matrix = between(page.body, 'id="pg-matrix"', 'id="pg-counts"');
    const inMatrix: Record<string, number> = {};
    for (const m of matrix.matchAll(/data-action-status="([a-z_]+)"/g)) inMatrix[m[1]!] = (inMatrix[m[1]!] ?? 0) + 1;
    expect(inMatrix).toEqual(c.actions);
    // The timeline lists every current goal with the status counted.
    const timeline = between(page.body, 'id="pg-timeline"', 'id="pg-spread"');
    const inTimeline: Record<string, number> = {};
    for (const m of timeline.matchAll(/data-milestone-status="([a-z_]+)"/g))
      inTimeline[m[1]!] = (inTimeline[m[1]!] ?? 0) + 1;
    expect(inTimeline).toEqual(c.milestones);
    for (const [code, mine] of c.perPlan) {
      const plan = await app.inject({ url: `/fi/programme/municipalities/${code}` });
      expect(tagsIn(between(plan.body, 'id="pg-experiments"', 'id="pg-adopted"'))).toEqual(mine.actions);
      expect(tagsIn(between(plan.body, 'id="pg-roadmap"', 'id="pg-structural"'))).toEqual(mine.milestones);
    }
  });

  it('shows every municipality: those without a plan marked, Myrskylä and Pukkila as invited', async () => {
    const page = await app.inject({ url: '/fi/programme' });
    const matrix = between(page.body, 'id="pg-matrix"', 'id="pg-counts"');
    expect(matrix.match(/<th scope="row">/g)).toHaveLength(20);
    expect(matrix.match(/data-no-plan="invited"/g)).toHaveLength(2);
    expect(matrix).toMatch(
      /Myrskylä<\/a><span class="pg-muted" data-no-plan="invited"> (?:<!-- -->)?\(kutsuttu mukaan\)/,
    );
    expect(matrix.match(/data-no-plan="missing"/g)).toHaveLength(20 - 2 - 4);
    const sv = await app.inject({ url: '/sv/programme/municipalities/616' });
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('Kommunen har bjudits in till förändringsprogrammet.');
  });

  it("the Swedish page shows the template's headings and statuses in Swedish, the plan's text marked as Finnish", async () => {
    const sv = await app.inject({ url: '/sv/programme/municipalities/710' });
    const sections = between(sv.body, 'id="pg-sections"', 'id="pg-group"');
    expect(sections).toContain('<h3>3<!-- -->. <!-- -->Från försök till bestående praxis</h3>');
    expect(sections).not.toContain('Kokeilusta pysyväksi käytännöksi');
    expect(sections).toContain('<li lang="fi">Teemme kehittämistyötä');
    expect(sections).toContain('<li lang="sv">Stödgrupp för barn som upplevt skillsmässa');
    expect(sv.body).toContain('Inte uppdaterad i tid');
    expect(sv.body).not.toContain('Suunniteltu');
  });

  it('shows update links to those who may, apart from the status, and none to others', async () => {
    const anon = await app.inject({ url: '/fi/programme' });
    expect(anon.body).not.toContain('/edit"');
    const own = await (await signedIn('raasepori@test.fi')).get('/fi/programme');
    const links = [...own.body.matchAll(/href="\/fi\/programme\/(actions|milestones)\/([0-9a-f-]+)\/edit"/g)];
    expect(links.length).toBeGreaterThan(5);
    const plan = await planDetail(d.db, raaseporiPlan);
    const ids = new Set([...plan.actions, ...plan.milestones].map((x) => x.id));
    expect(links.every((l) => ids.has(l[2]!))).toBe(true);
    // The tag and the link never run together: "SuunniteltuPäivitä tilanne".
    expect(own.body).not.toMatch(/<\/span><a href="\/fi\/programme\/milestones/);
    expect(own.body).toContain('<span class="pg-update-link"> <a href=');
    const coord = await (await signedIn('coord@test.fi')).get('/fi/programme');
    expect([...coord.body.matchAll(/\/edit"/g)].length).toBeGreaterThan(links.length);
  });

  it('after saving, the confirmation takes focus and the change is in the unfolded history', async () => {
    const a = await signedIn('raasepori@test.fi');
    const m = (await planDetail(d.db, raaseporiPlan)).milestones.find((x) => x.year === 2019)!;
    expect(m.overdue).toBe(true);
    const res = await a.postForm(`/fi/programme/milestones/${m.id}/edit`, {
      status: 'done',
      notes: '',
      entry: 'Resursointi lisättiin vuoden 2019 talousarvioon.',
      entry_date: '2019-12-15',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/fi/programme/municipalities/710?notice=milestone_saved&item=${m.id}#pg-notice`);
    const page = await a.get(res.headers.location!.split('#')[0]!);
    expect(page.body).toMatch(
      /<div id="pg-notice" class="notice notice-success" role="status" tabindex="-1" autofocus="">/,
    );
    const item = between(page.body, `id="milestone-${m.id}"`, '</li>');
    expect(item).toContain('<details class="pg-updates" open="">');
    expect(item).toContain('Resursointi lisättiin vuoden 2019 talousarvioon.');
    expect(item).toContain('data-status="done"');
    const after = (await planDetail(d.db, raaseporiPlan)).milestones.find((x) => x.id === m.id)!;
    expect(after.overdue).toBe(false);
  });

  it('the JSON write API: the owner team is a real team; others get 401/403 and nothing changes', async () => {
    const iy = await incredibleYears();
    const own = await signedIn('raasepori@test.fi');
    const ok = await own.json('PATCH', `/api/v1/programme/actions/${iy.id}`, {
      owner_team_id: teamId,
      entry: 'Ryhmät jatkuvat syksyllä 2026.',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      owner_team_id: teamId,
      owner_team_name: { fi: 'Perhekeskustiimi' },
      overdue: false,
      last_updated: today(),
    });
    const bad = await own.json('PATCH', `/api/v1/programme/actions/${iy.id}`, { owner_team_id: 'no-such-team' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'team_invalid', message: 'Valitse tiimi luettelosta.' });
    const before = await incredibleYears();
    const hanko = await signedIn('hanko@test.fi');
    const denied = await hanko.json('PATCH', `/api/v1/programme/actions/${iy.id}`, { status: 'stopped' });
    expect(denied.statusCode).toBe(403);
    expect((await hanko.json('PUT', `/api/v1/programme/plans/${raaseporiPlan}/areas`, { areas: [] })).statusCode).toBe(
      403,
    );
    const anon = await app.inject({
      method: 'PATCH',
      url: `/api/v1/programme/actions/${iy.id}`,
      payload: { status: 'stopped' },
    });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await own.request({
      method: 'PATCH',
      url: `/api/v1/programme/actions/${iy.id}`,
      payload: { status: 'stopped' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await incredibleYears()).toEqual(before);
  });

  it('development areas can be corrected; the plan remembers what its text said', async () => {
    const own = await signedIn('raasepori@test.fi');
    const res = await own.json('PUT', `/api/v1/programme/plans/${raaseporiPlan}/areas`, {
      areas: ['family_centre', 'school_wellbeing'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      development_areas: ['family_centre', 'school_wellbeing'],
      development_areas_in_text: ['family_centre', 'school_wellbeing', 'special_services', 'culture_change'],
    });
    const bad = await own.json('PUT', `/api/v1/programme/plans/${raaseporiPlan}/areas`, { areas: ['nonsense'] });
    expect(bad.statusCode).toBe(400);
    const form = await own.postForm(`/sv/programme/plans/${raaseporiPlan}/areas`, {
      code: '710',
      areas: ['culture_change'],
    });
    expect(form.statusCode).toBe(303);
    expect((await planDetail(d.db, raaseporiPlan)).areas).toEqual(['culture_change']);
    const audit = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'programme.areas_updated')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('a plan text over the size cap is refused whole with a translated 413; nothing is saved', async () => {
    const coord = await signedIn('coord@test.fi');
    const versions = async () => (await d.db.selectFrom('programme_plan_version').select('id').execute()).length;
    const n = await versions();
    const long = `${seedText('askola-2018.txt')}\n${'Pitkä liite. '.repeat(50_000)}`;
    const res = await coord.request({
      method: 'POST',
      url: '/api/v1/programme/plans?lang=sv',
      payload: { text: long, file_name: 'askola-pitka.txt' },
      headers: { 'x-csrf-token': await coord.csrf(), 'accept-language': 'sv' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'plan_too_large' });
    expect(res.json().message).toMatch(/^Planens text är för lång \(högst 500.000 tecken\)\. Ingenting sparades\.$/);
    const huge = await coord.request({
      method: 'POST',
      url: '/api/v1/programme/plans',
      payload: { text: 'x'.repeat(20 * 1024 * 1024), file_name: 'huge.txt' },
      headers: { 'x-csrf-token': await coord.csrf() },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toBeTruthy();
    expect(await versions()).toBe(n);
    // A long plan under the cap is taken, and its page shows (no stack overflow).
    const items = Array.from({ length: 10_000 }, (_, i) => `- Kohta ${i + 1}: perhekeskuksen kehittäminen`).join('\n');
    const longPlan = seedText('askola-2018.txt').replace(
      '1. Paikallinen kehittämistyö muutosohjelman jälkeen:\n',
      `1. Paikallinen kehittämistyö muutosohjelman jälkeen:\n${items}\n`,
    );
    expect(longPlan.length).toBeLessThan(500_000);
    const taken = await coord.json('POST', '/api/v1/programme/plans', {
      text: longPlan,
      file_name: 'askola-pitka.txt',
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ version: 2, changed: true });
    const longPage = await app.inject({ url: '/fi/programme/municipalities/018' });
    expect(longPage.statusCode).toBe(200);
    expect(longPage.body).toContain('Kohta 10000: perhekeskuksen kehittäminen');
    const notPlan = await coord.json('POST', '/api/v1/programme/plans', { text: 'Hei vaan', file_name: 'x.txt' });
    expect(notPlan.statusCode).toBe(400);
    expect(notPlan.json()).toMatchObject({ error: 'plan_not_a_plan' });
    const editor = await signedIn('raasepori@test.fi');
    const forbidden = await editor.json('POST', '/api/v1/programme/plans', {
      text: seedText('askola-2018.txt'),
      file_name: 'a.txt',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await versions()).toBe(n + 1);
  });

  it('the programme endpoints are in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, object> };
    for (const p of [
      '/api/v1/programme.json',
      '/api/v1/programme/plans/{id}.json',
      '/api/v1/programme/experiments.csv',
      '/api/v1/programme/milestones.csv',
      '/api/v1/programme/actions/{id}',
      '/api/v1/programme/milestones/{id}',
      '/api/v1/programme/structural-changes/{id}',
      '/api/v1/programme/plans/{id}/areas',
      '/api/v1/programme/plans',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
