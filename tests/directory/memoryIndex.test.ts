/**
 * The in-memory index against the SQL search (the reference), on both databases and the demo data: the everyday
 * phrasings and 1 000 seeded random combinations of words, filters, open now and distances must give the same
 * matching set, total, facet counts and mappable count, the same first hundred in the reader's alphabet, the same
 * first page by relevance (the index orders by parts met, tiers and language in memory; the text score of the best
 * 60 is the database's), and the same order by distance. A write reaches the index through the change feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateOrganization } from '../../src/core/admin/organizations.js';
import { saveService } from '../../src/core/directory/saveRecords.js';
import { IndexFeed } from '../../src/core/directory/search/indexFeed.js';
import { loadIndexRows, MemoryIndex } from '../../src/core/directory/search/memoryIndex.js';
import {
  indexRunner,
  serveSearchIndex,
  stopServingSearchIndex,
} from '../../src/core/directory/search/indexedSearch.js';
import { findServiceIds, type ServiceFilters } from '../../src/core/hsds/queries.js';
import {
  matchingServices,
  searchServices,
  searchWith,
  type SearchParams,
  type SearchResult,
} from '../../src/core/directory/search/searchServices.js';
import type { Lang } from '../../src/core/shared/lang.js';
import { readDemoFiles } from '../../src/demo/loadDemoData.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { adminContext } from '../support/fixtures.js';

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
    openNow: r() < 0.1 ? true : undefined,
    // A fixed week: Tuesday 10.30 and Saturday 22.10 in Helsinki.
    now: new Date(r() < 0.5 ? '2026-12-08T08:30:00Z' : '2026-12-12T20:10:00Z'),
    ...(r() < 0.2
      ? {
          near: { lat: 60.1 + r() * 0.5, lon: 23.5 + r() * 2 },
          withinKm: r() < 0.5 ? [2, 5, 10, 20][Math.floor(r() * 4)] : undefined,
        }
      : {}),
  };
}

describe.each(testDatabases())('the in-memory index answers as the SQL search does (%s)', (kind) => {
  let d: TestDatabase;
  let feed: IndexFeed;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { demo: true });
    feed = await IndexFeed.start(d);
  }, 300_000);
  afterAll(async () => {
    await feed?.close();
    await d?.dispose();
  });

  const viaIndex = async (p: SearchParams, f: IndexFeed = feed) => {
    await f.fresh();
    return searchWith(d.db, p, 100, indexRunner(d.db, f.index));
  };
  const same = (mem: SearchResult, ref: SearchResult, label: string) => {
    expect(mem.total, label).toBe(ref.total);
    expect(mem.mappable, label).toBe(ref.mappable);
    expect(mem.correctedQuery, label).toBe(ref.correctedQuery);
    expect(mem.minMatch, label).toBe(ref.minMatch);
    expect(
      mem.hits.map((h) => h.id),
      label,
    ).toEqual(ref.hits.map((h) => h.id));
    mem.hits.forEach((h, i) => {
      expect(h.rank, label).toBeCloseTo(ref.hits[i]!.rank, 6);
      if (ref.hits[i]!.distanceKm === null) expect(h.distanceKm, label).toBeNull();
      else expect(h.distanceKm, label).toBeCloseTo(ref.hits[i]!.distanceKm!, 6);
    });
  };
  /**
   * One combination in one order (by name: the first hundred; by relevance or distance: the first page of 20), with
   * its set, total, facets and mappable count. The SQL reference is the slow side, so each combination runs once.
   */
  const compare = async (p: SearchParams, sort: 'name' | 'relevance' | 'distance' = 'name', f: IndexFeed = feed) => {
    const label = `${JSON.stringify(p)} by ${sort}`;
    const q = { ...p, sort, perPage: sort === 'name' ? 100 : 20, facets: true };
    const ref = await searchServices(d.db, q);
    const mem = await viaIndex(q, f);
    same(mem, ref, label);
    expect(mem.facets, label).toEqual(ref.facets);
    return ref.total;
  };

  /** A demo service saved again as the demo has it, with some fields changed (the first one if the key is gone). */
  const saveDemoService = async (
    key: string,
    change: (
      s: ReturnType<typeof readDemoFiles>[number]['services'][number],
    ) => Partial<Parameters<typeof saveService>[1]>,
  ) => {
    const demo = readDemoFiles().flatMap((f) => f.services);
    const s = demo.find((x) => x.key === key) ?? demo[1]!;
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
      ...change(s),
    });
  };

  it('holds every service of the directory', async () => {
    const n = await d.db
      .selectFrom('service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(feed.index.size).toBe(Number(n.n));
  });

  it('gives the same sets, totals, facets and orders for 1 000 random combinations of words and filters', async () => {
    const r = prng(20261206);
    let found = 0;
    for (let i = 0; i < 1000; i++) {
      const p = randomParams(r);
      // By name, relevance (with words) and distance (with a point) in turn.
      const sort = i % 3 === 1 && p.q ? 'relevance' : i % 3 === 2 && p.near ? 'distance' : 'name';
      if ((await compare(p, sort)) > 0) found++;
    }
    expect(found).toBeGreaterThan(300);
  }, 600_000);

  it('gives the same answers for everyday phrasings in three languages, and pages beyond the first', async () => {
    for (const q of [
      'mistä saa apua kun lapsi raivoaa',
      'vauva ei nuku',
      'var får man hjälp när barnet får utbrott',
      'jag orkar inte mer',
      "my baby won't sleep",
      'my son is being bullied at school',
      'perheneuvola ero vertaistuki',
      'neuvla', // a typo: corrected the same way
    ])
      for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
        await compare({ q, lang }, 'relevance');
        if (lang === 'fi') await compare({ q, lang }, 'name');
      }
    for (const page of [1, 2, 3, 4]) {
      const p: SearchParams = { q: 'perhe lapsi', lang: 'fi', page, perPage: 20, facets: false };
      same(await viaIndex(p), await searchServices(d.db, p), `page ${page}`);
    }
    const map: SearchParams = { q: 'neuvola', lang: 'fi', near: { lat: 60.17, lon: 24.94 } };
    same(
      await matchingServices(d.db, map, 500, indexRunner(d.db, feed.index)),
      await matchingServices(d.db, map, 500),
      'map',
    );
  });

  it('follows writes through the change feed: a service taken out of use leaves the index at once', async () => {
    const before = feed.applied;
    await saveDemoService('askola-neuvola', () => ({ status: 'inactive' }));
    await compare({ q: 'neuvola', lang: 'fi', municipality: ['018'] });
    expect(feed.applied).toBeGreaterThan(before);
    expect((await feed.lag()).lag).toBe(0);
  });

  it('starts from a stored snapshot and the changes made after it, with the same answers (also after compaction)', async () => {
    await feed.saveSnapshot();
    // A change after the snapshot: the warm start must apply it.
    await saveDemoService('porvoo-perhekahvila', (s) => ({
      name: { ...s.name, fi: `${s.name.fi ?? 'Palvelu'} muuttunut` },
    }));
    const warm = await IndexFeed.start(d, undefined, { snapshotMin: 0 });
    try {
      expect(warm.builtFrom).toBe('snapshot');
      expect(warm.applied).toBe((await warm.lag()).latest);
      expect(warm.index.size).toBe(feed.index.size);
      expect(await compare({ q: 'muuttunut', lang: 'fi' }, 'relevance', warm)).toBeGreaterThan(0);
      const r = prng(7);
      for (let i = 0; i < 50; i++) await compare(randomParams(r), i % 2 ? 'relevance' : 'name', warm);
      // Every document rebuilt five times over: more than a quarter of the ordinals dead, so the index compacts; a
      // snapshot of it reads back the same.
      const ids = (await d.db.selectFrom('service').select('id').execute()).map((x) => x.id);
      const rows = await loadIndexRows(d.db, ids);
      for (let i = 0; i < 5; i++) warm.index.apply(ids, rows);
      const again = MemoryIndex.fromSnapshot(warm.index.snapshot());
      for (const index of [warm.index, again]) {
        expect(index.size).toBe(ids.length);
        const q = prng(11);
        for (let i = 0; i < 30; i++) {
          const p = { ...randomParams(q), sort: 'relevance' as const, perPage: 20, facets: true };
          const mem = await searchWith(d.db, p, 100, indexRunner(d.db, index));
          const ref = await searchServices(d.db, p);
          same(mem, ref, JSON.stringify(p));
          expect(mem.facets).toEqual(ref.facets);
        }
      }
    } finally {
      await warm.close();
    }
    // A snapshot made with another schema version is not read.
    await d.db.updateTable('search_snapshot').set({ key: '0:0000' }).execute();
    const cold = await IndexFeed.start(d, undefined, { snapshotMin: 1e9 });
    expect(cold.builtFrom).toBe('documents');
    await cold.close();
  });

  it("keeps each language's order by name through single changes, asked in one language at a time", async () => {
    // Each change moves one service in all three alphabets; a search in one language merges what was added since it
    // last asked, the others wait: each is compared with SQL's order over the whole list, pages of a hundred.
    const demo = readDemoFiles().flatMap((f) => f.services);
    const names = ['Aapinen', 'Öljymäki', 'Mittari', 'Åland', 'Båtklubben', 'Zeta', 'aapinen'];
    const langs: Lang[] = ['fi', 'sv', 'en'];
    for (let i = 0; i < names.length; i++) {
      await saveDemoService(demo[10 + i]!.key, () => ({
        name: {
          fi: `${names[i]} ${i}`,
          sv: `${names[(i + 3) % names.length]} ${i}`,
          en: `${names[(i + 5) % names.length]}`,
        },
      }));
      if (i % 2) continue; // two changes before some searches
      const lang = langs[i % 3]!;
      const total = await compare({ lang }, 'name');
      for (let page = 2; (page - 1) * 100 < total; page++) await compare({ lang, page }, 'name');
    }
    for (const lang of langs) {
      const total = await compare({ lang }, 'name');
      for (let page = 2; (page - 1) * 100 < total; page++) await compare({ lang, page }, 'name');
    }
  });

  it('renumbers an alphabet when changes use up the ranks between two neighbours', async () => {
    // Each name sorts right after the one before and before every other name: twelve changes in the same place halve
    // the space between the same two neighbours until none is left, and the ranks are made afresh.
    const demo = readDemoFiles().flatMap((f) => f.services);
    for (let i = 0; i < 12; i++) {
      const name = `Aaaa ${String(i).padStart(2, '0')}`;
      await saveDemoService(demo[30 + i]!.key, () => ({ name: { fi: name, sv: name, en: name } }));
      expect(await compare({ lang: 'fi' }, 'name')).toBeGreaterThan(0);
    }
    for (const lang of ['sv', 'en'] as Lang[]) expect(await compare({ lang }, 'name')).toBeGreaterThan(0);
    expect((await viaIndex({ lang: 'fi', sort: 'name', perPage: 12 })).hits.length).toBe(12);
  });

  it("follows an organisation's new name and type: its services' documents are rebuilt", async () => {
    const ctx = adminContext;
    const org = await d.db
      .selectFrom('organization as o')
      .innerJoin('service as s', 's.organization_id', 'o.id')
      .select(['o.id', 'o.name', 'o.type'])
      .where('s.status', '=', 'active')
      .where('o.type', '<>', 'parish')
      .limit(1)
      .executeTakeFirstOrThrow();
    await updateOrganization(d.db, ctx, org.id, {
      name: { fi: 'Zygoottiyhdistys', sv: 'Zygotföreningen' },
      type: 'parish',
    });
    for (const p of [
      { q: 'zygoottiyhdistys', lang: 'fi' as const },
      { lang: 'fi' as const, orgType: ['parish'] },
    ])
      expect(await compare(p)).toBeGreaterThan(0);
    const found = await viaIndex({ q: 'zygoottiyhdistys', lang: 'fi', facets: false });
    expect(found.total).toBeGreaterThan(0);
  });

  it('answers HSDS /services without words as the SQL listing does (set, total, order by name or distance)', async () => {
    const orgs = (await d.db.selectFrom('organization').select('id').limit(3).execute()).map((r) => r.id);
    const baby = await d.db
      .selectFrom('taxonomy_term')
      .select('id')
      .where('taxonomy_id', '=', 'life-situation')
      .where('code', '=', 'baby')
      .executeTakeFirstOrThrow();
    const porvoo = { code: '06100', municipalities: ['638'], centre: { lat: 60.39, lon: 25.66 } };
    const cases: ServiceFilters[] = [
      {},
      { organizationId: orgs[0] },
      { organizationId: orgs[2] },
      { taxonomyTermId: baby.id },
      { postcode: porvoo },
      { postcode: porvoo, withinKm: 30 },
      { postcode: { ...porvoo, municipalities: ['018', '149'] }, taxonomyTermId: baby.id },
    ];
    for (const f of cases)
      for (const [lang, page, perPage] of [
        ['fi', 1, 50],
        ['sv', 2, 20],
      ] as const) {
        serveSearchIndex(d.db, feed);
        const mem = await findServiceIds(d.db, f, lang, page, perPage);
        stopServingSearchIndex(d.db, feed);
        const ref = await findServiceIds(d.db, f, lang, page, perPage);
        expect(mem, JSON.stringify(f)).toEqual(ref);
      }
  });
});
