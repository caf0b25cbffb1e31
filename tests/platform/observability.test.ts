/**
 * Operations (issue 17) and transfer (issue 13) over HTTP, on both databases: a request id on every answer (a
 * sensible one from a proxy kept, anything else replaced) and in the audit log; /metrics in Prometheus' text
 * format, by route pattern, closed to others than this machine unless METRICS_TOKEN is given; answers compressed
 * as the client accepts, static assets compressed once and served with the same bytes each time.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMail } from '../../src/core/jobs/jobs.js';
import { QUEUE_NAMES } from '../../src/core/jobs/queues.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { assets } from '../../src/web/assets.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

describe.each(testDatabases())('request ids, metrics and compression on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let guarded: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    await addTestPerson(d.db, {
      email: 'obs@askola.test',
      memberships: [{ organizationId: idFromKey('organization', 't-askola'), role: 'member' }],
    });
    app = await testApp(d);
    guarded = await testApp(d, { METRICS_TOKEN: 'let-me-see' });
  });
  afterAll(async () => {
    await app?.close();
    await guarded?.close();
    await d?.dispose();
  });

  it('puts a request id on every answer and in the audit log; keeps a sensible one from a proxy', async () => {
    const a = await app.inject({ method: 'GET', url: '/fi/' });
    const b = await app.inject({ method: 'GET', url: '/fi/' });
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'proxy-42.abc' } });
    expect(kept.headers['x-request-id']).toBe('proxy-42.abc');
    const replaced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const notFound = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(notFound.headers['x-request-id']).toBeTruthy();
    const agent = new Agent(app, '10.33.0.1');
    const res = await agent.postForm('/fi/sign-in', {
      email: 'obs@askola.test',
      password: 'correct horse battery staple',
    });
    const row = await d.db
      .selectFrom('audit_event')
      .select('request_id')
      .where('action', '=', 'auth.sign_in')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.request_id).toBe(res.headers['x-request-id']);
  });

  it('counts requests by route pattern in /metrics, for this machine only unless a token is set', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: `/fi/services/${idFromKey('service', 't-perhetyo')}` });
    const m = await app.inject({ method: 'GET', url: '/metrics' });
    expect(m.statusCode).toBe(200);
    expect(m.headers['content-type']).toContain('text/plain');
    expect(m.body).toMatch(/yhdessa_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(m.body).toContain('route="/:lang/services/:id"');
    expect(m.body).toMatch(/yhdessa_http_request_duration_seconds_bucket\{.*le="\+Inf"\} \d+/);
    expect(m.body).toContain(`yhdessa_db_info{kind="${kind}"} 1`);
    if (kind === 'postgres') expect(m.body).toMatch(/yhdessa_db_pool_connections\{state="total"\} \d+/);
    expect(m.body).not.toContain('t-perhetyo');
    // From elsewhere: nothing to see.
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.9' })).statusCode).toBe(404);
    // With a token: only with it, from anywhere.
    expect((await guarded.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const ok = await guarded.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.0.0.9',
      headers: { authorization: 'Bearer let-me-see' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('shows the job queue depth per queue and the database connections in /metrics', async () => {
    const depth = async () => {
      const m = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      return Number(/^yhdessa_job_queue_depth\{queue="mail\.send"\} (\d+)$/m.exec(m)?.[1]);
    };
    const before = await depth();
    expect(before).toBeGreaterThanOrEqual(0);
    await queueMail(d.db, { to: 'metrics@example.fi', subject: 'Mittari', text: 'jonossa' });
    await queueMail(d.db, { to: 'metrics@example.fi', subject: 'Mittari', text: 'jonossa 2' });
    expect(await depth()).toBe(before + 2);
    const m = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    // Every declared queue has its line, waiting or not.
    const lines = m.split('\n');
    for (const q of QUEUE_NAMES)
      expect(
        lines.some((l) => l.startsWith(`yhdessa_job_queue_depth{queue="${q}"} `)),
        q,
      ).toBe(true);
    expect(m).toMatch(/^yhdessa_jobs\{queue="mail\.send",state="created"\} \d+$/m);
    // The pool on both databases (PGlite: its one connection, idle between requests).
    expect(m).toMatch(/^yhdessa_db_pool_connections\{state="total"\} \d+$/m);
    if (kind === 'pglite') expect(m).toContain('yhdessa_db_pool_connections{state="total"} 1');
    expect(m).toMatch(/^yhdessa_db_pool_waiting \d+$/m);
    expect(m).toContain('yhdessa_metrics_collector_errors_total 0');
  });

  it('compresses pages and JSON as the client accepts, and static assets once', async () => {
    // A page that is the same on every request (a search page carries per-request click links).
    const plain = await app.inject({ method: 'GET', url: '/fi/accessibility' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({
      method: 'GET',
      url: '/fi/accessibility',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const json = await app.inject({
      method: 'GET',
      url: '/api/v1/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(json.rawPayload).toString())).toHaveProperty('openapi');
    const js = assets().js;
    const a1 = await app.inject({ method: 'GET', url: js.path, headers: { 'accept-encoding': 'gzip, br' } });
    const a2 = await app.inject({ method: 'GET', url: js.path, headers: { 'accept-encoding': 'gzip, br' } });
    expect(a1.headers['content-encoding']).toBe('br');
    expect(a1.headers.vary).toContain('accept-encoding');
    expect(a1.rawPayload.equals(a2.rawPayload)).toBe(true);
    expect(brotliDecompressSync(a1.rawPayload).toString()).toBe(String(js.body));
    expect(a1.rawPayload.length).toBeLessThan(Buffer.byteLength(String(js.body)) / 2);
    const gz = await app.inject({ method: 'GET', url: assets().css.path, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(String(assets().css.body));
  });
});
