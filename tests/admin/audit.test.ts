/**
 * The audit log in the workspace and the API: a system administrator (and a coordinator) sees every entry, an
 * organisation administrator only their own organisation's (and a filter for another organisation is refused
 * without showing any of it), a member gets 403. Filters, paging and readable before/after.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../support/agent.js';
import { testDatabases } from '../support/databases.js';
import { askola, hanko, PEOPLE, useAdminSuite } from './setup.js';

describe.each(testDatabases())('audit log on %s', (kind) => {
  const s = useAdminSuite(kind);
  const signedIn = async (email: string) => {
    const a = new Agent(s.app);
    await a.signIn(email);
    return a;
  };

  it("shows an administrator every entry, readably, and an organisation administrator only their organisation's", async () => {
    const askolaAdmin = await signedIn(PEOPLE.askolaAdmin);
    const hankoAdmin = await signedIn(PEOPLE.hankoAdmin);
    expect(
      (await askolaAdmin.postForm('/fi/work/admin/teams', { organization: askola, 'name.fi': 'Askolan VATU-tiimi' }))
        .statusCode,
    ).toBe(303);
    expect(
      (
        await hankoAdmin.postForm('/fi/work/admin/teams', {
          organization: hanko,
          'name.fi': 'Hangon oppilashuoltoryhmä',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await askolaAdmin.postForm(`/fi/work/admin/people/${s.ids.member}/memberships`, {
          organization: askola,
          role: 'editor',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await hankoAdmin.postForm(`/fi/work/admin/people/${s.ids.hankoMember}/memberships`, {
          organization: hanko,
          role: 'editor',
        })
      ).statusCode,
    ).toBe(303);

    const admin = await signedIn(PEOPLE.admin);
    const all = await admin.get('/fi/work/audit');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Askolan VATU-tiimi');
    expect(all.body).toContain('Hangon oppilashuoltoryhmä');
    expect(all.body).toContain('Kirjautui sisään'); // sign-ins (no organisation) are there too
    // Before and after, readably: the role's name in the reader's language.
    expect(all.body).toContain('Vaihtoi roolia organisaatiossa');
    expect(all.body).toMatch(/<th scope="row">Rooli<\/th><td>jäsen<\/td><td>palvelukuvausten ylläpitäjä<\/td>/);

    const coordinator = await signedIn(PEOPLE.coordinator);
    const coord = await coordinator.get('/sv/work/audit?action=team.');
    expect(coord.statusCode).toBe(200);
    expect(coord.body).toContain('Askolan VATU-tiimi');
    expect(coord.body).toContain('Hangon oppilashuoltoryhmä');
    expect(coord.body).toContain('Lade till ett team');

    const own = await askolaAdmin.get('/fi/work/audit');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Askolan VATU-tiimi');
    expect(own.body).not.toContain('Hangon oppilashuoltoryhmä');
    expect(own.body).not.toContain('Henrik Hangö');
    const api = (await askolaAdmin.get('/api/v1/audit?per_page=200')).json();
    expect(api.total).toBeGreaterThan(0);
    expect(api.items.every((i: { organization_id: string }) => i.organization_id === askola)).toBe(true);

    // Asking for Hanko's entries is refused, and the answer shows nothing of them.
    const forbidden = await askolaAdmin.get(`/fi/work/audit?organization=${hanko}`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).not.toContain('Hangon oppilashuoltoryhmä');
    const forbiddenApi = await askolaAdmin.get(`/api/v1/audit?organization_id=${hanko}`);
    expect(forbiddenApi.statusCode).toBe(403);
    expect(forbiddenApi.body).not.toContain('Hangon');
    // Their own organisation as a filter works.
    expect((await askolaAdmin.get(`/fi/work/audit?organization=${askola}`)).body).toContain('Askolan VATU-tiimi');
  });

  it('answers 403 to a member and an editor, and sends the signed-out to sign in (401 in the API)', async () => {
    for (const email of [PEOPLE.member, PEOPLE.editor]) {
      const a = await signedIn(email);
      expect((await a.get('/fi/work/audit')).statusCode, email).toBe(403);
      expect((await a.get('/api/v1/audit')).statusCode, email).toBe(403);
    }
    const anon = new Agent(s.app);
    const page = await anon.get('/fi/work/audit');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/fi/sign-in');
    expect((await anon.get('/api/v1/audit')).statusCode).toBe(401);
    // The denials themselves are in the log.
    const denied = await s.d.db
      .selectFrom('audit_event')
      .select(['actor_name', 'details'])
      .where('action', '=', 'access.denied')
      .execute();
    expect(
      denied.some(
        (d) => d.actor_name === 'Maija Jäsen' && (d.details as { permission?: string }).permission === 'audit.read',
      ),
    ).toBe(true);
  });

  describe('once Olli Askola has signed in and added a team', () => {
    beforeAll(async () => {
      // Entries of his to filter by.
      const olli = await signedIn(PEOPLE.askolaAdmin);
      expect(
        (await olli.postForm('/fi/work/admin/teams', { organization: askola, 'name.fi': 'Askolan perhetyön tiimi' }))
          .statusCode,
      ).toBe(303);
    });

    it('filters by person, action, outcome and dates, pages, and explains bad filters', async () => {
      const admin = await signedIn(PEOPLE.admin);
      // A failed sign-in to find.
      await new Agent(s.app, '10.1.1.1').postForm('/fi/sign-in', {
        email: PEOPLE.editor,
        password: 'not the password at all',
      });

      const failed = (await admin.get('/api/v1/audit?outcome=failed&action=auth.')).json();
      expect(failed.total).toBeGreaterThanOrEqual(1);
      expect(
        failed.items.every(
          (i: { outcome: string; action: string }) => i.outcome === 'failed' && i.action.startsWith('auth.'),
        ),
      ).toBe(true);

      const byPerson = (await admin.get(`/api/v1/audit?person=${encodeURIComponent(PEOPLE.askolaAdmin)}`)).json();
      expect(byPerson.total).toBeGreaterThan(0);
      expect(byPerson.items.every((i: { actor_id: string }) => i.actor_id === s.ids.askolaAdmin)).toBe(true);
      const byName = await admin.get('/fi/work/audit?person=Olli');
      expect(byName.body).toContain('merkintää henkilöltä Olli Askola');

      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
      const tomorrow = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(
        new Date(Date.now() + 86_400_000),
      );
      expect((await admin.get(`/api/v1/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(0);
      expect((await admin.get(`/api/v1/audit?from=${tomorrow}`)).json().total).toBe(0);

      const p1 = (await admin.get('/api/v1/audit?per_page=2&page=1')).json();
      const p2 = (await admin.get('/api/v1/audit?per_page=2&page=2')).json();
      expect(p1.items).toHaveLength(2);
      expect(p2.items[0].id).toBeLessThan(p1.items[1].id);
      const paged = await admin.get('/fi/work/audit?action=auth.');
      expect(paged.statusCode).toBe(200);

      const bad = await admin.get(`/sv/work/audit?from=2026-02-31&person=${encodeURIComponent('ingen sådan')}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Ingen hittades med det här namnet');
      expect(bad.body).toContain('value="ingen sådan"');
      const reversed = await admin.get(`/en/work/audit?from=${tomorrow}&to=${today}`);
      expect(reversed.statusCode).toBe(400);
      expect(reversed.body).toContain('The end date cannot be before the start date.');
      expect(reversed.body).toContain('href="#to"');
      const apiBad = await admin.get('/api/v1/audit?from=2026-13-01');
      expect(apiBad.statusCode).toBe(400);
    });
  });
});
