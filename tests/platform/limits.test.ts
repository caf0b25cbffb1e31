/**
 * Issue 17's limits, each a regression test:
 * - rate limits behind a proxy key on the address the proxy saw, so rotating X-Forwarded-For does not get past
 *   them, and the audit log stores that address (TRUST_PROXY as hops or proxy addresses, never "trust all");
 * - a request body trickled slowly is cut off with 408 (request time-out);
 * - a database that cannot be reached: /readyz says so without internal addresses; pages and the API answer 503
 *   with a translated message, not 500.
 */
import { connect, type AddressInfo } from 'node:net';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { prepareDatabase } from '../../src/core/setup.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { cuttableProxy } from '../support/cuttableProxy.js';

describe('TRUST_PROXY', () => {
  it('is never "trust everyone": true means one proxy hop; hops and addresses are taken as given', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1')).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    expect(() => parseTrustProxy('everyone')).toThrow(/TRUST_PROXY/);
  });
});

describe('behind a proxy (TRUST_PROXY=1)', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    app = await testApp(d, { TRUST_PROXY: 'true', AUTH_RATE_LIMIT: '3' });
    await addTestPerson(d.db, { email: 'eeva@askola.test' });
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const signIn = async (forwardedFor: string) => {
    const agent = new Agent(app, '10.9.9.9'); // every request comes from the proxy's address
    const token = await agent.csrf();
    return agent.request({
      method: 'POST',
      url: '/fi/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
      payload: `_csrf=${encodeURIComponent(token)}&email=eeva%40askola.test&password=wrong`,
    });
  };

  it('rotating a spoofed X-Forwarded-For does not get past the sign-in limit; the audit keeps the real address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(`198.51.100.${i}, 203.0.113.7`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]); // the form again ("wrong password"), then the limit
    // Another client behind the same proxy is not limited by the first one's attempts.
    expect((await signIn('203.0.113.8')).statusCode).not.toBe(429);
    const ips = await d.db.selectFrom('audit_event').select('ip').where('action', '=', 'auth.sign_in').execute();
    expect(ips.length).toBeGreaterThan(0);
    expect(new Set(ips.map((r) => r.ip))).toEqual(new Set(['203.0.113.7', '203.0.113.8']));
  });
});

describe('request time-out', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    app = await testApp(d, { REQUEST_TIMEOUT_SECONDS: '1' });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('a body trickled a byte at a time is cut off with 408, not held open', async () => {
    const { port } = app.server.address() as AddressInfo;
    const answer = await new Promise<{ text: string; closedAfterMs: number }>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1');
      let text = '';
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write(
          'POST /fi/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n',
        );
        timer = setInterval(() => socket.write('a'), 200);
      });
      socket.on('data', (b) => (text += b.toString()));
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ text, closedAfterMs: Date.now() - started });
      });
      socket.on('error', reject);
      setTimeout(() => {
        clearInterval(timer);
        socket.destroy();
        reject(new Error('the server kept the trickling connection open for 20 s'));
      }, 20_000).unref();
    });
    expect(answer.text).toMatch(/^HTTP\/1\.1 408/);
  });
});

// A PostgreSQL server reached through a TCP proxy that the test can cut: an outage after the app has started.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a database that cannot be reached', () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `yh_outage_${Date.now().toString(36)}`;
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const proxy = await cuttableProxy(adminUrl);
    database = await openDatabase({ url: proxy.url(name), poolSize: 2 });
    await prepareDatabase(database.db);
    app = await testApp(database);
    // The outage: the proxy stops accepting and every open connection is cut.
    await proxy.down();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('/readyz answers 503 "database unreachable" without internal addresses', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'database_unreachable', message: 'database unreachable' });
    expect(res.body).not.toMatch(/127\.0\.0\.1|ECONN/);
  });

  it('a page answers 503 with a translated message, and the JSON API a stable code', async () => {
    const page = await app.inject({ method: 'GET', url: '/sv/search?q=neuvola' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('Tjänsten når just nu inte sin databas.');
    expect(page.body).not.toContain('ECONN');
    const api = await app.inject({ method: 'GET', url: '/api/v1/services?q=neuvola&lang=en' });
    expect(api.statusCode).toBe(503);
    expect(api.json()).toMatchObject({ error: 'database_unavailable' });
  });
});
