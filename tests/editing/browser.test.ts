/**
 * The editing pages in Chromium without the site's script: an editor signs in, edits a service in fi | sv | en, sees
 * the errors, previews, reads the changes, publishes, and confirms another service "still correct". axe
 * (WCAG 2.1 A/AA) on every page on the way, on a phone and on a desktop.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';
import { directoryFixture } from '../support/fixtures.js';

describe.skipIf(!browserAvailable)('editing pages in Chromium', () => {
  const askola = idFromKey('organization', 't-askola');
  const hva = idFromKey('organization', 't-askola-hva');
  const paivakoti = idFromKey('service', 't-paivakoti');
  const perhetyo = idFromKey('service', 't-perhetyo');
  const location = idFromKey('location', 't-askola-hyvinvointineuvola');

  const s = browserApp(async (d) => {
    await loadDemoData(d.db, [directoryFixture()]);
    await addTestPerson(d.db, {
      email: 'eeva@askola.test',
      name: 'Eeva Editori',
      memberships: [
        { organizationId: askola, role: 'editor' },
        { organizationId: hva, role: 'editor' },
      ],
    });
    return testApp(d, { AUTH_RATE_LIMIT: '1000' });
  });

  /** Eeva, signed in, in a context of her own where the site's own script is blocked (as without JavaScript). */
  const signedIn = async (viewport = { width: 1280, height: 900 }): Promise<{ ctx: BrowserContext; page: Page }> => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport });
    const page = await ctx.newPage();
    await signIn(page, s.base, 'eeva@askola.test');
    return { ctx, page };
  };

  it('walks through editing, preview, changes and publishing without JavaScript, axe-clean', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${s.base}/fi/work/services`);
    expect(await axeViolations(page)).toEqual([]);
    await page.click(`a[href="/fi/work/services/${paivakoti}/edit"]`);
    expect(await page.locator('h1').textContent()).toContain('Päiväkoti Auringonkukka');
    expect(await axeViolations(page)).toEqual([]);

    // A mistake first: the errors are listed, linked and the typed text is kept.
    await page.fill('#ageMin', 'kolme');
    await page.fill('#name-en', 'Sunflower day care');
    await page.click('button[value=save]');
    expect(await page.locator('.error-summary').textContent()).toContain('Kirjoita ikä kokonaislukuna väliltä 0–29.');
    expect(await page.inputValue('#name-en')).toBe('Sunflower day care');
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#ageMin', '1');
    await page.fill('#description-sv', 'Ett litet daghem i kyrkbyn.');
    await page.click('button[value=preview]');
    expect(await page.locator('.preview-banner h2').textContent()).toBe('Esikatselu');
    expect(await axeViolations(page)).toEqual([]);

    await page.click('.preview-banner a:has-text("Muutokset ja julkaisu")');
    expect(await page.locator('.diff-table ins').allTextContents()).toEqual(
      expect.arrayContaining(['Sunflower day care']),
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.click('button:has-text("Julkaise")');
    expect(await page.locator('.notice').textContent()).toContain('Muutokset on julkaistu.');

    await page.goto(`${s.base}/en/services/${paivakoti}`);
    expect(await page.locator('h1').textContent()).toBe('Sunflower day care');
    await ctx.close();
  });

  it('confirms a stale service "still correct" from the review list, axe-clean', async () => {
    const { ctx, page } = await signedIn({ width: 375, height: 740 });
    await page.goto(`${s.base}/fi/work/review`);
    expect(await axeViolations(page)).toEqual([]);
    await page.click(`form[action="/fi/work/services/${perhetyo}/review"] button`);
    expect(await page.locator('.notice').textContent()).toContain('Palvelu on merkitty tarkistetuksi tänään.');
    expect(await page.locator(`form[action="/fi/work/services/${perhetyo}/review"]`).count()).toBe(0);
    for (const path of [
      `/fi/work/services/${paivakoti}/edit`,
      `/sv/work/locations/${location}/edit`,
      `/fi/work/services/new?organization=${askola}`,
    ]) {
      await page.goto(s.base + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await ctx.close();
  });
});
