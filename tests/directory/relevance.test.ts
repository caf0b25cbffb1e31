/**
 * The relevance test set: what residents type, in Finnish, Swedish and English, and the service that must come
 * first, on the real demo data. A change to search that breaks one of these has made search worse for someone.
 */
import { describe, expect, it } from 'vitest';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import type { Lang } from '../../src/core/shared/lang.js';
import { testDatabases, useTestDatabase } from '../support/databases.js';

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

/**
 * Everyday phrasings: what a parent types about their situation, in their own words, and the services that fit
 * (any of them in the first five results is a pass). Each language has its own, written as people write.
 */
const EVERYDAY: [query: string, municipality: string, lang: Lang, fitting: string[]][] = [
  // fi
  [
    'mistä saa apua kun lapsi raivoaa',
    '018',
    'fi',
    ['ita-uusimaa-ihmeelliset-vuodet', 'askola-perheohjaus', 'porvoo-perheneuvola'],
  ],
  [
    'lapsella raivokohtauksia',
    '149',
    'fi',
    ['raasepori-familjeradgivning', 'lohja-kasvatus-ja-perheneuvonta', 'inkoo-familjearbete'],
  ],
  [
    'uhmaikäinen ei tottele',
    '753',
    'fi',
    ['ita-uusimaa-ihmeelliset-vuodet', 'sipoo-perheneuvola', 'ita-uusimaa-perhetyo'],
  ],
  ['vauva ei nuku', '444', 'fi', ['lohja-neuvolat', 'lohja-kotipalvelu']],
  ['olen ihan loppu en jaksa enää', '018', 'fi', ['askola-lapsiperheiden-kotipalvelu', 'askola-perheohjaus']],
  ['lasta kiusataan koulussa', '078', 'fi', ['hanko-kuraattori']],
  ['ei halua kouluun', '710', 'fi', ['raasepori-skolkurator', 'raasepori-skolpsykolog']],
  ['mies lyö minua', '710', 'fi', ['lansi-uusimaa-sosiaali-ja-kriisipaivystys']],
  ['väkivaltaa kotona', '018', 'fi', ['ita-uusimaa-sosiaalipaivystys']],
  [
    'erotilanteessa lasten kanssa',
    '078',
    'fi',
    ['raasepori-stod-vid-skilsmassa', 'lansi-uusimaa-bvf-natgrupp-separerade'],
  ],
  ['rahat loppu', '018', 'fi', ['askola-diakonia', 'askola-lapsiperheiden-sosiaalityo']],
  ['nuori polttaa pilveä', '434', 'fi', ['ita-uusimaa-nuorisoasema']],
  [
    'isä juo liikaa',
    '018',
    'fi',
    ['askola-lapsiperheiden-sosiaalityo', 'ita-uusimaa-nuorisoasema', 'askola-psykiatrinen-sairaanhoitaja'],
  ],
  ['pelkään synnytystä', '444', 'fi', ['lohja-perhevalmennus', 'lohja-neuvolat']],
  ['olen raskaana', '018', 'fi', ['askola-neuvola']],
  ['lapsi ei puhu vielä', '018', 'fi', ['askola-puheterapia']],
  ['änkyttää', '018', 'fi', ['askola-puheterapia']],
  ['muutimme suomeen', '444', 'fi', ['lohja-perhekeskus-kohtaamispaikka', 'lohja-mll-perhekahvila']],
  ['yksinäinen äiti vauvan kanssa', '638', 'fi', ['porvoo-mll-perhekahvila', 'porvoo-seurakunta-perhekerhot']],
  ['tarvitsen päiväkotipaikan', '018', 'fi', ['askola-varhaiskasvatus']],
  ['teini ei puhu minulle', '434', 'fi', ['loviisa-etsiva-nuorisotyo', 'loviisa-perheneuvola', 'ita-uusimaa-perhetyo']],
  [
    'ahdistunut nuori',
    '018',
    'fi',
    ['ita-uusimaa-nuorisoasema', 'askola-psykiatrinen-sairaanhoitaja', 'askola-koulupsykologi'],
  ],
  // sv
  [
    'var får man hjälp när barnet får utbrott',
    '710',
    'sv',
    ['raasepori-de-otroliga-aren', 'raasepori-familjeradgivning', 'raasepori-familjearbete'],
  ],
  ['mitt barn sover inte', '710', 'sv', ['raasepori-barnradgivning']],
  [
    'jag orkar inte mer',
    '710',
    'sv',
    ['raasepori-hemservice-barnfamiljer', 'raasepori-familjearbete', 'raasepori-mll-barnvakt'],
  ],
  ['barnet blir mobbat i skolan', '149', 'sv', ['inkoo-skolkurator']],
  ['vill inte gå till skolan', '638', 'sv', ['porvoo-skolkurator', 'porvoo-koulukuraattori']],
  ['våld i hemmet', '710', 'sv', ['lansi-uusimaa-sosiaali-ja-kriisipaivystys']],
  ['vi ska skiljas', '710', 'sv', ['raasepori-stod-vid-skilsmassa', 'raasepori-familjeradgivning']],
  [
    'min man dricker för mycket',
    '710',
    'sv',
    ['lansi-uusimaa-sosiaali-ja-kriisipaivystys', 'raasepori-familjeradgivning'],
  ],
  ['jag är gravid', '710', 'sv', ['raasepori-modraradgivning']],
  ['barnet pratar inte', '710', 'sv', ['lansi-uusimaa-puheterapia']],
  ['flyttat till finland', '444', 'sv', ['lohja-perhekeskus-kohtaamispaikka']],
  ['träffa andra föräldrar', '149', 'sv', ['inkoo-folkhalsan-familjecafe', 'inkoo-forsamling-familjeklubb']],
  // en
  [
    "where can I get help with my child's tantrums",
    '018',
    'en',
    ['ita-uusimaa-ihmeelliset-vuodet', 'askola-perheohjaus'],
  ],
  ["my baby won't sleep", '444', 'en', ['lohja-neuvolat']],
  ["I can't cope anymore", '018', 'en', ['askola-perheohjaus', 'askola-lapsiperheiden-kotipalvelu']],
  ['my son is being bullied at school', '078', 'en', ['hanko-kuraattori']],
  ['refuses to go to school', '444', 'en', ['lohja-kuraattori', 'lohja-koulupsykologi']],
  ['domestic violence', '710', 'en', ['lansi-uusimaa-sosiaali-ja-kriisipaivystys']],
  ['we are getting divorced', '078', 'en', ['lansi-uusimaa-bvf-natgrupp-separerade', 'raasepori-stod-vid-skilsmassa']],
  ['money problems', '018', 'en', ['askola-diakonia', 'askola-lapsiperheiden-sosiaalityo']],
  ['my teenager drinks alcohol', '434', 'en', ['ita-uusimaa-nuorisoasema']],
  ["I'm pregnant", '444', 'en', ['lohja-neuvolat', 'lohja-perhevalmennus']],
  ['speech delay', '018', 'en', ['askola-puheterapia']],
  ['just moved to finland', '444', 'en', ['lohja-perhekeskus-kohtaamispaikka', 'lohja-mll-perhekahvila']],
  ['lonely mum looking for other parents', '638', 'en', ['porvoo-mll-perhekahvila', 'porvoo-familjecafe-folkhalsan']],
  ['daycare place', '018', 'en', ['askola-varhaiskasvatus']],
  ['anxious teenager', '078', 'en', ['hanko-koulupsykologi', 'hanko-kuraattori']],
];

describe.each(testDatabases())('search relevance on the demo data (%s)', (kind) => {
  const d = useTestDatabase(kind, { demo: true });

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

  it.each(EVERYDAY)(
    'everyday: "%s" in %s (%s) finds a fitting service in the first five',
    async (q, m, lang, fitting) => {
      const r = await searchServices(d.db, { q, lang, municipality: [m], perPage: 5, facets: false });
      const firstFive = r.hits.map((h) => h.id);
      expect(
        fitting.some((key) => firstFive.includes(idFromKey('service', key))),
        `${q}: ${fitting.join(', ')}`,
      ).toBe(true);
    },
  );

  it('finds at least one service in Swedish for the common needs of every bilingual municipality', async () => {
    for (const code of ['078', '149', '407', '434', '444', '504', '638', '710', '753', '755']) {
      for (const q of ['rådgivning', 'familj']) {
        const r = await searchServices(d.db, { q, lang: 'sv', municipality: [code], language: ['sv'], facets: false });
        expect(r.total, `${q} in ${code}`).toBeGreaterThan(0);
      }
    }
  });
});
