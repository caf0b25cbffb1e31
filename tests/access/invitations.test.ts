/**
 * Issue 17, item 10: an organisation's administrator cannot add an existing account to their organisation and
 * then read that person's profile. Typing an existing address makes an invitation; nothing of the person is
 * shown until they accept; someone else cannot answer it; declining leaves nothing; once a member, the profile
 * shows only what concerns the administrator's organisations (not the system role, other memberships or the
 * last sign-in). System administrators still add directly. Every step audited.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { Agent } from '../support/agent.js';
import { askola, hanko, PEOPLE, useAdminSuite } from '../admin/setup.js';

describe.each(testDatabases())('invitations of existing accounts on %s', (kind) => {
  const s = useAdminSuite(kind);
  const signedIn = async (email: string) => {
    const a = new Agent(s.app, `10.44.0.${Math.floor(Math.random() * 250)}`);
    await a.signIn(email);
    return a;
  };
  const membership = (personId: string, orgId: string) =>
    s.d.db
      .selectFrom('membership')
      .selectAll()
      .where('person_id', '=', personId)
      .where('organization_id', '=', orgId)
      .executeTakeFirst();
  const actions = async (action: string) =>
    (await s.d.db.selectFrom('audit_event').select('action').where('action', '=', action).execute()).length;

  it("invites a system administrator instead of adding them; their profile stays closed until they accept, then shows only the organisation's part", async () => {
    await s.d.db
      .updateTable('person')
      .set({ phone: '+358 40 123 4567', last_sign_in_at: new Date() })
      .where('id', '=', s.ids.admin)
      .execute();
    const oa = await signedIn(PEOPLE.askolaAdmin);
    const json = await oa.json('POST', '/api/v1/admin/people', {
      email: PEOPLE.admin,
      organization_id: askola,
      role: 'member',
    });
    expect(json.statusCode).toBe(202);
    expect(json.body).not.toContain('Aino');
    expect(json.body).not.toContain('358');
    expect(await membership(s.ids.admin, askola)).toBeUndefined();
    const profile = await oa.get(`/api/v1/admin/people/${s.ids.admin}`);
    expect(profile.statusCode).toBe(403);
    expect(profile.body).not.toContain('358');
    expect(await actions('membership.invite')).toBe(1);

    // A second invitation: a conflict that says so.
    const again = await oa.json('POST', '/api/v1/admin/people?lang=en', {
      email: PEOPLE.admin,
      organization_id: askola,
      role: 'editor',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'invitation_pending' });

    // Someone else cannot answer it.
    const invitations = (await (await signedIn(PEOPLE.admin)).get('/api/v1/invitations')).json() as {
      items: { id: string; organization_id: string; role: string }[];
    };
    expect(invitations.items).toHaveLength(1);
    const id = invitations.items[0]!.id;
    const other = await signedIn(PEOPLE.member);
    expect((await other.json('POST', `/api/v1/invitations/${id}/accept`)).statusCode).toBe(404);
    expect((await new Agent(s.app).postForm(`/fi/work/invitations/${id}/accept`, {})).statusCode).toBe(401);
    expect(await membership(s.ids.admin, askola)).toBeUndefined();

    // The person accepts on the page.
    const admin = await signedIn(PEOPLE.admin);
    const page = await admin.get('/sv/work/invitations');
    expect(page.body).toContain('Askola');
    expect(page.body).toContain('Tacka ja');
    const accepted = await admin.postForm(`/sv/work/invitations/${id}/accept`, {});
    expect(accepted.statusCode).toBe(303);
    expect((await membership(s.ids.admin, askola))?.role).toBe('member');
    expect(await actions('membership.invitation_accepted')).toBe(1);

    // Now a member of Askola: the Askola administrator sees the Askola part, not the system role or last sign-in.
    const detail = (await oa.get(`/api/v1/admin/people/${s.ids.admin}`)).json() as Record<string, unknown>;
    expect(detail.system_role ?? null).toBeNull();
    expect(detail.last_sign_in_at ?? null).toBeNull();
    const ms = detail.memberships as { organization_id: string }[];
    expect(ms.map((m) => m.organization_id)).toEqual([askola]);
  });

  it('declining leaves nothing; a system administrator still adds directly', async () => {
    const oa = await signedIn(PEOPLE.hankoAdmin);
    expect(
      (
        await oa.postForm('/fi/work/admin/people', {
          email: PEOPLE.editor,
          name: '',
          organization: hanko,
          role: 'member',
        })
      ).statusCode,
    ).toBe(303);
    const editor = await signedIn(PEOPLE.editor);
    const page = await editor.get('/fi/work/invitations');
    const id = /\/work\/invitations\/([0-9a-f-]{36})\/decline/.exec(page.body)![1]!;
    expect((await editor.postForm(`/fi/work/invitations/${id}/decline`, {})).statusCode).toBe(303);
    expect(await membership(s.ids.editor, hanko)).toBeUndefined();
    expect((await editor.json('POST', `/api/v1/invitations/${id}/accept`)).statusCode).toBe(404);
    expect(await actions('membership.invitation_declined')).toBe(1);
    // The Hanko administrator still cannot see the editor.
    expect((await oa.get(`/api/v1/admin/people/${s.ids.editor}`)).statusCode).toBe(403);

    const sys = await signedIn(PEOPLE.admin);
    const direct = await sys.json('POST', '/api/v1/admin/people', {
      email: PEOPLE.editor,
      organization_id: hanko,
      role: 'member',
    });
    expect(direct.statusCode).toBe(200);
    expect((await membership(s.ids.editor, hanko))?.role).toBe('member');
  });
});
