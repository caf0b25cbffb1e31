import { describe, expect, it } from 'vitest';
import { LANGS } from '../../src/core/shared/lang.js';
import { i18nFor, RESOURCES } from '../../src/i18n/index.js';
import { formatDate, formatDateTime, formatDistance, sortedMunicipalities } from '../../src/web/format.js';
import { rememberingT } from '../../src/web/useTranslation.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { useFixtureApp } from '../support/app.js';

const id = (key: string) => idFromKey('service', key);

// Pages render the same core as the API; one database is enough here (the API suite runs on both).
describe('public pages (server-rendered, no JavaScript needed)', () => {
  const { get } = useFixtureApp('pglite');

  it("sends / to the reader's language", async () => {
    expect((await get('/', { 'accept-language': 'sv-FI,sv;q=0.9,fi;q=0.5' })).headers.location).toBe('/sv/');
    expect((await get('/', { 'accept-language': 'de' })).headers.location).toBe('/fi/');
    expect((await get('/')).headers.location).toBe('/fi/');
  });

  it.each(['fi', 'sv', 'en'])(
    'renders the front page in %s with lang, hreflang and a language switch that keeps the page',
    async (lang) => {
      const r = await get(`/${lang}/`);
      expect(r.statusCode).toBe(200);
      expect(r.body).toMatch(new RegExp(`<html lang="${lang}"`));
      for (const l of ['fi', 'sv', 'en']) expect(r.body).toContain(`hrefLang="${l}" href="http://yhdessa.test/${l}/"`);
      const s = await get(`/${lang}/search?q=neuvola&municipality=018`);
      for (const l of ['fi', 'sv', 'en'].filter((x) => x !== lang))
        expect(s.body).toContain(`href="/${l}/search?q=neuvola&amp;municipality=018"`);
    },
  );

  it('searches without JavaScript: results, counts and facet counts are in the HTML', async () => {
    const r = await get('/sv/search?q=barnr%C3%A5dgivningen');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Barnrådgivning');
    expect(r.body).toMatch(/<h2 id="result-count"[^>]*>\d+ tjänst/);
    // The result links through the click counter (what was searched and never opened is counted, nothing personal).
    expect(r.body).toContain(`href="/sv/search/go/${id('t-lastenneuvola')}?q=barnr%C3%A5dgivningen"`);
    expect(r.body).toMatch(/data-facet="municipality:018">\(\d+\)/);
  });

  it('keeps the chosen filters checked and lists municipalities in Swedish for Swedish readers', async () => {
    const r = await get('/sv/search?municipality=149&language=sv');
    expect(r.body).toMatch(/id="municipality-149"[^>]*checked=""/);
    expect(r.body).toContain('Ingå');
    expect(r.body).toContain('Familjecaféet i Ingå');
    expect(r.body).not.toContain('Perhekahvila Inkoo');
  });

  it('shows a bad age as a form error, keeping what was typed', async () => {
    const r = await get('/fi/search?q=neuvola&age=kolme');
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('class="error-summary"');
    expect(r.body).toContain('Kirjoita ikä numerona');
    expect(r.body).toContain('value="kolme"');
    expect(r.body).toContain('value="neuvola"');
  });

  it('shows the age error beside the field too, marked invalid', async () => {
    const r = await get('/fi/search?age=kolme');
    expect(r.body).toMatch(/<p class="error-message" id="age-error">/);
    expect(r.body).toMatch(/aria-describedby="age-hint age-error" aria-invalid="true"/);
  });

  it('lists the chosen filters as links that remove them', async () => {
    const r = await get('/fi/search?q=kerho&municipality=710&life_situation=leisure');
    expect(r.body).toContain('class="active-filters"');
    // Removing a municipality searches everywhere this time, even with "my municipality" chosen (mine=0).
    expect(r.body).toContain('href="/fi/search?q=kerho&amp;life_situation=leisure&amp;mine=0" class="chip">Raasepori');
    expect(r.body).toContain('href="/fi/search?q=kerho&amp;municipality=710" class="chip">Vapaa-aika ja harrastukset');
  });

  it('offers a way back to the results the reader came from', async () => {
    const url = `/fi/services/${id('t-lastenneuvola')}`;
    const r = await get(url, {
      referer: 'http://localhost:3000/fi/search?q=neuvola&municipality=018',
      host: 'localhost:3000',
    });
    expect(r.body).toContain('href="/fi/search?q=neuvola&amp;municipality=018">← Takaisin hakutuloksiin');
    const foreign = await get(url, { referer: 'https://elsewhere.example/fi/search?q=x', host: 'localhost:3000' });
    expect(foreign.body).not.toContain('Takaisin hakutuloksiin');
    expect((await get(url)).body).not.toContain('Takaisin hakutuloksiin');
  });

  it('searches within one organisation', async () => {
    const org = idFromKey('organization', 't-parish');
    const r = await get(`/fi/search?organization=${org}`);
    expect(r.body).toMatch(/<h2 id="result-count">5 palvelua<\/h2>/);
    expect(r.body).toContain('Testin seurakunta');
  });

  it('ignores unknown parameters on pages (links from elsewhere carry them)', async () => {
    expect((await get('/fi/search?utm_source=x&q=neuvola')).statusCode).toBe(200);
  });

  it('tells when a typo was corrected', async () => {
    const r = await get('/fi/search?q=lastenevola');
    expect(r.body).toContain('Näytetään tulokset haulle ”lastenneuvola”');
  });

  it('renders a service page with places, hours and review date', async () => {
    const r = await get(`/fi/services/${id('t-lastenneuvola')}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<h1>Lastenneuvola</h1>');
    expect(r.body).toContain('Kirkkotie 8');
    expect(r.body).toContain('ma–pe 8.00–16.00');
    expect(r.body).toContain('Tiedot tarkistettu 1.9.2026.');
  });

  it("marks text shown in another language than the reader's", async () => {
    const r = await get(`/fi/services/${id('t-familjecafe-inga')}`);
    expect(r.body).toMatch(
      /<span lang="sv">Familjecaféet i Ingå<\/span> <span class="fallback-note">\(vain ruotsiksi\)<\/span>/,
    );
  });

  it('flags a description not reviewed for a year', async () => {
    const r = await get(`/en/services/${id('t-perhetyo')}`);
    expect(r.body).toContain('may be out of date');
  });

  it('renders an organisation page with its services', async () => {
    const r = await get(`/fi/organizations/${idFromKey('organization', 't-mll-inkoo')}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Perhekahvila Inkoo');
  });

  it('renders the accessibility statement in each language', async () => {
    expect((await get('/sv/accessibility')).body).toContain('Tillgänglighetsutlåtande');
    expect((await get('/fi/accessibility')).body).toContain('Saavutettavuusseloste');
  });

  it("answers 404 pages in the reader's language", async () => {
    const r = await get(`/sv/services/${id('missing')}`);
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('Tjänsten hittades inte');
    expect((await get('/de/')).statusCode).toBe(404);
  });
});

// The pages' `t` answers plain keys from memory and the formatters are made once (issue 13): the same text as before.
describe("the pages' translations and formats", () => {
  it('translates every key, with and without options, as i18next does, twice over', () => {
    for (const lang of LANGS) {
      const i18n = i18nFor(lang);
      const t = rememberingT(i18n);
      for (let round = 0; round < 2; round++)
        for (const key of Object.keys(RESOURCES[lang])) expect(t(key)).toBe(i18n.t(key));
      for (const count of [0, 1, 7]) expect(t('front.lead', { count })).toBe(i18n.t('front.lead', { count }));
      expect(t('service.age_between', { min: 2, max: 6 })).toBe(i18n.t('service.age_between', { min: 2, max: 6 }));
      expect(t('no.such.key')).toBe('no.such.key');
      // Every string with placeholders, and every plural, with options (remembered after the first call).
      const strings = RESOURCES[lang];
      const plurals = new Set(
        Object.keys(strings).flatMap((k) => (/_(one|other|zero)$/.test(k) ? [k.replace(/_\w+$/, '')] : [])),
      );
      for (let round = 0; round < 2; round++) {
        for (const [key, text] of Object.entries(strings)) {
          const names = [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]!);
          if (!names.length) continue;
          const opts = Object.fromEntries(names.map((n, i) => [n, n === 'count' ? i + 2 : `v${i}-${round}`]));
          expect(t(key, opts)).toBe(i18n.t(key, opts));
        }
        for (const key of plurals)
          for (const count of [0, 1, 2, 1000]) expect(t(key, { count })).toBe(i18n.t(key, { count }));
      }
      expect(t('front.lead', { count: NaN })).toBe(i18n.t('front.lead', { count: NaN }));
    }
    expect(rememberingT(i18nFor('fi'))('front.lead', { count: 7 })).toMatch(/^7 palvelua/);
  });

  it('formats dates, times and distances per language, the same on every call', () => {
    for (let round = 0; round < 2; round++) {
      expect(formatDate('2026-03-05', 'fi')).toBe('5.3.2026');
      expect(formatDate('2026-03-05', 'en')).toBe('5 March 2026');
      expect(formatDate('2026-03-05', 'sv')).toBe(
        new Intl.DateTimeFormat('sv-FI').format(new Date('2026-03-05T12:00:00Z')),
      );
      expect(formatDateTime('2026-11-23T12:05:00Z', 'fi')).toBe(
        new Intl.DateTimeFormat('fi-FI', {
          dateStyle: 'short',
          timeStyle: 'short',
          timeZone: 'Europe/Helsinki',
        }).format(new Date('2026-11-23T12:05:00Z')),
      );
      expect(formatDistance(3.26, 'fi')).toBe('3,3 km');
      expect(formatDistance(12.6, 'en')).toBe('13 km');
      expect(formatDistance(null, 'en')).toBeNull();
    }
    const sv = sortedMunicipalities('sv').map((m) => m.code);
    expect(sortedMunicipalities('sv').map((m) => m.code)).toEqual(sv);
  });
});
