/** Storing imported plans: versions, history, and tracked state kept apart from the imported text. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../src/core/access/permissions.js';
import { importPlanDocument } from '../../src/core/programme/importPlan.js';
import {
  planDetail,
  planIdForMunicipality,
  planVersions,
  programmeDescription,
  programmeOverview,
} from '../../src/core/programme/queries.js';
import { updateAction, updateMilestone } from '../../src/core/programme/tracking.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { askola, inkooSiuntio, programmeSummary, raasepori, seedText } from './fixtures.js';
import { actor, CLI, ctxOf } from './support.js';

const coordinator = actor({
  personId: '11111111-1111-4111-8111-111111111111',
  name: 'Kaisa Koordinaattori',
  systemRole: 'coordinator',
});
const keep = {
  area: '',
  ownerTeam: '',
  evidence: '',
  notes: '',
  progress: '',
  spreadTo: [] as string[],
  adoptedFrom: '',
  entry: '',
  entryDate: '',
};

describe.each(testDatabases())('programme store on %s', (kind) => {
  // Each test on a database of its own; what a test needs imported first, its describe block imports.
  let d: TestDatabase;
  beforeEach(async () => {
    d = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await d?.dispose();
  });
  const importRaasepori2018 = () =>
    importPlanDocument(d.db, CLI, raasepori(), {
      text: seedText('raasepori-2018.txt'),
      fileName: 'raasepori-2018.txt',
    });

  const audits = async (action: string) =>
    await d.db
      .selectFrom('audit_event')
      .select(['action', 'object_id', 'after', 'actor_name'])
      .where('action', '=', action)
      .execute();

  it('stores a plan as version 1 with its experiments, milestones, structural changes and areas, audited', async () => {
    const r = await importPlanDocument(d.db, CLI, raasepori(), {
      text: seedText('raasepori-2018.txt'),
      fileName: 'raasepori-2018.txt',
    });
    expect(r).toMatchObject({ version: 1, changed: true });
    const plan = await planDetail(d.db, r.planId);
    expect(plan.municipalityCodes).toEqual(['710']);
    expect(plan.date).toBe('2018-08-30');
    expect(plan.areas).toEqual(['family_centre', 'school_wellbeing', 'culture_change']);
    expect(plan.actions.map((a) => [a.status, a.area])).toEqual([
      ['permanent', 'family_centre'],
      ['permanent', 'school_wellbeing'],
      ['permanent', 'family_centre'],
    ]);
    expect(plan.actions[0]!.original).toBe('Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.');
    expect(plan.milestones.map((m) => m.year)).toEqual([2019, 2019, 2019, 2019, 2022, 2022, 2022, 2030]);
    expect(plan.milestones.every((m) => m.status === 'planned' && m.current)).toBe(true);
    expect(plan.structuralChanges).toHaveLength(3);
    expect(plan.versions.map((v) => v.version)).toEqual([1]);
    const [entry] = await audits('programme.plan_imported');
    expect(entry).toMatchObject({ object_id: r.planId, actor_name: 'command line (test)' });
    expect(await planIdForMunicipality(d.db, '710')).toBe(r.planId);
  });

  describe("with Raasepori's plan of 2018", () => {
    beforeEach(async () => {
      await importRaasepori2018();
    });

    it('changes nothing when the same text is imported again (even with other line ends)', async () => {
      const before = (await audits('programme.plan_imported')).length;
      const r = await importPlanDocument(d.db, CLI, raasepori(), {
        text: seedText('raasepori-2018.txt').replace(/\n/g, '\r\n'),
        fileName: 'again.txt',
      });
      expect(r).toMatchObject({ version: 1, changed: false });
      expect(await planVersions(d.db, r.planId)).toHaveLength(1);
      expect((await audits('programme.plan_imported')).length).toBe(before);
    });

    it('keeps what people tracked when a newer version is imported, and shows what changed', async () => {
      const planId = (await planIdForMunicipality(d.db, '710'))!;
      const v1 = await planDetail(d.db, planId);
      const [iv, school, stodgrupp] = v1.actions;
      // A coordinator marks the Incredible Years groups as spread to Inkoo, with notes; and a milestone as done.
      await updateAction(d.db, ctxOf(coordinator), iv!.id, {
        ...keep,
        status: 'spread',
        spreadTo: ['149'],
        notes: 'Inkoo selvittää ryhmän aloittamista.',
        evidence: 'Vanhempien palaute 2019',
        entry: 'Levisi Inkooseen',
      });
      const due2019 = v1.milestones.find((m) => m.text.startsWith('Lapsiperheiden palvelukartta'))!;
      await updateMilestone(d.db, ctxOf(coordinator), due2019.id, {
        status: 'done',
        notes: 'Julkaistu',
        entry: '',
        entryDate: '2019-12-01',
      });

      // Version 2: one experiment reworded, one dropped, one new; the palvelukartta milestone reworded; one new in 2025.
      const next = raasepori();
      next.date = '2019-09-01';
      next.experiments = [
        {
          title: 'Ihmeelliset vuodet – De otroliga åren',
          status: 'continuing',
          original: 'Ihmeelliset vuodet – De otroliga åren -perheryhmät jatkavat toimintaansa koko kaupungissa.',
        },
        {
          title: 'Koulukohtaisen oppilashuoltoryhmän toimintamalli',
          status: 'permanent',
          original: 'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö.',
        },
        { title: 'Lapsiasiamiehet', status: 'continuing', original: 'Lapsiasiamiehet toimialoittain kokeiluna.' },
      ];
      next.roadmap = next.roadmap.map((c) =>
        c.text.startsWith('Lapsiperheiden palvelukartta')
          ? { ...c, text: 'Lapsiperheiden palvelukartta on valmis.' }
          : c,
      );
      next.roadmap.push({ year: 2025, text: 'Perhekeskus toimii kahdella kielellä koko kaupungissa.' });
      const text2 = `${seedText('raasepori-2018.txt')}\n\n- Lapsiasiamiehet toimialoittain kokeiluna.\n`;
      const r = await importPlanDocument(d.db, CLI, next, { text: text2, fileName: 'raasepori-2019.txt' });
      expect(r).toEqual({ planId, version: 2, changed: true });

      const v2 = await planDetail(d.db, planId);
      expect(v2.version).toBe(2);
      expect(v2.date).toBe('2019-09-01');
      const ivNow = v2.actions.find((a) => a.id === iv!.id)!;
      // The imported words follow the text; what the coordinator set stays.
      expect(ivNow.original).toContain('koko kaupungissa');
      expect(ivNow.importedStatus).toBe('continuing');
      expect(ivNow).toMatchObject({
        status: 'spread',
        statusSource: 'person',
        spreadTo: ['149'],
        notes: 'Inkoo selvittää ryhmän aloittamista.',
        evidence: 'Vanhempien palaute 2019',
        current: true,
      });
      expect(ivNow.updates.map((u) => [u.fromStatus, u.toStatus, u.note])).toEqual([
        ['permanent', 'spread', 'Levisi Inkooseen'],
      ]);
      expect(v2.actions.find((a) => a.id === school!.id)).toMatchObject({
        current: true,
        firstVersion: 1,
        lastVersion: 2,
      });
      expect(v2.actions.find((a) => a.id === stodgrupp!.id)).toMatchObject({
        current: false,
        lastVersion: 1,
        status: 'permanent',
      });
      expect(v2.actions.find((a) => a.title === 'Lapsiasiamiehet')).toMatchObject({
        current: true,
        firstVersion: 2,
        status: 'trial',
        area: 'culture_change',
      });
      const kartta = v2.milestones.find((m) => m.id === due2019.id)!;
      expect(kartta).toMatchObject({
        text: 'Lapsiperheiden palvelukartta on valmis.',
        status: 'done',
        notes: 'Julkaistu',
        current: true,
      });
      expect(v2.milestones.filter((m) => m.year === 2025).map((m) => m.text)).toEqual([
        'Perhekeskus toimii kahdella kielellä koko kaupungissa.',
      ]);
      expect(v2.versions.map((v) => [v.version, v.fileName])).toEqual([
        [2, 'raasepori-2019.txt'],
        [1, 'raasepori-2018.txt'],
      ]);

      const importAudit = (await audits('programme.plan_imported')).at(-1)!;
      expect(importAudit.after).toMatchObject({ version: 2, file: 'raasepori-2019.txt' });
    });
  });

  describe("with Raasepori's plan of 2018, its Incredible Years groups spread to Inkoo by a coordinator", () => {
    beforeEach(async () => {
      const { planId } = await importRaasepori2018();
      const iv = (await planDetail(d.db, planId)).actions[0]!;
      await updateAction(d.db, ctxOf(coordinator), iv.id, { ...keep, status: 'spread', spreadTo: ['149'] });
    });

    it('lets an imported status follow the text until a person sets it', async () => {
      const planId = (await planIdForMunicipality(d.db, '710'))!;
      const school = (await planDetail(d.db, planId)).actions.find((a) => a.title.startsWith('Koulukohtaisen'))!;
      expect(school.statusSource).toBe('import');
      const next = raasepori();
      next.experiments = [
        {
          title: 'Koulukohtaisen oppilashuoltoryhmän toimintamalli',
          status: 'continuing',
          original: 'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö.',
        },
      ];
      await importPlanDocument(d.db, CLI, next, { text: 'version 3', fileName: 'v3.txt' });
      const after = (await planDetail(d.db, planId)).actions.find((a) => a.id === school.id)!;
      expect(after).toMatchObject({ status: 'trial', statusSource: 'import', current: true });
      expect(after.updates[0]).toMatchObject({
        fromStatus: 'permanent',
        toStatus: 'trial',
        actorName: 'command line (test)',
      });
      const iv = (await planDetail(d.db, planId)).actions.find((a) => a.spreadTo.length)!;
      expect(iv).toMatchObject({ status: 'spread', current: false });
    });
  });

  it('stores one plan for two municipalities, each experiment under the municipality it names, signatories as the working group', async () => {
    const r = await importPlanDocument(d.db, CLI, inkooSiuntio(), {
      text: seedText('inkoo-siuntio-2018.txt'),
      fileName: 'inkoo-siuntio-2018.txt',
    });
    expect(await planIdForMunicipality(d.db, '149')).toBe(r.planId);
    expect(await planIdForMunicipality(d.db, '755')).toBe(r.planId);
    const plan = await planDetail(d.db, r.planId);
    expect(plan.municipalityCodes).toEqual(['149', '755']);
    // "Inkoo: Ei ollut ketteriä kokeiluja" and "Ei ole varsinaisia suunnitelmia…" say there was nothing: no items.
    expect(plan.actions.filter((a) => a.kind === 'experiment').map((a) => [a.municipalityCodes, a.status])).toEqual([
      [['755'], 'stopped'],
    ]);
    expect(plan.actions.filter((a) => a.kind === 'adopted').map((a) => a.title)).toEqual([
      'Laaja monialainen, yli kuntarajojen ja sisäinen yhteistyö jatketaan.',
    ]);
    expect(plan.members.map((m) => [m.name, m.role, m.municipalityCode])).toEqual([
      ['Anne Öhman', 'signatory', '149'],
      ['Merja Olkinuora', 'signatory', '149'],
      ['Mirva Alakoskela', 'signatory', '755'],
      ['Karin Heerman', 'signatory', '755'],
    ]);
  });

  it('shows in the overview who made what permanent and what is due in 2022, and the spread between municipalities', async () => {
    await importPlanDocument(d.db, CLI, askola(), { text: seedText('askola-2018.txt'), fileName: 'askola-2018.txt' });
    const o = await programmeOverview(d.db, { year: 2022 });
    const row = (code: string) => o.rows.find((r) => r.code === code)!;
    expect(row('018').cells.family_centre.actions.map((a) => [a.title, a.status])).toEqual([
      ['Perhekeskusverkosto', 'permanent'],
    ]);
    expect(row('018').cells.family_centre.works).toBe(true);
    expect(row('018').cells.special_services.works).toBe(false);
    expect(row('078').plan).toBeNull();
    expect(o.milestones.every((m) => m.year === 2022)).toBe(true);
    expect(o.milestones.map((m) => m.text)).toContain('Toimivat sähköiset palvelut');
    // The 18 municipalities of the programme and the two invited to it.
    expect(o.rows).toHaveLength(20);
    expect(o.rows.filter((r) => r.invited).map((r) => r.code)).toEqual(['504', '616']);
    const permanent = await programmeOverview(d.db, { actionStatus: 'permanent' });
    expect(permanent.actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Perhekeskusverkosto']));
    expect(permanent.actions.every((a) => a.status === 'permanent')).toBe(true);
  });

  it('keeps the regional summary as the programme description, with versions', async () => {
    const r = await importPlanDocument(d.db, CLI, programmeSummary(), {
      text: seedText('uusimaa-programme-summary.txt'),
      fileName: 'uusimaa-programme-summary.txt',
    });
    const desc = await programmeDescription(d.db);
    expect(desc).toMatchObject({ planId: r.planId, version: 1 });
    expect(desc!.parsed.partners).toContain('FSKC');
    const o = await programmeOverview(d.db);
    expect(o.rows.every((x) => x.plan?.id !== r.planId)).toBe(true);
  });

  describe("with Askola's plan", () => {
    beforeEach(async () => {
      await importPlanDocument(d.db, CLI, askola(), { text: seedText('askola-2018.txt'), fileName: 'askola-2018.txt' });
    });

    it('refuses a plan that names no known municipality, and an import by a person without the permission', async () => {
      const none = { ...raasepori(), municipalities: [] };
      await expect(importPlanDocument(d.db, CLI, none, { text: 'x', fileName: 'x.txt' })).rejects.toMatchObject({
        name: 'DomainError',
        kind: 'invalid',
        code: 'plan_without_municipality',
      });
      const editor = actor({
        personId: '22222222-2222-4222-8222-222222222222',
        memberships: [{ organizationId: '33333333-3333-4333-8333-333333333333', role: 'editor' }],
      });
      await expect(
        importPlanDocument(d.db, ctxOf(editor), askola(), { text: 'other', fileName: 'y.txt' }),
      ).rejects.toThrow(ForbiddenError);
      const a = (await planIdForMunicipality(d.db, '018'))!;
      expect(await planVersions(d.db, a)).toHaveLength(1);
    });
  });
});
