/**
 * Two app instances on one PostgreSQL database behind a round-robin proxy (issue 17) behave as one: a sign-in made on
 * one is a session on the other, a CSRF token made by one is accepted by the other, the public forms' rate limit is
 * counted once for both (N in total, not N each), a change published on one is found by the other's search index
 * within a second, and signing out on one ends the session on both. PostgreSQL only (PGlite has one owner).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDraftData } from '../../src/core/editing/types.js';
import { searchIndexReady, servedIndex } from '../../src/core/directory/search/indexedSearch.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { serviceFormFields, type ApiState } from '../editing/support.js';
import { addTestPerson, TEST_PASSWORD } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { roundRobinProxy, type RoundRobinProxy } from '../support/roundRobinProxy.js';

const LIMIT = 5;

interface Answer {
  status: number;
  backend: string;
  location: string | null;
  body: string;
}

/** A browser-like client over real HTTP: keeps cookies, does not follow redirects, says which instance answered. */
class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const cookie = this.cookieHeader();
    const res = await fetch(this.base + path, {
      method,
      body,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.split('=').map((s) => s.trim().toLowerCase());
        return (k === 'max-age' && Number(v) <= 0) || (k === 'expires' && Date.parse(v!) < Date.now());
      });
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: res.status,
      backend: res.headers.get('x-test-backend') ?? '',
      location: res.headers.get('location'),
      body: await res.text(),
    };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** The session as GET /api/v1/session tells it, and which instance told it. */
  async session(): Promise<{ signed_in: boolean; csrf_token: string; person: { email: string } | null } & Answer> {
    const a = await this.get('/api/v1/session');
    expect(a.status).toBe(200);
    return { ...a, ...(JSON.parse(a.body) as { signed_in: boolean; csrf_token: string; person: null }) };
  }

  /** Posts a form as a browser does, with the CSRF token `csrf` (a fresh one from GET /api/v1/session if not given). */
  async postForm(path: string, fields: Record<string, string | string[]>, csrf?: string): Promise<Answer> {
    const form = new URLSearchParams();
    form.append('_csrf', csrf ?? (await this.session()).csrf_token);
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
    return this.request('POST', path, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  }
}

const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('two instances on one PostgreSQL behind a round-robin proxy', () => {
  const askola = idFromKey('organization', 't-askola');
  const perhetyo = idFromKey('service', 't-perhetyo');
  let d: TestDatabase;
  let second: Database;
  let apps: FastifyInstance[] = [];
  let direct: string[] = [];
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    d = await createTestDatabase('postgres');
    await loadDemoData(d.db, [directoryFixture()]);
    await addTestPerson(d.db, {
      email: 'eeva@askola.test',
      name: 'Eeva Editori',
      memberships: [{ organizationId: askola, role: 'editor' }],
    });
    // The second instance has its own connections to the same database, as another process would.
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(d.db);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    second = await openDatabase({ url: url.toString(), poolSize: 4 });
    apps = [
      await testApp(d, { AUTH_RATE_LIMIT: String(LIMIT) }),
      await testApp(second, { AUTH_RATE_LIMIT: String(LIMIT) }),
    ];
    direct = [];
    for (const app of apps) direct.push(await app.listen({ port: 0, host: '127.0.0.1' }));
    proxy = await roundRobinProxy(direct);
    // Both answer searches from their own in-memory index, not from SQL.
    for (const db of [d.db, second.db]) {
      await searchIndexReady(db);
      expect(servedIndex(db)).toBeDefined();
    }
  });
  afterAll(async () => {
    await proxy?.close();
    for (const app of apps) await app.close();
    await second?.close();
    await d?.dispose();
  });

  const signIn = async (client: HttpClient) => {
    const token = await client.session(); // from one instance…
    const res = await client.postForm(
      '/fi/sign-in',
      { email: 'eeva@askola.test', password: TEST_PASSWORD },
      token.csrf_token,
    );
    expect(res.backend).not.toBe(token.backend); // …accepted by the other
    expect(res.status).toBe(303);
    return res;
  };

  it('a sign-in on one instance is a session on the other, and CSRF tokens of one are accepted by the other', async () => {
    const eeva = new HttpClient(proxy.url);
    const signedIn = await signIn(eeva);
    const page = await eeva.get(signedIn.location!);
    expect(page.backend).not.toBe(signedIn.backend);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Eeva Editori');
    for (let i = 0; i < 2; i++) {
      const s = await eeva.session();
      expect(s.signed_in).toBe(true);
      expect(s.person?.email).toBe('eeva@askola.test');
    }

    // A token made by one instance for this session is taken by the other (both ways round); a made-up one by neither.
    const state = JSON.parse(
      (await eeva.get(`/api/v1/editing/services/${perhetyo}`)).body,
    ) as ApiState<ServiceDraftData>;
    const fields = serviceFormFields(state.data, { 'summary.fi': state.data.summary.fi ?? '' });
    const madeBy = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const made = await eeva.session();
      const saved = await eeva.postForm(`/fi/work/services/${perhetyo}/edit`, fields, made.csrf_token);
      expect(saved.backend).not.toBe(made.backend);
      expect(saved.status).toBe(303);
      madeBy.add(made.backend);
      await eeva.get('/api/v1/session'); // the next token from the other instance
    }
    expect(madeBy).toEqual(new Set(['0', '1']));
    for (let i = 0; i < 2; i++)
      expect((await eeva.postForm(`/fi/work/services/${perhetyo}/edit`, fields, 'made-up')).status).toBe(403);
  });

  it(`AUTH_RATE_LIMIT=${LIMIT} allows ${LIMIT} requests in total across both instances, then 429 from either`, async () => {
    const client = new HttpClient(proxy.url);
    const answers: Answer[] = [];
    for (let i = 0; i < LIMIT + 2; i++)
      answers.push(await client.postForm('/sv/forgot-password', { email: 'nobody@example.fi' }, 'no token'));
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, LIMIT)).not.toContain(429);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    expect(new Set(answers.slice(LIMIT).map((a) => a.backend))).toEqual(new Set(['0', '1']));
    const rows = await d.db
      .selectFrom('rate_limit')
      .select(['key', 'hits'])
      .where('key', 'like', '%forgot-password%')
      .execute();
    expect(rows).toEqual([{ key: 'POST /:lang/forgot-password 127.0.0.1', hits: LIMIT + 2 }]);
  });

  it("an editor's change published through one instance is found by the other's search within a second", async () => {
    const eeva = new HttpClient(proxy.url);
    await signIn(eeva);
    const search = async (instance: number) => {
      const res = await fetch(`${direct[instance]}/api/v1/services?q=lumiukkokerho&lang=fi`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await search(0)).not.toContain(perhetyo);
    expect(await search(1)).not.toContain(perhetyo);

    const state = JSON.parse(
      (await eeva.get(`/api/v1/editing/services/${perhetyo}`)).body,
    ) as ApiState<ServiceDraftData>;
    const fields = serviceFormFields(state.data, { 'description.fi': 'Perhetyön Lumiukkokerho kokoontuu talvisin.' });
    expect((await eeva.postForm(`/fi/work/services/${perhetyo}/edit`, fields)).status).toBe(303);
    const published = await eeva.postForm(`/fi/work/services/${perhetyo}/publish`, {});
    expect(published.status).toBe(303);
    expect(published.location).toBe(`/fi/work/services/${perhetyo}/edit?notice=published`);

    const other = published.backend === '0' ? 1 : 0;
    const deadline = Date.now() + 1000;
    let found = false;
    while (!found && Date.now() < deadline) {
      found = (await search(other)).includes(perhetyo);
      if (!found) await new Promise((r) => setTimeout(r, 20));
    }
    expect(found).toBe(true);
    expect(await search(1 - other)).toContain(perhetyo);
  });

  it('signing out on one instance ends the session on both', async () => {
    const eeva = new HttpClient(proxy.url);
    await signIn(eeva);
    const cookie = eeva.cookieHeader();
    const signedInAt = async (base: string) =>
      ((await (await fetch(`${base}/api/v1/session`, { headers: { cookie } })).json()) as { signed_in: boolean })
        .signed_in;
    for (const base of direct) expect(await signedInAt(base)).toBe(true);
    const out = await eeva.postForm('/fi/sign-out', {});
    expect(out.status).toBe(303);
    expect(eeva.cookies.has('yh_session')).toBe(false);
    // The old session cookie, sent straight to each instance, is signed in on neither.
    for (const base of direct) expect(await signedInAt(base)).toBe(false);
  });
});
