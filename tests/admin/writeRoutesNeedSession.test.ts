/**
 * GUARD FOR EVERY ROUTE, PRESENT AND FUTURE: every state-changing route of the app (anything but GET, HEAD and
 * OPTIONS) answers 401 to a request without a session — before it validates the body — unless the route is
 * marked `config: { public: true }` (sign-in, forgotten password, setting a password). Public write routes still
 * refuse a request without a CSRF token (403).
 *
 * The routes are the app's own list (app.routeList, collected by an onRoute hook that buildApp adds before it
 * registers anything), cross-checked with Fastify's route table (printRoutes).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/databases.js';
import { testApp } from '../support/app.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const SAMPLE_ID = '00000000-0000-4000-8000-000000000001';

/** A concrete URL for a route pattern: the language segment becomes "fi", other parameters an id. */
const concrete = (url: string) =>
  url
    .replace(/:lang(?=\/|$)/g, 'fi')
    .replace(/:[A-Za-z_]+/g, SAMPLE_ID)
    .replace(/\*/g, 'x');

/** Reads printRoutes' tree ("│   ├── /:id/identity (POST)": each level adds to its parent's path). */
function routeTable(tree: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const at = line.indexOf('── ');
    if (at < 0) continue;
    const depth = (at - 1) / 4;
    const m = /^(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 3).trim());
    if (!m) continue;
    paths[depth] = (depth > 0 ? paths[depth - 1]! : '') + m[1]!;
    paths.length = depth + 1;
    for (const method of m[2]?.split(', ') ?? []) out.push({ method, url: paths[depth]! });
  }
  return out;
}

describe('every write route without a session', () => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const d = await createTestDatabase('pglite');
    app = await testApp(d);
    dispose = async () => {
      await app.close();
      await d.dispose();
    };
  });
  afterAll(async () => dispose?.());

  const writeRoutes = () => app.routeList.filter((r) => !SAFE.has(r.method));

  it('collects the whole route table (cross-checked with printRoutes)', () => {
    const fromTable = routeTable(app.printRoutes({ commonPrefix: false }))
      .filter((r) => !SAFE.has(r.method))
      .map((r) => `${r.method} ${r.url}`);
    const fromHook = writeRoutes().map((r) => `${r.method} ${r.url}`);
    expect(fromTable.length).toBeGreaterThan(10);
    expect(new Set(fromHook)).toEqual(new Set(fromTable));
    // Known routes of several capabilities, so a broken collector cannot pass silently.
    expect(fromHook).toEqual(
      expect.arrayContaining([
        'POST /:lang/sign-in',
        'DELETE /api/v1/session',
        'POST /api/v1/admin/people',
        'POST /:lang/work/admin/people',
      ]),
    );
  });

  it('answers 401 on every non-public write route, whatever the body', async () => {
    const failures: string[] = [];
    for (const r of writeRoutes().filter((x) => !x.public)) {
      const url = concrete(r.url);
      for (const payload of [undefined, { anything: 'x' }, 'a=1']) {
        const res = await app.inject({
          method: r.method as 'POST',
          url,
          remoteAddress: '10.9.9.9',
          ...(payload === undefined
            ? {}
            : typeof payload === 'string'
              ? { payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
              : { payload }),
        });
        if (res.statusCode !== 401)
          failures.push(`${r.method} ${r.url} (${url}) with ${JSON.stringify(payload)} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('still needs a CSRF token on the public write routes (403 without one)', async () => {
    const publicRoutes = writeRoutes().filter((x) => x.public);
    expect(publicRoutes.length).toBeGreaterThan(0);
    for (const r of publicRoutes) {
      const res = await app.inject({
        method: r.method as 'POST',
        url: concrete(r.url),
        remoteAddress: '10.9.9.8',
        payload: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });
});
