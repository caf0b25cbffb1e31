/**
 * The professional directory through HTTP: visible to signed-in professionals only (anonymous → sign-in or 401,
 * someone who belongs nowhere → 403); shows organisations, teams, contact details and languages; searches by
 * name, organisation, team and language; sorts names in the reader's alphabet; a person edits their own entry.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addTestPerson, Agent } from '../support/agent.js';
import { testDatabases } from '../support/databases.js';
import { askola, hanko, useOwnAdminSuite, PEOPLE, useAdminSuite } from './setup.js';

describe.each(testDatabases())('professional directory on %s', (kind) => {
  const s = useAdminSuite(kind);
  const signedIn = async (email: string) => {
    const a = new Agent(s.app);
    await a.signIn(email);
    return a;
  };
  let vatu = '';
  /** Set-up: the VATU team in Askola with Eeva as its lead, and Eeva's entry filled in (the first test does this). */
  const vatuAndEevasEntry = async () => {
    const admin = await signedIn(PEOPLE.admin);
    const team = await admin.postForm('/fi/work/admin/teams', {
      organization: askola,
      'name.fi': 'VATU – varhaisen tuen työryhmä',
      'name.sv': 'VATU – arbetsgruppen för tidigt stöd',
    });
    vatu = /teams\/([0-9a-f-]{36})/.exec(team.headers.location as string)![1]!;
    expect(
      (await admin.postForm(`/fi/work/admin/teams/${vatu}/members`, { email: PEOPLE.editor, role: 'lead' })).statusCode,
    ).toBe(303);
    const editor = await signedIn(PEOPLE.editor);
    expect(
      (
        await editor.postForm('/fi/work/people/me', {
          'title.fi': 'Perheohjaaja',
          'title.sv': 'Familjehandledare',
          'title.en': '',
          phone: '040 123 4567',
          languages: ['sv', 'fi', 'ru'],
        })
      ).statusCode,
    ).toBe(303);
  };

  describe('on a suite of its own (it adds the team and fills in the entry)', () => {
    useOwnAdminSuite(s, kind);

    it('is visible to a member with teams, contact details and languages', async () => {
      const admin = await signedIn(PEOPLE.admin);
      const team = await admin.postForm('/fi/work/admin/teams', {
        organization: askola,
        'name.fi': 'VATU – varhaisen tuen työryhmä',
        'name.sv': 'VATU – arbetsgruppen för tidigt stöd',
      });
      vatu = /teams\/([0-9a-f-]{36})/.exec(team.headers.location as string)![1]!;
      expect(
        (await admin.postForm(`/fi/work/admin/teams/${vatu}/members`, { email: PEOPLE.editor, role: 'lead' }))
          .statusCode,
      ).toBe(303);

      const editor = await signedIn(PEOPLE.editor);
      const saved = await editor.postForm('/fi/work/people/me', {
        'title.fi': 'Perheohjaaja',
        'title.sv': 'Familjehandledare',
        'title.en': '',
        phone: '040 123 4567',
        languages: ['sv', 'fi', 'ru'],
      });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/fi/work/people?notice=entry_saved');

      const member = await signedIn(PEOPLE.member);
      const page = await member.get('/fi/work/people?q=Eeva');
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('Eeva Editori');
      expect(page.body).toContain('Perheohjaaja');
      expect(page.body).toContain('VATU – varhaisen tuen työryhmä');
      expect(page.body).toContain('href="tel:0401234567"');
      expect(page.body).toContain(`href="mailto:${PEOPLE.editor}"`);
      expect(page.body).toContain('suomi, ruotsi, venäjä');
      // The same in Swedish.
      const sv = await member.get('/sv/work/people?q=Eeva');
      expect(sv.body).toContain('Familjehandledare');
      expect(sv.body).toContain('VATU – arbetsgruppen för tidigt stöd');
      expect(sv.body).toContain('finska, svenska, ryska');

      // The edit is audited with before and after.
      const entry = await s.d.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'person.update_own')
        .where('object_id', '=', s.ids.editor)
        .executeTakeFirstOrThrow();
      expect(entry.after).toMatchObject({ phone: '040 123 4567', languages: ['fi', 'sv', 'ru'] });
      expect(entry.before).toMatchObject({ phone: null, languages: ['fi'] });
    });
  });

  describe("with the VATU team and Eeva's entry", () => {
    beforeAll(vatuAndEevasEntry);

    it('filters by team, organisation and language, and by words in titles and organisation names', async () => {
      const member = await signedIn(PEOPLE.member);
      const byTeam = await member.get(`/fi/work/people?team=${vatu}`);
      expect(byTeam.body).toContain('Eeva Editori');
      expect(byTeam.body).not.toContain('Maija Jäsen</h2>');
      expect(byTeam.body).toContain('1 ammattilainen');
      const byLang = await member.get('/fi/work/people?language=ru');
      expect(byLang.body).toContain('Eeva Editori');
      expect(byLang.body).toContain('1 ammattilainen');
      const byOrg = await member.get(`/fi/work/people?organization=${hanko}`);
      expect(byOrg.body).toContain('Henrik Hangö');
      expect(byOrg.body).toContain('Bea Molemmat');
      expect(byOrg.body).not.toContain('Eeva Editori');
      const byTitle = await member.get('/fi/work/people?q=perheohjaaja');
      expect(byTitle.body).toContain('Eeva Editori');
      const byOrgName = await member.get('/fi/work/people?q=Hangon');
      expect(byOrgName.body).toContain('Henrik Hangö');

      const api = await member.get(`/api/v1/people?team_id=${vatu}&lang=sv`);
      expect(api.statusCode).toBe(200);
      const body = api.json();
      expect(body.total).toBe(1);
      expect(body.items[0]).toMatchObject({
        name: 'Eeva Editori',
        phone: '040 123 4567',
        languages: ['fi', 'sv', 'ru'],
        title: { fi: 'Perheohjaaja', sv: 'Familjehandledare' },
      });
      expect(body.items[0].teams[0]).toMatchObject({ id: vatu, role: 'lead' });
    });
  });

  it("sorts names in the reader's alphabet (å, ä, ö after z in Finnish and Swedish)", async () => {
    for (const name of ['Örjan Östman', 'Åsa Åberg', 'Ärla Äijälä', 'Zacharias Zilliacus', 'Aapo Aalto']) {
      await addTestPerson(s.d.db, {
        email: `${name
          .split(' ')[0]!
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}@sort.test`,
        name,
        memberships: [{ organizationId: hanko, role: 'member' }],
      });
    }
    const member = await signedIn(PEOPLE.member);
    const names = (await member.get(`/api/v1/people?organization_id=${hanko}&lang=sv&per_page=100`))
      .json()
      .items.map((p: { name: string }) => p.name);
    const order = ['Aapo Aalto', 'Zacharias Zilliacus', 'Åsa Åberg', 'Ärla Äijälä', 'Örjan Östman'];
    expect(names.filter((n: string) => order.includes(n))).toEqual(order);
    const page = (await member.get(`/fi/work/people?organization=${hanko}`)).body;
    const positions = order.map((n) => page.indexOf(`>${n}</h2>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is not visible without signing in (redirect, 401) nor to someone who belongs nowhere (403)', async () => {
    const anon = new Agent(s.app);
    const page = await anon.get('/fi/work/people');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/fi/sign-in?next=%2Ffi%2Fwork%2Fpeople');
    expect(page.body).not.toContain('Eeva');
    const api = await anon.get('/api/v1/people');
    expect(api.statusCode).toBe(401);
    expect(api.body).not.toContain('Eeva');
    expect((await anon.get(`/api/v1/people/${s.ids.editor}`)).statusCode).toBe(401);
    expect((await anon.postForm('/fi/work/people/me', { phone: '123' })).statusCode).toBe(401);

    const nobody = await signedIn(PEOPLE.nobody);
    expect((await nobody.get('/fi/work/people')).statusCode).toBe(403);
    expect((await nobody.get('/api/v1/people')).statusCode).toBe(403);
  });

  it('keeps the input and explains a bad phone number or language, saving nothing', async () => {
    const member = await signedIn(PEOPLE.member);
    const res = await member.postForm('/fi/work/people/me', {
      'title.fi': 'Kuraattori',
      phone: 'soita minulle',
      languages: ['fi', 'klingon'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kirjoita puhelinnumero numeroina');
    expect(res.body).toContain('value="Kuraattori"');
    expect(res.body).toContain('value="soita minulle"');
    expect(res.body).toContain('href="#phone"');
    const p = await s.d.db
      .selectFrom('person')
      .select(['title', 'phone'])
      .where('id', '=', s.ids.member)
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ title: {}, phone: null });

    const api = await member.json('PATCH', '/api/v1/people/me', { phone: '+358 40 765 4321', languages: ['fi', 'xx'] });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({
      error: 'invalid_language',
      problems: [{ field: 'languages', code: 'invalid_language' }],
    });
    const ok = await member.json('PATCH', '/api/v1/people/me', { phone: '+358 40 765 4321', languages: ['sv', 'fi'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '+358 40 765 4321', languages: ['fi', 'sv'] });
    // Without the CSRF header, nothing happens.
    const noCsrf = await member.request({
      method: 'PATCH',
      url: '/api/v1/people/me',
      payload: { phone: '050 000 0000' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(
      (await s.d.db.selectFrom('person').select('phone').where('id', '=', s.ids.member).executeTakeFirstOrThrow())
        .phone,
    ).toBe('+358 40 765 4321');
  });
});
