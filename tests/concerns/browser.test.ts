/**
 * Concerns in Chromium: a resident brings a concern in Finnish and in Swedish with the site's scripts blocked (as
 * without JavaScript) — an error first with what was typed kept, then the receipt and the follow-up page — every
 * page axe-clean (WCAG 2.1 A/AA) on a phone (390 px) and a desktop (1280 px); the team's dashboard and case page
 * axe-clean too.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';
import { PEOPLE, setUpConcernWorld } from './support.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const TEXT = {
  fi: { text: 'Naapurin lapsi itkee usein yöllä', error: 'Valitse lapsen ikä.', receipt: 'Huolesi on vastaanotettu' },
  sv: {
    text: 'Grannens barn gråter ofta på natten',
    error: 'Välj barnets ålder.',
    receipt: 'Vi har tagit emot din oro',
  },
};

describe.skipIf(!browserAvailable)('bringing a concern in Chromium', () => {
  const s = browserApp(async (d) => {
    await setUpConcernWorld(d.db);
    return testApp(d, { AUTH_RATE_LIMIT: '1000' });
  });

  for (const lang of ['fi', 'sv'] as const)
    for (const [name, viewport] of Object.entries(VIEWPORTS))
      it(`works without JavaScript in ${lang} on a ${name}, axe-clean`, async () => {
        const ctx = await contextWithoutSiteScripts(s.browser, { viewport });
        const page = await ctx.newPage();
        await page.goto(`${s.base}/${lang}/concern`);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await axeViolations(page), 'form').toEqual([]);
        const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        expect(noScroll, 'no sideways scrolling').toBe(true);

        // First without the age group: the form comes back with the error and keeps what was typed.
        await page.check('#about-other_child');
        await page.fill('#text', TEXT[lang].text);
        await page.selectOption('#municipality', '018');
        await page.check('#anonymous-yes');
        await page.check('#family_knows-no');
        await Promise.all([page.waitForLoadState('load'), page.click('form.concern-form button[type=submit]')]);
        expect(await page.locator('.error-summary').innerText()).toContain(TEXT[lang].error);
        expect(await page.inputValue('#text')).toBe(TEXT[lang].text);
        expect(await axeViolations(page), 'form with errors').toEqual([]);

        await page.check('#age_group-7-12');
        await Promise.all([
          page.waitForURL((u) => /\/concern\/[A-Za-z0-9_-]{43}$/.test(u.pathname)),
          page.click('form.concern-form button[type=submit]'),
        ]);
        expect(await page.locator('h2#receipt-title').innerText()).toBe(TEXT[lang].receipt);
        expect(await page.locator('main').innerText()).toMatch(/K-[2-9A-Z]{4}-[2-9A-Z]{4}/);
        expect(await axeViolations(page), 'receipt').toEqual([]);

        // Writing back through the follow-up page.
        await page.fill('#message', 'Lisätieto / Mer information');
        await Promise.all([page.waitForURL(/notice=message_sent/), page.click('form[action$="/messages"] button')]);
        expect(await page.locator('.concern-messages').innerText()).toContain('Lisätieto / Mer information');
        expect(await axeViolations(page), 'follow-up').toEqual([]);
        await ctx.close();
      });

  it("has an axe-clean dashboard and case page for the team's member", async () => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport: VIEWPORTS.desktop });
    const page = await ctx.newPage();
    await signIn(page, s.base, PEOPLE.vatu, { next: '/fi/work/concerns' });
    expect(await axeViolations(page), 'dashboard').toEqual([]);
    await Promise.all([page.waitForLoadState('load'), page.click('table.data a >> nth=0')]);
    expect(await page.locator('h1').innerText()).toMatch(/^Asia K-/);
    expect(await axeViolations(page), 'case').toEqual([]);
    await ctx.close();
  });
});
