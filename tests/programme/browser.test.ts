/**
 * The programme pages in Chromium: the overview and a municipality page axe-clean (WCAG 2.1 A/AA) on a phone and a
 * desktop, and a representative updating an experiment through the form with the site's script blocked (as
 * without JavaScript): an error first, then a saved change shown on the plan page and in the overview.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlanDocument } from '../../src/core/programme/importPlan.js';
import { planDetail, planIdForMunicipality } from '../../src/core/programme/queries.js';
import { addTestPerson, TEST_PASSWORD } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { askola, inkooSiuntio, programmeSummary, raasepori, seedText } from './fixtures.js';
import { addProgrammeOrgs, CLI } from './support.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

describe.skipIf(!browserAvailable)('programme pages in Chromium', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    const orgs = await addProgrammeOrgs(d.db);
    await importPlanDocument(d.db, CLI, raasepori(), { text: seedText('raasepori-2018.txt'), fileName: 'raasepori-2018.txt' });
    await importPlanDocument(d.db, CLI, inkooSiuntio(), { text: seedText('inkoo-siuntio-2018.txt'), fileName: 'inkoo-siuntio-2018.txt' });
    await importPlanDocument(d.db, CLI, askola(), { text: seedText('askola-2018.txt'), fileName: 'askola-2018.txt' });
    await importPlanDocument(d.db, CLI, programmeSummary(), { text: seedText('uusimaa-programme-summary.txt'), fileName: 'uusimaa-programme-summary.txt' });
    const askola2 = askola();
    askola2.roadmap.push({ year: 2025, text: 'Perhekeskusverkosto arvioitu.' });
    await importPlanDocument(d.db, CLI, askola2, { text: `${seedText('askola-2018.txt').replace('Toimivat sähköiset palvelut', 'Toimivat ja saavutettavat sähköiset palvelut')}\n2025: Perhekeskusverkosto arvioitu.\n`, fileName: 'askola-2019.txt' });
    await addTestPerson(d.db, { email: 'rasepori@test.fi', name: 'Raasepori Editor', memberships: [{ organizationId: orgs.raasepori, role: 'editor' }] });
    app = await testApp(d, { AUTH_RATE_LIMIT: '1000' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await d?.dispose();
  });

  const axe = async (page: Page) => {
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  };

  const PAGES = (askolaPlan: string) => [
    '/fi/programme', '/sv/programme?year=2022', '/fi/programme/municipalities/710', '/sv/programme/municipalities/149', '/en/programme/about',
    `/fi/programme/plans/${askolaPlan}/versions`, `/sv/programme/plans/${askolaPlan}/versions/1`, `/en/programme/plans/${askolaPlan}/diff?from=1&to=2`,
  ];
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const group of [[0, 1], [2, 3, 4], [5, 6, 7]]) {
      it(`has axe-clean programme pages on a ${name} (${group.join(', ')})`, async () => {
        const askolaPlan = (await planIdForMunicipality(d.db, '018'))!;
        const ctx = await browser.newContext({ viewport });
        const page = await ctx.newPage();
        for (const path of group.map((i) => PAGES(askolaPlan)[i]!)) {
          await page.goto(`${base}${path}`);
          expect(await page.locator('h1').count()).toBe(1);
          expect(await axe(page), path).toEqual([]);
        }
        await ctx.close();
      });
    }
  }

  it('lets a representative update an experiment through the form without JavaScript', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop });
    await ctx.route('**/assets/*.js', (r) => r.abort());
    const page = await ctx.newPage();
    await page.goto(`${base}/fi/sign-in?next=/fi/programme/municipalities/710`);
    await page.fill('#email', 'rasepori@test.fi');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]:has-text("Kirjaudu sisään")');
    await page.waitForURL(/\/fi\/programme\/municipalities\/710/);
    const planId = (await planIdForMunicipality(d.db, '710'))!;
    const action = (await planDetail(d.db, planId)).actions[0]!;
    await page.click(`a[href="/fi/programme/actions/${action.id}/edit"]`);
    expect(await axe(page)).toEqual([]);

    // A mistake first: the error summary links to the field, and what was typed stays.
    await page.check('#status-evaluated');
    await page.fill('#progress', 'paljon');
    await page.fill('#evidence', 'Vanhempien palaute 2019');
    await page.click('button[type=submit]:has-text("Tallenna")');
    expect(await page.locator('.error-summary').textContent()).toContain('Anna edistyminen kokonaislukuna 0–100.');
    expect(await page.inputValue('#evidence')).toBe('Vanhempien palaute 2019');
    expect(await page.title()).toMatch(/^Virhe:/);
    expect(await axe(page)).toEqual([]);

    await page.fill('#progress', '75');
    await page.fill('#entry', 'Ryhmät arvioitu syksyllä.');
    await page.click('button[type=submit]:has-text("Tallenna")');
    await page.waitForURL(/notice=action_saved/);
    expect(await page.locator('.notice').textContent()).toContain('Kokeilun tiedot tallennettiin.');
    const card = page.locator(`#action-${action.id}`);
    expect(await card.textContent()).toContain('Arvioitu');
    expect(await card.textContent()).toContain('Vanhempien palaute 2019');
    expect(await axe(page)).toEqual([]);
    expect((await planDetail(d.db, planId)).actions[0]).toMatchObject({ status: 'evaluated', progress: 75, evidence: 'Vanhempien palaute 2019' });

    await page.goto(`${base}/fi/programme?status=evaluated`);
    expect(await page.locator('.pg-matrix').textContent()).toContain('Ihmeelliset vuodet');
    await ctx.close();
  });
});
