/**
 * The professionals' side in Chromium: invited → sets a password from the e-mailed link → signs in → works within
 * their role → every step in the audit log. axe (WCAG 2.1 A/AA) on every page on the way.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, TEST_PASSWORD } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { axeViolations, browserApp, browserAvailable } from '../support/browser.js';
import { directoryFixture } from '../support/fixtures.js';
import { linkIn, startMailbox, type Mailbox } from '../support/mailbox.js';
import { startOidcProvider } from '../support/oidcProvider.js';
import { createServer } from 'node:net';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!browserAvailable)('the workspace in Chromium', () => {
  let mailbox: Mailbox;
  const askola = idFromKey('organization', 't-askola');

  const s = browserApp(async (d) => {
    await loadDemoData(d.db, [directoryFixture()]);
    mailbox = await startMailbox();
    await addTestPerson(d.db, { email: 'admin@region.test', name: 'Aino Admin', systemRole: 'admin' });
    return testApp(d, { SMTP_URL: mailbox.url, AUTH_RATE_LIMIT: '1000' });
  });
  afterAll(async () => {
    await mailbox?.close();
  });

  /** Links in mail point at the public address; the test server listens elsewhere. */
  const local = (link: string) => {
    const u = new URL(link);
    return `${s.base}${u.pathname}${u.search}`;
  };

  it.each([
    ['a phone', { width: 375, height: 740 }],
    ['a desktop', { width: 1280, height: 900 }],
  ])('account pages have no axe violations, signed out and signed in, on %s', async (_, viewport) => {
    const ctx = await s.browser.newContext({ viewport });
    const page = await ctx.newPage();
    for (const path of ['/fi/sign-in', '/sv/forgot-password', '/en/set-password?token=nope']) {
      await page.goto(s.base + path);
      expect(await axeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
    }
    // A form with errors, too.
    await page.goto(`${s.base}/fi/sign-in`);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await axeViolations(page), `sign-in errors at ${viewport.width}px`).toEqual([]);

    await page.getByLabel('Sähköposti').fill('admin@region.test');
    await page.getByLabel('Salasana').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL(`${s.base}/fi/work`);
    for (const path of ['/fi/work', '/sv/work/account']) {
      await page.goto(s.base + path);
      expect(await axeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
    }
    await ctx.close();
  });

  it('an invited person sets a password from the e-mailed link, signs in and out, without JavaScript', async () => {
    const { addPerson } = await import('../../src/core/accounts/people.js');
    const { invitationLink } = await import('../../src/core/accounts/passwordLinks.js');
    const personId = await addPerson(
      s.d.db,
      { actor: null, actorName: 'test' },
      { email: 'uusi@askola.test', name: 'Ulla Uusi', organizationId: askola, role: 'editor' },
    );
    const before = mailbox.messages.length;
    await invitationLink(
      s.d.db,
      { actor: null, actorName: 'test' },
      { personId, lang: 'fi', publicUrl: s.app.config.publicUrl, mailer: s.app.mailer },
    );
    const mail = await mailbox.waitFor('uusi@askola.test', { after: before });
    expect(mail.subject).toBe('Sinut on kutsuttu Yhdessä-verkostoon');

    const ctx = await s.browser.newContext({ javaScriptEnabled: false });
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
    await page.waitForURL(`${s.base}/fi/work`);
    expect(await page.locator('main').textContent()).toContain('Askolan kunta – palvelukuvausten ylläpitäjä');
    await page.getByRole('button', { name: 'Kirjaudu ulos (Ulla Uusi)' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Olet kirjautunut ulos.');
    await ctx.close();

    const trail = await s.d.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('object_id', '=', personId)
      .orderBy('id')
      .execute();
    expect(trail.map((r) => r.action)).toEqual([
      'person.create',
      'membership.create',
      'person.invite',
      'auth.password_set',
      'auth.sign_in',
      'auth.sign_out',
    ]);
  });

  it('signs in with single sign-on (OpenID Connect, code + PKCE) from the sign-in page', async () => {
    const port = await freePort();
    const ssoBase = `http://127.0.0.1:${port}`;
    const provider = await startOidcProvider({ redirectUri: `${ssoBase}/sso/callback` });
    provider.users.set('askola-0001', { email: 'sso@askola.test', email_verified: true, name: 'Sanna Single' });
    await addTestPerson(s.d.db, {
      email: 'sso@askola.test',
      name: 'Sanna Single',
      memberships: [{ organizationId: askola, role: 'member' }],
    });
    const ssoApp = await testApp(s.d, { ...provider.env, OIDC_NAME: 'Askolan kunta', PUBLIC_URL: ssoBase });
    await ssoApp.listen({ port, host: '127.0.0.1' });
    try {
      const ctx = await s.browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${ssoBase}/fi/sign-in`);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Kirjaudu: Askolan kunta' }).click();
      await page.getByLabel('Account').fill('askola-0001');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${ssoBase}/fi/work`);
      expect(await page.locator('main').textContent()).toContain('Hei Sanna Single!');
      await ctx.close();
      const row = await s.d.db
        .selectFrom('audit_event')
        .select(['details'])
        .where('action', '=', 'auth.sign_in')
        .where('actor_name', '=', 'Sanna Single')
        .where('outcome', '=', 'ok')
        .executeTakeFirst();
      expect((row?.details as { method?: string } | undefined)?.method).toBe('oidc');
    } finally {
      await ssoApp.close();
      await provider.close();
    }
  });
});
