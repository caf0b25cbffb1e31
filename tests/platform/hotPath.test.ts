/**
 * What every request passes through (issue 13's bare route), kept while it was made cheaper: the flood guard (its own
 * hook now, not the rate-limit plugin's global limit), metrics by route pattern (a hook per route), cookies parsed only
 * when sent, no request-decompression hook on routes without a body.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/errors.js';
import { floodGuard } from '../../src/http/rateLimitStore.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

describe('the flood guard', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.setErrorHandler(errorHandler);
    floodGuard(app, { max: 3, timeWindow: 60_000, allowList: ['127.0.0.1'] });
    app.get('/api/any', async () => ({ ok: true }));
    app.get('/api/own', { config: { rateLimit: { max: 1 } } }, async () => ({ ok: true }));
    app.get('/api/none', { config: { rateLimit: false } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());
  const get = (url: string, remoteAddress: string) => app.inject({ method: 'GET', url, remoteAddress });

  it('allows max requests a window per address with X-RateLimit-* headers, then 429 with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get('/api/any', '10.1.1.1'));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    for (const r of answers) {
      expect(r.headers['x-ratelimit-limit']).toBe('3');
      expect(Number(r.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    }
    expect(answers[2]!.headers['retry-after']).toBeUndefined();
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0);
    expect(answers[3]!.json()).toMatchObject({ error: 'rate_limited' });
    // Another address has its own count; the allowed one is never counted.
    expect((await get('/api/any', '10.1.1.2')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      const r = await get('/api/any', '127.0.0.1');
      expect(r.statusCode).toBe(200);
      expect(r.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('counts an IPv6 client by its /64, as the rate-limit plugin keys it', async () => {
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await get('/api/any', `2001:db8:1:2::${i}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await get('/api/any', '2001:db8:1:3::1')).statusCode).toBe(200);
  });

  it('leaves routes with limits of their own (or none) to the plugin', async () => {
    for (let i = 0; i < 5; i++) {
      const own = await get('/api/own', '10.1.1.9');
      const none = await get('/api/none', '10.1.1.9');
      expect([own.statusCode, none.statusCode]).toEqual([200, 200]);
      expect(own.headers['x-ratelimit-limit']).toBeUndefined();
      expect(none.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe.each(testDatabases())("the app's hooks on %s", (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    app = await testApp(d, { AUTH_RATE_LIMIT: '7' });
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('guards every route against floods, and a route with its own limit by that limit only', async () => {
    const remote = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.2.2.2' });
    expect(remote.headers['x-ratelimit-limit']).toBe('600');
    expect(remote.headers['x-ratelimit-remaining']).toBe('599');
    expect(remote.headers['x-content-type-options']).toBe('nosniff');
    const local = await app.inject({ method: 'GET', url: '/healthz' });
    expect(local.headers['x-ratelimit-limit']).toBeUndefined();
    const signIn = await app.inject({ method: 'POST', url: '/fi/sign-in', remoteAddress: '10.2.2.3', payload: {} });
    expect(signIn.statusCode).toBe(403); // no CSRF token
    expect(signIn.headers['x-ratelimit-limit']).toBe('7');
    expect(signIn.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('counts matched routes by pattern (HEAD apart) and unmatched requests in /metrics', async () => {
    await app.inject({ method: 'HEAD', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/no/such/page' });
    const m = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(m).toContain('yhdessa_http_requests_total{method="HEAD",route="/healthz",status="200"} 1\n');
    expect(m).toMatch(/yhdessa_http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]/);
    expect(m).not.toContain('route="/metrics"');
  });

  it('reads cookies only when sent: a stale session cookie is cleared, a request without cookies passes', async () => {
    const stale = await app.inject({ method: 'GET', url: '/fi/', headers: { cookie: 'yh_session=gone; other=1' } });
    expect(stale.statusCode).toBe(200);
    expect(String(stale.headers['set-cookie'])).toMatch(/yh_session=;/);
    const none = await app.inject({ method: 'GET', url: '/fi/' });
    expect(none.statusCode).toBe(200);
    expect(none.headers['set-cookie']).toBeUndefined();
  });
});
