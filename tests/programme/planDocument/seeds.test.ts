/** The four seed documents (src/demo/data/plans, copies of shared/seeds), field by field. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanDocument } from '../../../src/core/programme/planDocument/parsePlanDocument.js';
import type { ParsedPlan, ParsedProgramme } from '../../../src/core/programme/planDocument/types.js';

const seed = (name: string) => readFileSync(new URL(`../../../src/demo/data/plans/${name}`, import.meta.url), 'utf8');
const plan = (name: string) => parsePlanDocument(seed(name)) as ParsedPlan;
const items = (p: ParsedPlan, n: number) => p.sections.find((s) => s.number === n)?.items;

describe('seed plan: Raasepori 2018', () => {
  const p = plan('raasepori-2018.txt');

  it('header: title, municipality, date, areas', () => {
    expect(p.kind).toBe('municipal_plan');
    expect(p.title).toBe('Lape Uusimaa Yhdessä olemme enemmän');
    expect(p.municipalities).toEqual([{ name: 'Raasepori', code: '710' }]);
    expect(p.date).toBe('2018-08-30');
    expect(p.development_areas).toEqual(['family_centre', 'school_wellbeing', 'special_services', 'culture_change']);
    expect(p.letterhead).toBeUndefined();
  });

  it('introduction: the five paragraphs before section 1', () => {
    expect(p.introduction).toHaveLength(5);
    expect(p.introduction[0]).toMatch(/^Paikallinen kehittämistyö muutosohjelman aikana: Raaseporissa on hankeaikana/);
    expect(p.introduction[1]).toMatch(/^ToMun keskeiset teemat:/);
    expect(p.introduction[4]).toMatch(/^Yleistä: .*yhdessä PeKen kanssa\.$/);
  });

  it('the six sections with their items; 4 and 5 are empty', () => {
    expect(p.sections.map((s) => [s.number, s.key, s.items.length])).toEqual([
      [1, 'local_after', 5],
      [2, 'regional_link', 2],
      [3, 'experiments', 3],
      [4, 'adopted', 0],
      [5, 'regional_after', 0],
      [6, 'structural_changes', 3],
    ]);
    expect(p.sections[2]!.heading).toBe('Kokeilusta pysyväksi käytännöksi');
    expect(items(p, 1)![0]).toBe(
      'Teemme kehittämistyötä saadaksemme jatkaa Unicefin lapsiystävällisenä kuntana edelleen.',
    );
    expect(items(p, 6)![2]).toBe('Yhteistyö erilaisten yhdistysten ja järjestöjen kanssa jossain määrin vakiintunut.');
  });

  it('experiments: all three continue as permanent practice, wording kept', () => {
    expect(p.experiments).toEqual([
      {
        title: 'Ihmeelliset vuodet – De otroliga åren- perheryhmät',
        status: 'permanent',
        original: 'Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.',
      },
      {
        title: 'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö',
        status: 'permanent',
        original: 'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö.',
      },
      {
        title: 'Stödgrupp för barn som upplevt skillsmässa',
        status: 'permanent',
        original: 'Stödgrupp för barn som upplevt skillsmässa- toiminta jatkuu.',
      },
    ]);
    expect(p.adopted_from_others).toEqual([]);
  });

  it('roadmap: rows starting with an empty 2018 cell land under 2019 and later', () => {
    expect(p.roadmap_heading).toBe('Yhteenveto');
    expect(p.roadmap).toEqual([
      { year: 2019, text: 'Huomio perhekeskuksen henkilöstö resurssointiin.', row: 0 },
      { year: 2022, text: 'Monitoimijainen henkilökunta vakiintunut perhekeskukseen.', row: 0 },
      { year: 2030, text: 'Raasepori edelleen Unicefin lapsiystävällinen kunta.', row: 0 },
      { year: 2019, text: 'Monitoimijaisuuden edelleen kehittäminen.', row: 1 },
      {
        year: 2022,
        text: 'Toimiva sähköinen neuvojen, tuen ja konsultoinnin palvelujärjestelmä asukkaiden käytössä.',
        row: 1,
      },
      { year: 2019, text: 'Lapsiasiamiestoiminta löytänyt muotonsa.', row: 2 },
      { year: 2022, text: 'Lapsiasiamiestoiminta vakiintunut.', row: 2 },
      { year: 2019, text: 'Lapsiperheiden palvelukartta valmis.', row: 3 },
    ]);
  });

  it('nobody signed, nothing unplaced', () => {
    expect(p.people).toEqual([]);
    expect(p.unplaced).toEqual([]);
  });
});

describe('seed plan: Inkoo & Siuntio 2018', () => {
  const p = plan('inkoo-siuntio-2018.txt');

  it('header: two municipalities, date, areas', () => {
    expect(p.municipalities).toEqual([
      { name: 'Inkoo', code: '149' },
      { name: 'Siuntio', code: '755' },
    ]);
    expect(p.date).toBe('2018-10-30');
    expect(p.signed).toEqual({ text: 'Suunnitelma laadittu 30.10.2018', date: '2018-10-30' });
    expect(p.development_areas).toEqual(['family_centre', 'school_wellbeing']);
  });

  it('introduction: both municipalities, the shared bullets, themes and results', () => {
    expect(p.introduction[0]).toBe('Paikallinen kehittämistyö muutosohjelman aikana:');
    expect(p.introduction).toContain('Inkoon: Kehittämisaalue oli perhekeskustoimintamalli.');
    expect(p.introduction).toContain('Järjestetään yhteinen LAPE-loppuseminaari 15.11.2018, teema Dialogisuus');
    expect(p.introduction[p.introduction.length - 1]).toMatch(/^Tulokset: .*MLL:n info-illat\.$/);
    expect(p.introduction).toHaveLength(19);
  });

  it('sections', () => {
    expect(p.sections.map((s) => [s.number, s.items.length])).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 3],
    ]);
    expect(items(p, 2)).toEqual([
      'Inkoo: Osallistuimme perhekeskustoimintamallin-ryhmään ensimmäisen hankevuoden ajan',
      'Siuntio: Henkilöstöresurssit eivät mahdollistaneet osallistumista eri ryhmiin kunnan omien työryhmien ja tapahtumien lisäksi',
    ]);
    expect(items(p, 5)).toEqual(['Seuraamme maakunta-prosessin etenemistä']);
  });

  it('experiments: none in Inkoo (a note of the section, not an experiment), a one-off event in Siuntio', () => {
    expect(p.sections.find((s) => s.number === 3)!.notes).toEqual(['Inkoo: Ei ollut ketteriä kokeiluja']);
    expect(p.experiments).toEqual([
      {
        title: 'Lasten- ja nuorten osallistumisilta',
        status: 'one_off',
        municipality: '755',
        original: 'Siuntio: Ketterä kokeilu – Lasten- ja nuorten osallistumisilta – oli yksittäinen tapahtuma',
      },
    ]);
  });

  it('adopted from others, no table, four signatories', () => {
    expect(p.adopted_from_others).toEqual(['Laaja monialainen, yli kuntarajojen ja sisäinen yhteistyö jatketaan.']);
    expect(p.sections.find((s) => s.number === 4)!.notes).toEqual([
      'Ei ole varsinaisia suunnitelmia ottaa kokeiluun muiden kuntien ketteryyksiä.',
    ]);
    expect(p.roadmap).toEqual([]);
    expect(p.people).toEqual([
      { name: 'Anne Öhman', title: 'perusturvajohtaja', municipality: 'Inkoo', municipality_code: '149' },
      { name: 'Merja Olkinuora', title: 'sivistystoimenjohtaja', municipality: 'Inkoo', municipality_code: '149' },
      {
        name: 'Mirva Alakoskela',
        title: 'varhaiskasvatuspäällikkö',
        municipality: 'Siuntio',
        municipality_code: '755',
      },
      { name: 'Karin Heerman', title: 'sosiaalipalvelupäällikkö', municipality: 'Siuntio', municipality_code: '755' },
    ]);
    expect(p.unplaced).toEqual([]);
  });
});

describe('seed plan: Askola 2018', () => {
  const p = plan('askola-2018.txt');

  it('header: the logo text is the letterhead, not the introduction', () => {
    expect(p.letterhead).toEqual(['Lapsi- ja perhepalveluiden muutosohjelma', 'HALLITUKSEN KÄRKIHANKE']);
    expect(p.title).toBe('Lape Uusimaa Yhdessä olemme enemmän');
    expect(p.municipalities).toEqual([{ name: 'Askola', code: '018' }]);
    expect(p.date).toBe('2018-08-30');
    expect(p.development_areas).toEqual(['family_centre', 'culture_change']);
    expect(p.introduction).toEqual(['Paikallinen kehittämistyö muutosohjelman aikana:']);
  });

  it('section 1 keeps its sub-headings, paragraphs and nested bullets in order, without markdown', () => {
    const one = items(p, 1)!;
    expect(one[0]).toBe('Askolan kunnan perhekeskusverkoston kehittäminen:');
    expect(one[1]).toContain(
      'perehdyttää perhekeskustoimintamalliin ja samalla vahvistetaan lapsiystävällistä toimintakulttuuria.',
    );
    expect(one.slice(3, 6)).toEqual([
      'Sosiaali- ja terveyskeskuksen/hyvinvointineuvolan palvelut:',
      'palveluohjaus',
      'Neuvola',
    ]);
    expect(one).toContain('Kuraattori');
    expect(one).toContain('Johtaminen:');
    expect(one).toHaveLength(34);
  });

  it('section 3 on the heading line is one experiment, still continuing; section 5 is empty ("-")', () => {
    expect(items(p, 3)).toHaveLength(1);
    expect(p.experiments).toEqual([{ title: 'Perhekeskusverkosto', status: 'continuing', original: items(p, 3)![0] }]);
    expect(p.experiments[0]!.original).toMatch(/^Perhekeskusverkosto oli ketterä kokeilu .* yhteistä työtä\.$/);
    expect(items(p, 5)).toEqual([]);
    expect(p.sections.find((s) => s.number === 5)!.notes).toEqual(['-']);
    // "We follow the neighbouring municipalities' experiments" adopts nothing: a note of section 4.
    expect(p.adopted_from_others).toEqual([]);
    expect(p.sections.find((s) => s.number === 4)!.notes).toEqual([
      'Seuraamme lähikuntien kokeiluja ja soveltuvin osin liitämme omaan arkipäivään. Ketterät kokeilut ja yhdessä laaditut palvelukuvaukset toimivat malleina kehittämistyössä.',
    ]);
  });

  it('roadmap: rows start in 2018 and are shorter than the header', () => {
    const byYear = (y: number) => p.roadmap.filter((c) => c.year === y).map((c) => c.text);
    expect(byYear(2018)).toEqual([
      'Perhekeskusverkoston vahvistaminen',
      'Palvelukuvausten avaaminen, toisen työn ja tehtävän ymmärtäminen',
      'Järjestöjen ja seurakunnan roolin vahvistaminen',
      'Ajatusmallin ja yhteisen toiminnan vahvistaminen',
      'Lapsi- ja perheystävällisen päätöksenteon ajatus',
    ]);
    expect(byYear(2019)).toHaveLength(5);
    expect(byYear(2019)[3]).toBe('Lapsi puheeksi – koulutus. Toimintakulttuurin vahvistaminen');
    expect(byYear(2022)).toEqual([
      'Toimiva verkosto mahdollisesti kunta-maakunta asetelmasta huolimatta, hyvä yhteistyö',
      'Toimivat sähköiset palvelut',
      'Lapsiystävällinen päätöksenteko.',
    ]);
    expect(byYear(2025)).toEqual([]);
    expect(byYear(2030)).toEqual([]);
    expect(p.roadmap.find((c) => c.text === 'Lapsiystävällinen päätöksenteko.')?.row).toBe(4);
  });

  it('no people, nothing unplaced', () => {
    expect(p.people).toEqual([]);
    expect(p.unplaced).toEqual([]);
  });
});

describe('seed: the regional summary', () => {
  const s = parsePlanDocument(seed('uusimaa-programme-summary.txt')) as ParsedProgramme;

  it('is the programme, not a plan', () => {
    expect(s.kind).toBe('programme_summary');
    expect(s.region).toBe('UUDENMAAN MAAKUNTA');
    expect(s.title).toBe('YHDESSÄ OLEMME ENEMMÄN – KEHITTÄMISHANKKEEN TIIVISTELMÄ');
    expect(s.development_areas).toEqual(['family_centre', 'school_wellbeing']);
  });

  it('goals and sub-goals', () => {
    expect(s.goals).toHaveLength(1);
    expect(s.goals[0]).toMatch(
      /^Hankkeessamme toteutettavan kehittämistyön tavoitteena on luoda lapsiystävällinen alue/,
    );
    expect(s.sub_goals).toHaveLength(4);
    expect(s.sub_goals[1]).toBe('Luodaan lähipalveluna toimiva perhekeskustoimintamalli');
  });

  it('challenges (the three questions about them), strengths, changes, partners', () => {
    expect(s.challenges).toHaveLength(4);
    expect(s.challenges[0]).toMatch(/^Hankealueella on 18 kuntaa/);
    expect(s.challenges[2]).toMatch(/^Uudenmaan kehittämishankkeen isäntäkuntana on Lohja/);
    expect(s.strengths).toEqual([expect.stringMatching(/^Maakunnan kunnissa on ollut paljon kehittämistyötä/)]);
    expect(s.changes).toEqual([expect.stringMatching(/^Kunnilla on yhteinen käsitys .* monistettu kuntiin\.$/)]);
    expect(s.partners).toEqual([
      'MLL Uudenmaan piiri',
      'Sosiaalitalo',
      'FSKC',
      'Sosiaalialan osaamiskeskus Verso liikelaitos',
    ]);
  });

  it('the contact person, and every section as written', () => {
    expect(s.people).toEqual([
      { name: 'Merja Kuusimurto', title: 'merja.kuusimurto@lohja.fi', email: 'merja.kuusimurto@lohja.fi' },
    ]);
    expect(s.sections.map((x) => x.key)).toEqual([
      'areas',
      'goals',
      'challenges',
      'challenges',
      'challenges',
      'strengths',
      'changes',
    ]);
    expect(s.sections[1]!.items).toContain('Kehittämistyömme päätavoitetta tukevat konkreettisemmat osatavoitteet:');
    expect(s.unplaced).toEqual([]);
  });
});
