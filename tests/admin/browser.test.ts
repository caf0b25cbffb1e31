/**
 * Administration, the directory and the audit log in Chromium: an administrator invites a person through the
 * form, the person sets a password from the mailed link and signs in, edits their directory entry; every page on
 * the way is axe-clean (WCAG 2.1 A/AA) on a phone and on a desktop. The invited person's browser has JavaScript off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, serveApp, signIn, useBrowser } from '../support/browser.js';
import { linkIn } from '../support/mailbox.js';
import { askola, pathOf, PEOPLE, useAdminSuite } from './setup.js';

describe.skipIf(!browserAvailable)('administration in Chromium', () => {
  const s = useAdminSuite('pglite');
  const b = useBrowser();
  let base: string;

  beforeAll(async () => {
    base = await serveApp(s.app);
  });

  it('walks through inviting a person, who sets a password, signs in and edits their entry; every page axe-clean', async () => {
    // axe runs as a script in the page, so the administrator's browser has JavaScript; the invited person's has none.
    // (Every form here is plain HTML: the one client script enhances only the public search.)
    const ctx = await b.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, base, PEOPLE.admin);
    const visited: string[] = [];
    const check = async (path: string) => {
      await page.goto(base + path);
      visited.push(path);
      for (const width of [375, 1200]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await axeViolations(page), `${path} at ${width}px`).toEqual([]);
      }
    };

    await check('/fi/work/admin');
    await check('/fi/work/admin/organizations');
    await check(`/sv/work/admin/organizations/${askola}`);
    await check('/fi/work/admin/organizations/new');
    await check('/en/work/admin/teams/new');

    // Inviting through the form: an error first (the summary links to the field), then the real thing.
    await page.goto(`${base}/fi/work/admin/people/new`);
    await page.fill('#email', 'selain@askola.test');
    await page.click('form[action="/fi/work/admin/people"] button[type=submit]');
    const summary = await page.textContent('.error-summary');
    expect(summary).toContain('Kirjoita nimi.');
    expect(summary).toContain('Valitse organisaatio.');
    expect(await page.inputValue('#email')).toBe('selain@askola.test');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#name', 'Selma Selain');
    await page.selectOption('#organization', askola);
    await page.check('#role-editor');
    const before = s.mailbox.messages.length;
    await page.click('form[action="/fi/work/admin/people"] button[type=submit]');
    expect(await page.textContent('[role=status]')).toContain('Kutsu on lähetetty.');
    expect(await page.textContent('h1')).toBe('Selma Selain');
    expect(await axeViolations(page)).toEqual([]);
    await check('/fi/work/admin/people');

    // The invited person, in another browser.
    const link = pathOf(linkIn(await s.mailbox.waitFor('selain@askola.test', { after: before })));
    const otherCtx = await b.browser.newContext({ javaScriptEnabled: false });
    const other = await otherCtx.newPage();
    await other.goto(base + link);
    await other.fill('#password', 'selman oma pitkä salasana');
    await other.fill('#confirm', 'selman oma pitkä salasana');
    await other.click('form[action="/fi/set-password"] button[type=submit]');
    await signIn(other, base, 'selain@askola.test', { password: 'selman oma pitkä salasana' });
    await other.goto(`${base}/fi/work/people/me`);
    await other.fill('#title-fi', 'Perheohjaaja');
    await other.fill('#title-sv', 'Familjehandledare');
    await other.fill('#phone', '040 555 1234');
    await other.check('#languages-sv');
    await other.click('form[action="/fi/work/people/me"] button[type=submit]');
    expect(await other.textContent('[role=status]')).toContain('Tietosi on tallennettu.');
    expect(await other.textContent('main')).toContain('Selma Selain');
    // The same session in a browser with JavaScript, for axe.
    const axeCtx = await b.browser.newContext();
    await axeCtx.addCookies(await otherCtx.cookies());
    const axePage = await axeCtx.newPage();
    for (const path of ['/fi/work/people/me', '/fi/work/people?q=Selma']) {
      await axePage.goto(base + path);
      expect(await axeViolations(axePage), path).toEqual([]);
    }
    // An editor has no administration.
    await other.goto(`${base}/fi/work/admin`);
    expect(await other.textContent('h1')).toBeTruthy();
    expect(await other.textContent('main')).toContain('Sinulla ei ole oikeutta');

    await check('/sv/work/people?language=sv');
    await check('/fi/work/audit');
    await check('/fi/work/audit?from=2026-02-31&person=ei-ketaan');
    expect(visited.length).toBeGreaterThan(5);
    await Promise.all([ctx.close(), otherCtx.close(), axeCtx.close()]);
  }, 240_000);
});
