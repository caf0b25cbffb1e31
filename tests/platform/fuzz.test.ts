/**
 * A property test over the public HTTP surface (issue 17, item 7), on both databases: random strings, numbers
 * and arrays in every GET route's path and query (pages, JSON, HSDS, open data), in the public forms (sign-in,
 * forgotten password, new password, the JSON sign-in) and, signed in as an editor, in the edit forms and the JSON
 * drafts. No answer may be a 5xx. The known cases of the issue are asked for explicitly first.
 */
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoPlans } from '../../src/demo/demoPlans.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

/** A value already in URL form (sent as it is: broken escapes, NUL, bytes that are not UTF-8). */
const RAW = '\u0001raw:';
const raw = (s: string) => `${RAW}${s}`;

const NASTY = [
  '½',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFFx',
  "'",
  '"',
  '<script>alert(1)</script>',
  '&',
  '|',
  '!',
  '!!',
  '(',
  ')',
  ':*',
  '<->',
  '\\',
  '',
  ' ',
  '9'.repeat(40),
  '-1',
  '0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  'fi',
  'sv',
  '../../etc/passwd',
  'x'.repeat(5000),
  '00000000-0000-0000-0000-000000000000',
  '6eaa27a4-af2a-57c8-b03c-c03eb1930828',
  raw('%00'),
  raw('%'),
  raw('%zz'),
  raw('%ED%A0%80'),
  raw('%C0%80'),
  raw('%FF%FE'),
  raw('a%00b'),
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);
/** One value or several (a repeated parameter). */
const value = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { maxLength: 4 }) });

function enc(s: string): string {
  if (s.startsWith(RAW)) return s.slice(RAW.length);
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80'; // a lone surrogate's bytes
  }
}
const plain = (s: string) => (s.startsWith(RAW) ? decodeURIComponentSafe(s.slice(RAW.length)) : s);
function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function queryString(params: [string, string | string[]][]): string {
  const parts = params.flatMap(([k, v]) => [v].flat().map((x) => `${enc(k)}=${enc(x)}`));
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Fills a route's :params with the given values (or real ids, or the languages). */
function fillPath(url: string, values: string[]): string {
  let i = 0;
  return url.replace(/:(\w+)/g, () => enc(values[i++ % values.length] ?? ''));
}

const noServerError = (res: LightMyRequestResponse, what: string) => {
  if (res.statusCode >= 500) throw new Error(`${what} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
};

const GENERIC_QUERY = ['q', 'search', 'page', 'per_page', 'lang', 'sort', 'area', 'organization', 'version'];

describe.each(testDatabases())('fuzzing the public HTTP surface on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let editor: Agent;
  const askola = idFromKey('organization', 't-askola');
  const perhetyo = idFromKey('service', 't-perhetyo');
  const ids: string[] = [askola, perhetyo];

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    await loadDemoPlans(d.db);
    for (const p of await d.db.selectFrom('programme_plan').select('id').limit(3).execute()) ids.push(p.id);
    await addTestPerson(d.db, {
      email: 'fuzz@askola.test',
      name: 'Fuzz Editori',
      memberships: [{ organizationId: askola, role: 'editor' }],
    });
    app = await testApp(d, { AUTH_RATE_LIMIT: '1000000' });
    editor = new Agent(app, '10.77.0.1');
    await editor.signIn('fuzz@askola.test');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, remoteAddress: '10.66.0.1' });

  it('answers the known cases with 4xx, never 5xx', async () => {
    const planId = ids[2]!;
    const gets = [
      '/fi/search?q=%C2%BD',
      '/sv/search?q=%C2%BD%20%21%21%20%3A*',
      '/api/v1/services?q=%C2%BD',
      '/hsds/services?search=%00',
      '/hsds/services?search=a%00b',
      '/hsds/taxonomy_terms?search=%00', // found by the random run below, on PostgreSQL
      '/hsds/organizations?search=a%00',
      '/fi/search?municipality=%ED%A0%80',
      `/fi/programme/plans/${planId}/versions/99999999999999999999999`,
      `/fi/programme/plans/${planId}/versions/-1`,
      `/fi/programme/plans/${planId}/versions/1.5`,
      `/fi/programme/plans/${planId}/versions/abc`,
      `/fi/programme/plans/${planId}/versions/0`,
      `/fi/services/%00`,
      `/api/v1/services/%ED%A0%80`,
      '/api/v1/working-models/a%00b', // found by the random run, on PGlite: a path parameter with a NUL
    ];
    for (const url of gets) {
      const res = await get(url);
      noServerError(res, url);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const a = new Agent(app, '10.66.0.2');
    for (const email of ['a\u0000@askola.test', '\u0000', 'fuzz@askola.test\u0000']) {
      const signIn = await a.postForm('/fi/sign-in', { email, password: 'x' });
      expect(signIn.statusCode, JSON.stringify(email)).toBe(400);
      const forgot = await a.postForm('/fi/forgot-password', { email });
      expect(forgot.statusCode, JSON.stringify(email)).toBe(400);
    }
    const api = await a.json('POST', '/api/v1/session', { email: 'a\u0000@b.fi', password: 'x' });
    expect(api.statusCode).toBe(400);
    const audited = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'auth.sign_in')
      .where('outcome', '=', 'failed')
      .execute();
    expect(audited.filter((r) => (r.details as { reason?: string }).reason === 'unstorable_text')).toHaveLength(4);
    const resets = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'auth.reset_requested')
      .where('outcome', '=', 'failed')
      .execute();
    expect(resets.filter((r) => (r.details as { reason?: string }).reason === 'unstorable_text')).toHaveLength(3);
    // A NUL or a lone surrogate in a draft: refused with a message, nothing stored.
    for (const bad of ['a\u0000b', 'x\uD800y']) {
      const put = await editor.json('PUT', `/api/v1/editing/services/${perhetyo}/draft`, { summary: { fi: bad } });
      expect(put.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });

  it('never answers 5xx to random values in any GET route', async () => {
    const routes = app.routeList.filter(
      (r) => r.method === 'GET' && !r.url.includes('*') && !r.url.startsWith('/assets') && r.url !== '/metrics',
    );
    expect(routes.length).toBeGreaterThan(40);
    const route = fc.constantFrom(...routes);
    const pathValue = fc.oneof(fc.constantFrom('fi', 'sv', 'en', ...ids), text);
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.array(pathValue, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(20), value), { maxLength: 4 }),
        fc.boolean(),
        async (r, pathValues, query, signedIn) => {
          const names = [...r.querystring, ...GENERIC_QUERY];
          const params = query.map(([i, v]) => [names[i % names.length]!, v] as [string, string | string[]]);
          const url = fillPath(r.url, pathValues) + queryString(params);
          const res = signedIn ? await editor.get(url) : await get(url);
          noServerError(res, `GET ${url}`);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  }, 600_000);

  it('never answers 5xx to random values in the public forms', async () => {
    const forms = [
      { url: '/:lang/sign-in', fields: ['email', 'password', 'next'] },
      { url: '/:lang/forgot-password', fields: ['email'] },
      { url: '/:lang/set-password', fields: ['token', 'password', 'confirm'] },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.constantFrom('fi', 'sv', 'en', 'xx'),
        fc.array(fc.tuple(fc.nat(5), value), { maxLength: 5 }),
        fc.nat(255),
        async (f, lang, values, ip) => {
          const a = new Agent(app, `10.55.0.${ip}`);
          const fields: Record<string, string | string[]> = {};
          for (const [i, v] of values) fields[f.fields[i % f.fields.length]!] = [v].flat().map(plain);
          const res = await a.postForm(f.url.replace(':lang', lang), fields);
          noServerError(res, `POST ${f.url} ${JSON.stringify(fields).slice(0, 200)}`);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('email', 'password', 'x'), fc.jsonValue()), async (body) => {
        const res = await new Agent(app, '10.55.1.1').json('POST', '/api/v1/session', body);
        noServerError(res, `POST /api/v1/session ${JSON.stringify(body).slice(0, 200)}`);
      }),
      { numRuns: 50 },
    );
  }, 600_000);

  it("never answers 5xx to random values in an editor's forms and JSON drafts", async () => {
    const fieldNames = [
      'name.fi',
      'summary.sv',
      'description.en',
      'languages',
      'modes',
      'ageMin',
      'ageMax',
      'fee',
      'access',
      'lifeSituations',
      'areas',
      'locations',
      'email',
      'url',
      'hours[0].days',
      'hours[0].opens',
      'hours[99].closes',
      'phones[0].number',
      'version',
      'action',
    ];
    const jsonFields = ['name', 'summary', 'ageMin', 'ageMax', 'fee', 'hours', 'phones', 'languages', 'email', 'url'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(fieldNames.length - 1), value), { maxLength: 6 }),
        fc.dictionary(fc.constantFrom(...jsonFields), fc.jsonValue({ maxDepth: 2 })),
        fc.constantFrom(...ids, 'x', '00000000-0000-0000-0000-000000000000'),
        async (formValues, json, id) => {
          const fields: Record<string, string | string[]> = {};
          for (const [i, v] of formValues) fields[fieldNames[i]!] = [v].flat().map(plain);
          const page = await editor.postForm(`/fi/work/services/${perhetyo}/edit`, fields);
          noServerError(page, `POST edit ${JSON.stringify(fields).slice(0, 300)}`);
          const put = await editor.json('PUT', `/api/v1/editing/services/${enc(id)}/draft`, json);
          noServerError(put, `PUT draft ${JSON.stringify(json).slice(0, 300)}`);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 30) },
    );
  }, 600_000);
});
