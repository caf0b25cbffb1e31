/**
 * The guides' pages in Chromium: axe-clean (WCAG 2.1 A/AA) on a phone (390 px) and a desktop (1280 px); every
 * public page without sideways scrolling at 320 px (WCAG 1.4.10 reflow, which axe does not check); choosing a
 * municipality in a guide and reporting an error on a service with the site's scripts blocked (as without
 * JavaScript).
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';
import { demoApp, orgId, PEOPLE, serviceId } from './support.js';

const SERVICE = serviceId('raasepori-familjeradgivning');
const ORG = orgId('lansi-uusimaa-hva');

/** Every public page in Finnish and Swedish (front, search, service, organisation, guides, help, statements). */
const PUBLIC = (lang: 'fi' | 'sv') => [
  `/${lang}/`,
  `/${lang}/search`,
  `/${lang}/search?q=${lang === 'fi' ? 'perheneuvola' : 'familjer%C3%A5dgivning'}&municipality=078`,
  `/${lang}/services/${SERVICE}`,
  `/${lang}/services/${SERVICE}/report-error`,
  `/${lang}/organizations/${ORG}`,
  `/${lang}/guides`,
  `/${lang}/guides/separation?municipality=${lang === 'fi' ? '078' : '710'}`,
  `/${lang}/help`,
  `/${lang}/accessibility`,
  `/${lang}/privacy`,
];

describe.skipIf(!browserAvailable)('guides, help and error reports in Chromium', () => {
  const s = browserApp(demoApp, 300_000, { demo: true });

  it('has no sideways scrolling at 320 px on any public page, in Finnish and Swedish', async () => {
    const ctx = await s.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await ctx.newPage();
    const wide: string[] = [];
    for (const path of [...PUBLIC('fi'), ...PUBLIC('sv')]) {
      await page.goto(s.base + path);
      await page.waitForLoadState('load');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) {
        const culprits = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > 321)
            .slice(0, 3)
            .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
        );
        wide.push(`${path}: ${width}px (${culprits.join(', ')})`);
      }
    }
    await ctx.close();
    expect(wide).toEqual([]);
  });

  const AXE_PAGES = [
    '/fi/',
    '/sv/',
    '/en/',
    '/fi/guides',
    '/fi/guides/separation',
    '/fi/guides/separation?municipality=078',
    '/sv/guides/separation?municipality=710',
    '/en/guides/expecting?municipality=149',
    '/fi/help',
    '/sv/help?municipality=078',
    '/fi/privacy',
    '/sv/accessibility',
    `/fi/services/${SERVICE}`,
    `/sv/services/${SERVICE}/report-error`,
  ];
  for (const [name, viewport] of Object.entries({
    phone: { width: 390, height: 844 },
    desktop: { width: 1280, height: 900 },
  }))
    it(`has axe-clean public pages on a ${name}`, async () => {
      const ctx = await s.browser.newContext({ viewport });
      const page = await ctx.newPage();
      for (const path of AXE_PAGES) {
        await page.goto(s.base + path);
        expect(await page.locator('h1').count(), path).toBe(1);
        expect(await axeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
      }
      await ctx.close();
    });

  it('has axe-clean workspace pages for coordinators and editors', async () => {
    for (const [email, paths] of [
      [PEOPLE.coordinator, ['/fi/work', '/fi/work/guides', '/fi/work/guides/new']],
      [PEOPLE.countyEditor, ['/fi/work/feedback', '/sv/work/feedback?status=handled']],
    ] as const) {
      const ctx = await s.browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await ctx.newPage();
      await signIn(page, s.base, email);
      for (const path of paths) {
        await page.goto(s.base + path);
        expect(await axeViolations(page), path).toEqual([]);
      }
      if (email === PEOPLE.coordinator) {
        await page.goto(`${s.base}/fi/work/guides`);
        await page.getByRole('link', { name: 'Kun perhe harkitsee eroa tai eroaa' }).click();
        expect(await axeViolations(page), 'edit').toEqual([]);
      }
      await ctx.close();
    }
  });

  it('lets a reader choose a municipality in a guide, and report an error, without JavaScript', async () => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/sv/guides/separation`);
    await page.locator('#guide-municipality').selectOption('078');
    await page.getByRole('button', { name: 'Visa tjänster' }).click();
    await page.waitForURL(/municipality=078/);
    expect(await page.locator('.guide-step').first().locator('.service-card').count()).toBeGreaterThan(0);

    await page.goto(`${s.base}/sv/services/${SERVICE}`);
    await page.getByRole('link', { name: 'Anmäl ett fel i den här informationen' }).click();
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Berätta vad som är fel');
    expect(await axeViolations(page), 'refused form').toEqual([]);
    await page.getByLabel('Vad är fel i informationen?').fill('Telefontiden har ändrats.');
    await page.getByRole('button', { name: 'Skicka anmälan' }).click();
    await page.waitForURL(/notice=error_reported/);
    expect(await page.locator('.notice-success').textContent()).toContain('Tack!');
    await ctx.close();
  });
});
