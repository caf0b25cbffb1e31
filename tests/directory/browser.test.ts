/**
 * The results page in Chromium: on a 390 px phone the results come first (the filters fold into one "Filters (n)"
 * control that opens without JavaScript), nothing scrolls sideways at 320 px, the filters stand open at 1280 px,
 * the page that found nothing offers a way on, and axe finds nothing, with the fold closed and open.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts } from '../support/browser.js';

describe.skipIf(!browserAvailable)('the results page on a phone and a desktop (Chromium)', () => {
  const s = browserApp((d) => testApp(d), 120_000, { demo: true });

  it('shows the results first at 390 px, with "Filters (n)" folded above them and no axe violations', async () => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/fi/search?q=${encodeURIComponent('vauva ei nuku')}&municipality=444&free=true`);
    const summary = page.locator('.filters-fold > summary');
    expect(await summary.textContent()).toBe('Rajaa hakua (2)');
    expect(await page.locator('#municipality-444').isVisible()).toBe(false);
    // The first result and the count are on the first screen; the chips are visible too.
    const first = await page.locator('.service-card').first().boundingBox();
    expect(first).not.toBeNull();
    expect(first!.y).toBeLessThan(844);
    expect(await page.locator('#result-count').isVisible()).toBe(true);
    expect(await page.locator('.active-filters .chip').first().isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // Opens without JavaScript, and the filters are there.
    await summary.click();
    await page.locator('summary', { hasText: 'Kunta' }).click();
    expect(await page.locator('#municipality-444').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  // The page's own content (the map clips its tiles); the site header is the layout's: at 320 px its Swedish menu is
  // 14 px too wide (reported).
  it('keeps its content within 320 px, and stands the filters open at 1280 px', async () => {
    const ctx = await s.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await ctx.newPage();
    for (const path of ['/fi/search?q=neuvola', '/sv/search?q=xqzzyw&municipality=710', '/en/search']) {
      await page.goto(s.base + path);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('#main *')]
          .filter(
            (e) => !e.closest('.map') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5,
          )
          .map((e) => `${e.tagName}.${e.className}`),
      );
      expect(wide, path).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${s.base}/fi/search?q=neuvola`);
    expect(await page.locator('.filters-fold > summary').isVisible()).toBe(false);
    expect(await page.locator('summary', { hasText: 'Kunta' }).isVisible()).toBe(true);
    expect(await page.locator('#mine-municipality').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('offers a way on when nothing is found, in the page language, without axe violations', async () => {
    const ctx = await s.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/sv/search?q=xqzzyw&municipality=710`);
    const way = page.locator('.way-on');
    expect(await way.isVisible()).toBe(true);
    expect(await way.textContent()).toContain('Nödnumret 112');
    expect(await way.textContent()).toContain('Social- och krisjouren i Västra Nyland');
    expect(await axeViolations(page)).toEqual([]);
    // Choosing "my municipality" works from the fold, and one button clears it.
    await page.locator('.filters-fold > summary').click();
    await page.selectOption('#mine-municipality', '710');
    await Promise.all([
      page.waitForURL(/\/sv\/search/),
      page.getByRole('button', { name: 'Spara min kommun' }).click(),
    ]);
    await page.goto(`${s.base}/sv/search?q=familjecaf%C3%A9`);
    expect(await page.locator('.my-municipality').textContent()).toContain('Raseborg');
    await Promise.all([
      page.waitForURL(/\/sv\/search/),
      page.getByRole('button', { name: 'Ta bort min kommun' }).click(),
    ]);
    expect(await page.locator('.my-municipality').count()).toBe(0);
    await ctx.close();
  });
});
