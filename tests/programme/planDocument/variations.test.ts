/**
 * Plans the parser has never seen: the variation fixtures (tests/fixtures/plans), rewrites of the seeds, and
 * small documents written here for one difference each.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotAPlanError, parsePlanDocument } from '../../../src/core/programme/planDocument/parsePlanDocument.js';
import type { ParsedPlan } from '../../../src/core/programme/planDocument/types.js';
import { missingLines, MUTATIONS } from './support.js';

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const plan = (text: string) => parsePlanDocument(text) as ParsedPlan;
const items = (p: ParsedPlan, n: number) => p.sections.find((s) => s.number === n)?.items;

/** What a plan says, leaving out how its headings were spelt (the introduction opens with one: compared in lower case). */
const meaning = (p: ParsedPlan) => ({
  municipalities: p.municipalities,
  date: p.date,
  areas: p.development_areas,
  introduction: p.introduction.map((t) => t.toLowerCase()),
  letterhead: p.letterhead,
  sections: p.sections.map((s) => [s.key, s.number, s.items]),
  experiments: p.experiments,
  adopted: p.adopted_from_others,
  roadmap: p.roadmap,
  years: p.roadmap_years,
  people: p.people,
  unplaced: p.unplaced,
});

describe('rewrites of the seed plans mean the same', () => {
  const seeds = ['raasepori-2018.txt', 'inkoo-siuntio-2018.txt', 'askola-2018.txt'];
  it.each(seeds.flatMap((name) => Object.keys(MUTATIONS).map((how) => ({ name, how }))))(
    '$name with $how',
    ({ name, how }) => {
      const text = read(`../../../src/demo/data/plans/${name}`);
      expect(meaning(plan(MUTATIONS[how]!(text)))).toEqual(meaning(plan(text)));
    },
  );
});

describe('variation: Porvoo & Sipoo (misspelt and capitalised headings, other bullets, three-year table, an unknown heading)', () => {
  const text = read('../../fixtures/plans/porvoo-sipoo-2019.txt');
  const p = plan(text);

  it('reads the second municipality pair (Finnish and Swedish names on one line) and both dates', () => {
    expect(p.municipalities).toEqual([
      { name: 'Porvoo', code: '638' },
      { name: 'Sipoo', code: '753' },
    ]);
    expect(p.date).toBe('2019-03-15');
    expect(p.signed).toEqual({ text: 'Suunnitelma hyväksytty 2.4.2019', date: '2019-04-02' });
    expect(p.development_areas).toEqual(['family_centre', 'culture_change']);
  });

  it('finds all six sections however they are written, and a wrapped paragraph is one', () => {
    expect(p.sections.map((s) => s.key)).toEqual([
      'local_after',
      'regional_link',
      'experiments',
      'adopted',
      'regional_after',
      'structural_changes',
    ]);
    expect(p.sections[0]!.heading).toBe('PAIKALLINEN KEHITTÄMISTYÖ MUUTOSOHJELMAN JÄLKEEN');
    expect(p.introduction).toEqual([
      'Paikalinen kehittämistyö muutosohjelman aikana',
      'Porvoossa ja Sipoossa on keskitytty perhekeskuksen kehittämiseen sekä lapsivaikutusten arviointiin.',
      'Yhteinen työryhmä on kokoontunut kuukausittain, ja sen työstä on raportoitu molempien kuntien lautakunnille säännöllisesti koko hankkeen ajan.',
    ]);
    expect(items(p, 1)).toEqual([
      'Perhekeskuksen palveluohjausta vahvistetaan.',
      'Lapsivaikutusten arviointi otetaan käyttöön lautakunnissa.',
    ]);
    expect(items(p, 2)).toEqual([]);
    expect(items(p, 5)).toEqual([]);
    expect(items(p, 6)).toEqual([
      'Perhekeskuksella on yhteinen johtoryhmä.',
      'Järjestöjen edustajat kutsutaan perhekeskuksen kokouksiin.',
    ]);
  });

  it('reads each experiment: the first on the heading line, "o" bullets, a Swedish name prefix', () => {
    expect(p.experiments.map((e) => [e.municipality, e.title, e.status])).toEqual([
      ['638', 'Perhekahvila Kompassi', 'permanent'],
      ['753', 'Isätoiminnan kokeilu', 'continuing'],
      ['753', 'Vauvaperheiden kotikäynnit', 'not_done'],
      ['638', 'Familjecaféet i Kvarnbacken', 'permanent'],
    ]);
    expect(p.experiments[2]!.original).toBe('Sipoo: Vauvaperheiden kotikäynnit – kokeilua ei ole vielä aloitettu.');
    expect(p.adopted_from_others).toEqual([
      'Otamme käyttöön Hangon mallin nuorisovaltuuston kanssa tehtävästä kouluterveyskyselyn tulosten käsittelystä.',
    ]);
  });

  it('a table of three years: cells under their years; a cell beyond the last column and the unknown heading are reported', () => {
    expect(p.roadmap_years).toEqual([2018, 2019, 2022]);
    expect(p.roadmap.map((c) => [c.year, c.text])).toEqual([
      [2018, 'Työryhmä perustettu'],
      [2019, 'Palveluohjaus vahvistettu'],
      [2022, 'Perhekeskus toimii molemmissa kunnissa'],
      [2019, 'Lapsivaikutusten arviointi lautakunnissa'],
      [2022, 'Arviointi vakiintunut'],
      [2018, 'Kotikäyntien kokeilu'],
    ]);
    expect(p.unplaced).toEqual([
      '7. Muut huomiot:',
      'Hankkeen loppuraportti julkaistaan kuntien verkkosivuilla.',
      'Vuoden 2025 tavoite puuttuu taulukosta',
    ]);
  });

  it('signatures on consecutive lines, with commas or dashes', () => {
    expect(p.people).toEqual([
      { name: 'Liisa Laine', title: 'perhekeskuskoordinaattori', municipality: 'Porvoo', municipality_code: '638' },
      { name: 'Kalle Korhonen', title: 'sosiaalijohtaja', municipality: 'Sipoo', municipality_code: '753' },
    ]);
    expect(missingLines(text, p)).toEqual([]);
  });
});

describe('variation: a plan in Swedish (Lovisa & Lappträsk)', () => {
  const p = plan(read('../../fixtures/plans/lovisa-lapptrask-2019-sv.txt'));

  it('reads the Swedish template', () => {
    expect(p.title).toBe('Tillsammans är vi mer – LAPE Nyland');
    expect(p.municipalities).toEqual([
      { name: 'Loviisa', code: '434' },
      { name: 'Lapinjärvi', code: '407' },
    ]);
    expect(p.date).toBe('2019-02-01');
    expect(p.sections.map((s) => [s.number, s.items.length])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 0],
      [5, 0],
      [6, 1],
    ]);
    expect(p.development_areas).toEqual(['family_centre', 'school_wellbeing', 'culture_change']);
    expect(p.experiments.map((e) => [e.municipality, e.title, e.status])).toEqual([
      ['434', 'Familjecaféet i Tessjö', 'permanent'],
    ]);
    expect(p.sections.find((s) => s.number === 3)!.notes).toEqual(['Lappträsk: Inga agila försök.']);
    expect(p.roadmap_heading).toBe('Sammanfattning');
    expect(p.roadmap).toEqual([
      { year: 2022, text: 'Elektronisk rådgivning i bruk', row: 0 },
      { year: 2030, text: 'Barnvänlig kommun', row: 0 },
    ]);
    expect(p.people).toEqual([
      {
        name: 'Maria Lindqvist',
        title: 'familjecentralskoordinator',
        municipality: 'Lovisa',
        municipality_code: '434',
      },
    ]);
    expect(p.unplaced).toEqual([]);
  });
});

describe('variations written for one difference each', () => {
  const base = (body: string) => `Lape Uusimaa Yhdessä olemme enemmän\n\n1.6.2019\n\nHANKO\n\n${body}`;

  it('a numbered list inside a section is items, not headings', () => {
    const list = [
      'Neuvola',
      'Perheohjaus',
      'Kotipalvelu',
      'Sosiaalityö',
      'Puheterapeutti',
      'Fysioterapeutti',
      'Psykologi',
      'Kuraattori',
    ].map((x, i) => `${i + 1}. ${x}`);
    const p = plan(
      base(
        `1. Paikallinen kehittämistyö muutosohjelman jälkeen:\n${list.join('\n')}\n\n3. Kokeilusta pysyväksi käytännöksi:\n- Nuorisovaltuusto käsitteli kouluterveyskyselyn tulokset, toiminta jatkuu.`,
      ),
    );
    expect(items(p, 1)).toEqual(list);
    expect(p.unplaced).toEqual([]);
    expect(p.municipalities).toEqual([{ name: 'Hanko', code: '078' }]);
    expect(p.experiments[0]).toMatchObject({
      status: 'permanent',
      title: 'Nuorisovaltuusto käsitteli kouluterveyskyselyn tulokset',
    });
  });

  it('sections out of order, a section twice, paragraphs without bullets', () => {
    const p = plan(
      base(
        '3. Kokeilusta pysyväksi käytännöksi:\nPerhekahvila jatkuu.\n\n1. Paikallinen kehittämistyö muutosohjelman jälkeen:\nYhteistyö jatkuu.\n\n3. Kokeilusta pysyväksi käytännöksi:\nVanhempainilta oli yksittäinen tapahtuma.',
      ),
    );
    expect(p.sections.map((s) => s.number)).toEqual([3, 1]);
    expect(items(p, 3)).toEqual(['Perhekahvila jatkuu.', 'Vanhempainilta oli yksittäinen tapahtuma.']);
    expect(p.experiments.map((e) => e.status)).toEqual(['permanent', 'one_off']);
    expect(p.unplaced).toEqual(['3. Kokeilusta pysyväksi käytännöksi:']);
  });

  it('signatures straight after the last section become people, not items', () => {
    const p = plan(
      base(
        '6. Muutosohjelman aikana syntyneet rakenteelliset muutokset:\n- Perhekeskuksella on oma esimies.\nAnna Aalto, perhekeskuksen johtaja, Hanko\nBengt Berg, rektor',
      ),
    );
    expect(items(p, 6)).toEqual(['Perhekeskuksella on oma esimies.']);
    expect(p.people).toEqual([
      { name: 'Anna Aalto', title: 'perhekeskuksen johtaja', municipality: 'Hanko', municipality_code: '078' },
      { name: 'Bengt Berg', title: 'rektor' },
    ]);
  });

  it('a roadmap written as a list of years; a label column of the table is reported', () => {
    const listed = plan(
      base(
        '1. Paikallinen kehittämistyö muutosohjelman jälkeen: -\n2. Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman aikana: -\n\nYhteenveto\n2019: Palvelukartta valmis\n2022 – Sähköinen neuvonta',
      ),
    );
    expect(listed.roadmap).toEqual([
      { year: 2019, text: 'Palvelukartta valmis' },
      { year: 2022, text: 'Sähköinen neuvonta' },
    ]);
    const labelled = plan(
      base(
        '1. Paikallinen kehittämistyö muutosohjelman jälkeen: -\n2. Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman aikana: -\n\nYhteenveto\n\n\t2019\t2022\nPeKe\tPerhekeskus auki\tVakiintunut',
      ),
    );
    expect(labelled.roadmap).toEqual([
      { year: 2019, text: 'Perhekeskus auki', row: 0, row_label: 'PeKe' },
      { year: 2022, text: 'Vakiintunut', row: 0, row_label: 'PeKe' },
    ]);
    expect(labelled.unplaced).toEqual([]);
    const named = plan(
      base(
        '1. Paikallinen kehittämistyö muutosohjelman jälkeen: -\n2. Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman aikana: -\n\nTeema\t2019\t2022\nToMu\t\tLapsivaikutusten arviointi\nVain otsikko',
      ),
    );
    expect(named.roadmap).toEqual([{ year: 2022, text: 'Lapsivaikutusten arviointi', row: 0, row_label: 'ToMu' }]);
    expect(named.unplaced).toEqual(['Teema', 'Vain otsikko']);
  });

  it('a table written with pipes', () => {
    const p = plan(
      base(
        '1. Paikallinen kehittämistyö muutosohjelman jälkeen: -\n2. Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman aikana: -\n\nYhteenveto\n\n| 2018 | 2019 | 2022 |\n|------|:-----|------|\n|  | Palvelukartta valmis | Sähköinen neuvonta |\n| Työryhmä | | |',
      ),
    );
    expect(p.roadmap).toEqual([
      { year: 2019, text: 'Palvelukartta valmis', row: 0 },
      { year: 2022, text: 'Sähköinen neuvonta', row: 0 },
      { year: 2018, text: 'Työryhmä', row: 1 },
    ]);
    expect(p.unplaced).toEqual([]);
  });

  it('a municipality named above its experiments', () => {
    const p = plan(
      base(
        '3. Kokeilusta pysyväksi käytännöksi:\nInkoo:\n- Perhekahvila jatkuu.\n- Isäilta oli yksittäinen tapahtuma.\nSjundeå\n- Digitaalinen palvelutori vakiintui.\n\n6. Muutosohjelman aikana syntyneet rakenteelliset muutokset: -',
      ),
    );
    expect(p.experiments.map((e) => [e.municipality, e.title, e.status])).toEqual([
      ['149', 'Perhekahvila', 'permanent'],
      ['149', 'Isäilta', 'one_off'],
      ['755', 'Digitaalinen palvelutori', 'permanent'],
    ]);
    expect(items(p, 3)).toHaveLength(5);
  });

  it('an update date in the header, no municipality line (the title names it), signatures before the table', () => {
    const p = plan(
      'Raaseporin LAPE-suunnitelma\n\nPäivitetty 5.5.2019\n\n1. Paikallinen kehittämistyö muutosohjelman jälkeen:\n- Palvelukartta.\n\n3. Kokeilusta pysyväksi käytännöksi:\n- Perheryhmät jatkuvat.\n\nSuunnitelma laadittu 6.5.2019\nAnna Aalto, johtaja\n\nYhteenveto\n2019\t2022\nKartta\tNeuvonta\n',
    );
    expect(p.title).toBe('Raaseporin LAPE-suunnitelma');
    expect(p.municipalities).toEqual([{ name: 'Raasepori', code: '710' }]);
    expect(p.date_text).toBe('Päivitetty 5.5.2019');
    expect(p.date).toBe('2019-05-05');
    expect(p.signed).toEqual({ text: 'Suunnitelma laadittu 6.5.2019', date: '2019-05-06' });
    expect(p.sections.map((s) => s.number)).toEqual([1, 3]);
    expect(p.people).toEqual([{ name: 'Anna Aalto', title: 'johtaja' }]);
    expect(p.roadmap).toEqual([
      { year: 2019, text: 'Kartta', row: 0 },
      { year: 2022, text: 'Neuvonta', row: 0 },
    ]);
    expect(p.unplaced).toEqual([]);
  });

  it('an empty section with nothing at all under it, and one on the heading line with "-"', () => {
    const p = plan(
      base(
        '4. Alueelle juurrutettavat kokeilut muista kunnista:\n5. Sidonnaisuudet maakunnalliseen kehittämistyöhön muutosohjelman päätyttyä: -\n6. Muutosohjelman aikana syntyneet rakenteelliset muutokset:\n-\n',
      ),
    );
    expect(p.sections.map((s) => [s.number, s.items])).toEqual([
      [4, []],
      [5, []],
      [6, []],
    ]);
    expect(p.adopted_from_others).toEqual([]);
  });

  it('text after the signatures that is nobody is reported', () => {
    const p = plan(
      base(
        '1. Paikallinen kehittämistyö muutosohjelman jälkeen: -\n3. Kokeilusta pysyväksi käytännöksi: -\n\nSuunnitelma laadittu 3.6.2019\n\nAnna Aalto, johtaja, Hanko\n\nLiite: kokousmuistiot.',
      ),
    );
    expect(p.date).toBe('2019-06-01');
    expect(p.signed?.date).toBe('2019-06-03');
    expect(p.people).toHaveLength(1);
    expect(p.unplaced).toEqual(['Liite: kokousmuistiot.']);
  });

  it('refuses what is not a plan', () => {
    expect(() => parsePlanDocument('')).toThrow(NotAPlanError);
    expect(() => parsePlanDocument('   \n\n')).toThrow(NotAPlanError);
    expect(() => parsePlanDocument('Kauppalista\n- maito\n- leipä')).toThrow(NotAPlanError);
    expect(() => parsePlanDocument('PK\u0003\u0004\u0000\u0000binary')).toThrow(NotAPlanError);
  });
});
