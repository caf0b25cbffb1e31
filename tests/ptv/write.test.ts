/**
 * The import's write phase on its own, on both databases: a plan written in batches; a record the database refuses
 * fails alone (its chunk is written again one savepoint per record), the records that need it are not written,
 * and everything else is.
 */
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveServices } from '../../src/core/directory/saveRecords.js';
import { reindexServices } from '../../src/core/directory/searchIndexer.js';
import { DomainError } from '../../src/core/shared/errors.js';
import { termIdOf } from '../../src/core/ptv/mapping.js';
import { loadDirectoryState, planImport } from '../../src/core/ptv/plan.js';
import { readSource } from '../../src/core/ptv/read.js';
import { fromFiles } from '../../src/core/ptv/source.js';
import { insertTerms, writePlan } from '../../src/core/ptv/write.js';
import { countRows, createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { writeGenerated } from './support.js';

describe.each(testDatabases())('PTV write phase on %s', (kind) => {
  // Each describe block below has a database of its own.
  let d: TestDatabase;
  const g = writeGenerated({ services: 30, seed: 13 });
  afterAll(() => rmSync(g.dir, { recursive: true, force: true }));

  const count = (table: 'service' | 'location' | 'ptv_record') => countRows(d.db, table);
  /** The import's plan of the generated files against the block's database as it is now. */
  const planGenerated = async () => {
    const source = fromFiles(g.dir);
    return planImport(await readSource(source), await loadDirectoryState(d.db), source.name);
  };

  describe('on an empty directory', () => {
    beforeAll(async () => {
      d = await createTestDatabase(kind);
    }, 600_000);
    afterAll(() => d?.dispose());

    it(
      'writes every record but the ones the database refuses and the ones that need them',
      { timeout: 600_000 },
      async () => {
        const plan = await planGenerated();
        expect(plan.failures).toEqual([]);
        // A place the database refuses (no such municipality: a foreign key), and a service naming an unknown place.
        const place = plan.channels.find(
          (c) => c.input && plan.services.some((s) => s.requires.includes(`channel:${c.id}`)),
        )!;
        place.input!.municipalityCode = '999';
        const needPlace = plan.services.filter((s) => s.requires.includes(`channel:${place.id}`));
        const stray = plan.services.find((s) => !needPlace.includes(s))!;
        stray.input.input.locationKeys = [
          ...(stray.input.input.locationKeys ?? []),
          'ptv-00000000-0000-4000-8000-000000000000',
        ];

        const r = await writePlan(d.db, plan, { chunk: 7 });
        expect(r.failures).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              kind: 'channel',
              id: place.id,
              reason: expect.stringMatching(/^could not be written: /),
            }),
            {
              kind: 'service',
              id: stray.id,
              origin: stray.origin,
              reason: 'locations unknown (ptv-00000000-0000-4000-8000-000000000000)',
            },
            ...needPlace.map((s) => ({
              kind: 'service',
              id: s.id,
              origin: s.origin,
              reason: `not written: channel ${place.id} could not be written`,
            })),
          ]),
        );
        expect(r.failures).toHaveLength(2 + needPlace.length);
        const planned = plan.organizations.length + plan.channels.length + plan.services.length;
        expect(r.created).toBe(planned - r.failures.length);
        expect(r.updated).toBe(0);

        // What failed is not in the directory nor in the import's records (the next import tries it again).
        expect(await count('service')).toBe(plan.services.length - 1 - needPlace.length);
        expect(await count('location')).toBe(plan.channels.filter((c) => c.input).length - 1);
        expect(await count('ptv_record')).toBe(planned - r.failures.length);
        const failedIds = r.failures.map((f) => f.id!);
        expect(await d.db.selectFrom('ptv_record').select('ptv_id').where('ptv_id', 'in', failedIds).execute()).toEqual(
          [],
        );
        // The services written have their search documents.
        const docs = await d.db
          .selectFrom('service_search')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(docs.n)).toBe(await count('service'));
      },
    );
  });

  describe('storing the records', () => {
    beforeAll(async () => {
      d = await createTestDatabase(kind);
    }, 600_000);
    afterAll(() => d?.dispose());

    it('compresses the JSON it stores with lz4 where the database has it (PostgreSQL), else with pglz', async () => {
      const plan = await planGenerated();
      const commit = sql<{ v: string }>`select current_setting('synchronous_commit') as v`;
      const commitBefore = (await commit.execute(d.db)).rows[0]!.v;
      expect((await writePlan(d.db, plan)).failures).toEqual([]);
      // synchronous_commit is off for the import's own transactions only (on a server): the default stays.
      expect((await commit.execute(d.db)).rows[0]!.v).toBe(commitBefore);
      const lz4 = await sql<{ has: boolean }>`select coalesce('lz4' = any(enumvals), false) as has
        from pg_settings where name = 'default_toast_compression'`.execute(d.db);
      if (kind === 'pglite') expect(lz4.rows[0]!.has).toBe(false);
      const methods = await sql<{ method: string | null; n: number }>`
        select pg_column_compression(data) as method, count(*)::int as n from ptv_record group by 1`.execute(d.db);
      const compressed = methods.rows.filter((r) => r.method !== null);
      expect(compressed.map((r) => r.method)).toEqual([lz4.rows[0]!.has ? 'lz4' : 'pglz']);
      // The database's own default is left as it was: the setting holds for the import's transactions only.
      const setting = await sql<{ v: string }>`select current_setting('default_toast_compression') as v`.execute(d.db);
      expect(setting.rows[0]!.v).toBe('pglz');
    });
  });

  describe('search documents of a chunk', () => {
    beforeAll(async () => {
      d = await createTestDatabase(kind);
    }, 600_000);
    afterAll(() => d?.dispose());

    it('are those of each service built alone, though a chunk builds each text it shares once', async () => {
      const plan = await planGenerated();
      expect((await writePlan(d.db, plan)).failures).toEqual([]);
      const ids = (await d.db.selectFrom('service').select('id').orderBy('id').execute()).map((r) => r.id);
      // The generated services share summaries and organisations: texts a chunk has more than once.
      const summaries = await sql<{ n: number; distinct: number }>`select count(*)::int as n,
        count(distinct summary::text)::int as distinct from service`.execute(d.db);
      expect(summaries.rows[0]!.n).toBe(30);
      expect(summaries.rows[0]!.distinct).toBeLessThan(10);
      const docs = async () =>
        (
          await sql<{ doc: string }>`select concat_ws(' | ', s.service_id, s.tsv::text, s.tsv_name::text,
            s.tsv_keywords::text, r.tsv_rank::text, s.open_hours::text, s.points::text, s.sort_fi) as doc
          from service_search s join service_search_rank r using (service_id) order by s.service_id`.execute(d.db)
        ).rows.map((r) => r.doc);
      await d.db.transaction().execute((tx) => reindexServices(tx, ids));
      const together = await docs();
      expect(together).toHaveLength(30);
      for (const id of ids) await d.db.transaction().execute((tx) => reindexServices(tx, [id]));
      expect(await docs()).toEqual(together);
      // Each weight of each service is in its document (a row joined to another's text would not be).
      const names = await sql<{ ok: boolean }>`select bool_and(ss.tsv_name @@ plainto_tsquery('simple',
          unaccent(s.name->>'fi'))) as ok from service s join service_search ss on ss.service_id = s.id`.execute(d.db);
      expect(names.rows[0]!.ok).toBe(true);
    });
  });

  describe('with the generated organisations, places and taxonomy terms written, not yet the services', () => {
    beforeAll(async () => {
      d = await createTestDatabase(kind);
      const plan = await planGenerated();
      expect((await writePlan(d.db, { ...plan, services: [] })).failures).toEqual([]);
      const terms = new Map(plan.services.flatMap((s) => s.input.terms).map((t) => [termIdOf(t), t]));
      await insertTerms(d.db, [...terms.values()]);
    }, 600_000);
    afterAll(() => d?.dispose());

    it('refuses a batch naming an unknown place with an invalid DomainError, and writes none of it', async () => {
      const plan = await planGenerated();
      const [a, b] = plan.services.map((s) => s.input.input) as [
        (typeof plan.services)[number]['input']['input'],
        (typeof plan.services)[number]['input']['input'],
      ];
      const before = await count('service');
      const missing = 'ptv-00000000-0000-4000-8000-000000000001';
      const refusal = await d.db
        .transaction()
        .execute((tx) =>
          saveServices(tx, [
            { ...a, key: 'ptv-batch-a', locationKeys: [] },
            { ...b, key: 'ptv-batch-b', locationKeys: [missing] },
          ]),
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({
        kind: 'invalid',
        code: 'invalid_record',
        area: 'directory',
        params: { key: 'ptv-batch-b' },
        problems: [{ field: 'locations', code: 'unknown', params: { value: missing } }],
      });
      expect(await count('service')).toBe(before);
    });

    it('replaces the rows of a service written again, and adds them to a new one', async () => {
      const plan = await planGenerated();
      const base = plan.services[0]!.input.input;
      const rowsOf = async (key: string) => {
        const s = await d.db.selectFrom('service').select('id').where('key', '=', key).executeTakeFirstOrThrow();
        const [phones, areas, links] = await Promise.all([
          d.db.selectFrom('phone').select('number').where('service_id', '=', s.id).orderBy('sort').execute(),
          d.db
            .selectFrom('service_area')
            .select('municipality_code')
            .where('service_id', '=', s.id)
            .orderBy('municipality_code')
            .execute(),
          d.db.selectFrom('link').select('url').where('service_id', '=', s.id).orderBy('sort').execute(),
        ]);
        return {
          phones: phones.map((p) => p.number),
          areas: areas.map((a) => a.municipality_code),
          links: links.map((l) => l.url),
        };
      };
      const first = {
        ...base,
        key: 'ptv-batch-again',
        locationKeys: [],
        phones: [{ number: '+358 40 1' }, { number: '+358 40 2' }],
        areas: ['018', '078'],
        links: [{ kind: 'web_page' as const, url: 'https://example.invalid/a' }],
      };
      await d.db.transaction().execute((tx) => saveServices(tx, [first]));
      expect(await rowsOf(first.key)).toEqual({
        phones: ['+358 40 1', '+358 40 2'],
        areas: ['018', '078'],
        links: ['https://example.invalid/a'],
      });
      // Written again beside a new one: the first one's rows are replaced, not added to.
      await d.db.transaction().execute((tx) =>
        saveServices(tx, [
          { ...first, phones: [{ number: '+358 40 3' }], areas: ['106'], links: [] },
          { ...first, key: 'ptv-batch-new', phones: [{ number: '+358 40 4' }] },
        ]),
      );
      expect(await rowsOf(first.key)).toEqual({ phones: ['+358 40 3'], areas: ['106'], links: [] });
      expect(await rowsOf('ptv-batch-new')).toEqual({
        phones: ['+358 40 4'],
        areas: ['018', '078'],
        links: ['https://example.invalid/a'],
      });
    });
  });
});
