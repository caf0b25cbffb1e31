import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable } from '../support/browser.js';
import { directoryFixture } from '../support/fixtures.js';
import { EKENAS, mapFixture } from './support.js';

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

describe.skipIf(!browserAvailable)('the map in Chromium (tiles cannot load here)', () => {
  // What the current test's pages asked for and reported (each test starts with none).
  const tileRequests: string[] = [];
  const cspViolations: string[] = [];
  beforeEach(() => {
    tileRequests.length = 0;
    cspViolations.length = 0;
  });
  afterEach(() => {
    expect(cspViolations, 'CSP violations and script errors').toEqual([]);
  });

  // The whole demo directory (for clusters) and the fixtures.
  const s = browserApp(
    async (d) => {
      await loadDemoData(d.db, [directoryFixture(), mapFixture()]);
      return testApp(d);
    },
    120_000,
    { demo: true },
  );

  /** A context where every tile request fails, as it does on a machine without internet (made certain here). */
  const context = async (opts: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> => {
    const ctx = await s.browser.newContext(opts);
    await ctx.route('https://tile.openstreetmap.org/**', (route) => {
      tileRequests.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    return ctx;
  };
  /** A page that reports CSP violations and script errors; at `path` when given. */
  const open = async (ctx: BrowserContext, path?: string): Promise<Page> => {
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => cspViolations.push(`page error: ${e.message}`));
    if (path !== undefined) await page.goto(s.base + path);
    return page;
  };
  const markers = (page: Page) => page.locator('#map .leaflet-marker-icon');

  const service = idFromKey('service', 't-map-familjecentral');
  const cases = [
    { name: 'results page', path: '/fi/search?q=perhekeskus' },
    { name: 'results page near a postal code', path: '/sv/search?place=10300&within_km=20' },
    { name: 'service page', path: `/sv/services/${service}` },
  ];

  it.each(cases)(
    '$name: the map shows its places without tiles, and the page is axe-clean on a phone and a desktop',
    async ({ path }) => {
      const ctx = await context();
      const page = await open(ctx);
      for (const viewport of [PHONE, DESKTOP]) {
        // Loaded afresh at each size, as a phone or a desktop would load it.
        await page.setViewportSize(viewport);
        await page.goto(s.base + path);
        await expect.poll(() => page.locator('#map-panel').isVisible()).toBe(true);
        await expect.poll(() => markers(page).count()).toBeGreaterThan(0);
        // The tiles were asked for and failed; the page says so and still works.
        await expect
          .poll(() => page.locator('#map-status').textContent())
          .toMatch(/Karttapohjaa ei saatu ladattua|Kartbakgrunden kunde inte laddas/);
        expect(await axeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
      }
      await ctx.close();
      expect(tileRequests.length).toBeGreaterThan(0);
      expect(cspViolations).toEqual([]);
    },
  );

  it('leaves no map, and no empty box, without JavaScript; the list and the typed place work', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await open(ctx, '/fi/search');
    expect(await page.locator('#map-panel').isVisible()).toBe(false);
    await page.getByLabel('Postinumero tai kunta').fill('10300');
    await page.getByLabel('Etäisyys enintään').selectOption('5');
    await page.getByRole('button', { name: 'Päivitä tulokset' }).click();
    await page.waitForURL(/place=10300/);
    const titles = await page.locator('.service-card h3').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Avoin perhekeskus', 'Nuorten ilta']));
    // Each result says how far it is; the nearest comes first.
    const distances = await page
      .locator('.service-card')
      .evaluateAll((cards) => cards.map((c) => c.textContent?.match(/Etäisyys ([\d,]+) km/)?.[1] ?? null));
    expect(distances.every((x) => x !== null)).toBe(true);
    const km = distances.map((x) => Number(x!.replace(',', '.')));
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(km.at(-1)!).toBeLessThanOrEqual(5);
    expect(await page.locator('#map-panel').isVisible()).toBe(false);
    expect(await page.locator('#near-me').isVisible()).toBe(false);
    await ctx.close();
  });

  it('can be hidden and shown again, is reachable by keyboard and lets focus move on', async () => {
    const ctx = await context({ viewport: DESKTOP });
    const page = await open(ctx, '/fi/search?q=perhekeskus');
    await expect.poll(() => markers(page).count()).toBeGreaterThan(0);
    const toggle = page.getByRole('button', { name: 'Piilota kartta' });
    await toggle.click();
    expect(await page.locator('#map').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Näytä kartta' }).getAttribute('aria-expanded')).toBe('false');
    // The choice is remembered on the next page.
    await page.reload();
    await expect.poll(() => page.locator('#map-panel').isVisible()).toBe(true);
    expect(await page.locator('#map').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Näytä kartta' }).click();
    await expect.poll(() => page.locator('#map').isVisible()).toBe(true);
    // Tab reaches the map region, then its controls and markers, then leaves it for the list.
    await page.locator('.map-skip').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('map');
    const seen: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() =>
        document.activeElement?.closest('#map')
          ? 'map'
          : document.activeElement?.closest('#results')
            ? 'results'
            : 'other',
      );
      seen.push(where);
      if (where !== 'map') break;
    }
    expect(seen.at(-1)).not.toBe('map');
    // A marker opens its popup from the keyboard, with links to the services there.
    await page.goto(
      `${s.base}/fi/search?place=Ekenäs&within_km=1&organization=${idFromKey('organization', 't-map-raasepori')}`,
    );
    await expect.poll(() => markers(page).count()).toBe(1);
    await markers(page).first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.leaflet-popup').count()).toBe(1);
    // The popup takes focus on its first link; Escape closes it and gives focus back to the marker.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('href') ?? ''))
      .toBe(`/fi/services/${service}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.leaflet-popup').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('leaflet-marker-icon'))).toBe(true);
    await ctx.close();
  });

  it('a popup links to the service', async () => {
    const ctx = await context({ viewport: DESKTOP });
    const page = await open(
      ctx,
      `/fi/search?place=Ekenäs&within_km=1&organization=${idFromKey('organization', 't-map-raasepori')}`,
    );
    await expect.poll(() => markers(page).count()).toBe(1);
    const link = page.locator('.leaflet-popup a', { hasText: 'Avoin perhekeskus' });
    // Clicked again only while no popup is open (a click on an open one closes it): a click while the map still
    // moves to fit the results can miss the marker, as it can for a person.
    await expect
      .poll(async () => {
        if (!(await link.count())) await markers(page).first().click();
        return link.count();
      })
      .toBe(1);
    expect(await link.getAttribute('href')).toBe(`/fi/services/${service}`);
    await link.click();
    await page.waitForURL(new RegExp(`/fi/services/${service}$`));
    await ctx.close();
  });

  it('the map follows the results when filters change', async () => {
    const ctx = await context({ viewport: DESKTOP });
    const page = await open(ctx, '/fi/search?q=perhekeskus');
    await expect.poll(() => markers(page).count()).toBeGreaterThan(0);
    // Many places across the region: nearby ones gather into clusters, each a labelled button.
    const clusters = page.locator('#map .marker-cluster');
    await expect.poll(() => clusters.count()).toBeGreaterThan(0);
    // The number shown is hidden from screen readers, which hear the whole label instead.
    await expect
      .poll(() =>
        page
          .locator('#map')
          .getByRole('button', { name: /^\d+ paikkaa – lähennä$/ })
          .count(),
      )
      .toBe(await clusters.count());
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/locations.geojson')) requests.push(r.url());
    });
    await page.locator('summary', { hasText: 'Kunta' }).click();
    await page.getByLabel(/^Raasepori/).check();
    await page.waitForURL(/municipality=710/);
    await expect.poll(() => requests.some((u) => u.includes('municipality=710'))).toBe(true);
    await ctx.close();
  });

  it('"use my location" asks only when pressed, then sorts by distance from the position', async () => {
    const ctx = await context({
      viewport: PHONE,
      geolocation: { latitude: EKENAS.lat, longitude: EKENAS.lon },
      permissions: ['geolocation'],
    });
    const page = await open(ctx, '/sv/search?q=familjecentral');
    // On a phone the filters, "near me" among them, are folded under one control above the results.
    await page.locator('.filters-fold > summary').click();
    const button = page.getByRole('button', { name: 'Använd min position' });
    await expect.poll(() => button.isVisible()).toBe(true);
    // Nothing was asked for yet: the address has no position.
    expect(page.url()).not.toMatch(/lat=/);
    await button.click();
    await page.waitForURL(/lat=59\.976&lon=23\.435?/);
    expect(page.url()).toMatch(/sort=distance/);
    await expect.poll(() => page.locator('.service-card').first().textContent()).toMatch(/Avstånd 0 km/);
    await expect.poll(() => page.locator('.active-filters').textContent()).toContain('Avstånd: din position');
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('"use my location" refused: a clear message, and the typed place still works', async () => {
    const ctx = await context({ viewport: PHONE });
    await ctx.clearPermissions();
    // The page's timers run on a clock the test can move forward (it runs on its own meanwhile).
    await ctx.clock.install();
    const page = await open(ctx, '/fi/search');
    await page.locator('.filters-fold > summary').click();
    // Chromium without a granted permission refuses at once in an automated context.
    await page.getByRole('button', { name: 'Käytä sijaintiani' }).click();
    await expect
      .poll(() => page.locator('#near-me-status').textContent(), { timeout: 20_000 })
      .toMatch(/Sijaintia ei saatu/);
    expect(page.url()).not.toMatch(/lat=/);
    expect(await axeViolations(page)).toEqual([]);
    // A distance limit waits for a place (no error page meanwhile); a typed place then applies both.
    await page.getByLabel('Etäisyys enintään').selectOption('5');
    // Any update the choice started would be due within a second: move the page's clock on by one. An update, had
    // it started, would have marked the results busy at once, and changed the address once answered.
    await page.clock.runFor(1000);
    expect(await page.locator('#results').getAttribute('aria-busy')).not.toBe('true');
    expect(page.url()).not.toMatch(/within_km/);
    expect(await page.locator('.error-summary').count()).toBe(0);
    await page.getByLabel('Postinumero tai kunta').fill('10300');
    await page.getByLabel('Postinumero tai kunta').press('Enter');
    await page.waitForURL(/place=10300.*within_km=5|within_km=5.*place=10300/);
    await expect.poll(() => page.locator('.service-card').first().textContent()).toMatch(/Etäisyys [\d,]+ km/);
    expect(await page.locator('.active-filters').textContent()).toContain('Enintään 5 km');
    await ctx.close();
  });
});
