/**
 * The programme pages in Chromium: the overview and a municipality page axe-clean (WCAG 2.1 A/AA) on a phone and a
 * desktop, and a representative updating an experiment through the form with the site's script blocked (as
 * without JavaScript): an error first, then a saved change shown on the plan page and in the overview.
 */
import { describe, expect, it } from 'vitest';
import { importPlanDocument } from '../../src/core/programme/importPlan.js';
import { planDetail, planIdForMunicipality } from '../../src/core/programme/queries.js';
import { addTestPerson } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';
import { askola, inkooSiuntio, programmeSummary, raasepori, seedText } from './fixtures.js';
import { addProgrammeOrgs, CLI } from './support.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

describe.skipIf(!browserAvailable)('programme pages in Chromium', () => {
  const s = browserApp(async (d) => {
    const orgs = await addProgrammeOrgs(d.db);
    await importPlanDocument(d.db, CLI, raasepori(), {
      text: seedText('raasepori-2018.txt'),
      fileName: 'raasepori-2018.txt',
    });
    await importPlanDocument(d.db, CLI, inkooSiuntio(), {
      text: seedText('inkoo-siuntio-2018.txt'),
      fileName: 'inkoo-siuntio-2018.txt',
    });
    await importPlanDocument(d.db, CLI, askola(), { text: seedText('askola-2018.txt'), fileName: 'askola-2018.txt' });
    await importPlanDocument(d.db, CLI, programmeSummary(), {
      text: seedText('uusimaa-programme-summary.txt'),
      fileName: 'uusimaa-programme-summary.txt',
    });
    const askola2 = askola();
    askola2.roadmap.push({ year: 2025, text: 'Perhekeskusverkosto arvioitu.' });
    await importPlanDocument(d.db, CLI, askola2, {
      text: `${seedText('askola-2018.txt').replace('Toimivat sähköiset palvelut', 'Toimivat ja saavutettavat sähköiset palvelut')}\n2025: Perhekeskusverkosto arvioitu.\n`,
      fileName: 'askola-2019.txt',
    });
    await addTestPerson(d.db, {
      email: 'rasepori@test.fi',
      name: 'Raasepori Editor',
      memberships: [{ organizationId: orgs.raasepori, role: 'editor' }],
    });
    return testApp(d, { AUTH_RATE_LIMIT: '1000' });
  });

  const PAGES = (askolaPlan: string) => [
    '/fi/programme',
    '/sv/programme?year=2022',
    '/fi/programme/municipalities/710',
    '/sv/programme/municipalities/149',
    '/en/programme/about',
    `/fi/programme/plans/${askolaPlan}/versions`,
    `/sv/programme/plans/${askolaPlan}/versions/1`,
    `/en/programme/plans/${askolaPlan}/diff?from=1&to=2`,
  ];
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const group of [
      [0, 1],
      [2, 3, 4],
      [5, 6, 7],
    ]) {
      it(`has axe-clean programme pages on a ${name} (${group.join(', ')})`, async () => {
        const askolaPlan = (await planIdForMunicipality(s.d.db, '018'))!;
        const ctx = await s.browser.newContext({ viewport });
        const page = await ctx.newPage();
        for (const path of group.map((i) => PAGES(askolaPlan)[i]!)) {
          await page.goto(`${s.base}${path}`);
          expect(await page.locator('h1').count()).toBe(1);
          expect(await axeViolations(page), path).toEqual([]);
        }
        await ctx.close();
      });
    }
  }

  it('lets a representative update an experiment through the form without JavaScript', async () => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport: VIEWPORTS.desktop });
    const page = await ctx.newPage();
    await signIn(page, s.base, 'rasepori@test.fi', { next: '/fi/programme/municipalities/710' });
    const planId = (await planIdForMunicipality(s.d.db, '710'))!;
    const action = (await planDetail(s.d.db, planId)).actions[0]!;
    await page.click(`a[href="/fi/programme/actions/${action.id}/edit"]`);
    expect(await axeViolations(page)).toEqual([]);

    // A mistake first: the error summary links to the field, and what was typed stays.
    await page.check('#status-evaluated');
    await page.fill('#progress', 'paljon');
    await page.fill('#evidence', 'Vanhempien palaute 2019');
    await page.click('button[type=submit]:has-text("Tallenna")');
    expect(await page.locator('.error-summary').textContent()).toContain('Anna edistyminen kokonaislukuna 0–100.');
    expect(await page.inputValue('#evidence')).toBe('Vanhempien palaute 2019');
    expect(await page.title()).toMatch(/^Virhe:/);
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#progress', '75');
    await page.fill('#entry', 'Ryhmät arvioitu syksyllä.');
    await page.click('button[type=submit]:has-text("Tallenna")');
    await page.waitForURL(/notice=action_saved/);
    expect(await page.locator('.notice').textContent()).toContain('Kokeilun tiedot tallennettiin.');
    // The confirmation is where the person is looking: focused; the change is in the history, unfolded.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pg-notice');
    expect(await page.locator(`#action-${action.id} details.pg-updates`).getAttribute('open')).toBe('');
    expect(await page.locator(`#action-${action.id} details.pg-updates`).textContent()).toContain(
      'Ryhmät arvioitu syksyllä.',
    );
    const card = page.locator(`#action-${action.id}`);
    expect(await card.textContent()).toContain('Arvioitu');
    expect(await card.textContent()).toContain('Vanhempien palaute 2019');
    expect(await axeViolations(page)).toEqual([]);
    expect((await planDetail(s.d.db, planId)).actions[0]).toMatchObject({
      status: 'evaluated',
      progress: 75,
      evidence: 'Vanhempien palaute 2019',
    });

    await page.goto(`${s.base}/fi/programme?status=evaluated`);
    expect(await page.locator('.pg-matrix').textContent()).toContain('Ihmeelliset vuodet');
    await ctx.close();
  });
});
