/**
 * What leaves the server about working models: open data (published text only, all languages, lists split into
 * items) and the export in the shape of Innokylä's working model description (docs/working-models.md). People
 * appear as names and titles only (their contact details stay in the signed-in directory).
 */
import { municipalityByCode } from '../places/municipalities.js';
import type { Translated } from '../shared/lang.js';
import type { ModelDetail, ModelSummary } from './queries.js';
import type { WorkingModelContent } from './types.js';

/** "one per line" text → items, in each language. */
export const linesOf = (t: Translated): Partial<Record<'fi' | 'sv' | 'en', string[]>> =>
  Object.fromEntries(
    Object.entries(t).map(([l, v]) => [
      l,
      (v ?? '')
        .split('\n')
        .map((x) => x.replace(/^\s*(?:[-–•*]|\d+[.)])\s*/, '').trim())
        .filter(Boolean),
    ]),
  );

const muni = (m: ModelSummary['municipalities'][number]) => ({
  code: m.code,
  name: municipalityByCode(m.code)?.name ?? { fi: m.code, sv: m.code },
  since: m.since,
  adopted_from: m.adoptedFrom,
});

const text = (c: WorkingModelContent) => ({
  name: c.name,
  summary: c.summary,
  problem: c.problem,
  target_group: c.target_group,
  steps: linesOf(c.steps),
  roles: linesOf(c.roles),
  access: c.access,
  resources: c.resources,
  evidence: c.evidence,
});

export const presentModelSummary = (m: ModelSummary, base: string) => ({
  key: m.key,
  url: `${base}/fi/working-models/${m.key}`,
  name: m.content.name,
  summary: m.content.summary,
  organization: m.organizationName,
  team: m.teamName,
  municipalities: m.municipalities.map(muni),
  version: m.version,
  published_at: m.publishedAt?.toISOString() ?? null,
  review_due: m.reviewDue,
});

export const presentModel = (m: ModelDetail, base: string) => ({
  ...presentModelSummary(m, base),
  ...text(m.content),
  services: m.services.map((s) => ({ id: s.id, name: s.name, url: `${base}/fi/services/${s.id}` })),
  contacts: m.contacts.map((p) => ({ name: p.name, title: p.title })),
  grew_from_experiment: m.originAction
    ? { title: m.originAction.title, municipalities: m.originAction.municipalityCodes }
    : null,
  versions: m.versions.map((v) => ({ version: v.version, published_at: v.publishedAt.toISOString() })),
});

/**
 * The Innokylä shape: the headings of Innokylä's working model pages ("Perustiedot", "Ratkaisun perusidea",
 * "Toimintaympäristö", "Toimivuuden ja käyttöönoton ehdot", …), each field in fi/sv/en as we keep it. A mapping for
 * someone copying a model into Innokylä, not an import file of Innokylä's own (it publishes none that we know of).
 * docs/working-models.md lists which field goes where.
 */
export const innokylaExport = (m: ModelDetail, base: string) => ({
  format: 'yhdessa-innokyla-1',
  perustiedot: {
    toimintamallin_nimi: m.content.name,
    toimintamallin_lyhyt_kuvaus: m.content.summary,
    toteutuspaikka: m.municipalities.map((x) => ({
      kunta: municipalityByCode(x.code)?.name ?? { fi: x.code, sv: x.code },
      kuntanumero: x.code,
      alkaen: x.since,
      otettu_kaytto_kunnasta: x.adoptedFrom,
    })),
    tekija: { organisaatio: m.organizationName, tiimi: m.teamName },
    yhteyshenkilot: m.contacts.map((p) => ({ nimi: p.name, titteli: p.title })),
    verkko_osoite: `${base}/fi/working-models/${m.key}`,
    versio: m.version,
    viimeksi_muokattu: m.publishedAt?.toISOString() ?? null,
    seuraava_tarkistus: m.reviewDue,
  },
  ratkaisun_perusidea: m.content.summary,
  toimintaymparisto: { tarve: m.content.problem, kohderyhma: m.content.target_group },
  toteutus: {
    vaiheet: linesOf(m.content.steps),
    toimijat_ja_roolit: linesOf(m.content.roles),
    asiakkaan_ohjautuminen: m.content.access,
    palvelut: m.services.map((s) => ({ nimi: s.name, verkko_osoite: `${base}/fi/services/${s.id}` })),
  },
  toimivuuden_ja_kayttoonoton_ehdot: m.content.resources,
  arviointi: m.content.evidence,
  kehittamisen_tausta: m.originAction
    ? { kokeilu: m.originAction.title, kunnat: m.originAction.municipalityCodes }
    : null,
});
