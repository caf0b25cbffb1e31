/**
 * In Chromium with axe (WCAG 2.1 A/AA), at 390 px and 1280 px: the region overview as a coordinator sees it (with
 * update links), the working model pages, and onboarding — the new VATU member ticks an item without JavaScript
 * and the confirmation takes focus; the lead's team page and a model's edit form.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';
import { DEMO_PASSWORD, loadFullDemo } from './support.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

describe.skipIf(!browserAvailable)('working models, onboarding and the overview in Chromium', () => {
  const s = browserApp(
    async (d) => {
      await loadFullDemo(d.db);
      return testApp(d, { AUTH_RATE_LIMIT: '1000' });
    },
    240_000,
    { demo: true },
  );

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`public pages are axe-clean on a ${name}`, async () => {
      const ctx = await s.browser.newContext({ viewport });
      const page = await ctx.newPage();
      for (const path of [
        '/fi/programme',
        '/sv/working-models',
        '/fi/working-models/askola-vatu',
        '/sv/working-models/raasepori-de-otroliga-aren',
        '/sv/programme/municipalities/710',
      ]) {
        await page.goto(`${s.base}${path}`);
        expect(await page.locator('h1').count(), path).toBe(1);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await ctx.close();
    });

    it(`signed-in pages are axe-clean on a ${name}: the overview with update links, the lead's pages, the edit form`, async () => {
      const ctx = await s.browser.newContext({ viewport });
      const page = await ctx.newPage();
      await signIn(page, s.base, 'paakayttaja@ita-uusimaa.demo', {
        password: DEMO_PASSWORD,
        next: '/fi/work/onboarding',
      });
      expect(await axeViolations(page)).toEqual([]);
      await page.click('#ob-teams ~ ul a');
      expect(await page.locator('h1').textContent()).toContain('VATU');
      expect(await axeViolations(page)).toEqual([]);
      await page.click('a:has-text("Avaa polku")');
      expect(await page.locator('.ob-add').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      const vatu = await s.d.db
        .selectFrom('working_model')
        .select('id')
        .where('key', '=', 'askola-vatu')
        .executeTakeFirstOrThrow();
      await page.goto(`${s.base}/fi/work/working-models/${vatu.id}/edit`);
      expect(await axeViolations(page)).toEqual([]);
      await ctx.close();
      const coord = await s.browser.newContext({ viewport });
      const p2 = await coord.newPage();
      await signIn(p2, s.base, 'koordinaattori@yhdessa.demo', { password: DEMO_PASSWORD, next: '/fi/programme' });
      expect(await p2.locator('.pg-update-link').count()).toBeGreaterThan(10);
      expect(await axeViolations(p2)).toEqual([]);
      await coord.close();
    });
  }

  it('the new VATU member ticks an item off without JavaScript; the confirmation takes focus', async () => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport: VIEWPORTS.phone });
    const page = await ctx.newPage();
    const path = await s.d.db.selectFrom('onboarding_path').select('id').executeTakeFirstOrThrow();
    await signIn(page, s.base, 'perhetyo@ita-uusimaa.demo', {
      password: DEMO_PASSWORD,
      next: `/fi/work/onboarding/${path.id}`,
    });
    expect(await axeViolations(page)).toEqual([]);
    const before = await page.locator('.wm-progress').first().textContent();
    await page.locator('.ob-items li').first().locator('button:has-text("Merkitse tehdyksi")').click();
    await page.waitForURL(/notice=item_done/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wm-notice');
    expect(await page.locator('#wm-notice').textContent()).toContain('Kohta merkittiin tehdyksi.');
    expect(await page.locator('.wm-progress').first().textContent()).not.toBe(before);
    await page.click('a[href="/fi/working-models/askola-vatu"]');
    expect(await page.locator('h1').textContent()).toBe('VATU – varhaisen tuen tiimi ja sen viikkokokous');
    // A signed-in professional sees how to reach the contacts.
    expect(await page.locator('#wm-contacts ~ ul a[href^="mailto:"]').count()).toBeGreaterThan(0);
    await ctx.close();
  });
});
