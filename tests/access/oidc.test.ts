/**
 * Single sign-on over OpenID Connect, the real flow: the app's redirect to a real `oidc-provider` on a loopback
 * port, the sign-in there, the redirect back with a code, the code exchange with PKCE, the ID token's checks,
 * linking to an invited person, the session. Refusals: unknown or unverified e-mail, disabled people, a
 * tampered state, a missing flow cookie, a cancelled sign-in; no person is ever created.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetOidcConfigurations } from '../../src/core/accounts/oidc.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import {
  createDatabaseTemplate,
  testDatabases,
  type DatabaseTemplate,
  type TestDatabase,
} from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { ProviderBrowser, startOidcProvider, type TestOidcProvider } from '../support/oidcProvider.js';

describe.each(testDatabases())('single sign-on on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let op: TestOidcProvider;
  const askola = idFromKey('organization', 't-askola');
  const ids: Record<string, string> = {};

  // The people, once, kept as a template: the tests share one copy of it and one app, except those that count a
  // person's sessions, identities and sign-ins whole, which have a copy of their own (ownDatabase below).
  let people: DatabaseTemplate;
  const env = () => ({ ...op.env, AUTH_RATE_LIMIT: '1000' });
  beforeAll(async () => {
    op = await startOidcProvider();
    people = await createDatabaseTemplate(kind, async ({ db }) => {
      await loadDemoData(db, [directoryFixture()]);
      ids.eeva = await addTestPerson(db, {
        email: 'eeva@askola.test',
        name: 'Eeva Editori',
        memberships: [{ organizationId: askola, role: 'editor' }],
      });
      ids.ville = await addTestPerson(db, {
        email: 'ville@askola.test',
        name: 'Ville Vahvistamaton',
        memberships: [{ organizationId: askola, role: 'member' }],
      });
      ids.dora = await addTestPerson(db, {
        email: 'dora@askola.test',
        name: 'Dora Disabled',
        memberships: [{ organizationId: askola, role: 'member' }],
      });
      ids.lotta = await addTestPerson(db, {
        email: 'lotta@askola.test',
        name: 'Lotta Linkitetty',
        memberships: [{ organizationId: askola, role: 'member' }],
      });
      await db.updateTable('person').set({ status: 'disabled' }).where('id', '=', ids.dora).execute();
    });
    op.users.set('sub-eeva', { email: 'Eeva@Askola.test', email_verified: true, name: 'Eeva E.' });
    op.users.set('sub-stranger', { email: 'stranger@elsewhere.test', email_verified: true, name: 'Stranger' });
    op.users.set('sub-ville', { email: 'ville@askola.test', email_verified: false, name: 'Ville' });
    op.users.set('sub-dora', { email: 'dora@askola.test', email_verified: true, name: 'Dora' });
    op.users.set('sub-lotta', { email: 'lotta@askola.test', email_verified: true, name: 'Lotta' });
    op.users.set('sub-lotta-2', { email: 'lotta@askola.test', email_verified: true, name: 'Lotta again' });
    op.users.set('sub-noemail', { name: 'No Mail' });
    d = await people.copy();
    app = await testApp(d, env());
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
    await op?.close();
    await people?.dispose();
  });
  /** For the describe block that calls it: each test on a copy of the people of its own, with its own app. */
  const ownDatabase = () => {
    let shared: [TestDatabase, FastifyInstance];
    beforeEach(async () => {
      shared = [d, app];
      d = await people.copy();
      app = await testApp(d, env());
    });
    afterEach(async () => {
      await app?.close();
      await d?.dispose();
      [d, app] = shared;
    });
  };

  /** The whole round trip: the app's redirect, the provider's sign-in, the callback to the app. */
  const startAt = async (a: Agent, lang = 'fi', next = '/fi/work') => {
    const start = await a.get(`/${lang}/sign-in/sso?next=${encodeURIComponent(next)}`);
    expect(start.statusCode).toBe(303);
    return start.headers.location as string;
  };
  const backFromProvider = async (authUrl: string, account: string | { abort: true }) => {
    const back = await new ProviderBrowser(op).authorize(authUrl, account);
    expect(back.origin + back.pathname).toBe('http://yhdessa.test/sso/callback');
    return back;
  };
  const ssoSignIn = async (a: Agent, account: string | { abort: true }, lang = 'fi', next = '/fi/work') => {
    const back = await backFromProvider(await startAt(a, lang, next), account);
    return a.get(back.pathname + back.search);
  };
  /** Set-up: `account` has signed in once by single sign-on, which links the identity to its person. */
  const signedInOnce = (account: string) => async () => {
    expect((await ssoSignIn(new Agent(app), account)).statusCode).toBe(303);
  };
  const signInAudit = (reason?: string) => {
    let q = d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.sign_in')
      .where((eb) => eb(eb.ref('details', '->>').key('method' as never), '=', 'oidc'));
    if (reason) q = q.where((eb) => eb(eb.ref('details', '->>').key('reason' as never), '=', reason));
    return q.orderBy('id').execute();
  };
  const personCount = async () =>
    Number(
      (
        await d.db
          .selectFrom('person')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('shows the single sign-on button on the sign-in page', async () => {
    const page = await new Agent(app).get('/fi/sign-in?next=%2Ffi%2Fwork%2Faudit');
    expect(page.body).toContain('href="/fi/sign-in/sso?next=%2Ffi%2Fwork%2Faudit"');
    expect(page.body).toContain('Testikunta');
  });

  it('sends the browser to the provider with PKCE S256, state and nonce, keeping them in a signed httpOnly cookie', async () => {
    const a = new Agent(app);
    const res = await a.get('/fi/sign-in/sso?next=%2Ffi%2Fwork%2Faccount');
    expect(res.statusCode).toBe(303);
    const url = new URL(res.headers.location as string);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('client_id')).toBe(op.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe('http://yhdessa.test/sso/callback');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const cookie = (
      res.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; maxAge?: number }[]
    ).find((c) => c.name === 'yh_sso')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.maxAge).toBe(600);
    expect(cookie.value).toMatch(/\.[\w+/=-]+$/); // signed
    // The code verifier never leaves for the provider.
    const flow = JSON.parse(
      Buffer.from(cookie.value.slice(0, cookie.value.lastIndexOf('.')), 'base64url').toString(),
    ) as { codeVerifier: string; state: string };
    expect(url.href).not.toContain(flow.codeVerifier);
    expect(flow.state).toBe(url.searchParams.get('state'));
  });

  describe('on a database of its own', () => {
    ownDatabase();

    it('signs a known person in, links the identity, and logs both', async () => {
      const a = new Agent(app);
      const res = await ssoSignIn(a, 'sub-eeva', 'fi', '/fi/work/account');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/fi/work/account');
      expect(a.cookies.has('yh_sso')).toBe(false); // single use
      const work = await a.get('/fi/work');
      expect(work.statusCode).toBe(200);
      expect(work.body).toContain('Eeva Editori');
      const account = await a.get('/fi/work/account');
      expect(account.statusCode).toBe(200);
      const sessions = await d.db.selectFrom('session').select('method').where('person_id', '=', ids.eeva!).execute();
      expect(sessions.map((s) => s.method)).toEqual(['oidc']);
      const identity = await d.db
        .selectFrom('person_identity')
        .selectAll()
        .where('person_id', '=', ids.eeva!)
        .execute();
      expect(identity).toEqual([expect.objectContaining({ issuer: op.issuer, subject: 'sub-eeva' })]);
      const linked = await d.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'auth.identity_linked')
        .where('object_id', '=', ids.eeva!)
        .execute();
      expect(linked).toHaveLength(1);
      expect(linked[0]!.after).toEqual({ issuer: op.issuer, subject: 'sub-eeva' });
      const ok = (await signInAudit()).filter((r) => r.actor_id === ids.eeva && r.outcome === 'ok');
      expect(ok).toHaveLength(1);
      expect(ok[0]!.details).toMatchObject({ method: 'oidc', issuer: op.issuer, subject: 'sub-eeva', linked: true });
      expect(ok[0]!.actor_name).toBe('Eeva Editori');
      const person = await d.db
        .selectFrom('person')
        .select('last_sign_in_at')
        .where('id', '=', ids.eeva!)
        .executeTakeFirstOrThrow();
      expect(person.last_sign_in_at).not.toBeNull();
    });
  });

  describe('once Eeva has signed in with single sign-on', () => {
    beforeEach(signedInOnce('sub-eeva'));

    it('follows the linked identity on the next sign-in even when the e-mail claim changes', async () => {
      op.users.set('sub-eeva', { email: 'eeva.virtanen@new-domain.test', email_verified: true, name: 'Eeva V.' });
      try {
        const a = new Agent(app);
        const res = await ssoSignIn(a, 'sub-eeva');
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/fi/work');
        expect((await a.get('/fi/work')).body).toContain('Eeva Editori');
        expect(
          await d.db.selectFrom('person_identity').selectAll().where('subject', '=', 'sub-eeva').execute(),
        ).toHaveLength(1);
        expect(
          await d.db
            .selectFrom('audit_event')
            .selectAll()
            .where('action', '=', 'auth.identity_linked')
            .where('object_id', '=', ids.eeva!)
            .execute(),
        ).toHaveLength(1);
        const ok = (await signInAudit()).filter((r) => r.actor_id === ids.eeva && r.outcome === 'ok');
        expect(ok.at(-1)!.details).toMatchObject({ linked: false, subject: 'sub-eeva' });
        // Signing in does not change the person's e-mail here.
        expect(
          (await d.db.selectFrom('person').select('email').where('id', '=', ids.eeva!).executeTakeFirstOrThrow()).email,
        ).toBe('eeva@askola.test');
      } finally {
        op.users.set('sub-eeva', { email: 'eeva@askola.test', email_verified: true, name: 'Eeva E.' });
      }
    });
  });

  it("refuses an e-mail that has no account, in the reader's language, and creates nobody", async () => {
    const before = await personCount();
    for (const [lang, text] of [
      ['fi', 'Yhdessä-palvelussa ei ole tiliä sähköpostiosoitteelle stranger@elsewhere.test.'],
      ['sv', 'Det finns inget konto i Yhdessä för e-postadressen stranger@elsewhere.test.'],
    ] as const) {
      const a = new Agent(app);
      const res = await ssoSignIn(a, 'sub-stranger', lang, `/${lang}/work`);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain(text);
      expect(res.body).toContain(`href="/${lang}/sign-in"`);
      expect(a.cookies.has('yh_session')).toBe(false);
      expect((await a.get(`/${lang}/work`)).statusCode).toBe(303);
    }
    expect(await personCount()).toBe(before);
    expect(
      await d.db.selectFrom('person_identity').selectAll().where('subject', '=', 'sub-stranger').execute(),
    ).toHaveLength(0);
    const failed = await signInAudit('unknown_person');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ outcome: 'failed', actor_id: null, actor_name: 'stranger@elsewhere.test' });
  });

  it('refuses an e-mail the provider has not verified, even when it matches a person', async () => {
    const a = new Agent(app);
    const res = await ssoSignIn(a, 'sub-ville');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Kertakirjautumispalvelu ei ole vahvistanut sähköpostiosoitettasi (ville@askola.test)');
    expect((await a.get('/fi/work')).statusCode).toBe(303);
    expect(
      await d.db.selectFrom('person_identity').selectAll().where('person_id', '=', ids.ville!).execute(),
    ).toHaveLength(0);
    expect(await signInAudit('email_unverified')).toHaveLength(1);
  });

  it('refuses a sign-in without any e-mail claim', async () => {
    const res = await ssoSignIn(new Agent(app), 'sub-noemail');
    expect(res.statusCode).toBe(403);
    expect(await signInAudit('no_email')).toHaveLength(1);
  });

  it('refuses a disabled person, matched by e-mail or by an identity linked before', async () => {
    const a = new Agent(app);
    const byEmail = await ssoSignIn(a, 'sub-dora');
    expect(byEmail.statusCode).toBe(403);
    expect(byEmail.body).toContain('Tilisi on poistettu käytöstä.');
    expect(
      await d.db.selectFrom('person_identity').selectAll().where('person_id', '=', ids.dora!).execute(),
    ).toHaveLength(0);

    const lotta = new Agent(app);
    expect((await ssoSignIn(lotta, 'sub-lotta')).statusCode).toBe(303);
    expect((await lotta.get('/fi/work')).statusCode).toBe(200);
    await d.db.updateTable('person').set({ status: 'disabled' }).where('id', '=', ids.lotta!).execute();
    try {
      const again = await ssoSignIn(new Agent(app), 'sub-lotta');
      expect(again.statusCode).toBe(403);
      expect(again.body).toContain('Tilisi on poistettu käytöstä.');
      const failed = await signInAudit('disabled');
      expect(failed.map((r) => r.actor_id)).toEqual([ids.dora, ids.lotta]);
    } finally {
      await d.db.updateTable('person').set({ status: 'active' }).where('id', '=', ids.lotta!).execute();
    }
  });

  describe('once Lotta has signed in with single sign-on', () => {
    beforeEach(signedInOnce('sub-lotta'));

    it('does not link a second identity at the same provider to a person by e-mail', async () => {
      // Lotta is linked to sub-lotta (her sign-in above); another subject with her verified e-mail is refused.
      const res = await ssoSignIn(new Agent(app), 'sub-lotta-2');
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Tiliisi on jo liitetty toinen tunnus');
      expect(
        await d.db.selectFrom('person_identity').select('subject').where('person_id', '=', ids.lotta!).execute(),
      ).toEqual([{ subject: 'sub-lotta' }]);
      expect(await signInAudit('identity_conflict')).toHaveLength(1);
    });
  });

  it('refuses a tampered state, and the flow cannot be finished afterwards', async () => {
    const a = new Agent(app);
    const back = await backFromProvider(await startAt(a), 'sub-eeva');
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')!.slice(0, -2)}xx`);
    const res = await a.get(tampered.pathname + tampered.search);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kirjautumisen tarkistustunniste ei täsmännyt');
    expect(a.cookies.has('yh_session')).toBe(false);
    // The flow cookie was single-use: the genuine response no longer signs anyone in.
    const genuine = await a.get(back.pathname + back.search);
    expect(genuine.statusCode).toBe(400);
    expect(genuine.body).toContain('Kirjautuminen vanhentui tai se aloitettiin toisessa selaimessa.');
    expect(a.cookies.has('yh_session')).toBe(false);
    expect(await signInAudit('state_mismatch')).toHaveLength(1);
  });

  it('refuses a provider response brought to another browser (login CSRF) and a forged flow cookie', async () => {
    const victim = new Agent(app);
    const attacker = new Agent(app);
    const back = await backFromProvider(await startAt(attacker), 'sub-eeva');
    const res = await victim.get(back.pathname + back.search);
    expect(res.statusCode).toBe(400);
    expect(victim.cookies.has('yh_session')).toBe(false);

    const forger = new Agent(app);
    const back2 = await backFromProvider(await startAt(forger), 'sub-eeva');
    const signed = forger.cookies.get('yh_sso')!;
    const payload = JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf('.')), 'base64url').toString()) as Record<
      string,
      string
    >;
    forger.cookies.set(
      'yh_sso',
      `${Buffer.from(JSON.stringify({ ...payload, next: '/fi/work/admin' })).toString('base64url')}${signed.slice(signed.lastIndexOf('.'))}`,
    );
    const forged = await forger.get(back2.pathname + back2.search);
    expect(forged.statusCode).toBe(400);
    expect(forger.cookies.has('yh_session')).toBe(false);
    expect((await signInAudit('flow_missing')).length).toBeGreaterThanOrEqual(2);
  });

  it('shows a translated page when the person cancels at the provider', async () => {
    const a = new Agent(app);
    const res = await ssoSignIn(a, { abort: true }, 'en', '/en/work/account');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The single sign-on service (Testikunta) did not confirm the sign-in.');
    expect(res.body).toContain('href="/en/sign-in?next=%2Fen%2Fwork%2Faccount"');
    const failed = await signInAudit('provider_error');
    expect(failed.at(-1)!.details).toMatchObject({ error: 'access_denied' });
  });

  it('never sends the person anywhere but this site after signing in', async () => {
    const a = new Agent(app);
    const res = await ssoSignIn(a, 'sub-eeva', 'fi', 'https://evil.test/steal');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/fi/work');
  });

  describe('on a database of its own, once Eeva has signed in with single sign-on', () => {
    ownDatabase();
    beforeEach(signedInOnce('sub-eeva'));

    it('works with a provider that puts the e-mail into the ID token', async () => {
      const op2 = await startOidcProvider({ claimsInIdToken: true });
      const app2 = await testApp(d, { ...op2.env, AUTH_RATE_LIMIT: '1000' });
      try {
        op2.users.set('eeva-at-op2', { email: 'eeva@askola.test', email_verified: true });
        const a = new Agent(app2);
        const start = await a.get('/fi/sign-in/sso');
        const back = await new ProviderBrowser(op2).authorize(start.headers.location as string, 'eeva-at-op2');
        const res = await a.get(back.pathname + back.search);
        expect(res.statusCode).toBe(303);
        expect((await a.get('/fi/work')).body).toContain('Eeva Editori');
        // One identity per provider: Eeva now has one at each.
        expect(
          (await d.db.selectFrom('person_identity').select('issuer').where('person_id', '=', ids.eeva!).execute())
            .map((r) => r.issuer)
            .sort(),
        ).toEqual([op.issuer, op2.issuer].sort());
      } finally {
        await app2.close();
        await op2.close();
      }
    });
  });

  it('answers 503 with a translated page when the provider cannot be reached, and tries again next time', async () => {
    const gone = await startOidcProvider();
    const env = gone.env;
    await gone.close();
    const app2 = await testApp(d, { ...env, AUTH_RATE_LIMIT: '1000' });
    try {
      const res = await new Agent(app2).get('/sv/sign-in/sso');
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('Det går inte att nå tjänsten för engångsinloggning (Testikunta) just nu.');
      expect((await signInAudit('provider_unavailable')).length).toBe(1);
      const again = await new Agent(app2).get('/sv/sign-in/sso');
      expect(again.statusCode).toBe(503);
      expect((await signInAudit('provider_unavailable')).length).toBe(2); // not a cached failure
    } finally {
      await app2.close();
    }
  });

  it('answers 404 on both routes without single sign-on settings', async () => {
    const plain = await testApp(d, {});
    try {
      const a = new Agent(plain);
      expect((await a.get('/fi/sign-in/sso?next=%2Ffi%2Fwork')).statusCode).toBe(404);
      expect((await a.get('/sso/callback?code=abc&state=def')).statusCode).toBe(404);
      expect((await a.get('/fi/sign-in')).body).not.toContain('/fi/sign-in/sso');
    } finally {
      await plain.close();
    }
  });

  afterAll(() => forgetOidcConfigurations());
});
