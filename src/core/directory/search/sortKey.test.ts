import { describe, expect, it } from 'vitest';
import { compareNames, sortKey } from './sortKey.js';

const names = [
  'Öljyvärikerho',
  'Zeta',
  'Åbo-kerho',
  'Ärrä',
  'Wilma',
  'Vanha',
  'aapo',
  'Äiti ja vauva',
  'Vera',
  'Ål',
  'Ö',
  'Perhe 2',
  'Perhe 10',
  'Émile',
  'Ungdomsgården',
  'Übung',
];
const byKey = (lang: 'fi' | 'sv' | 'en') =>
  [...names].sort((a, b) => (sortKey(a, lang) < sortKey(b, lang) ? -1 : sortKey(a, lang) > sortKey(b, lang) ? 1 : 0));

describe('alphabet-correct sort keys', () => {
  it.each(['fi', 'sv', 'en'] as const)('order names as Intl.Collator does in %s', (lang) => {
    // Primary letter order must agree with the collator; ties are broken deterministically.
    const keyed = byKey(lang);
    const cmp = compareNames(lang);
    for (let i = 1; i < keyed.length; i++) expect(cmp(keyed[i - 1]!, keyed[i]!)).toBeLessThanOrEqual(0);
  });

  it('puts å, ä, ö after z in Finnish and Swedish but not in English', () => {
    const fi = byKey('fi');
    expect(fi.indexOf('Zeta')).toBeLessThan(fi.indexOf('Åbo-kerho'));
    expect(fi.indexOf('Ärrä')).toBeLessThan(fi.indexOf('Öljyvärikerho'));
    const en = byKey('en');
    expect(en.indexOf('Åbo-kerho')).toBeLessThan(en.indexOf('Vanha'));
  });
});
