import { describe, expect, it } from 'vitest';
import { analyzeQuery, compilePhrase, defaultVocabulary, nearConcepts, NEED_CONCEPTS, phraseCounts } from './needs.js';
import { minimumMatch } from './searchServices.js';
import { storableQuery, weekOf } from './queryStats.js';
import { postalArea } from './postalAreas.js';
import { LIFE_SITUATIONS } from '../vocabulary.js';

const read = (q: string) => analyzeQuery(q, defaultVocabulary());

describe('the need vocabulary', () => {
  it('ships hundreds of phrasings in every language, each concept mapped to life situations and service words', () => {
    const counts = phraseCounts();
    for (const l of ['fi', 'sv', 'en'] as const) expect(counts[l]).toBeGreaterThan(500);
    for (const c of NEED_CONCEPTS) {
      expect(c.lifeSituations.length, c.id).toBeGreaterThan(0);
      for (const l of c.lifeSituations) expect(LIFE_SITUATIONS).toContain(l);
      expect(c.nameWords.length, c.id).toBeGreaterThan(0);
      for (const l of ['fi', 'sv', 'en'] as const) {
        expect(c.label[l], `${c.id} ${l}`).toBeTruthy();
        expect(c.phrases[l].length, `${c.id} ${l}`).toBeGreaterThan(5);
        for (const p of c.phrases[l]) expect(compilePhrase(c.id, p), `${c.id}: ${p}`).not.toBeNull();
      }
    }
  });

  it('finds phrases as whole words, longest first, with * for any ending', () => {
    expect(read('lapsella raivokohtauksia').concepts.map((c) => c.id)).toEqual(['tantrums']);
    expect(read('vauva ei nuku').concepts.map((c) => c.id)).toEqual(['baby_care', 'sleep']);
    expect(read("my baby won't sleep").concepts.map((c) => c.id)).toEqual(['baby_care', 'sleep']);
    expect(read('barnet blir mobbat i skolan').concepts.map((c) => c.id)).toEqual(['bullying']);
    // "uni" is sleep only as a word of its own, not inside "university"
    expect(read('university').concepts).toEqual([]);
  });

  it('drops question forms and filler, and generic family words when something more telling remains', () => {
    expect(read('mistä saa apua kun lapsi raivoaa')).toMatchObject({ words: [], concepts: [{ id: 'tantrums' }] });
    // "daghem" is the services' own word: searched as typed, not widened to childcare.
    expect(read('var får man hjälp med daghem')).toEqual({
      words: ['daghem'],
      concepts: [],
      ignored: ['var', 'får', 'man', 'hjälp', 'med'],
    });
    expect(read('var får man hjälp med dagis').concepts.map((c) => c.id)).toEqual(['childcare']);
    expect(read('var får man hjälp med logoped').words).toEqual(['logoped']);
    expect(read('where can I get help with speech').concepts.map((c) => c.id)).toEqual(['development_speech']);
    expect(read('lapsi neuvola').words).toEqual(['neuvola']);
    // Only filler typed: searched as typed rather than nothing.
    expect(read('apua').words).toEqual(['apua']);
  });

  it('suggests concepts near a misspelt word', () => {
    expect(nearConcepts(['kiusamista'])).toContain('bullying');
    expect(nearConcepts(['skilsmäsa'])).toContain('separation');
  });

  it('requires most of the parts: all of one or two, two of three, three of four', () => {
    expect([1, 2, 3, 4, 5, 6].map(minimumMatch)).toEqual([1, 2, 2, 3, 4, 4]);
  });
});

describe('search statistics without personal data', () => {
  it('stores the query without digits, e-mail addresses or punctuation, and the week as its Monday', () => {
    expect(storableQuery('Soita 040 123 4567 matti@example.fi  Uhmaikä!')).toBe('soita uhmaikä');
    expect(storableQuery('131052-308T')).toBe('');
    expect(storableQuery("child's tantrums?")).toBe("child's tantrums");
    expect(weekOf(new Date('2026-12-06T10:00:00Z'))).toBe('2026-11-30'); // a Sunday
    expect(weekOf(new Date('2026-11-30T00:30:00Z'))).toBe('2026-11-30'); // Monday 02:30 in Helsinki
  });
});

describe('postal code areas of the region', () => {
  it('resolves every postal code of the region to its area and municipality', () => {
    expect(postalArea('07590')).toMatchObject({ municipalityCode: '018', name: { fi: 'Askola' } });
    expect(postalArea('10900')).toMatchObject({ municipalityCode: '078', name: { fi: 'Hanko', sv: 'Hangö' } });
    expect(postalArea('00100')).toBeNull(); // Helsinki is not in the region's directory
  });
});
