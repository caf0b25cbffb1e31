/**
 * The professionals' side in Chromium: invited → sets a password from the e-mailed link → signs in → works within
 * their role → every step in the audit log. axe (WCAG 2.1 A/AA) on every page on the way.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, TEST_PASSWORD } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { linkIn, startMailbox, type Mailbox } from '../support/mailbox.js';

describe.skipIf(!browserAvailable)('the workspace in Chromium', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let mailbox: Mailbox;
  let base: string;
  const askola = idFromKey('organization', 't-askola');

  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    await loadDemoData(d.db, [directoryFixture()]);
    mailbox = await startMailbox();
    app = await testApp(d, { SMTP_URL: mailbox.url, AUTH_RATE_LIMIT: '1000' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await launchBrowser();
    await addTestPerson(d.db, { email: 'admin@region.test', name: 'Aino Admin', systemRole: 'admin' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await mailbox?.close();
    await d?.dispose();
  });

  const axe = async (page: Page) => {
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  };
  /** Links in mail point at the public address; the test server listens elsewhere. */
  const local = (link: string) => { const u = new URL(link); return `${base}${u.pathname}${u.search}`; };

  it('account pages have no axe violations, signed out and signed in, phone and desktop', async () => {
    for (const viewport of [{ width: 375, height: 740 }, { width: 1280, height: 900 }]) {
      const ctx = await browser.newContext({ viewport });
      const page = await ctx.newPage();
      for (const path of ['/fi/sign-in', '/sv/forgot-password', '/en/set-password?token=nope']) {
        await page.goto(base + path);
        expect(await axe(page), `${path} at ${viewport.width}px`).toEqual([]);
      }
      // A form with errors, too.
      await page.goto(`${base}/fi/sign-in`);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      expect(await axe(page), `sign-in errors at ${viewport.width}px`).toEqual([]);

      await page.getByLabel('Sähköposti').fill('admin@region.test');
      await page.getByLabel('Salasana').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.waitForURL(`${base}/fi/work`);
      for (const path of ['/fi/work', '/sv/work/account']) {
        await page.goto(base + path);
        expect(await axe(page), `${path} at ${viewport.width}px`).toEqual([]);
      }
      await ctx.close();
    }
  });

  it('an invited person sets a password from the e-mailed link, signs in and out, without JavaScript', async () => {
    const { addPerson } = await import('../../src/core/accounts/people.js');
    const { invitationLink } = await import('../../src/core/accounts/passwordLinks.js');
    const personId = await addPerson(d.db, { actor: null, actorName: 'test' }, { email: 'uusi@askola.test', name: 'Ulla Uusi', organizationId: askola, role: 'editor' });
    const before = mailbox.messages.length;
    await invitationLink(d.db, { actor: null, actorName: 'test' }, { personId, lang: 'fi', publicUrl: app.config.publicUrl, mailer: app.mailer });
    const mail = await mailbox.waitFor('uusi@askola.test', { after: before });
    expect(mail.subject).toBe('Sinut on kutsuttu Yhdessä-verkostoon');

    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(local(linkIn(mail)));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Aseta salasana');
    await page.getByLabel('Uusi salasana').fill('kesäpäivä järven rannalla');
    await page.getByLabel('Salasana uudelleen').fill('kesäpäivä järven rannalla');
    await page.getByRole('button', { name: 'Tallenna salasana' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Salasana on tallennettu');
    await page.getByLabel('Sähköposti').fill('uusi@askola.test');
    await page.getByLabel('Salasana').fill('kesäpäivä järven rannalla');
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL(`${base}/fi/work`);
    expect(await page.locator('main').textContent()).toContain('Askolan kunta – palvelukuvausten ylläpitäjä');
    await page.getByRole('button', { name: 'Kirjaudu ulos (Ulla Uusi)' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Olet kirjautunut ulos.');
    await ctx.close();

    const trail = await d.db.selectFrom('audit_event').select(['action', 'outcome']).where('object_id', '=', personId).orderBy('id').execute();
    expect(trail.map((r) => r.action)).toEqual(['person.create', 'membership.create', 'person.invite', 'auth.password_set', 'auth.sign_in', 'auth.sign_out']);
  });
});
