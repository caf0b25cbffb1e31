/**
 * Sign-in lock-out (issue 17, item 4) over HTTP: the lock never tells whether an account exists (an unknown
 * e-mail is locked just the same, with the same answer), the count starts again once a lock has run out (one
 * failure after a lock does not lock again, and a slow trickle never locks), a new password ends a lock, many
 * e-mails from one address lock that address only, and every step is in the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_LOCK_AFTER, emailKey, LOCK_AFTER } from '../../src/core/accounts/throttle.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent, TEST_PASSWORD } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { linkIn, startMailbox, type Mailbox } from '../support/mailbox.js';

/** The page without what differs between any two answers (the CSRF token, the e-mail as typed). */
const answerShape = (html: string, email: string) =>
  html.replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"');

describe.each(testDatabases())('sign-in lock-out on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let mailbox: Mailbox;
  const askola = idFromKey('organization', 't-askola');
  let ipCount = 10;
  /** Each test from addresses of its own, so that only the limits it means to reach are reached. */
  const agent = () => new Agent(app, `10.9.0.${ipCount++}`);

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    mailbox = await startMailbox();
    app = await testApp(d, { SMTP_URL: mailbox.url, AUTH_RATE_LIMIT: '1000' });
    for (const email of ['real@askola.test', 'slow@askola.test', 'reset@askola.test', 'other@askola.test'])
      await addTestPerson(d.db, { email, memberships: [{ organizationId: askola, role: 'member' }] });
  });
  afterAll(async () => {
    await app?.close();
    await mailbox?.close();
    await d?.dispose();
  });

  const fail = (a: Agent, email: string, i = 0) => a.postForm('/fi/sign-in', { email, password: `wrong guess ${i}` });
  const expire = (email: string) =>
    d.db
      .updateTable('sign_in_throttle')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('key', '=', emailKey(email))
      .execute();

  it('locks an unknown e-mail exactly as a real one: the same answers, so a lock tells nothing', async () => {
    const [ra, ga] = [agent(), agent()];
    for (let i = 0; i < LOCK_AFTER - 1; i++) {
      const [r, g] = [await fail(ra, 'real@askola.test', i), await fail(ga, 'ghost@askola.test', i)];
      expect([r.statusCode, g.statusCode]).toEqual([401, 401]);
      expect(answerShape(r.body, 'real@askola.test')).toBe(answerShape(g.body, 'ghost@askola.test'));
    }
    const [r, g] = [await fail(ra, 'real@askola.test'), await fail(ga, 'ghost@askola.test')];
    expect([r.statusCode, g.statusCode]).toEqual([400, 400]);
    expect(r.body).toContain('Liian monta epäonnistunutta yritystä');
    expect(answerShape(r.body, 'real@askola.test')).toBe(answerShape(g.body, 'ghost@askola.test'));
    // Locked: even the right password waits, for the real account, and the ghost answers the same.
    const right = await agent().postForm('/fi/sign-in', { email: 'real@askola.test', password: TEST_PASSWORD });
    const ghost = await agent().postForm('/fi/sign-in', { email: 'ghost@askola.test', password: TEST_PASSWORD });
    expect([right.statusCode, ghost.statusCode]).toEqual([400, 400]);
    expect(answerShape(right.body, 'real@askola.test')).toBe(answerShape(ghost.body, 'ghost@askola.test'));
    // The JSON sign-in says the same.
    const api = await agent().json('POST', '/api/v1/session', { email: 'ghost@askola.test', password: 'x' });
    expect(api.json()).toMatchObject({ error: 'locked' });
    // Audited, for both; the table holds no e-mail address.
    const locks = await d.db
      .selectFrom('audit_event')
      .select(['actor_name', 'object_id'])
      .where('action', '=', 'auth.locked')
      .execute();
    expect(locks.map((l) => l.actor_name).sort()).toEqual(['ghost@askola.test', 'real@askola.test']);
    const keys = await d.db.selectFrom('sign_in_throttle').select('key').execute();
    expect(keys.some((k) => k.key.includes('@'))).toBe(false);
  });

  it('starts counting again when a lock runs out: one more failure does not lock, and the owner gets in', async () => {
    const a = agent();
    for (let i = 0; i < LOCK_AFTER; i++) await fail(a, 'slow@askola.test', i);
    await expire('slow@askola.test');
    // Before: the counter never reset, so one failure after a lock locked again.
    expect((await fail(a, 'slow@askola.test')).statusCode).toBe(401);
    expect((await fail(a, 'slow@askola.test')).statusCode).toBe(401);
    await a.signIn('slow@askola.test');
    expect(
      await d.db.selectFrom('sign_in_throttle').select('key').where('key', '=', emailKey('slow@askola.test')).execute(),
    ).toHaveLength(0);
  });

  it('forgets failures spread over time: a slow trickle never locks', async () => {
    const a = agent();
    for (let i = 0; i < LOCK_AFTER * 2; i++) {
      expect((await fail(a, 'other@askola.test', i)).statusCode).toBe(401);
      // Each failure a quarter of an hour after the one before (moved back in time here).
      await d.db
        .updateTable('sign_in_throttle')
        .set({ first_failure_at: new Date(Date.now() - 16 * 60_000) })
        .where('key', '=', emailKey('other@askola.test'))
        .execute();
    }
  });

  it('ends a lock when the owner sets a new password', async () => {
    const a = agent();
    for (let i = 0; i < LOCK_AFTER; i++) await fail(a, 'reset@askola.test', i);
    expect((await a.postForm('/fi/sign-in', { email: 'reset@askola.test', password: TEST_PASSWORD })).statusCode).toBe(
      400,
    );
    const before = mailbox.messages.length;
    expect((await a.postForm('/fi/forgot-password', { email: 'reset@askola.test' })).statusCode).toBe(200);
    const mail = await mailbox.waitFor('reset@askola.test', { after: before });
    const link = new URL(linkIn(mail));
    const token = link.searchParams.get('token')!;
    const set = await a.postForm('/fi/set-password', {
      token,
      password: 'a brand new password 7',
      confirm: 'a brand new password 7',
    });
    expect(set.statusCode).toBe(303);
    await a.signIn('reset@askola.test', 'a brand new password 7');
  });

  it('locks an address that tries many e-mails, and only that address', async () => {
    const a = agent();
    for (let i = 0; i < ADDRESS_LOCK_AFTER; i++) await fail(a, `guess${i}@askola.test`, i);
    const res = await a.postForm('/fi/sign-in', { email: 'real2@askola.test', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Liian monta epäonnistunutta yritystä');
    const lock = await d.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'auth.locked')
      .where('ip', '=', a.ip)
      .executeTakeFirstOrThrow();
    expect(lock.details).toMatchObject({ by: 'address' });
    // Someone else, elsewhere, signs in as usual.
    await agent().signIn('other@askola.test');
  });
});
