/**
 * Child impact pages in Chromium with the demo data: the public pages, the children's questionnaire and the
 * team's pages axe-clean (WCAG 2.1 A/AA) at 390 px and 1280 px; a child answering the questionnaire on a phone
 * with the site's script blocked (as without JavaScript): a refusal first, then the thanks page.
 */
import { describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { DEMO_PASSWORD, loadDemoPeople } from '../../src/demo/demoPeople.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const id = (key: string) => idFromKey('child_impact', key);

describe.skipIf(!browserAvailable)('child impact pages in Chromium', () => {
  const s = browserApp(
    async (d) => {
      await loadDemoPeople(d.db);
      return testApp(d, { AUTH_RATE_LIMIT: '1000' });
    },
    120_000,
    { demo: true },
  );

  const PUBLIC = [
    '/fi/child-impact',
    `/sv/child-impact/${id('raasepori-school-network')}`,
    `/fi/child-impact/${id('raasepori-booking')}`,
    '/fi/child-friendly',
    '/sv/child-friendly/710',
    `/fi/child-impact/questionnaires/${id('hanko-youth-council-q')}`,
    `/sv/child-impact/questionnaires/${id('hanko-youth-council-q')}`,
    `/fi/child-impact/questionnaires/${id('raasepori-school-network-q')}`,
  ];
  const TEAM = [
    '/fi/work/child-impact',
    `/fi/work/child-impact/${id('raasepori-school-network')}`,
    `/sv/work/child-impact/${id('raasepori-school-network')}/steps/affected`,
    `/fi/work/child-impact/${id('raasepori-school-network')}/steps/follow_up`,
    `/fi/work/child-impact/questionnaires/${id('raasepori-school-network-q')}`,
    '/fi/work/child-friendly/710',
  ];

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`has axe-clean public pages on a ${name}`, async () => {
      const ctx = await s.browser.newContext({ viewport });
      const page = await ctx.newPage();
      for (const path of PUBLIC) {
        const res = await page.goto(`${s.base}${path}`);
        expect(res?.status(), path).toBe(200);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await ctx.close();
    }, 120_000);

    it(`has axe-clean team pages on a ${name}`, async () => {
      const ctx = await s.browser.newContext({ viewport });
      const page = await ctx.newPage();
      await signIn(page, s.base, 'lape@raasepori.demo', { password: DEMO_PASSWORD });
      for (const path of TEAM) {
        const res = await page.goto(`${s.base}${path}`);
        expect(res?.status(), path).toBe(200);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await ctx.close();
    }, 120_000);
  }

  it('lets a child answer the questionnaire on a phone without JavaScript', async () => {
    const ctx = await contextWithoutSiteScripts(s.browser, { viewport: VIEWPORTS.phone, hasTouch: true });
    const page = await ctx.newPage();
    const qid = id('hanko-youth-council-q');
    await page.goto(`${s.base}/sv/child-impact/questionnaires/${qid}`);
    expect(await page.locator('h1').textContent()).toContain('Ungdomsfullmäktiges enkät');
    // Sent with nothing chosen: asked again, with the problem announced and linked.
    await Promise.all([page.waitForLoadState('load'), page.click('form button[type=submit]')]);
    expect(await page.locator('.error-summary').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const before = await s.d.db
      .selectFrom('child_impact_response')
      .select('id')
      .where('questionnaire_id', '=', qid)
      .execute();
    // The pictures are labelled with words; a tap on the picture chooses it.
    await page.getByText('Mycket bra').first().click();
    expect(await page.locator('#q1-5').isChecked()).toBe(true);
    await page.locator('label[for="q2-3"]').click();
    await page.fill('#free_text', 'Fler kvällsturer med bussen');
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/thanks')), page.click('form button[type=submit]')]);
    expect(await page.locator('h1').textContent()).toContain('Tack');
    expect(await axeViolations(page)).toEqual([]);
    const after = await s.d.db
      .selectFrom('child_impact_response')
      .select(['answers', 'lang'])
      .where('questionnaire_id', '=', qid)
      .execute();
    expect(after).toHaveLength(before.length + 1);
    expect(after.some((r) => r.answers.q1 === 5 && r.answers.q2 === 3 && r.lang === 'sv')).toBe(true);
    const cookies = await ctx.cookies();
    expect(cookies.every((c) => c.name.includes('csrf'))).toBe(true);
    await ctx.close();
  }, 120_000);
});
