/**
 * Load (not timed): 1 000 concerns posted concurrently over HTTP to one app instance on PostgreSQL. Every one gets
 * a receipt with its own reference and follow-up link, every one is in the VATU team's intake, none is lost or
 * duplicated. The throughput is recorded by bench/concerns.ts, never asserted here.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { concernBody, PEOPLE, setUpConcernWorld, signedIn, TEAM } from './support.js';

const N = 1000;

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('1 000 concerns at once on PostgreSQL', () => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    d = await createTestDatabase('postgres');
    await setUpConcernWorld(d.db);
    // every request comes from this machine's address: the per-address limit would rightly refuse most of them
    app = await testApp(d, { AUTH_RATE_LIMIT: '100000' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('gives every one a receipt and puts every one in intake, none lost or duplicated', async () => {
    const session = await fetch(`${base}/api/v1/session`);
    const { csrf_token } = (await session.json()) as { csrf_token: string };
    const cookie = session.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const results = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const res = await fetch(`${base}/api/v1/concerns`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf_token, cookie },
          body: JSON.stringify(concernBody({ text: `Kuormitustesti ${i}`, contact: undefined, anonymous: true })),
        });
        return { status: res.status, body: (await res.json()) as { reference: string; follow_up_url: string } };
      }),
    );
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const references = new Set(results.map((r) => r.body.reference));
    const links = new Set(results.map((r) => r.body.follow_up_url));
    expect(references.size).toBe(N);
    expect(links.size).toBe(N);

    const rows = await d.db.selectFrom('concern_case').select(['reference', 'status', 'team_id']).execute();
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.reference))).toEqual(references);
    expect(rows.every((r) => r.status === 'intake' && r.team_id === TEAM.vatu)).toBe(true);
    const created = await d.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'concern.created')
      .executeTakeFirstOrThrow();
    expect(Number(created.n)).toBe(N);

    // The team's inbox holds them all, each once.
    const vatu = await signedIn(app, PEOPLE.vatu);
    const seen: string[] = [];
    for (let page = 1; page <= N / 100; page++) {
      const r = (await vatu.get(`/api/v1/cases?status=intake&per_page=100&page=${page}`)).json() as {
        items: { reference: string }[];
        total: number;
      };
      expect(r.total).toBe(N);
      seen.push(...r.items.map((i) => i.reference));
    }
    expect(seen).toHaveLength(N);
    expect(new Set(seen)).toEqual(references);
  });
});
