/**
 * Accounts through HTTP: sign-in with lock-out, sessions in the database with time-outs, sign-out everywhere,
 * forgotten password through a real SMTP server, CSRF, the 401 rule for writes, and the append-only audit log.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailKey } from '../../src/core/accounts/throttle.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent, TEST_PASSWORD } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { linkIn, startMailbox, type Mailbox } from '../support/mailbox.js';

describe.each(testDatabases())('accounts on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let mailbox: Mailbox;
  const askola = idFromKey('organization', 't-askola');

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    mailbox = await startMailbox();
    app = await testApp(d, { SMTP_URL: mailbox.url, AUTH_RATE_LIMIT: '1000', SESSION_IDLE_MINUTES: '30' });
    await addTestPerson(d.db, {
      email: 'editor@askola.test',
      name: 'Eeva Editori',
      memberships: [{ organizationId: askola, role: 'editor' }],
    });
    await addTestPerson(d.db, {
      email: 'lock@askola.test',
      name: 'Lauri Lukko',
      memberships: [{ organizationId: askola, role: 'member' }],
    });
  });
  afterAll(async () => {
    await app?.close();
    await mailbox?.close();
    await d?.dispose();
  });

  const auditActions = async (personEmail?: string) => {
    let q = d.db.selectFrom('audit_event').select(['action', 'outcome', 'actor_name', 'details']).orderBy('id');
    if (personEmail) q = q.where('actor_name', '=', personEmail);
    return q.execute();
  };

  it('signs in with the right password, shows the workspace, and logs the sign-in', async () => {
    const a = new Agent(app);
    expect((await a.get('/fi/work')).headers.location).toBe('/fi/sign-in?next=%2Ffi%2Fwork');
    const res = await a.postForm('/fi/sign-in', {
      email: 'Editor@Askola.test',
      password: TEST_PASSWORD,
      next: '/fi/work',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/fi/work');
    const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find(
      (c) => c.name === 'yh_session',
    )!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const work = await a.get('/fi/work');
    expect(work.statusCode).toBe(200);
    expect(work.body).toContain('Eeva Editori');
    expect(work.body).toContain('Askolan kunta');
    expect(work.headers['cache-control']).toBe('no-store');
    const rows = await d.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.sign_in')
      .where('outcome', '=', 'ok')
      .execute();
    expect(rows.some((r) => r.actor_name === 'Eeva Editori')).toBe(true);
  });

  it('refuses a wrong password with one message for unknown and known e-mails, translated, keeping the e-mail', async () => {
    const a = new Agent(app);
    const wrong = await a.postForm('/sv/sign-in', { email: 'editor@askola.test', password: 'wrong password 123' });
    const unknown = await a.postForm('/sv/sign-in', { email: 'nobody@askola.test', password: 'wrong password 123' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('E-postadressen eller lösenordet är fel.');
    }
    expect(wrong.body).toContain('value="editor@askola.test"');
    const failed = await d.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'auth.sign_in')
      .where('outcome', '=', 'failed')
      .execute();
    expect(failed.map((r) => (r.details as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['wrong_password', 'unknown_email']),
    );
  });

  it('locks an account after five failures in a row, even for the right password, and says how long', async () => {
    const a = new Agent(app);
    for (let i = 0; i < 4; i++)
      expect(
        (await a.postForm('/fi/sign-in', { email: 'lock@askola.test', password: `nope nope nope ${i}` })).statusCode,
      ).toBe(401);
    const fifth = await a.postForm('/fi/sign-in', { email: 'lock@askola.test', password: 'nope nope nope 5' });
    expect(fifth.statusCode).toBe(400);
    expect(fifth.body).toContain('Liian monta epäonnistunutta yritystä. Yritä uudelleen 1 minuutin kuluttua');
    const right = await a.postForm('/fi/sign-in', { email: 'lock@askola.test', password: TEST_PASSWORD });
    expect(right.statusCode).toBe(400);
    expect(a.cookies.has('yh_session')).toBe(false);
    const locked = await d.db.selectFrom('audit_event').select('action').where('action', '=', 'auth.locked').execute();
    expect(locked.length).toBe(1);
    // After the wait (moved back in time here), the right password works and the counter resets.
    await d.db
      .updateTable('sign_in_throttle')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('key', '=', emailKey('lock@askola.test'))
      .execute();
    expect((await a.postForm('/fi/sign-in', { email: 'lock@askola.test', password: TEST_PASSWORD })).statusCode).toBe(
      303,
    );
    const p = await d.db
      .selectFrom('person')
      .select(['failed_sign_ins', 'locked_until'])
      .where('email', '=', 'lock@askola.test')
      .executeTakeFirstOrThrow();
    expect(p.failed_sign_ins).toBe(0);
  });

  it("validates the form with field errors in the reader's language", async () => {
    const res = await new Agent(app).postForm('/en/sign-in', { email: 'not-an-email', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter an e-mail address like name@example.fi.');
    expect(res.body).toContain('Enter your password.');
    expect(res.body).toContain('href="#email"');
  });

  it('answers 401 to a write without a session and 403 to a form without a valid CSRF token', async () => {
    const anon = new Agent(app);
    expect((await anon.postForm('/fi/sign-out', {})).statusCode).toBe(401);
    expect((await anon.postForm('/fi/work/account/sign-out-everywhere', {})).statusCode).toBe(401);
    expect((await anon.request({ method: 'DELETE', url: '/api/v1/session' })).statusCode).toBe(401);
    // Sign-in is public, but still needs the CSRF token (no login CSRF).
    const noToken = await anon.postForm(
      '/fi/sign-in',
      { email: 'editor@askola.test', password: TEST_PASSWORD },
      { csrf: false },
    );
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('Lomake oli vanhentunut');

    const a = new Agent(app);
    await a.signIn('editor@askola.test');
    const forged = await a.postForm('/fi/work/account/sign-out-everywhere', {}, { csrf: 'forged-token' });
    expect(forged.statusCode).toBe(403);
    expect((await a.get('/fi/work')).statusCode).toBe(200); // still signed in: nothing happened
    // A token made for another session does not work in this one.
    const other = new Agent(app);
    await other.signIn('editor@askola.test');
    const othersToken = await other.csrf();
    expect((await a.postForm('/fi/work/account/sign-out-everywhere', {}, { csrf: othersToken })).statusCode).toBe(403);
    const denied = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'access.csrf_failed')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('ends a session at the idle time-out and at the absolute time-out, in the database', async () => {
    const a = new Agent(app);
    await a.signIn('editor@askola.test');
    const sessionIds = async () => (await d.db.selectFrom('session').select(['id', 'person_id']).execute()).length;
    const before = await sessionIds();
    await d.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where(sql<boolean>`true`)
      .execute();
    expect((await a.get('/fi/work')).statusCode).toBe(303);
    expect(await sessionIds()).toBe(before - 1);

    await a.signIn('editor@askola.test');
    await d.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(sql<boolean>`true`)
      .execute();
    expect((await a.get('/fi/work')).statusCode).toBe(303);
  });

  it('signs out, and signs out everywhere (every session of the person ends)', async () => {
    const phone = new Agent(app);
    const laptop = new Agent(app);
    await phone.signIn('editor@askola.test');
    await laptop.signIn('editor@askola.test');
    const out = await phone.postForm('/fi/sign-out', {});
    expect(out.headers.location).toBe('/fi/sign-in?notice=signed_out');
    expect((await phone.get('/fi/work')).statusCode).toBe(303);
    expect((await laptop.get('/fi/work')).statusCode).toBe(200);

    await phone.signIn('editor@askola.test');
    const account = await laptop.get('/fi/work/account');
    expect(account.body).toContain('Kirjaudu ulos kaikkialta');
    const everywhere = await laptop.postForm('/fi/work/account/sign-out-everywhere', {});
    expect(everywhere.statusCode).toBe(303);
    expect((await phone.get('/fi/work')).statusCode).toBe(303);
    expect((await laptop.get('/fi/work')).statusCode).toBe(303);
    const person = await d.db
      .selectFrom('person')
      .select('id')
      .where('email', '=', 'editor@askola.test')
      .executeTakeFirstOrThrow();
    expect(await d.db.selectFrom('session').select('id').where('person_id', '=', person.id).execute()).toEqual([]);
  });

  it('resets a forgotten password with a single-use link sent through SMTP', async () => {
    await addTestPerson(d.db, {
      email: 'forgot@askola.test',
      name: 'Fanny Glömsk',
      memberships: [{ organizationId: askola, role: 'member' }],
    });
    const a = new Agent(app);
    const before = mailbox.messages.length;
    const sent = await a.postForm('/sv/forgot-password', { email: 'forgot@askola.test' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Om adressen forgot@askola.test har ett konto');
    // The same answer for an address without an account, and no mail to it.
    const none = await a.postForm('/sv/forgot-password', { email: 'ghost@askola.test' });
    expect(none.body).toContain('Om adressen ghost@askola.test har ett konto');

    const mail = await mailbox.waitFor('forgot@askola.test', { after: before });
    expect(mail.subject).toBe('Nytt lösenord till Yhdessä');
    expect(mailbox.messages.some((m) => m.to.includes('ghost@askola.test'))).toBe(false);
    const link = new URL(linkIn(mail));
    expect(link.pathname).toBe('/sv/set-password');
    const token = link.searchParams.get('token')!;

    const form = await a.get(`${link.pathname}${link.search}`);
    expect(form.body).toContain('forgot@askola.test');
    const short = await a.postForm('/sv/set-password', { token, password: 'short', confirm: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Lösenordet måste ha minst 12 tecken.');
    const differ = await a.postForm('/sv/set-password', {
      token,
      password: 'a long new password 1',
      confirm: 'a long new password 2',
    });
    expect(differ.body).toContain('Lösenorden är inte likadana.');
    const ok = await a.postForm('/sv/set-password', {
      token,
      password: 'a long new password 1',
      confirm: 'a long new password 1',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/sv/sign-in?notice=password_set');
    // Single use.
    const again = await a.postForm('/sv/set-password', {
      token,
      password: 'another password 22',
      confirm: 'another password 22',
    });
    expect(again.body).toContain('Länken har gått ut eller har redan använts.');
    await a.signIn('forgot@askola.test', 'a long new password 1');
    expect((await a.get('/sv/work')).statusCode).toBe(200);
    const stored = await d.db.selectFrom('auth_token').select('id').execute();
    expect(stored.every((r) => r.id !== token)).toBe(true); // only the hash is kept
  });

  it('keeps the audit log append-only, whoever asks', async () => {
    await expect(sql`update audit_event set action = 'x'`.execute(d.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event`.execute(d.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(d.db)).rejects.toThrow(/append-only/);
    expect((await auditActions()).length).toBeGreaterThan(5);
  });

  it('tells who is signed in through the API, signs in and out with JSON', async () => {
    const a = new Agent(app);
    const anon = (await a.get('/api/v1/session')).json();
    expect(anon.signed_in).toBe(false);
    const res = await a.json('POST', '/api/v1/session', { email: 'editor@askola.test', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(204);
    const me = (await a.get('/api/v1/session')).json();
    expect(me.person.memberships).toEqual([{ organization_id: askola, role: 'editor' }]);
    const bad = await new Agent(app).json('POST', '/api/v1/session', {
      email: 'editor@askola.test',
      password: 'wrong wrong wrong',
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toBe('sign_in_failed');
    expect((await a.json('DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await a.get('/api/v1/session')).json().signed_in).toBe(false);
  });
});

describe('rate limits on the public forms', () => {
  it('answers 429 after the limit, per client address', async () => {
    const d = await createTestDatabase('pglite');
    const app = await testApp(d, { AUTH_RATE_LIMIT: '3' });
    try {
      const a = new Agent(app, '10.9.9.9');
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push((await a.postForm('/fi/forgot-password', { email: 'x@example.fi' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      expect(
        (await new Agent(app, '10.9.9.8').postForm('/fi/forgot-password', { email: 'x@example.fi' })).statusCode,
      ).toBe(200);
    } finally {
      await app.close();
      await d.dispose();
    }
  });
});
