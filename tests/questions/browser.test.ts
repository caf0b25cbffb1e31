/**
 * E-advice in Chromium: a resident asks in Swedish with the site's scripts blocked (as without JavaScript) —
 * first an error, then the receipt with the reference and the private link, then writing back; the public and
 * the professionals' pages axe-clean (WCAG 2.1 A/AA) on a phone (390 px) and a desktop (1280 px).
 */
import { describe, expect, it } from 'vitest';
import { askQuestion } from '../../src/core/questions/ask.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';
import { EMAIL, questionWorld } from './support.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

describe.skipIf(!browserAvailable)('e-advice pages in Chromium', () => {
  let id = '';
  let code = '';
  const s = browserApp(async (d) => {
    await questionWorld(d.db);
    const asked = await askQuestion(
      d.db,
      { actor: null },
      {
        municipality: '018',
        topic: 'parenting',
        language: 'fi',
        text: 'Miten saan kolmevuotiaan nukkumaan?',
        publishConsent: true,
        uiLang: 'fi',
      },
      { publicUrl: 'http://x' },
    );
    id = asked.id;
    code = asked.code;
    return testApp(d, { AUTH_RATE_LIMIT: '1000' });
  });

  it('lets a resident ask in Swedish and write back without JavaScript', async () => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport: VIEWPORTS.phone });
    const page = await ctx.newPage();
    await page.goto(`${s.base}/sv/ask`);
    await page.selectOption('#municipality', '078');
    await page.fill('#text', 'Hur hittar jag en familjeklubb på svenska i Hangö?');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/sv/ask"] button[type=submit]')]);
    // No topic chosen: the form comes back with the error, what was typed kept.
    expect(await page.locator('.error-summary').textContent()).toContain('Välj ett ämne.');
    expect(await page.inputValue('#text')).toBe('Hur hittar jag en familjeklubb på svenska i Hangö?');
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption('#topic', 'meeting_others');
    await page.check('#language-sv');
    await Promise.all([
      page.waitForURL(/\/sv\/ask\/[A-Za-z0-9_-]{43}\?notice=sent$/),
      page.click('form[action="/sv/ask"] button[type=submit]'),
    ]);
    const receipt = await page.locator('[role=status]').first().textContent();
    expect(receipt).toMatch(/Ditt referensnummer är Q-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(await page.locator('.questions-link code').textContent()).toContain('/sv/ask/');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#text', 'Och finns det något på kvällstid?');
    await Promise.all([page.waitForURL(/notice=replied/), page.click('form[action$="/reply"] button[type=submit]')]);
    expect(await page.locator('.questions-messages').textContent()).toContain('Och finns det något på kvällstid?');
    await ctx.close();
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`has axe-clean public e-advice pages on a ${name}`, async () => {
      const ctx = await s.browser.newContext({ viewport });
      const page = await ctx.newPage();
      for (const path of ['/fi/ask', '/sv/ask', '/en/ask/open', `/fi/ask/${code}`]) {
        await page.goto(`${s.base}${path}`);
        expect(await page.locator('h1').count(), path).toBe(1);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await ctx.close();
    });

    it(`has axe-clean professional e-advice pages on a ${name}`, async () => {
      const ctx = await contextWithoutSiteScripts(s.browser, { viewport });
      const page = await ctx.newPage();
      await signIn(page, s.base, EMAIL.a1);
      for (const path of ['/fi/work/questions', `/fi/work/questions/${id}`]) {
        await page.goto(`${s.base}${path}`);
        expect(await page.locator('h1').count(), path).toBe(1);
        expect(await axeViolations(page), path).toEqual([]);
      }
      // Answering through the form, without JavaScript.
      await page.fill('#answer', 'Säännöllinen iltarutiini auttaa.');
      await Promise.all([
        page.waitForURL(/notice=answered/),
        page.click('form[action$="/answer"] button[type=submit]'),
      ]);
      expect(await page.locator('.questions-messages').textContent()).toContain('Säännöllinen iltarutiini auttaa.');
      expect(await axeViolations(page)).toEqual([]);
      await ctx.close();
      const coord = await contextWithoutSiteScripts(s.browser, { viewport });
      const cpage = await coord.newPage();
      await signIn(cpage, s.base, EMAIL.coordinator, { next: '/fi/work/questions/routing' });
      expect(await axeViolations(cpage)).toEqual([]);
      await coord.close();
    });
  }
});
