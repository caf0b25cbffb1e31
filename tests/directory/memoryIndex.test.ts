/**
 * The in-memory index against the SQL search (the reference), on both databases and the demo data: the relevance
 * set's queries, the everyday phrasings and 1 000 seeded random combinations of words and filters must give the same
 * matching set, total and facet counts, and the same first hundred in the reader's alphabet. A write (an edit,
 * a demo load) reaches the index through the indexer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveService } from '../../src/core/directory/saveRecords.js';
import { MemoryIndex } from '../../src/core/directory/search/memoryIndex.js';
import { compiledParts, searchServices, type SearchParams } from '../../src/core/directory/search/searchServices.js';
import type { Lang } from '../../src/core/shared/lang.js';
import { readDemoFiles } from '../../src/demo/loadDemoData.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';

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

const WORDS = [
  'neuvola',
  'neuvolaan',
  'barnrådgivningen',
  'perhekahvila',
  'familjecafé',
  'kuraattori',
  'skolkurator',
  'päiväkodit',
  'daghem',
  'perheneuvola',
  'ero',
  'skilsmässa',
  'divorce',
  'speech',
  'therapy',
  'puheterapia',
  'nuorisotalo',
  'kiusaaminen',
  'mobbad',
  'bullied',
  'vauva',
  'bebis',
  'baby',
  'uni',
  'nuku',
  'väsynyt',
  'orkar',
  'tired',
  'väkivalta',
  'våld',
  'violence',
  'raha',
  'pengar',
  'money',
  'päihteet',
  'alkohol',
  'raskaana',
  'gravid',
  'pregnant',
  'suomeen',
  'finland',
  'kerho',
  'klubb',
  'club',
  'seurakunta',
  'mll',
  'folkhälsan',
  'chat',
  'sosiaalipäivystys',
  'lastenvalvoja',
  'etsivä',
  'uppsökande',
  'xqzzy',
  'mistä',
  'apua',
  'where',
  'help',
  'lapsi',
  'barnet',
  'ei',
];
const MUNIS = ['018', '078', '149', '434', '444', '638', '710', '753', '858', '927'];
const LIFE = ['baby', 'parenting', 'family_strain', 'teenager', 'separation', 'meeting_others', 'leisure'];
const ORG = ['municipality', 'wellbeing_county', 'ngo', 'parish'];
const MODES = ['in_person', 'phone', 'online', 'home_visit'];

function randomParams(r: () => number): SearchParams {
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const some = <T>(list: T[], p: number) =>
    r() < p ? [...new Set([pick(list), ...(r() < 0.3 ? [pick(list)] : [])])] : undefined;
  const n = Math.floor(r() * 4);
  return {
    q: n ? Array.from({ length: n }, () => pick(WORDS)).join(' ') : undefined,
    lang: pick(['fi', 'sv', 'en'] as Lang[]),
    municipality: some(MUNIS, 0.4),
    lifeSituation: some(LIFE, 0.25),
    language: some(['fi', 'sv', 'en'], 0.2),
    orgType: some(ORG, 0.15),
    mode: some(MODES, 0.15),
    age: r() < 0.15 ? Math.floor(r() * 18) : undefined,
    free: r() < 0.1 ? r() < 0.5 : undefined,
  };
}

describe.each(testDatabases())('the in-memory index answers as the SQL search does (%s)', (kind) => {
  let d: TestDatabase;
  let index: MemoryIndex;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
    index = await MemoryIndex.build(d.db);
  }, 300_000);
  afterAll(async () => d?.dispose());

  const compare = async (p: SearchParams) => {
    const ref = await searchServices(d.db, { ...p, sort: 'name', perPage: 100, facets: true });
    if (ref.correctedQuery) return false; // a typo correction is the SQL path's own second search
    const text = p.q ? await compiledParts(d.db, p.q, ref.minMatch || undefined) : null;
    const mem = index.search(p, text);
    const label = JSON.stringify(p);
    expect(mem.total, label).toBe(ref.total);
    expect(mem.ids.slice(0, 100), label).toEqual(ref.hits.map((h) => h.id));
    expect(mem.facets, label).toEqual(ref.facets);
    return true;
  };

  it('holds every service of the directory', async () => {
    const n = await d.db
      .selectFrom('service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(index.size).toBe(Number(n.n));
  });

  it('gives the same sets, totals, facets and order for 1 000 random combinations of words and filters', async () => {
    const r = prng(20261206);
    let compared = 0;
    for (let i = 0; i < 1000; i++) if (await compare(randomParams(r))) compared++;
    expect(compared).toBeGreaterThan(900);
  }, 600_000);

  it('gives the same answers for everyday phrasings in three languages', async () => {
    for (const q of [
      'mistä saa apua kun lapsi raivoaa',
      'vauva ei nuku',
      'var får man hjälp när barnet får utbrott',
      'jag orkar inte mer',
      "my baby won't sleep",
      'my son is being bullied at school',
      'perheneuvola ero vertaistuki',
    ])
      for (const lang of ['fi', 'sv', 'en'] as Lang[]) await compare({ q, lang });
  });

  it('follows writes: a service taken out of use leaves the index at the next search', async () => {
    const demo = readDemoFiles().flatMap((f) => f.services);
    const s = demo.find((x) => x.key === 'askola-neuvola')!;
    await saveService(d.db, {
      key: s.key,
      organizationKey: s.org,
      name: s.name,
      summary: s.summary,
      areas: s.area,
      languages: s.languages,
      modes: s.modes,
      lifeSituations: s.lifeSituations,
      fee: s.fee,
      access: s.access,
      status: 'inactive',
    });
    await index.refresh(d.db);
    await compare({ q: 'neuvola', lang: 'fi', municipality: ['018'] });
    expect(index.search({ q: 'neuvola', lang: 'fi' }, await compiledParts(d.db, 'neuvola')).total).toBe(
      (await searchServices(d.db, { q: 'neuvola', lang: 'fi', facets: false })).total,
    );
  });
});
