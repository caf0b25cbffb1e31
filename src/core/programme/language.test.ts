import { describe, expect, it } from 'vitest';
import { textLanguage } from './language.js';

describe('textLanguage', () => {
  it('tells Finnish from Swedish plan text', () => {
    expect(textLanguage('Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.')).toBe('fi');
    expect(textLanguage('Stödgrupp för barn som upplevt skillsmässa- toiminta jatkuu.')).toBe('sv');
    expect(
      textLanguage(
        'Familjecentralens verksamhet har organiserats inom socialvården och samarbetet med skolan fortsätter.',
      ),
    ).toBe('sv');
    expect(textLanguage('Yhteistyö yhdistysten ja järjestöjen kanssa on vakiintunut.')).toBe('fi');
    expect(textLanguage('')).toBe('fi');
  });
});
