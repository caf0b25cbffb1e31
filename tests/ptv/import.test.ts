/**
 * The PTV import on both databases: the real samples; hundreds of generated services and channels in fi/sv/en with
 * broken ones among them; importing the same files again (nothing changes); a changed record updated in place with
 * its local additions kept; records no longer published, or absent from a complete re-read, deactivated.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getService } from '../../src/core/directory/queries.js';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { termId } from '../../src/core/directory/taxonomies.js';
import { importPtv, type ImportSummary } from '../../src/core/ptv/importPtv.js';
import { fromFiles } from '../../src/core/ptv/source.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import {
  createDatabaseTemplate,
  createTestDatabase,
  testDatabases,
  type DatabaseTemplate,
  type TestDatabase,
} from '../support/databases.js';
import { FIXTURES, metres, writeGenerated } from './support.js';

const ctx = { actor: null, actorName: 'test' };
const serviceId = (ptvId: string) => idFromKey('service', `ptv-${ptvId}`);
const locationId = (ptvId: string) => idFromKey('location', `ptv-${ptvId}`);

describe.each(testDatabases())('PTV import of the samples on %s', (kind) => {
  // Each test on a database of its own.
  let d: TestDatabase;
  beforeEach(async () => {
    d = await createTestDatabase(kind);
  }, 120_000);
  afterEach(async () => d?.dispose());

  it(
    'imports the service, its organisation and the Otava place; the service is searchable',
    { timeout: 600_000 },
    async () => {
      const s = await importPtv(d.db, fromFiles(FIXTURES), ctx);
      expect(s.failures).toEqual([]);
      // service, place, Otavia's organisation record, and Liperi's municipality known only from the service's reference
      expect([s.created, s.updated, s.unchanged, s.deactivated, s.failed]).toEqual([4, 0, 0, 0, 0]);
      expect(s.notes.join('\n')).toMatch(/outside the directory .*123, 426/);

      const svc = await d.db
        .selectFrom('service')
        .selectAll()
        .where('id', '=', serviceId('6c00d407-d3fd-4c7e-a373-57be9f3b2cff'))
        .executeTakeFirstOrThrow();
      expect(svc).toMatchObject({
        status: 'active',
        source: 'ptv',
        name: { fi: 'Yksilöllistetty oppimäärä' },
        languages: ['fi'],
        fee: 'free',
      });
      const org = await d.db
        .selectFrom('organization')
        .selectAll()
        .where('id', '=', svc.organization_id)
        .executeTakeFirstOrThrow();
      expect(org).toMatchObject({
        key: 'ptv-a6e72986-0d23-4d4b-8619-b49fa0c5baa3',
        type: 'municipality',
        name: { fi: 'Liperin kunta' },
        source: 'ptv',
      });
      const roles = await d.db
        .selectFrom('service_organization')
        .select(['role', 'provision_type'])
        .where('service_id', '=', svc.id)
        .orderBy('role')
        .execute();
      expect(roles).toEqual([
        { role: 'producer', provision_type: 'SelfProducedServices' },
        { role: 'responsible', provision_type: null },
      ]);

      for (const q of ['yksilöllistetty', 'oppimäärä', 'peruskoulu' /* an ontology term */]) {
        const r = await searchServices(d.db, { lang: 'fi', q });
        expect(
          r.hits.map((h) => h.id),
          q,
        ).toContain(svc.id);
      }
      const full = await getService(d.db, svc.id);
      expect(full?.serviceClasses.map((c) => c.code)).toEqual(['P6.2']);
    },
  );

  describe('once imported', () => {
    beforeEach(async () => {
      expect((await importPtv(d.db, fromFiles(FIXTURES), ctx)).failures).toEqual([]);
    }, 600_000);

    it('puts the Otava place where it is, with its hours, accessibility and links', { timeout: 600_000 }, async () => {
      const loc = await d.db
        .selectFrom('location')
        .selectAll()
        .where('id', '=', locationId('961f1a02-0eb7-4b5d-9721-6b9f2d14ec6f'))
        .executeTakeFirstOrThrow();
      expect(loc).toMatchObject({
        street: { fi: 'Otavantie 2 B' },
        postal_code: '50670',
        city: { fi: 'Otava' },
        source: 'ptv',
      });
      expect(metres({ lat: loc.lat!, lon: loc.lon! }, { lat: 61.64, lon: 27.07 })).toBeLessThan(2000);
      const hours = await d.db
        .selectFrom('schedule')
        .select(['byday', 'opens_at', 'closes_at'])
        .where('location_id', '=', loc.id)
        .execute();
      expect(hours).toEqual([{ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '08:00:00', closes_at: '16:00:00' }]);
      const links = await d.db
        .selectFrom('link')
        .select(['kind', 'url'])
        .where('location_id', '=', loc.id)
        .orderBy('sort')
        .execute();
      expect(links[0]).toEqual({ kind: 'web_page', url: 'http://www.otavanopisto.fi/' });
      const acc = await d.db
        .selectFrom('accessibility')
        .select('description')
        .where('location_id', '=', loc.id)
        .executeTakeFirstOrThrow();
      expect(acc.description.fi).toMatch(/Reitti pääsisäänkäynnille/);
    });

    it('changes nothing when the samples are imported again, and audits each run', { timeout: 600_000 }, async () => {
      const before = await d.db.selectFrom('service').select(['id', 'updated_at']).execute();
      const s = await importPtv(d.db, fromFiles(FIXTURES), ctx);
      expect([s.created, s.updated, s.unchanged, s.deactivated, s.failed]).toEqual([0, 0, 3, 0, 0]);
      expect(await d.db.selectFrom('service').select(['id', 'updated_at']).execute()).toEqual(before);
      const runs = await d.db
        .selectFrom('audit_event')
        .select(['action', 'actor_id', 'actor_name', 'details'])
        .where('action', '=', 'ptv.import')
        .orderBy('id')
        .execute();
      expect(runs).toHaveLength(2);
      expect(runs[1]).toMatchObject({
        actor_id: null,
        actor_name: 'test',
        details: { created: 0, unchanged: 3, failed: 0, complete: true },
      });
    });
  });
});

describe.each(testDatabases())('PTV import of generated records on %s', (kind) => {
  const N = 240;
  const g = writeGenerated({ services: N, broken: true, seed: 7 });
  const records = g.serviceIds.length + g.channelIds.length + g.organizationIds.length;
  // The first import into an empty directory, once; the tests share the database it left (the later imports change
  // nothing in it), and each starts with the generated files as they were written.
  let first: ImportSummary;
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    first = await importPtv(d.db, fromFiles(g.dir), ctx);
  }, 600_000);
  beforeEach(() => {
    writeGenerated({ services: N, broken: true, seed: 7 }, g.dir);
  });
  afterAll(async () => {
    await d?.dispose();
    rmSync(g.dir, { recursive: true, force: true });
  });

  it('imports every good record and reports each broken one with its id and why', { timeout: 600_000 }, async () => {
    const s = first;
    expect(s.failed).toBe(g.broken.length + 1);
    expect(
      s.failures
        .filter((f) => f.id)
        .map((f) => f.id)
        .sort(),
    ).toEqual(g.broken.map((b) => b.id).sort());
    const why = (id: string) => s.failures.find((f) => f.id === id)?.reason;
    const by = (w: string) => g.broken.find((b) => b.why === w)!.id;
    expect(why(by('no name'))).toBe('service has no name in Finnish or Swedish');
    expect(why(by('unknown organisation'))).toMatch(
      /^unknown organisation [0-9a-f-]{36} \(not in the import and not in the directory\)$/,
    );
    expect(why(by('bad coordinates'))).toMatch(/coordinates outside Finland/);
    expect(why(by('bad hours'))).toMatch(/closing time "25:00:00"/);
    expect(s.failures.find((f) => !f.id)).toMatchObject({
      origin: 'services-broken.json',
      reason: expect.stringMatching(/^not valid JSON/),
    });
    expect(s.created).toBe(records - g.broken.length);
    expect(s.complete).toBe(false);

    const brokenServices = g.broken.filter((b) => b.kind === 'service').map((b) => serviceId(b.id));
    const n = await d.db
      .selectFrom('service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', 'ptv')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(N - brokenServices.length);
    expect(await d.db.selectFrom('service').select('id').where('id', 'in', brokenServices).execute()).toEqual([]);
  });

  it('makes services searchable in every language and puts places where they are', { timeout: 600_000 }, async () => {
    const fi = await searchServices(d.db, { lang: 'fi', q: 'perhekahvila', municipality: ['018'], perPage: 100 });
    const sv = await searchServices(d.db, { lang: 'sv', q: 'familjecafé', municipality: ['018'], perPage: 100 });
    const en = await searchServices(d.db, { lang: 'en', q: 'family café', municipality: ['018'], perPage: 100 });
    expect(fi.total).toBeGreaterThan(0);
    expect(sv.total).toBeGreaterThan(0);
    expect(en.total).toBeGreaterThan(0);
    const places = await d.db
      .selectFrom('location')
      .select(['key', 'lat', 'lon'])
      .where('source', '=', 'ptv')
      .execute();
    const broken = new Set(g.broken.map((b) => `ptv-${b.id}`));
    expect(places.length).toBe([...g.truePoints.keys()].filter((id) => !broken.has(`ptv-${id}`)).length);
    for (const p of places)
      expect(metres({ lat: p.lat!, lon: p.lon! }, g.truePoints.get(p.key.slice(4))!)).toBeLessThan(1);
    const closed = await d.db
      .selectFrom('schedule_exception')
      .select(['valid_from', 'valid_to', 'closed', 'description'])
      .where('closed', '=', true)
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({
      valid_from: '2026-12-24',
      valid_to: '2026-12-26',
      closed: true,
      description: { fi: 'Joulu', sv: 'Jul' },
    });
    expect(
      Number(
        (
          await d.db
            .selectFrom('link')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', '=', 'e_service')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0);
    // A service with only a phone line among its channels would take the line's hours; these all have a place.
    const s0 = await d.db
      .selectFrom('service')
      .select(['modes', 'url'])
      .where('id', '=', serviceId(g.serviceIds[0]!))
      .executeTakeFirstOrThrow();
    expect(s0.modes.sort()).toEqual(['in_person', 'online', 'phone']);
  });

  it('changes nothing when the same files are imported again', { timeout: 600_000 }, async () => {
    const before = await d.db.selectFrom('service').select(['id', 'updated_at', 'status']).orderBy('id').execute();
    const locBefore = await d.db.selectFrom('location').select(['id', 'updated_at']).orderBy('id').execute();
    const s = await importPtv(d.db, fromFiles(g.dir), ctx);
    expect([s.created, s.updated, s.deactivated]).toEqual([0, 0, 0]);
    expect(s.unchanged).toBe(records - g.broken.length);
    expect(s.failed).toBe(g.broken.length + 1);
    expect(await d.db.selectFrom('service').select(['id', 'updated_at', 'status']).orderBy('id').execute()).toEqual(
      before,
    );
    expect(await d.db.selectFrom('location').select(['id', 'updated_at']).orderBy('id').execute()).toEqual(locBefore);
  });

  it('changes nothing when the same records come in another order', { timeout: 600_000 }, async () => {
    for (const f of readdirSync(g.dir).filter((x) => x.startsWith('channels-') || x.startsWith('services-0'))) {
      const page = JSON.parse(readFileSync(join(g.dir, f), 'utf8')) as { itemList: unknown[] };
      page.itemList.reverse();
      writeFileSync(join(g.dir, f), JSON.stringify(page));
    }
    const s = await importPtv(d.db, fromFiles(g.dir), ctx);
    expect([s.created, s.updated, s.deactivated]).toEqual([0, 0, 0]);
  });
});

describe.each(testDatabases())('PTV re-import on %s', (kind) => {
  const N = 60;
  const g = writeGenerated({ services: N, seed: 3 });
  const records = g.serviceIds.length + g.channelIds.length + g.organizationIds.length;
  const target = g.serviceIds[1]!;
  // Imported once, with local additions; each test then works on a copy of that database, with the files (the same
  // folder: the source set) as they were first written.
  let imported: DatabaseTemplate;
  let d: TestDatabase;
  beforeAll(async () => {
    imported = await createDatabaseTemplate(kind, async ({ db }) => {
      const s = await importPtv(db, fromFiles(g.dir), ctx);
      expect(s.failed).toBe(0);
      // A professional adds a life situation, a network note and a review to a PTV service.
      await db
        .insertInto('service_taxonomy_term')
        .values({
          service_id: serviceId(target),
          taxonomy_term_id: termId('life-situation', 'parenting'),
          origin: 'local',
        })
        .execute();
      await db
        .updateTable('service')
        .set({ network_note: JSON.stringify({ fi: 'Verkoston huomio' }), last_reviewed: '2026-11-30' })
        .where('id', '=', serviceId(target))
        .execute();
    });
  }, 600_000);
  beforeEach(async () => {
    writeGenerated({ services: N, seed: 3 }, g.dir);
    d = await imported.copy();
  }, 120_000);
  afterEach(async () => d?.dispose());
  afterAll(async () => {
    await imported?.dispose();
    rmSync(g.dir, { recursive: true, force: true });
  });

  it('updates changed records in place and keeps the local additions', { timeout: 600_000 }, async () => {
    writeGenerated({ services: N, seed: 3, revision: 1 }, g.dir);
    const s = await importPtv(d.db, fromFiles(g.dir), ctx);
    expect([s.created, s.updated, s.deactivated, s.failed]).toEqual([0, N, 0, 0]);
    expect(s.unchanged).toBe(records - N);
    const svc = await d.db
      .selectFrom('service')
      .select(['summary', 'network_note', 'last_reviewed', 'status'])
      .where('id', '=', serviceId(target))
      .executeTakeFirstOrThrow();
    expect(svc.summary.fi).toMatch(/\(versio 1\)\.$/);
    expect(svc.network_note).toEqual({ fi: 'Verkoston huomio' });
    expect(String(svc.last_reviewed).slice(0, 10)).toBe('2026-11-30');
    const terms = await d.db
      .selectFrom('service_taxonomy_term as st')
      .innerJoin('taxonomy_term as t', 't.id', 'st.taxonomy_term_id')
      .select(['t.taxonomy_id', 't.code', 'st.origin'])
      .where('st.service_id', '=', serviceId(target))
      .orderBy('t.code')
      .execute();
    expect(terms).toContainEqual({ taxonomy_id: 'life-situation', code: 'parenting', origin: 'local' });
    expect(terms).toContainEqual({ taxonomy_id: 'ptv-target-group', code: 'KR1.2', origin: 'ptv' });
    const r = await searchServices(d.db, { lang: 'fi', lifeSituation: ['parenting'], perPage: 100 });
    expect(r.hits.map((h) => h.id)).toEqual([serviceId(target)]);
  });

  it(
    'deactivates a record no longer published and one absent from a complete re-read; deletes nothing',
    { timeout: 600_000 },
    async () => {
      const file = join(g.dir, 'services-001.json');
      const page = JSON.parse(readFileSync(file, 'utf8')) as { itemList: { id: string; publishingStatus: string }[] };
      const gone = page.itemList[2]!.id;
      const deleted = page.itemList[3]!.id;
      page.itemList[3]!.publishingStatus = 'Deleted';
      page.itemList.splice(2, 1);
      writeFileSync(file, JSON.stringify(page));
      const s = await importPtv(d.db, fromFiles(g.dir), ctx);
      expect([s.created, s.updated, s.deactivated, s.failed]).toEqual([0, 0, 2, 0]);
      const rows = await d.db
        .selectFrom('service')
        .select(['id', 'status'])
        .where('id', 'in', [serviceId(gone), serviceId(deleted)])
        .orderBy('id')
        .execute();
      expect(rows.map((x) => x.status)).toEqual(['inactive', 'inactive']);
      const hits = await searchServices(d.db, { lang: 'fi', perPage: 100 });
      expect(hits.hits.map((h) => h.id)).not.toContain(serviceId(gone));
      expect(hits.total).toBe(N - 2);
      // Again: nothing more to do.
      const again = await importPtv(d.db, fromFiles(g.dir), ctx);
      expect([again.created, again.updated, again.deactivated, again.failed]).toEqual([0, 0, 0, 0]);
    },
  );

  describe('with a service deleted in PTV since', () => {
    beforeEach(async () => {
      const file = join(g.dir, 'services-001.json');
      const page = JSON.parse(readFileSync(file, 'utf8')) as { itemList: { publishingStatus: string }[] };
      page.itemList[3]!.publishingStatus = 'Deleted';
      writeFileSync(file, JSON.stringify(page));
      expect((await importPtv(d.db, fromFiles(g.dir), ctx)).deactivated).toBe(1);
    }, 600_000);

    it(
      'takes a place no longer published off its services, and brings a re-published service back',
      { timeout: 600_000 },
      async () => {
        const file = join(g.dir, 'channels-001.json');
        const page = JSON.parse(readFileSync(file, 'utf8')) as {
          itemList: {
            id: string;
            serviceChannelType: string;
            publishingStatus: string;
            services: { service: { id: string } }[];
          }[];
        };
        const place = page.itemList.find((c) => c.serviceChannelType === 'ServiceLocation' && c.services.length)!;
        const served = place.services.map((x) => serviceId(x.service.id));
        expect(
          (
            await d.db
              .selectFrom('service_at_location')
              .select('service_id')
              .where('location_id', '=', locationId(place.id))
              .execute()
          ).length,
        ).toBeGreaterThan(0);
        place.publishingStatus = 'Deleted';
        writeFileSync(file, JSON.stringify(page));
        const s = await importPtv(d.db, fromFiles(g.dir), ctx);
        expect(s.deactivated).toBe(1);
        const activeServed = await d.db
          .selectFrom('service')
          .select('id')
          .where('id', 'in', served)
          .where('status', '=', 'active')
          .execute();
        expect(s.updated).toBe(activeServed.length); // the services it served lose the place
        expect(
          await d.db
            .selectFrom('service_at_location')
            .select('service_id')
            .where('location_id', '=', locationId(place.id))
            .execute(),
        ).toEqual([]);
        expect(
          await d.db.selectFrom('location').select('id').where('id', '=', locationId(place.id)).executeTakeFirst(),
        ).toBeTruthy();

        // The service deleted in PTV is published again: it comes back active, under the same id.
        const sfile = join(g.dir, 'services-001.json');
        const spage = JSON.parse(readFileSync(sfile, 'utf8')) as {
          itemList: { id: string; publishingStatus: string }[];
        };
        const back = spage.itemList.find((x) => x.publishingStatus === 'Deleted')!;
        back.publishingStatus = 'Published';
        writeFileSync(sfile, JSON.stringify(spage));
        const s2 = await importPtv(d.db, fromFiles(g.dir), ctx);
        expect([s2.created, s2.updated, s2.deactivated, s2.failed]).toEqual([0, 1, 0, 0]);
        expect(
          (
            await d.db
              .selectFrom('service')
              .select('status')
              .where('id', '=', serviceId(back.id))
              .executeTakeFirstOrThrow()
          ).status,
        ).toBe('active');
      },
    );
  });

  it(
    'a channel changed in a file of its own updates its services, which stay in their own source set',
    { timeout: 600_000 },
    async () => {
      const page = JSON.parse(readFileSync(join(g.dir, 'channels-001.json'), 'utf8')) as {
        itemList: {
          serviceChannelType: string;
          publishingStatus: string;
          phoneNumbers: { number: string }[];
          services: { service: { id: string } }[];
        }[];
      };
      const phone = page.itemList.find(
        (c) => c.serviceChannelType === 'Phone' && c.publishingStatus === 'Published' && c.services.length,
      )!;
      phone.phoneNumbers[0]!.number = '401234567';
      const single = join(g.dir, '..', `${g.dir.split('/').at(-1)}-change.json`);
      writeFileSync(single, JSON.stringify(phone));
      try {
        const s = await importPtv(d.db, fromFiles(single), ctx);
        expect(s.failed).toBe(0);
        const served = phone.services.map((x) => serviceId(x.service.id));
        const active = await d.db
          .selectFrom('service')
          .select('id')
          .where('id', 'in', served)
          .where('status', '=', 'active')
          .execute();
        expect(s.updated).toBe(1 + active.length);
        const numbers = await d.db
          .selectFrom('phone')
          .select('number')
          .where('service_id', '=', active[0]!.id)
          .execute();
        expect(numbers.map((n) => n.number)).toContain('+358 401234567');
        // The same file again, a complete read of its own set: the services are not in that set, so none is deactivated.
        const again = await importPtv(d.db, fromFiles(single), ctx);
        expect([again.created, again.updated, again.deactivated, again.failed]).toEqual([0, 0, 0, 0]);
      } finally {
        rmSync(single, { force: true });
      }
    },
  );
});
