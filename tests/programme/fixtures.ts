/**
 * Parsed plans written by hand from the seed documents (src/demo/data/plans), so the store is tested on its
 * own, whatever the parser makes of the text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParsedPlan, ParsedProgramme } from '../../src/core/programme/planDocument/types.js';

export const seedText = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../src/demo/data/plans/${name}`, import.meta.url)), 'utf8');

const section = (key: ParsedPlan['sections'][number]['key'], number: number, heading: string, items: string[]) => ({
  key,
  number,
  heading,
  items,
});

export function raasepori(): ParsedPlan {
  return {
    kind: 'municipal_plan',
    title: 'Lape Uusimaa Yhdessä olemme enemmän',
    municipalities: [{ name: 'Raasepori', code: '710' }],
    date: '2018-08-30',
    development_areas: ['culture_change', 'family_centre', 'school_wellbeing'],
    introduction: [
      'Paikallinen kehittämistyö muutosohjelman aikana: Raaseporissa on hankeaikana keskitytty toimintakulttuurin muutostyöhön…',
    ],
    sections: [
      section('local_after', 1, 'Paikallinen kehittämistyö muutosohjelman jälkeen', [
        'Teemme kehittämistyötä saadaksemme jatkaa Unicefin lapsiystävällisenä kuntana edelleen.',
      ]),
      section('regional_link', 2, 'Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman aikana', [
        'ToMu-ryhmän työ on pääasiassa perustunut maakunnalliseen yhteistyöhön.',
      ]),
      section('experiments', 3, 'Kokeilusta pysyväksi käytännöksi', [
        'Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.',
        'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö.',
        'Stödgrupp för barn som upplevt skillsmässa- toiminta jatkuu.',
      ]),
      section('adopted', 4, 'Alueelle juurrutettavat kokeilut muista kunnista', []),
      section('regional_after', 5, 'Sidonnaisuudet maakunnalliseen kehittämistyöhön muutosohjelman päätyttyä', []),
      section('structural_changes', 6, 'Muutosohjelman aikana syntyneet rakenteelliset muutokset', [
        'Perhekeskustyön organisointi sosiaalihuollon hallintoon ja yhden yksikönpäällikön alaisuuteen. Perhekeskuksella on oma lähiesimies.',
        'Yhteistyömalli perhekeskuksen ja varhaiskasvatuksen välillä on saanut toimivan rakenteen.',
        'Yhteistyö erilaisten yhdistysten ja järjestöjen kanssa jossain määrin vakiintunut.',
      ]),
    ],
    experiments: [
      {
        title: 'Ihmeelliset vuodet – De otroliga åren -perheryhmät',
        status: 'permanent',
        original: 'Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.',
      },
      {
        title: 'Koulukohtaisen oppilashuoltoryhmän toimintamalli',
        status: 'permanent',
        original: 'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö.',
      },
      {
        title: 'Stödgrupp för barn som upplevt skillsmässa',
        status: 'permanent',
        original: 'Stödgrupp för barn som upplevt skillsmässa- toiminta jatkuu.',
      },
    ],
    adopted_from_others: [],
    roadmap: [
      { year: 2019, text: 'Huomio perhekeskuksen henkilöstö resurssointiin.' },
      { year: 2019, text: 'Monitoimijaisuuden edelleen kehittäminen.' },
      { year: 2019, text: 'Lapsiasiamiestoiminta löytänyt muotonsa.' },
      { year: 2019, text: 'Lapsiperheiden palvelukartta valmis.' },
      { year: 2022, text: 'Monitoimijainen henkilökunta vakiintunut perhekeskukseen.' },
      { year: 2022, text: 'Toimiva sähköinen neuvojen, tuen ja konsultoinnin palvelujärjestelmä asukkaiden käytössä.' },
      { year: 2022, text: 'Lapsiasiamiestoiminta vakiintunut.' },
      { year: 2030, text: 'Raasepori edelleen Unicefin lapsiystävällinen kunta.' },
    ],
    people: [],
    unplaced: [],
  };
}

export function inkooSiuntio(): ParsedPlan {
  return {
    kind: 'municipal_plan',
    title: 'Lape Uusimaa Yhdessä olemme enemmän',
    municipalities: [
      { name: 'Inkoo', code: '149' },
      { name: 'Siuntio', code: '755' },
    ],
    date: '2018-10-30',
    development_areas: ['family_centre', 'school_wellbeing'],
    introduction: [],
    sections: [
      section('experiments', 3, 'Kokeilusta pysyväksi käytännöksi', [
        'Inkoo: Ei ollut ketteriä kokeiluja',
        'Siuntio: Ketterä kokeilu – Lasten- ja nuorten osallistumisilta – oli yksittäinen tapahtuma',
      ]),
      section('adopted', 4, 'Alueelle juurrutettavat kokeilut muista kunnista', [
        'Ei ole varsinaisia suunnitelmia ottaa kokeiluun muiden kuntien ketteryyksiä.',
        'Laaja monialainen, yli kuntarajojen ja sisäinen yhteistyö jatketaan.',
      ]),
      section('structural_changes', 6, 'Muutosohjelman aikana syntyneet rakenteelliset muutokset', [
        'Molemmissa kunnissa yhteistyö on lisääntynyt eri osastojen välillä.',
      ]),
    ],
    experiments: [
      {
        title: 'Ei ollut ketteriä kokeiluja',
        status: 'not_done',
        original: 'Inkoo: Ei ollut ketteriä kokeiluja',
        municipality: '149',
      },
      {
        title: 'Lasten- ja nuorten osallistumisilta',
        status: 'one_off',
        original: 'Siuntio: Ketterä kokeilu – Lasten- ja nuorten osallistumisilta – oli yksittäinen tapahtuma',
        municipality: '755',
      },
    ],
    adopted_from_others: [
      'Ei ole varsinaisia suunnitelmia ottaa kokeiluun muiden kuntien ketteryyksiä.',
      'Laaja monialainen, yli kuntarajojen ja sisäinen yhteistyö jatketaan.',
    ],
    roadmap: [],
    people: [
      { name: 'Anne Öhman', title: 'perusturvajohtaja', municipality: 'Inkoo' },
      { name: 'Merja Olkinuora', title: 'sivistystoimenjohtaja', municipality: 'Inkoo' },
      { name: 'Mirva Alakoskela', title: 'varhaiskasvatuspäällikkö', municipality: 'Siuntio' },
      { name: 'Karin Heerman', title: 'sosiaalipalvelupäällikkö', municipality: 'Siuntio' },
    ],
    unplaced: [],
  };
}

export function askola(): ParsedPlan {
  return {
    kind: 'municipal_plan',
    title: 'Lape Uusimaa Yhdessä olemme enemmän',
    municipalities: [{ name: 'Askola', code: '018' }],
    date: '2018-08-30',
    development_areas: ['family_centre', 'culture_change'],
    introduction: [],
    sections: [
      section('experiments', 3, 'Kokeilusta pysyväksi käytännöksi', [
        'Perhekeskusverkosto oli ketterä kokeilu ja ajatusmallin sisäistäminen juurruttaminen aloitettiin kokeiluna.',
      ]),
      section('structural_changes', 6, 'Muutosohjelman aikana syntyneet rakenteelliset muutokset', [
        'Perhekeskusverkosto on selkeä käsite ja kukin toimija tietää olevansa sen täysivaltainen jäsen.',
      ]),
    ],
    experiments: [
      {
        title: 'Perhekeskusverkosto',
        status: 'permanent',
        original:
          'Perhekeskusverkosto oli ketterä kokeilu ja ajatusmallin sisäistäminen juurruttaminen aloitettiin kokeiluna.',
      },
    ],
    adopted_from_others: ['Seuraamme lähikuntien kokeiluja ja soveltuvin osin liitämme omaan arkipäivään.'],
    roadmap: [
      { year: 2018, text: 'Perhekeskusverkoston vahvistaminen' },
      {
        year: 2019,
        text: 'Koordinoinnin vahvistaminen. Kaikilla on oikeus ja velvollisuus koordinoida toimintaa, kun on sen asiantuntija.',
      },
      { year: 2022, text: 'Toimiva verkosto mahdollisesti kunta-maakunta asetelmasta huolimatta, hyvä yhteistyö' },
      { year: 2022, text: 'Toimivat sähköiset palvelut' },
      { year: 2022, text: 'Lapsiystävällinen päätöksenteko.' },
    ],
    people: [],
    unplaced: [],
  };
}

export function programmeSummary(): ParsedProgramme {
  return {
    kind: 'programme_summary',
    title: 'Yhdessä olemme enemmän – kehittämishankkeen tiivistelmä',
    goals: ['Hankkeessamme toteutettavan kehittämistyön tavoitteena on luoda lapsiystävällinen alue…'],
    sub_goals: ['Luodaan lähipalveluna toimiva perhekeskustoimintamalli'],
    challenges: ['Hankealueella on 18 kuntaa ja se kattaa yli 420 000 asukasta.'],
    strengths: ['Maakunnan kunnissa on ollut paljon kehittämistyötä…'],
    partners: ['MLL Uudenmaan piiri', 'Sosiaalitalo', 'FSKC', 'Sosiaalialan osaamiskeskus Verso liikelaitos'],
    changes: ['Kunnilla on yhteinen käsitys lasten, nuorten ja perheiden palveluista palvelukokonaisuutena.'],
    people: [{ name: 'Merja Kuusimurto', title: 'merja.kuusimurto@lohja.fi' }],
    sections: [
      {
        heading: 'Hankkeen keskeiset tavoitteet',
        items: ['Hankkeessamme toteutettavan kehittämistyön tavoitteena on luoda lapsiystävällinen alue…'],
      },
    ],
    unplaced: [],
  };
}
