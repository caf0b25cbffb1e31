/**
 * Synthetic directory for benchmarks: N services varied from the demo templates (Finnish and Swedish text),
 * written with multi-row inserts and indexed by the real search indexer.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { reindexServices } from '../src/core/directory/searchIndexer.js';
import { termId } from '../src/core/directory/taxonomies.js';
import { MUNICIPALITIES } from '../src/core/places/municipalities.js';
import { idFromKey } from '../src/core/shared/ids.js';
import { readDemoFiles } from '../src/demo/loadDemoData.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISTRICTS_FI = [
  'Keskusta',
  'Kirkonkylä',
  'Asema',
  'Ranta',
  'Mäki',
  'Kangas',
  'Niemi',
  'Koivula',
  'Harju',
  'Laakso',
  'Metsola',
  'Peltola',
];
const DISTRICTS_SV = [
  'Centrum',
  'Kyrkbyn',
  'Stationen',
  'Stranden',
  'Backen',
  'Heden',
  'Udden',
  'Björkby',
  'Åsen',
  'Dalen',
  'Skogsby',
  'Åkerby',
];
// Most synthetic services are of made-up kinds (a national directory has thousands of kinds of service), described
// with general family-service sentences; one in ten is a copy of a real demo service. So specific words
// ("neuvola", "kuraattori") match a few per cent, as they would, and general ones ("perhe", "barn") match most.
const GENERIC_FI = [
  'Palvelu tukee perhettä ja lasta arjessa.',
  'Tarjoamme tukea vanhemmille ja lapsille.',
  'Toiminta on tarkoitettu lapsiperheille.',
  'Perheet voivat ottaa yhteyttä matalalla kynnyksellä.',
  'Palvelu on osa perhekeskuksen verkostoa.',
  'Nuoret ja heidän läheisensä ovat tervetulleita.',
  'Palvelussa työskentelee moniammatillinen tiimi.',
  'Lapsen hyvinvointi on toimintamme keskiössä.',
];
const GENERIC_SV = [
  'Tjänsten stöder familjen och barnet i vardagen.',
  'Vi erbjuder stöd till föräldrar och barn.',
  'Verksamheten är avsedd för barnfamiljer.',
  'Familjer kan ta kontakt med låg tröskel.',
  'Tjänsten är en del av familjecentralens nätverk.',
  'Unga och deras närstående är välkomna.',
  'I tjänsten arbetar ett multiprofessionellt team.',
  'Barnets välbefinnande står i centrum för vår verksamhet.',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'te',
  'vu',
  'sa',
  'no',
  'pi',
  'ju',
  'ho',
  'le',
  'ta',
  'ki',
  'ru',
  'va',
  'se',
  'ma',
  'po',
  'li',
];
function kindName(rnd: () => number): string {
  const n = 3 + Math.floor(rnd() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return w;
}

const EXTRA_FI = [
  'Palvelemme myös iltaisin.',
  'Tervetuloa koko perhe!',
  'Ryhmä kokoontuu kerran viikossa.',
  'Tarjoamme tukea vanhemmuuteen ja arkeen.',
  'Yhteistyössä järjestöjen ja seurakunnan kanssa.',
];
const EXTRA_SV = [
  'Vi tjänar också kvällstid.',
  'Välkommen hela familjen!',
  'Gruppen träffas en gång i veckan.',
  'Vi erbjuder stöd i föräldraskapet och vardagen.',
  'I samarbete med organisationer och församlingen.',
];

export async function generateDirectory(db: Kysely<DB>, n: number, seed = 42): Promise<void> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const templates = readDemoFiles().flatMap((f) => f.services);
  const orgTypes = ['municipality', 'wellbeing_county', 'ngo', 'ngo', 'parish', 'company'] as const;
  const nOrgs = Math.max(20, Math.floor(n / 50));
  const nLocs = Math.max(50, Math.floor(n / 3));

  const orgs = Array.from({ length: nOrgs }, (_, i) => {
    const m = pick(MUNICIPALITIES);
    return {
      id: idFromKey('organization', `bench-org-${i}`),
      key: `bench-org-${i}`,
      type: pick(orgTypes),
      name: JSON.stringify({ fi: `Organisaatio ${i} ${m.name.fi}`, sv: `Organisation ${i} ${m.name.sv}` }),
      description: '{}',
      municipality_code: m.code,
      source: 'demo',
    };
  });
  for (let i = 0; i < orgs.length; i += 1000)
    await db
      .insertInto('organization')
      .values(orgs.slice(i, i + 1000))
      .execute();

  const locs = Array.from({ length: nLocs }, (_, i) => {
    const m = pick(MUNICIPALITIES);
    const d = Math.floor(rnd() * DISTRICTS_FI.length);
    return {
      id: idFromKey('location', `bench-loc-${i}`),
      key: `bench-loc-${i}`,
      organization_id: orgs[i % nOrgs]!.id,
      name: JSON.stringify({ fi: `${m.name.fi}, ${DISTRICTS_FI[d]}`, sv: `${m.name.sv}, ${DISTRICTS_SV[d]}` }),
      description: '{}',
      street: JSON.stringify({ fi: `Testikatu ${i % 200}` }),
      postal_code: m.postalCode,
      city: JSON.stringify({ fi: m.name.fi, sv: m.name.sv }),
      municipality_code: m.code,
      lat: m.centre.lat + (rnd() - 0.5) * 0.06,
      lon: m.centre.lon + (rnd() - 0.5) * 0.1,
      source: 'demo',
    };
  });
  for (let i = 0; i < locs.length; i += 1000)
    await db
      .insertInto('location')
      .values(locs.slice(i, i + 1000))
      .execute();

  const BATCH = 1000;
  for (let start = 0; start < n; start += BATCH) {
    const services = [];
    const areas = [];
    const links = [];
    const terms = [];
    const schedules = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const template = pick(templates);
      const real = rnd() < 0.1;
      const kind = kindName(rnd);
      const g = Math.floor(rnd() * GENERIC_FI.length);
      const t = real
        ? template
        : {
            ...template,
            name: {
              fi: `${kind[0]!.toUpperCase()}${kind.slice(1)}-palvelu`,
              sv: `${kind[0]!.toUpperCase()}${kind.slice(1)}-tjänst`,
            },
            summary: { fi: GENERIC_FI[g]!, sv: GENERIC_SV[g]! },
            description: {
              fi: `${GENERIC_FI[(g + 1) % GENERIC_FI.length]} ${GENERIC_FI[(g + 3) % GENERIC_FI.length]}`,
              sv: `${GENERIC_SV[(g + 1) % GENERIC_SV.length]} ${GENERIC_SV[(g + 3) % GENERIC_SV.length]}`,
            },
            keywords: { fi: [kind], sv: [kind] },
          };
      const d = Math.floor(rnd() * DISTRICTS_FI.length);
      const id = idFromKey('service', `bench-${i}`);
      const home = pick(MUNICIPALITIES);
      const e = Math.floor(rnd() * EXTRA_FI.length);
      services.push({
        id,
        key: `bench-${i}`,
        organization_id: orgs[Math.floor(rnd() * nOrgs)]!.id,
        status: 'active' as const,
        name: JSON.stringify({
          fi: `${t.name.fi} ${DISTRICTS_FI[d]} ${i}`,
          sv: `${t.name.sv ?? t.name.fi} ${DISTRICTS_SV[d]} ${i}`,
        }),
        summary: JSON.stringify({ fi: t.summary.fi, sv: t.summary.sv ?? t.summary.fi }),
        description: JSON.stringify({
          fi: `${t.description.fi} ${EXTRA_FI[e]}`,
          sv: `${t.description.sv ?? t.description.fi} ${EXTRA_SV[e]}`,
        }),
        keywords: JSON.stringify(t.keywords ?? {}),
        languages: t.languages,
        modes: t.modes,
        age_min: t.ageMin ?? null,
        age_max: t.ageMax ?? null,
        fee: t.fee,
        access: t.access,
        fee_note: '{}',
        access_note: '{}',
        last_reviewed: t.lastReviewed,
        source: 'demo',
      });
      const served = new Set([home.code]);
      while (rnd() < 0.4) served.add(pick(MUNICIPALITIES).code);
      for (const code of served) areas.push({ service_id: id, municipality_code: code });
      const loc = locs[Math.floor(rnd() * nLocs)]!;
      if (t.modes.includes('in_person'))
        links.push({ id: idFromKey('service_at_location', `bench-${i}`), service_id: id, location_id: loc.id });
      for (const ls of new Set(t.lifeSituations))
        terms.push({ service_id: id, taxonomy_term_id: termId('life-situation', ls), origin: 'local' });
      if (rnd() < 0.5)
        schedules.push({
          id: idFromKey('schedule', `bench-${i}`),
          service_id: id,
          location_id: null,
          byday: ['MO', 'TU', 'WE', 'TH', 'FR'],
          opens_at: '08:00',
          closes_at: rnd() < 0.5 ? '16:00' : '20:00',
          description: '{}',
          valid_from: null,
          valid_to: null,
        });
    }
    await db.insertInto('service').values(services).execute();
    await db.insertInto('service_area').values(areas).execute();
    if (links.length) await db.insertInto('service_at_location').values(links).execute();
    if (terms.length) await db.insertInto('service_taxonomy_term').values(terms).execute();
    if (schedules.length) await db.insertInto('schedule').values(schedules).execute();
    await reindexServices(
      db,
      services.map((s) => s.id),
    );
  }
}
