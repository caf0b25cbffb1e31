import { describe, expect, it } from 'vitest';
import { matchItems, matchKey, similarity } from './matching.js';
import { adoptedFromCode, contentHash, municipalityCodeOf, planKey } from './importPlan.js';
import { guessArea, statusFromImport } from './vocabulary.js';
import { diffItems, diffText } from './versions.js';

describe('finding the same item in the next version', () => {
  it('normalises wording: case, punctuation and spaces do not matter', () => {
    expect(matchKey('Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.')).toBe(
      matchKey('ihmeelliset vuodet De otroliga åren perheryhmät  jatkavat toimintaansa'),
    );
    expect(similarity('a b c', 'a b c')).toBe(1);
  });
  it('pairs exact wordings first, then reworded items of the same group above the threshold', () => {
    const existing = [
      { matchKey: matchKey('Lapsiperheiden palvelukartta valmis.'), group: 2019 },
      { matchKey: matchKey('Monitoimijaisuuden edelleen kehittäminen.'), group: 2019 },
      { matchKey: matchKey('Lapsiasiamiestoiminta vakiintunut.'), group: 2022 },
    ];
    const incoming = [
      { matchKey: matchKey('Monitoimijaisuuden edelleen kehittäminen.'), group: 2019 },
      { matchKey: matchKey('Lapsiperheiden palvelukartta on valmis.'), group: 2019 },
      { matchKey: matchKey('Lapsiasiamiestoiminta vakiintunut.'), group: 2025 }, // another year: a new milestone
      { matchKey: matchKey('Jotain aivan muuta.'), group: 2019 },
    ];
    expect(matchItems(existing, incoming)).toEqual([1, 0, -1, -1]);
  });
});

describe('reading a plan for storing', () => {
  it('maps the parser’s reading to a starting status and guesses an area from the words', () => {
    expect(
      ['permanent', 'continuing', 'not_done', 'one_off', 'unknown'].map((s) => statusFromImport(s as never)),
    ).toEqual(['permanent', 'trial', 'idea', 'stopped', 'trial']);
    expect(guessArea('Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö.')).toBe('school_wellbeing');
    expect(guessArea('Stödgrupp för barn som upplevt skillsmässa')).toBe('family_centre');
    expect(guessArea('Lapsivaikutusten arviointi päätöksenteossa')).toBe('culture_change');
    expect(guessArea('Systemisen toimintamallin käyttöönotto lastensuojelussa')).toBe('special_services');
    expect(guessArea('Laaja yhteistyö jatketaan.')).toBeNull();
  });
  it('identifies a plan by its municipalities, in any order', () => {
    const plan = (codes: string[]) =>
      ({ kind: 'municipal_plan', municipalities: codes.map((code) => ({ code, name: code })) }) as never;
    expect(planKey(plan(['755', '149']))).toBe('plan:149+755');
    expect(planKey(plan(['149', '755', '149']))).toBe('plan:149+755');
    expect(() => planKey(plan([]))).toThrow();
    expect(() => planKey(plan(['999']))).toThrow();
  });
  it('finds a municipality by code or (inflected) name, and where an adopted experiment comes from', () => {
    expect(municipalityCodeOf('Inkoo')).toBe('149');
    expect(municipalityCodeOf('Sjundeå')).toBe('755');
    expect(municipalityCodeOf('078')).toBe('078');
    expect(municipalityCodeOf('Helsinki')).toBeNull();
    expect(adoptedFromCode('Lapsivaikutusten arviointi Hangon mallin mukaan', ['710'])).toBe('078');
    expect(adoptedFromCode('Raaseporin lapsiasiamiestoiminta', ['078'])).toBe('710');
    expect(adoptedFromCode('Seuraamme lähikuntien kokeiluja', ['018'])).toBeNull();
    expect(adoptedFromCode('Askolan VATU-tiimi', ['018'])).toBeNull(); // its own municipality is no source
  });
  it('hashes the text without caring about line ends or trailing spaces', () => {
    expect(contentHash('a  \r\nb\r\n\r\n')).toBe(contentHash('a\nb'));
    expect(contentHash('a\nb')).not.toBe(contentHash('a\nc'));
  });
});

describe('what changed between versions', () => {
  it('marks added and removed text, word by word within a rewritten line', () => {
    const d = diffText('Perhekeskus toimii.\nSama rivi.\n', 'Perhekeskus toimii hyvin.\nSama rivi.\nUusi rivi.\n');
    expect(d.filter((c) => c.kind === 'added').map((c) => c.value.trim())).toEqual(['hyvin', 'Uusi rivi.']);
    expect(d.filter((c) => c.kind === 'removed')).toEqual([]);
    expect(
      d
        .map((c) => c.value)
        .join('')
        .replace(/ +/g, ' '),
    ).toContain('Sama rivi.');
  });
  it('lists the plan items added and dropped', () => {
    const base = {
      kind: 'municipal_plan',
      municipalities: [],
      development_areas: [],
      introduction: [],
      sections: [],
      adopted_from_others: [],
      people: [],
      unplaced: [],
    } as const;
    const a = {
      ...base,
      experiments: [{ title: 'A', status: 'permanent', original: 'Kokeilu A jatkuu.' }],
      roadmap: [{ year: 2022, text: 'Tavoite' }],
    };
    const b = {
      ...base,
      experiments: [{ title: 'B', status: 'continuing', original: 'Kokeilu B alkaa.' }],
      roadmap: [{ year: 2022, text: 'Tavoite' }],
    };
    expect(diffItems(a as never, b as never)).toEqual([
      { kind: 'experiment', text: 'Kokeilu A jatkuu.', change: 'removed' },
      { kind: 'experiment', text: 'Kokeilu B alkaa.', change: 'added' },
    ]);
  });
});
