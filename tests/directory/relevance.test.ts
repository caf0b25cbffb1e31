/**
 * The relevance test set: what residents type, in Finnish, Swedish and English, and the service that must come
 * first, on the real demo data. A change to search that breaks one of these has made search worse for someone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

const CASES: [query: string, municipality: string | null, firstKey: string][] = [
  ['neuvola', '018', 'askola-neuvola'],
  ['neuvolaan', '149', 'inkoo-modra-och-barnradgivning'],
  ['barnrådgivningen', '710', 'raasepori-barnradgivning'],
  ['rådgivningen', '753', 'sipoo-neuvola'],
  ['child health clinic', '444', 'lohja-neuvolat'],
  ['lapsiperheiden kotipalvelu', '018', 'askola-lapsiperheiden-kotipalvelu'],
  ['päiväkodit', '018', 'askola-varhaiskasvatus'],
  ['perhekahvila', '149', 'inkoo-mll-perhekahvila'],
  ['familjecafé folkhälsan', '149', 'inkoo-folkhalsan-familjecafe'],
  ['speech therapy', '018', 'askola-puheterapia'],
  ['VATU', null, 'askola-vatu'],
  ['varhaisen tuen tiimi', null, 'askola-vatu'],
  ['team för tidigt stöd', null, 'askola-vatu'],
  ['skilsmässa', '710', 'raasepori-stod-vid-skilsmassa'],
  ['De otroliga åren', '710', 'raasepori-de-otroliga-aren'],
  ['kuraattori', '078', 'hanko-kuraattori'],
  ['skolkurator', '710', 'raasepori-skolkurator'],
  ['mielenterveyden ensiapu', null, 'hanko-mielenterveyden-ensiapu'],
  ['nuorisovaltuusto', null, 'hanko-nuorisovaltuusto'],
  ['palvelutori', null, 'siuntio-palvelutori'],
  ['familjerådgivning', '434', 'loviisa-perheneuvola'],
  ['uppsökande ungdomsarbete', '434', 'loviisa-etsiva-nuorisotyo'],
  ['etsivä nuorisotyö', '858', 'tuusula-etsiva-nuorisotyo'],
  ['barnombudsman', null, 'raasepori-barnombudsman'],
  ['nevola', '018', 'askola-neuvola'], // typo
];

describe.each(testDatabases())('search relevance on the demo data (%s)', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    await loadDemoData(d.db);
  });
  afterAll(async () => d?.dispose());

  it.each(CASES)('"%s" in %s → %s first', async (q, municipality, key) => {
    const r = await searchServices(d.db, {
      q,
      lang: 'fi',
      municipality: municipality ? [municipality] : undefined,
      perPage: 3,
      facets: false,
    });
    expect(r.hits[0]?.id).toBe(idFromKey('service', key));
  });

  it('finds at least one service in Swedish for the common needs of every bilingual municipality', async () => {
    for (const code of ['078', '149', '407', '434', '444', '504', '638', '710', '753', '755']) {
      for (const q of ['rådgivning', 'familj']) {
        const r = await searchServices(d.db, { q, lang: 'sv', municipality: [code], language: ['sv'], facets: false });
        expect(r.total, `${q} in ${code}`).toBeGreaterThan(0);
      }
    }
  });
});
