import { describe, expect, it } from 'vitest';
import { compoundHeads, gradationVariants, queryVariants, swedishBaseForms, tokenize } from './text.js';

describe('search text', () => {
  it('tokenizes letters and digits, lowercases, drops stop words', () => {
    expect(tokenize('Neuvola ja PERHEKAHVILA, Hanko!')).toEqual(['neuvola', 'perhekahvila', 'hanko']);
    expect(tokenize('stöd för familjer i Ingå')).toEqual(['stöd', 'familjer', 'ingå']);
  });

  it.each([
    ['päiväkodit', 'päiväkotit'],
    ['päiväkoti', 'päiväkodi'],
    ['vanhemmat', 'vanhempat'],
    ['avun', 'apun'],
    ['kotikäynnit', 'kotikäyntit'],
  ])('gives %s its other consonant grade (%s)', (word, variant) => {
    expect(gradationVariants(word)).toContain(variant);
  });

  it('gives Swedish base forms of definite and plural forms', () => {
    expect(swedishBaseForms('skolan')).toContain('skola');
    expect(swedishBaseForms('daghemmet')).toContain('daghem');
    expect(swedishBaseForms('kuratorn')).toContain('kurator');
  });

  it('brings irregular Finnish forms together', () => {
    expect(queryVariants('lasten')).toContain('lapsi');
    expect(queryVariants('nuorten')).toContain('nuori');
  });

  it('finds the heads of compounds, not their first part', () => {
    expect(compoundHeads('lastenneuvolassa')).toEqual(['neuvola']);
    expect(compoundHeads('barnrådgivningen')).toContain('rådgivning');
    expect(compoundHeads('familjecaféet')).toContain('café');
    expect(compoundHeads('neuvola')).toEqual([]);
  });
});
