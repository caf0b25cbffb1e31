/**
 * The import's deactivation on its own, on both databases: a service leaves search and keeps its row, the import's
 * records are marked inactive (a record read now keeps its publishing status and moves to the run's source set),
 * nothing else changes, and nothing is deleted.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchServices } from '../../src/core/directory/search/searchServices.js';
import { deactivateRecords } from '../../src/core/ptv/deactivate.js';
import { importPtv } from '../../src/core/ptv/importPtv.js';
import { fromFiles } from '../../src/core/ptv/source.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { writeGenerated } from './support.js';

const ctx = { actor: null, actorName: 'test' };
const serviceId = (ptvId: string) => idFromKey('service', `ptv-${ptvId}`);

describe.each(testDatabases())('PTV deactivation on %s', (kind) => {
  let d: TestDatabase;
  const g = writeGenerated({ services: 8, seed: 21 });
  const set = `files:${g.dir}`;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    const s = await importPtv(d.db, fromFiles(g.dir), ctx);
    expect(s.failed).toBe(0);
  }, 600_000);
  afterAll(async () => {
    await d?.dispose();
    rmSync(g.dir, { recursive: true, force: true });
  });

  const record = (kind: string, id: string) =>
    d.db
      .selectFrom('ptv_record')
      .select(['status', 'publishing_status', 'source_set'])
      .where('kind', '=', kind as 'service')
      .where('ptv_id', '=', id)
      .executeTakeFirstOrThrow();

  it(
    'takes services out of search, marks the records inactive, and deletes nothing',
    { timeout: 600_000 },
    async () => {
      const [unpublished, absent, kept] = g.serviceIds as [string, string, string];
      const phone = g.channelIds.find((c) => c.length && !g.truePoints.has(c))!;
      const before = await searchServices(d.db, { lang: 'fi', perPage: 100 });
      expect(before.hits.map((h) => h.id)).toContain(serviceId(unpublished));

      const r = await deactivateRecords(
        d.db,
        [
          { kind: 'service', id: unpublished, why: 'publishing status Deleted', publishingStatus: 'Deleted' },
          { kind: 'service', id: absent, why: 'absent from a complete read of its source set' },
          { kind: 'channel', id: phone, why: 'absent from a complete read of its source set' },
        ],
        'files:/elsewhere',
      );
      expect(r).toEqual({ deactivated: 3, failures: [] });

      const rows = await d.db
        .selectFrom('service')
        .select(['id', 'status'])
        .where('id', 'in', [serviceId(unpublished), serviceId(absent), serviceId(kept)])
        .execute();
      expect(Object.fromEntries(rows.map((x) => [x.id, x.status]))).toEqual({
        [serviceId(unpublished)]: 'inactive',
        [serviceId(absent)]: 'inactive',
        [serviceId(kept)]: 'active',
      });
      const after = await searchServices(d.db, { lang: 'fi', perPage: 100 });
      expect(after.total).toBe(before.total - 2);
      expect(after.hits.map((h) => h.id)).not.toContain(serviceId(unpublished));
      expect(after.hits.map((h) => h.id)).not.toContain(serviceId(absent));

      // Read now: its status and the run's set are recorded. Absent: only the status changes.
      expect(await record('service', unpublished)).toEqual({
        status: 'inactive',
        publishing_status: 'Deleted',
        source_set: 'files:/elsewhere',
      });
      expect(await record('service', absent)).toEqual({
        status: 'inactive',
        publishing_status: 'Published',
        source_set: set,
      });
      expect(await record('channel', phone)).toEqual({
        status: 'inactive',
        publishing_status: 'Published',
        source_set: set,
      });
      expect(await record('service', kept)).toEqual({
        status: 'active',
        publishing_status: 'Published',
        source_set: set,
      });
    },
  );

  it('has nothing to do for nothing', async () => {
    expect(await deactivateRecords(d.db, [], 'files:/elsewhere')).toEqual({ deactivated: 0, failures: [] });
  });
});
