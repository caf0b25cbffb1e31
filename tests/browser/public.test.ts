import { describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable } from '../support/browser.js';
import { directoryFixture } from '../support/fixtures.js';

describe.skipIf(!browserAvailable)('public pages in Chromium', () => {
  // The real demo data (what residents see) and the test fixture (known ids).
  const s = browserApp(
    async (d) => {
      await loadDemoData(d.db, [directoryFixture()]);
      return testApp(d);
    },
    120_000,
    { demo: true },
  );

  const service = idFromKey('service', 't-lastenneuvola');
  const fallbackService = idFromKey('service', 't-familjecafe-inga');
  const org = idFromKey('organization', 't-mll-inkoo');
  const pages = [
    '/fi/',
    '/sv/',
    '/en/',
    '/fi/search',
    '/sv/search?q=barnr%C3%A5dgivning&municipality=149',
    '/en/search?q=family+cafe&language=en',
    '/fi/search?q=neuvola&near=018&sort=distance&page=1',
    '/fi/search?age=kolme',
    '/fi/search?q=xqzzy',
    `/fi/services/${service}`,
    `/sv/services/${service}`,
    `/en/services/${fallbackService}`,
    `/fi/organizations/${org}`,
    `/sv/organizations/${org}`,
    '/fi/accessibility',
    '/sv/accessibility',
    '/en/accessibility',
    '/fi/services/00000000-0000-5000-8000-000000000000',
  ];

  it.each(pages)('%s has no axe violations (WCAG 2.1 A/AA), on a phone and on a desktop', async (path) => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    for (const viewport of [
      { width: 375, height: 740 },
      { width: 1280, height: 900 },
    ]) {
      // Loaded afresh at each size, as a phone or a desktop would load it.
      await page.setViewportSize(viewport);
      await page.goto(s.base + path);
      expect(await axeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
    }
    await ctx.close();
  });

  it('searches and filters with JavaScript disabled', async () => {
    const ctx = await s.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/sv/`);
    await page.getByLabel('Vad söker du?').fill('barnrådgivning');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForURL(/\/sv\/search\?q=barnr/);
    const count = await page.locator('#result-count').textContent();
    expect(Number(count?.match(/\d+/)?.[0])).toBeGreaterThan(0);
    // Filter by a municipality and apply: the form posts by GET and the server answers.
    await page.locator('summary', { hasText: 'Kommun' }).click();
    await page.getByLabel(/^Ingå/).check();
    await page.getByRole('button', { name: 'Uppdatera resultaten' }).click();
    await page.waitForURL(/municipality=149/);
    const titles = await page.locator('.service-card h3').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    await ctx.close();
  });

  it('updates results as filters change when JavaScript is on, without reloading the page', async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${s.base}/fi/search?q=perhekahvila`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const before = await page.locator('#result-count').textContent();
    await page.locator('summary', { hasText: 'Kunta' }).click();
    await page.getByLabel(/^Inkoo/).check();
    await page.waitForURL(/municipality=149/);
    await expect.poll(() => page.locator('#result-count').textContent()).not.toBe(before);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await expect.poll(() => page.locator('[data-selected-for="municipality"]').textContent()).toContain('1');
    expect(await page.locator('.active-filters').textContent()).toContain('Inkoo');
    // Changing the order keeps keyboard focus on the control.
    await page.locator('#sort').focus();
    await page.selectOption('#sort', 'name');
    await page.waitForURL(/sort=name/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sort');
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('keeps the page when switching language', async () => {
    const ctx = await s.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/fi/search?q=neuvola&municipality=018`);
    await page.getByRole('link', { name: 'På svenska' }).click();
    expect(page.url()).toBe(`${s.base}/sv/search?q=neuvola&municipality=018`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await ctx.close();
  });
});
