/**
 * The results page for a worried parent (issue 14) on the demo data, on both databases: a way on when nothing or
 * little is found, "Filters (n)" above the results, "my municipality", postal codes of the whole region, near me
 * that keeps relevance, and what was searched without finding — counted without personal data, seen and fixed by
 * coordinators through the need vocabulary, every boundary tried over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { addTestPerson, Agent } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

const service = (key: string) => idFromKey('service', key);

describe.each(testDatabases())('a way on from the results page (%s)', (kind) => {
  let d: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
    await addTestPerson(d.db, { email: 'koordinaattori@test.fi', name: 'Kaisa', systemRole: 'coordinator' });
    await addTestPerson(d.db, {
      email: 'editor@test.fi',
      name: 'Eero',
      memberships: [{ organizationId: idFromKey('organization', 'lansi-uusimaa-hva'), role: 'editor' }],
    });
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.dispose();
  });

  const stat = (query: string) =>
    d.db.selectFrom('search_query_stat').selectAll().where('query', '=', query).executeTakeFirst();

  it('never ends in nothing: life situations, 112, crisis lines, the county social emergency and the family centre', async () => {
    const a = new Agent(app);
    const fi = await a.get('/fi/search?q=xqzzyw&municipality=710');
    expect(fi.statusCode).toBe(200);
    expect(fi.body).toContain('id="way-on-title"');
    expect(fi.body).toContain('Hätänumero 112');
    expect(fi.body).toContain('href="tel:112"');
    expect(fi.body).toContain('Nollalinja');
    expect(fi.body).toContain(`href="/fi/services/${service('lansi-uusimaa-sosiaali-ja-kriisipaivystys')}"`);
    expect(fi.body).toContain(`href="/fi/services/${service('raasepori-familjecentral-servicehandledning')}"`);
    expect(fi.body).toMatch(/href="\/fi\/search\?municipality=710&amp;life_situation=family_strain"/);
    // In Swedish, in Swedish; without a municipality, the region's social emergency services and a hint.
    const sv = await a.get('/sv/search?q=xqzzyw');
    expect(sv.body).toContain('Nödnumret 112');
    expect(sv.body).toContain('Hjälp som alltid finns');
    expect(sv.body).toContain(`href="/sv/services/${service('ita-uusimaa-sosiaalipaivystys')}"`);
    expect(sv.body).toContain('Välj kommun bland avgränsningarna');
  });

  it('offers the life situations of the need it understood when little is found', async () => {
    const r = await new Agent(app).get(
      `/en/search?q=${encodeURIComponent('my son is being bullied')}&municipality=078`,
    );
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Also searched for the topic: Bullying');
    expect(r.body).toContain(`/en/search/go/${service('hanko-kuraattori')}?q=`);
  });

  it('folds the filters into one "Filters (n)" control above the results, open without JavaScript', async () => {
    const r = await new Agent(app).get('/fi/search?q=neuvola&municipality=018&free=true');
    const fold = r.body.indexOf('<details class="filters-fold">');
    expect(fold).toBeGreaterThan(0);
    expect(r.body.slice(fold, fold + 200)).toMatch(/Rajaa hakua<\/span> \(2\)<\/summary>/);
    // The count and the chips come right after the one control; the filters are inside it.
    expect(r.body.indexOf('id="municipality-018"')).toBeGreaterThan(fold);
    expect(r.body.indexOf('id="result-count"')).toBeGreaterThan(fold);
    expect(r.body).toContain('class="active-filters"');
  });

  it('remembers "my municipality" in a functional cookie, filters by default, and clears it with one button', async () => {
    const a = new Agent(app);
    const none = await a.postForm(
      '/fi/search/my-municipality',
      { municipality: '018', action: 'save', back: '/fi/search?q=neuvola' },
      { csrf: false },
    );
    expect(none.statusCode).toBe(403); // no CSRF token: nothing remembered
    expect(a.cookies.has('yh_municipality')).toBe(false);

    const saved = await a.postForm('/fi/search/my-municipality', {
      municipality: '018',
      action: 'save',
      back: '/fi/search?q=neuvola+lapsi&mine=0',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/fi/search?q=neuvola+lapsi');
    expect(a.cookies.get('yh_municipality')).toBe('018');

    const filtered = await a.get('/fi/search?q=neuvola');
    expect(filtered.body).toContain('Haku on rajattu omaan kuntaasi: Askola.');
    expect(filtered.body).toContain(`/fi/search/go/${service('askola-neuvola')}`);
    expect(filtered.body).not.toContain(service('porvoo-neuvola'));
    // Removing the chip searches everywhere this time; the choice stays.
    expect(filtered.body).toContain('href="/fi/search?q=neuvola&amp;mine=0"');
    const everywhere = await a.get('/fi/search?q=neuvola&mine=0');
    expect(everywhere.body).toContain(service('porvoo-neuvola'));
    expect(everywhere.body).toContain('Oma kuntasi: Askola.');

    const cleared = await a.postForm('/fi/search/my-municipality', { action: 'clear', back: '/fi/search?q=neuvola' });
    expect(cleared.statusCode).toBe(303);
    expect(a.cookies.has('yh_municipality')).toBe(false);
    expect((await a.get('/fi/search?q=neuvola')).body).toContain(service('porvoo-neuvola'));
    // A back address elsewhere is not followed.
    const away = await a.postForm('/fi/search/my-municipality', {
      action: 'clear',
      back: 'https://evil.test/fi/search',
    });
    expect(away.headers.location).toBe('/fi/search');
  });

  it("resolves every postal code of the region, saying when it measures from the municipality's centre", async () => {
    const a = new Agent(app);
    const r = await a.get('/fi/search?q=neuvola&place=07590');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(
      'Etäisyydet kunnan Askola keskustasta: postinumeroalueen 07590 Askola omaa keskipistettä ei tunneta.',
    );
    const unknown = await a.get('/fi/search?q=neuvola&place=99999');
    expect(unknown.statusCode).toBe(400);
  });

  it('near me: services meeting more of the need first, nearest among equals, relevance at the same distance', async () => {
    const hanko = { lat: 59.8236, lon: 22.9681 };
    for (const q of ['perheneuvola ero vertaistuki', 'neuvola vauva perhekahvila']) {
      const r = await searchServices(d.db, {
        q,
        lang: 'fi',
        near: hanko,
        sort: 'distance',
        perPage: 100,
        facets: false,
      });
      const met = (h: { rank: number }) => Math.floor(h.rank / 100);
      for (let i = 1; i < r.hits.length; i++) {
        const [a, b] = [r.hits[i - 1]!, r.hits[i]!];
        expect(met(a), q).toBeGreaterThanOrEqual(met(b));
        if (met(a) !== met(b) || a.distanceKm === null || b.distanceKm === null) continue;
        const [da, db] = [Math.round(a.distanceKm * 10), Math.round(b.distanceKm * 10)];
        expect(da, q).toBeLessThanOrEqual(db);
        if (da === db) expect(a.rank, q).toBeGreaterThanOrEqual(b.rank);
      }
      // The rule mattered: a nearer service meeting less of the need comes after a farther one meeting more.
      const inverted = r.hits.some((h, i) =>
        r.hits
          .slice(0, i)
          .some(
            (e) => met(e) > met(h) && e.distanceKm !== null && h.distanceKm !== null && h.distanceKm < e.distanceKm,
          ),
      );
      expect(inverted, q).toBe(true);
    }
  });

  it('counts searches that found nothing and results never opened, per week and language, without personal data', async () => {
    const a = new Agent(app);
    await a.get('/fi/search?q=qqxyzz+wqwqwq+0401234567');
    await a.get('/fi/search?q=QQXYZZ+wqwqwq');
    await a.get('/sv/search?q=rådgivning');
    const go = await a.get(`/sv/search/go/${service('raasepori-barnradgivning')}?q=r%C3%A5dgivning`);
    expect(go.statusCode).toBe(303);
    expect(go.headers.location).toBe(`/sv/services/${service('raasepori-barnradgivning')}`);
    expect(await stat('qqxyzz wqwqwq')).toMatchObject({ lang: 'fi', searches: 2, zero_results: 2, clicks: 0 });
    expect(await stat('rådgivning')).toMatchObject({ lang: 'sv', searches: 1, zero_results: 0, clicks: 1 });
    const columns = Object.keys((await stat('rådgivning'))!);
    expect(columns.sort()).toEqual(['clicks', 'lang', 'query', 'searches', 'week', 'zero_results']);
    expect(
      await d.db.selectFrom('search_query_stat').select('query').where('query', 'like', '%040%').execute(),
    ).toEqual([]);
  });

  it('lets coordinators see unfound searches and fix them through the need vocabulary, audited', async () => {
    await new Agent(app).get('/fi/search?q=kakaravaiva');
    const c = new Agent(app);
    await c.signIn('koordinaattori@test.fi');
    const page = await c.get('/fi/work/search');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('kakaravaiva');
    expect((await c.get('/fi/work')).body).toContain('href="/fi/work/search"');

    const bad = await c.postForm('/fi/work/search/phrases', { concept: '', lang: 'fi', phrase: 'kakaravaiva' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain('value="kakaravaiva"');

    const added = await c.postForm('/fi/work/search/phrases', {
      concept: 'tantrums',
      lang: 'fi',
      phrase: 'Kakaravaiva',
    });
    expect(added.statusCode).toBe(303);
    const after = await c.get(added.headers.location as string);
    expect(after.body).toContain('Lapsen uhma ja raivokohtaukset (“kakaravaiva”)');
    const found = await searchServices(d.db, { q: 'kakaravaiva', lang: 'fi', municipality: ['018'], facets: false });
    expect(found.concepts).toEqual(['tantrums']);
    expect(found.hits.map((h) => h.id)).toContain(service('askola-perheohjaus'));
    expect(
      (await c.postForm('/fi/work/search/phrases', { concept: 'tantrums', lang: 'fi', phrase: 'kakaravaiva' }))
        .statusCode,
    ).toBe(409);

    const row = await d.db
      .selectFrom('search_need_phrase')
      .selectAll()
      .where('phrase', '=', 'kakaravaiva')
      .executeTakeFirstOrThrow();
    const audits = await d.db
      .selectFrom('audit_event')
      .select(['action', 'object_id'])
      .where('object_id', '=', row.id)
      .execute();
    expect(audits.map((x) => x.action)).toEqual(['search.need_phrase.add']);

    // Nobody else: not signed in, an editor, a forged request without CSRF; nothing changes, nothing is shown.
    const anon = new Agent(app);
    expect((await anon.get('/fi/work/search')).statusCode).toBe(303);
    expect(
      (await anon.postForm('/fi/work/search/phrases', { concept: 'sleep', lang: 'fi', phrase: 'anon phrase' }))
        .statusCode,
    ).toBe(401);
    const editor = new Agent(app);
    await editor.signIn('editor@test.fi');
    const editorPage = await editor.get('/fi/work/search');
    expect(editorPage.statusCode).toBe(403);
    expect(editorPage.body).not.toContain('kakaravaiva');
    expect(
      (await editor.postForm('/fi/work/search/phrases', { concept: 'sleep', lang: 'fi', phrase: 'editor phrase' }))
        .statusCode,
    ).toBe(403);
    expect((await editor.postForm(`/fi/work/search/phrases/${row.id}/delete`, {})).statusCode).toBe(403);
    expect(
      (await c.postForm('/fi/work/search/phrases', { concept: 'sleep', lang: 'fi', phrase: 'forged' }, { csrf: false }))
        .statusCode,
    ).toBe(403);
    expect((await d.db.selectFrom('search_need_phrase').select('phrase').execute()).map((p) => p.phrase)).toEqual([
      'kakaravaiva',
    ]);
    expect((await editor.get('/fi/work')).body).not.toContain('href="/fi/work/search"');

    const removed = await c.postForm(`/fi/work/search/phrases/${row.id}/delete`, {});
    expect(removed.statusCode).toBe(303);
    expect(await d.db.selectFrom('search_need_phrase').selectAll().execute()).toEqual([]);
    const removal = await d.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(removal.map((x) => x.action)).toContain('search.need_phrase.remove');
    expect((await searchServices(d.db, { q: 'kakaravaiva', lang: 'fi', facets: false })).concepts).toEqual([]);
  });
});
