import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable } from '../support/browser.js';

describe.skipIf(!browserAvailable)('service coverage in Chromium', () => {
  const s = browserApp((d) => testApp(d), 120_000, { demo: true });

  const phone = { width: 375, height: 740 };
  const desktop = { width: 1280, height: 900 };

  it.each([
    '/fi/coverage',
    '/sv/coverage?group=bilingual&gaps=true',
    '/en/coverage?language=sv&mode=in_person&life_situation=baby&life_situation=separation',
  ])(
    '%s has no axe violations on a phone and on a desktop, and the wide table scrolls inside its own region',
    async (path) => {
      const ctx = await s.browser.newContext();
      const page = await ctx.newPage();
      for (const viewport of [phone, desktop]) {
        // Loaded afresh at each size, as a phone or a desktop would load it.
        await page.setViewportSize(viewport);
        await page.goto(s.base + path);
        expect(await axeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
        // The page itself never scrolls sideways; the table's region does when the table is wider.
        const widths = (await page.evaluate(`(() => {
          const wrap = document.querySelector('.cov-wide .table-wrap');
          return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, wrap: wrap.clientWidth, table: wrap.scrollWidth };
        })()`)) as { page: number; viewport: number; wrap: number; table: number };
        expect(widths.page, `${path} at ${viewport.width}px`).toBeLessThanOrEqual(widths.viewport);
        if (widths.table > widths.wrap) {
          const region = page.locator('.cov-wide [role="region"]');
          await region.focus();
          await page.keyboard.press('ArrowRight');
          await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
        }
      }
      await ctx.close();
    },
    // axe reads every one of the matrix's links, twice: slow on a busy machine, not a speed target.
    240_000,
  );

  it('keeps the municipality column in view while the table scrolls on a phone', async () => {
    const ctx = await s.browser.newContext({ viewport: phone });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/fi/coverage`);
    const header = page.locator('tbody th[scope="row"]').first();
    const before = await header.boundingBox();
    await page.locator('.cov-wide .table-wrap').evaluate((el) => {
      el.scrollLeft = 600;
    });
    const after = await header.boundingBox();
    expect(after!.x).toBeCloseTo(before!.x, 0);
    await ctx.close();
  });

  it('filters with JavaScript off, and a count leads to the search listing as many services', async () => {
    const ctx = await s.browser.newContext({ javaScriptEnabled: false, viewport: desktop });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/sv/coverage`);
    await page.getByLabel('Kommuner').selectOption('bilingual');
    await page.locator('#cov-language-sv').check();
    await page.getByLabel('Visa endast luckor').check();
    await page.getByRole('button', { name: 'Uppdatera tabellen' }).click();
    await page.waitForURL(/group=bilingual/);
    expect(page.url()).toMatch(/language=sv/);
    expect(page.url()).toMatch(/gaps=true/);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Every row shown has a gap, said in words.
    for (const text of await rows.allTextContents()) expect(text).toMatch(/Saknas: svenska|Inga tjänster/);
    // Follow the first row's total to the search.
    const link = page.locator('tbody td.cov-row-total .cov-total a').first();
    const n = Number((await link.textContent())!.match(/\d+/)![0]);
    await link.click();
    await page.waitForURL(/\/sv\/search\?/);
    expect(Number((await page.locator('#result-count').textContent())!.match(/\d+/)![0])).toBe(n);
    await ctx.close();
  });

  it('prints the summary and the table without the form, the whole table on the page', async () => {
    const ctx = await s.browser.newContext({ viewport: { width: 1047, height: 718 } });
    const page = await ctx.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${s.base}/fi/coverage`);
    expect(await page.locator('.cov-filters').isVisible()).toBe(false);
    expect(await page.locator('.cov-summary').isVisible()).toBe(true);
    const w = (await page.evaluate(
      `[document.querySelector('.cov-table').getBoundingClientRect().right, window.innerWidth]`,
    )) as number[];
    expect(w[0]).toBeLessThanOrEqual(w[1]!);
    await ctx.close();
  });
});
