/** Finding the template's headings however they are written, and not finding them in paragraphs. */
import { describe, expect, it } from 'vitest';
import { editDistance, sameWord } from './fuzzy.js';
import { matchHeading, unknownNumberedHeading } from './headings.js';

describe('plan headings', () => {
  it('counts edits with transpositions', () => {
    expect(editDistance('käytännöksi', 'käytännöski')).toBe(1);
    expect(editDistance('kokeilusta', 'kokeilusta')).toBe(0);
    expect(sameWord('kehittamistyo', 'kehittamistyohon')).toBe(true);
    expect(sameWord('aikana', 'jalkeen')).toBe(false);
  });

  it.each([
    ['3. Kokeilusta pysyväksi käytännöksi:', 'experiments', ''],
    ['3) KOKEILUSTA PYSYVÄKSI KÄYTÄNNÖKSI', 'experiments', ''],
    [
      '3. Kokeilusta pysyväski käytännöksi: Perhekeskusverkosto oli ketterä kokeilu.',
      'experiments',
      'Perhekeskusverkosto oli ketterä kokeilu.',
    ],
    [
      '3 Kokeilusta pysyväksi käytännöksi Perhekeskusverkosto oli ketterä kokeilu',
      'experiments',
      'Perhekeskusverkosto oli ketterä kokeilu',
    ],
    ['Kokeilusta pysyvaksi kaytannoksi:', 'experiments', ''],
    ['5. Sidonnaisuudet maakunnalliseen kehittämistyöhön muutosohjelman päätyttyä: -', 'regional_after', '-'],
    ['2. Linkittyminen maakunnalliseen kehitämistyöhön muutosohjelman aikana', 'regional_link', ''],
    ['5. Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman päätyttyä', 'regional_after', ''],
    ['1. Paikallinen kehittämistyö muutosohjelman jälkeen:', 'local_after', ''],
    [
      'Paikallinen kehittämistyö muutosohjelman aikana: Raaseporissa on keskitytty',
      'introduction',
      'Raaseporissa on keskitytty',
    ],
    ['6. Muutosohjelman aikana syntyneet rakentelliset muutokset', 'structural_changes', ''],
    ['4. Alueelle juurrutettavat kokeilut muista kunnista:', 'adopted', ''],
    ['YHTEENVETO', 'roadmap', ''],
    ['3. Från försök till permanent praxis:', 'experiments', ''],
  ])('%s → %s', (line, key, rest) => {
    const h = matchHeading(line);
    expect(h?.key).toBe(key);
    expect(h?.rest).toBe(rest);
  });

  it('keeps the heading as written, without its number and colon', () => {
    expect(matchHeading('3. Kokeilusta pysyväksi käytännöksi: Perhekeskusverkosto')?.heading).toBe(
      'Kokeilusta pysyväksi käytännöksi',
    );
  });

  it.each([
    'Kokeilusta pysyväksi käytännöksi tuli vuonna 2018 perhekeskusverkosto.',
    '- Kokeilusta pysyväksi käytännöksi',
    'Yhteenvetona voidaan todeta, että yhteistyö on lisääntynyt.',
    'Paikallinen kehittämistyö jatkuu kunnassa.',
    '1. Neuvola',
    'Perhekeskus',
  ])('is not a heading: %s', (line) => {
    expect(matchHeading(line)).toBeNull();
  });

  it('sees a numbered heading of no known kind', () => {
    expect(unknownNumberedHeading('7. Muut huomiot:')).toEqual({ number: 7, heading: 'Muut huomiot', rest: '' });
    expect(unknownNumberedHeading('Muut huomiot:')).toBeNull();
  });
});
