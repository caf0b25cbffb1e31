/**
 * The one error model, seen from outside: a refusal says what happened, in the reader's language. Error pages
 * keep the signed-in person's header (name, sign-out) and name the right that is missing; JSON answers carry a
 * stable code, a translated message and the field problems; every permission has its own message in fi/sv/en.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/core/access/permissions.js';
import { LANGS } from '../../src/core/shared/lang.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { RESOURCES } from '../../src/i18n/index.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';

describe('messages of refusals', () => {
  it('every permission has its own "you do not have the right to …" message in Finnish, Swedish and English', () => {
    for (const lang of LANGS)
      for (const p of PERMISSIONS) expect(RESOURCES[lang][`error.forbidden.${p}`], `${lang} ${p}`).toBeTruthy();
    expect(RESOURCES.fi['error.forbidden.service.edit']).not.toBe(RESOURCES.fi['error.forbidden.audit.read']);
  });
});

describe.each(testDatabases())('error answers on %s', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  let member: Agent;
  const askola = idFromKey('organization', 't-askola');
  const perhetyo = idFromKey('service', 't-perhetyo');

  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db, [directoryFixture()]);
    app = await testApp(d);
    await addTestPerson(d.db, {
      email: 'matti@askola.test',
      name: 'Matti Member',
      memberships: [{ organizationId: askola, role: 'member' }],
    });
    member = new Agent(app);
    await member.signIn('matti@askola.test');
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  it('a 403 page keeps the signed-in header and says which right is missing, in the page language', async () => {
    const res = await member.get(`/sv/work/services/${perhetyo}/edit`);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Matti Member'); // the header still knows who is signed in
    expect(res.body).toContain('<html lang="sv"');
    expect(res.body).toContain('Du har inte rätt att redigera den här organisationens tjänster.');
    expect(res.body).not.toContain('Jokin meni vikaan');
  });

  it('a 404 page for a signed-in person keeps the header too', async () => {
    const res = await member.get('/fi/services/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Matti Member');
    expect(res.body).toContain('Palvelua ei löytynyt');
  });

  it('signed out, a form post that needs a session answers 401 with a way to sign in and back', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/en/work/services/${perhetyo}/edit`,
      payload: 'name.fi=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain(`href="/en/sign-in?next=%2Fen%2Fwork%2Fservices%2F${perhetyo}%2Fedit"`);
  });

  it('a JSON refusal has a stable code, a translated message and the problems by field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/services?colour=blue&lang=sv' });
    expect(res.statusCode).toBe(400);
    const body = res.json() as {
      error: string;
      message: string;
      problems: { field: string; code: string; message: string }[];
    };
    expect(body.error).toBe('invalid_parameter');
    expect(body.problems).toEqual([
      { field: 'colour', code: 'unknown_parameter', message: expect.stringContaining('colour') },
    ]);
    expect(body.message).toBe(body.problems[0]!.message);
    expect(body.message).not.toBe('error.invalid_parameter');
  });

  it('a JSON 403 names the missing right and is written to the audit log', async () => {
    const res = await member.request({
      method: 'GET',
      url: `/api/v1/editing/services/${perhetyo}?lang=en`,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: 'forbidden',
      message:
        "You do not have the right to edit this organisation's services. Ask your organisation's administrator for editing rights.",
    });
    const denied = await d.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.some((r) => (r.details as { url?: string }).url === `/api/v1/editing/services/${perhetyo}`)).toBe(
      true,
    );
  });
});
