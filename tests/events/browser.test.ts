/**
 * Events in Chromium without the site's scripts (as without JavaScript): a family finds a Swedish-language family
 * café in Inkoo for this week, registers and cancels; the pages on the way and the organiser's page are axe-clean
 * (WCAG 2.1 A/AA) on a phone (390 px) and a desktop (1280 px).
 */
import { describe, expect, it } from 'vitest';
import { insertEvent } from '../../src/core/events/save.js';
import { localParts } from '../../src/core/events/time.js';
import { addTestPerson } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable, contextWithoutSiteScripts, signIn } from '../support/browser.js';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

describe.skipIf(!browserAvailable)('events in Chromium', () => {
  let cafe = '';
  const s = browserApp(
    async (d) => {
      const org = await d.db
        .selectFrom('organization')
        .select('id')
        .where('key', '=', 'folkhalsan-inga')
        .executeTakeFirstOrThrow();
      const place = await d.db
        .selectFrom('location')
        .select('id')
        .where('key', '=', 'inkoo-folkhalsanhuset')
        .executeTakeFirstOrThrow();
      // An extra café that is surely within this week, whatever day the test runs: starting in a few minutes.
      const start = localParts(new Date(Date.now() + 5 * 60000));
      const end = localParts(new Date(Date.now() + 65 * 60000));
      cafe = (
        await d.db.transaction().execute((tx) =>
          insertEvent(
            tx,
            { audit: { actor: null, actorName: 'test' } },
            {
              organizationId: org.id,
              kind: 'single',
              status: 'published',
              name: { fi: 'Iltaperhekahvila', sv: 'Kvällens familjecafé' },
              description: { sv: 'Lek och fika för småbarnsfamiljer.' },
              languages: ['sv'],
              locationId: place.id,
              registration: 'contact',
              capacity: 8,
              occurrences: [{ start: start.iso, end: end.iso }],
            },
          ),
        )
      ).id;
      await addTestPerson(d.db, {
        email: 'fia@folkhalsan.test',
        name: 'Fia Folkhälsan',
        memberships: [{ organizationId: org.id, role: 'editor' }],
      });
      return testApp(d, { AUTH_RATE_LIMIT: '1000' });
    },
    undefined,
    { demo: true },
  );

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`finds a Swedish family café in Inkoo this week, registers and cancels, without JavaScript, on a ${name}`, async () => {
      const ctx = await contextWithoutSiteScripts(s.browser, { viewport });
      const page = await ctx.newPage();
      await page.goto(`${s.base}/sv/events`);
      expect(await axeViolations(page)).toEqual([]);
      await page.selectOption('#municipality', '149');
      await page.selectOption('#language', 'sv');
      await page.check('#when-week');
      await Promise.all([page.waitForURL(/\/sv\/events\?/), page.click('form.events-filters button[type=submit]')]);
      const results = await page.locator('.event-list').allTextContents();
      expect(results.join(' ')).toContain('Kvällens familjecafé');
      expect(results.join(' ')).not.toContain('MLL:s familjecafé (på finska)');
      expect(await axeViolations(page)).toEqual([]);

      await Promise.all([
        page.waitForURL(new RegExp(`/sv/events/${cafe}$`)),
        page.click(`a[href="/sv/events/${cafe}"]`),
      ]);
      expect(await page.locator('h1').textContent()).toBe('Kvällens familjecafé');
      expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // A mistake first: the error summary, and what was typed stays.
      await page.fill('#email', 'familjen@example.test');
      await page.fill('#people', '3');
      await page.click('form[action$="/register"] button[type=submit]');
      expect(await page.locator('.error-summary').textContent()).toContain('Skriv namnet.');
      expect(await page.inputValue('#email')).toBe('familjen@example.test');
      expect(await axeViolations(page)).toEqual([]);

      await page.fill('#name', 'Familjen Lindqvist');
      await Promise.all([
        page.waitForURL(/\/sv\/events\/registrations\/[A-Za-z0-9_-]{43}\?notice=new$/),
        page.click('form[action$="/register"] button[type=submit]'),
      ]);
      expect(await page.locator('.notice').textContent()).toContain('Din anmälan är bekräftad.');
      expect(await page.locator('.summary-list').textContent()).toContain('Bekräftad');
      expect(await page.locator('a[href^="/api/v1/events/my/"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      await Promise.all([
        page.waitForURL(/notice=cancelled$/),
        page.click('form[action$="/cancel"] button[type=submit]'),
      ]);
      expect(await page.locator('.notice').textContent()).toContain('Din anmälan är avbokad.');
      expect(await page.locator('.summary-list').textContent()).toContain('Avbokad');
      expect(await axeViolations(page)).toEqual([]);
      await ctx.close();
    });
  }

  it('shows the organiser the registrations, axe-clean on a phone and a desktop', async () => {
    for (const viewport of Object.values(VIEWPORTS)) {
      const ctx = await contextWithoutSiteScripts(s.browser, { viewport });
      const page = await ctx.newPage();
      await signIn(page, s.base, 'fia@folkhalsan.test', { next: `/fi/work/events/${cafe}` });
      expect(await page.locator('h1').textContent()).toContain('Iltaperhekahvila');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${s.base}/fi/work/events/new`);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${s.base}/fi/work/events`);
      expect(await axeViolations(page)).toEqual([]);
      await ctx.close();
    }
  });
});
