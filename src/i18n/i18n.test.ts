import { describe, expect, it } from 'vitest';
import { negotiateLang, RESOURCES, tFor } from './index.js';

describe('translations', () => {
  it('have the same keys in Finnish, Swedish and English, none empty', () => {
    const fi = Object.keys(RESOURCES.fi).sort();
    expect(Object.keys(RESOURCES.sv).sort()).toEqual(fi);
    expect(Object.keys(RESOURCES.en).sort()).toEqual(fi);
    for (const lang of ['fi', 'sv', 'en'] as const)
      for (const [k, v] of Object.entries(RESOURCES[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe('');
  });

  it('use the same placeholders in every language', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(RESOURCES.fi)) {
      expect(vars(RESOURCES.sv[k]!), k).toEqual(vars(RESOURCES.fi[k]!));
      expect(vars(RESOURCES.en[k]!), k).toEqual(vars(RESOURCES.fi[k]!));
    }
  });

  it('pluralise', () => {
    expect(tFor('fi')('search.result_count', { count: 1 })).toBe('1 palvelu');
    expect(tFor('sv')('search.result_count', { count: 5 })).toBe('5 tjänster');
  });

  it.each([
    ['sv-FI,sv;q=0.9,fi;q=0.8', 'sv'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5', 'en'],
    ['de-DE', 'fi'],
    ['fi;q=0.2,sv;q=0.8', 'sv'],
    ['', 'fi'],
  ])('picks a language for Accept-Language "%s"', (header, lang) => {
    expect(negotiateLang(header)).toBe(lang);
  });
});
