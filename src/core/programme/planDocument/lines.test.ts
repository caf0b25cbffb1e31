/** The small readers: dates, municipalities, people, table rows, statuses of experiments, areas. */
import { describe, expect, it } from 'vitest';
import { developmentAreas } from './areas.js';
import { dateLine, findDate, signatureDateLine } from './dates.js';
import { readExperiment } from './experiments.js';
import { municipalitiesOfLine, municipalityPrefix } from './municipalities.js';
import { personLine } from './people.js';
import { tableHeader, tableRow } from './roadmap.js';
import { cleanItem, normaliseText } from './text.js';
import { decodePlanText } from './decode.js';

describe('plan document lines', () => {
  it('reads dates', () => {
    expect(findDate('30.10.2018')?.iso).toBe('2018-10-30');
    expect(findDate('Päivätty 1. 2. 2019')?.iso).toBe('2019-02-01');
    expect(findDate('30. lokakuuta 2018')?.iso).toBe('2018-10-30');
    expect(findDate('30 oktober 2018')?.iso).toBe('2018-10-30');
    expect(findDate('31.2.2018')).toBeNull();
    expect(dateLine('30.8.2018')).toBe('2018-08-30');
    expect(dateLine('Inkoossa 30.10.2018')).toBe('2018-10-30');
    expect(dateLine('Järjestetään seminaari 15.11.2018')).toBeNull();
    expect(signatureDateLine('Suunnitelma laadittu 30.10.2018')).toBe('2018-10-30');
    expect(signatureDateLine('Planen uppgjord 30.10.2018')).toBe('2018-10-30');
    expect(signatureDateLine('Järjestetään yhteinen LAPE-loppuseminaari 15.11.2018')).toBeNull();
  });

  it('reads municipality lines in Finnish and Swedish, with endings', () => {
    expect(municipalitiesOfLine('INKOO & SIUNTIO')).toEqual([
      { name: 'Inkoo', code: '149' },
      { name: 'Siuntio', code: '755' },
    ]);
    expect(municipalitiesOfLine('Ingå och Sjundeå')).toEqual([
      { name: 'Inkoo', code: '149' },
      { name: 'Siuntio', code: '755' },
    ]);
    expect(municipalitiesOfLine('Raaseporin kaupunki')).toEqual([{ name: 'Raasepori', code: '710' }]);
    expect(municipalitiesOfLine('Raasepori – Raseborg')).toEqual([{ name: 'Raasepori', code: '710' }]);
    expect(municipalitiesOfLine('Hangon kaupunki')).toEqual([{ name: 'Hanko', code: '078' }]);
    expect(municipalitiesOfLine('Lape Uusimaa')).toBeNull();
    expect(municipalitiesOfLine('Perhekeskus')).toBeNull();
    expect(municipalityPrefix('Siuntio: Ketterä kokeilu')).toEqual({
      municipality: { name: 'Siuntio', code: '755' },
      rest: 'Ketterä kokeilu',
    });
    expect(municipalityPrefix('Inkoon: Kehittämisaalue')?.municipality.code).toBe('149');
    expect(municipalityPrefix('Inkoo ja Siuntio: yhteinen')).toBeNull();
    expect(municipalityPrefix('Tulokset: hyvät')).toBeNull();
  });

  it('reads people', () => {
    expect(personLine('Anne Öhman, perusturvajohtaja, Inkoo')).toEqual({
      name: 'Anne Öhman',
      title: 'perusturvajohtaja',
      municipality: 'Inkoo',
      municipality_code: '149',
    });
    expect(personLine('Ann-Christin af Hällström – rektor – Ingå')).toEqual({
      name: 'Ann-Christin af Hällström',
      title: 'rektor',
      municipality: 'Ingå',
      municipality_code: '149',
    });
    expect(personLine('Matti Meikäläinen, perhekeskuskoordinaattori, matti.meikalainen@porvoo.fi')).toEqual({
      name: 'Matti Meikäläinen',
      title: 'perhekeskuskoordinaattori',
      email: 'matti.meikalainen@porvoo.fi',
    });
    expect(personLine('Merja Kuusimurto')).toEqual({ name: 'Merja Kuusimurto' });
    expect(personLine('Merja Kuusimurto', true)).toBeNull();
    expect(personLine('Yhteistyö on lisääntynyt, esim. työntekijät tuntevat toisensa.')).toBeNull();
    expect(personLine('Perhekeskusverkosto, neuvola ja koulu.', true)).toBeNull();
  });

  it('puts each cell of the summary table under its year', () => {
    const h = tableHeader('2018\t2019\t2022\t2025\t2030')!;
    expect(h.columns).toEqual([2018, 2019, 2022, 2025, 2030]);
    expect(tableRow('\tA.\t\t\tB.', h, 0).cells).toEqual([
      { year: 2019, text: 'A.', row: 0 },
      { year: 2030, text: 'B.', row: 0 },
    ]);
    expect(tableRow('X\tY', h, 1).cells).toEqual([
      { year: 2018, text: 'X', row: 1 },
      { year: 2019, text: 'Y', row: 1 },
    ]);
    const short = tableHeader('2018\t2019\t2022')!;
    expect(tableRow('a\tb\tc\td', short, 0)).toEqual({
      cells: [
        { year: 2018, text: 'a', row: 0 },
        { year: 2019, text: 'b', row: 0 },
        { year: 2022, text: 'c', row: 0 },
      ],
      stray: ['d'],
    });
    expect(tableHeader('2018 2019 2022')?.columns).toEqual([2018, 2019, 2022]);
    expect(tableHeader('Vuosi 2018 ja 2019')).toBeNull();
  });

  it.each([
    [
      'Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.',
      'permanent',
      'Ihmeelliset vuodet – De otroliga åren- perheryhmät',
    ],
    [
      'Stödgrupp för barn som upplevt skillsmässa- toiminta jatkuu.',
      'permanent',
      'Stödgrupp för barn som upplevt skillsmässa',
    ],
    [
      'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö.',
      'permanent',
      'Koulukohtaisen oppilashuoltoryhmän toimintamallin käyttö',
    ],
    ['Perhekahvila vakiintui osaksi neuvolan toimintaa.', 'permanent', 'Perhekahvila'],
    ['Ei ollut ketteriä kokeiluja', 'not_done', 'Ei ollut ketteriä kokeiluja'],
    ['Isätoiminta – kokeilua ei ole vielä aloitettu', 'not_done', 'Isätoiminta'],
    ['Isätoiminnan kokeilu jatkuu syksyyn.', 'continuing', 'Isätoiminnan kokeilu'],
    [
      'Ketterä kokeilu – Lasten- ja nuorten osallistumisilta – oli yksittäinen tapahtuma',
      'one_off',
      'Lasten- ja nuorten osallistumisilta',
    ],
    ['Nuorten ilta oli kertaluonteinen tapahtuma.', 'one_off', 'Nuorten ilta'],
    [
      'Perhekeskusverkosto oli ketterä kokeilu ja juurruttaminen aloitettiin kokeiluna. Ei tapahtunut muutosta.',
      'continuing',
      'Perhekeskusverkosto',
    ],
    ['Sähköinen ajanvaraus – kokeilu jatkuu syksyyn 2019.', 'continuing', 'Sähköinen ajanvaraus'],
    ['Familjecaféet i Ekenäs fortsätter.', 'permanent', 'Familjecaféet i Ekenäs'],
    ['Vanhempainilta', 'unknown', 'Vanhempainilta'],
  ])('reads the experiment "%s" as %s', (item, status, title) => {
    const e = readExperiment(item);
    expect(e.status).toBe(status);
    expect(e.title).toBe(title);
    expect(e.original).toBe(item);
  });

  it('names the municipality of an experiment in a shared plan', () => {
    expect(readExperiment('Siuntio: Ketterä kokeilu – Ilta – oli yksittäinen tapahtuma').municipality).toBe('755');
    expect(readExperiment('Perhekahvila jatkuu.').municipality).toBeUndefined();
  });

  it('finds the LAPE areas in the words', () => {
    expect(developmentAreas(['PeKen keskeiset saavutukset'])).toEqual(['family_centre']);
    expect(developmentAreas(['VarKon teemat', 'ToMu-ryhmän työ', 'Erityis- ja vaativan tason palvelut'])).toEqual([
      'school_wellbeing',
      'special_services',
      'culture_change',
    ]);
    expect(developmentAreas(['varhaiskasvatus ja koulut hyvinvoinnin tukena'])).toEqual(['school_wellbeing']);
    expect(developmentAreas(['Varhaiskasvatuksen ja esiopetuksen oppilashuolto', 'Psykologi'])).toEqual([]);
    expect(developmentAreas(['lapsiystävällistä toimintakulttuuria'])).toEqual(['culture_change']);
  });

  it('cleans text: bullets, emphasis, line ends, encodings', () => {
    expect(cleanItem(' - o Kuraattori')).toBe('Kuraattori');
    expect(cleanItem('• **perhekeskus** toimii')).toBe('perhekeskus toimii');
    expect(cleanItem('o Perheneuvola')).toBe('Perheneuvola');
    expect(cleanItem('Ohjaus')).toBe('Ohjaus');
    expect(normaliseText('\uFEFFa\r\nb\u00A0c\u00ADd')).toBe('a\nb cd');
    expect(decodePlanText(new Uint8Array([0xe4, 0x20, 0xf6]))).toBe('ä ö');
    expect(decodePlanText(new TextEncoder().encode('Inkoo ä'))).toBe('Inkoo ä');
    expect(decodePlanText(new Uint8Array([0xff, 0xfe, 0x49, 0x00, 0xe4, 0x00]))).toBe('Iä');
  });
});
