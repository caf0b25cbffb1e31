/** Statements that there is nothing, in Finnish and Swedish, and items that only look like them. */
import { describe, expect, it } from 'vitest';
import { isNothingStatement } from './nothing.js';

describe('statements that there is nothing', () => {
  it.each([
    'Inkoo: Ei ollut ketteriä kokeiluja',
    'Ei ollut ketteriä kokeiluja',
    'Seuraamme lähikuntien kokeiluja ja soveltuvin osin liitämme omaan arkipäivään.',
    'Seurataan muiden kuntien kokeiluja',
    '-',
    '–',
    'ei vielä päätöstä',
    'Ei vielä päätöstä.',
    'Ei ole varsinaisia suunnitelmia ottaa kokeiluun muiden kuntien ketteryyksiä.',
    'Kokeiluja ei ollut.',
    'Inga agila försök',
    'Lovisa: Inga försök genomfördes',
    'Vi hade inga försök',
    'Vi följer grannkommunernas försök och tar i bruk det som passar oss.',
    'Inget beslut ännu',
    'Beslut har inte ännu fattats',
  ])('%s → a note', (s) => expect(isNothingStatement(s)).toBe(true));

  it.each([
    'Siuntio:',
    'Perhekeskusverkosto oli ketterä kokeilu ja ajatusmallin sisäistäminen juurruttaminen aloitettiin kokeiluna.',
    'Isätoiminta – kokeilua ei ole vielä aloitettu',
    'Laaja monialainen, yli kuntarajojen ja sisäinen yhteistyö jatketaan.',
    'Ihmeelliset vuodet – De otroliga åren- perheryhmät jatkavat toimintaansa.',
    'Vauvaperheiden kotikäynnit eivät ole vielä alkaneet',
    'Stödgrupp för barn som upplevt skillsmässa- toiminta jatkuu.',
    'Ingå: Familjecafé i samarbete med Folkhälsan',
  ])('%s → an item', (s) => expect(isNothingStatement(s)).toBe(false));
});
