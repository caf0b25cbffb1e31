/**
 * Bad PTV records do not stop an import (issue 17, item 8), on both databases: a list of the wrong type
 * (`serviceChannels: "x"`, `organizations: 5`), a NUL character in an id, a huge description (capped), and the
 * same record twice in one import (reported; the copy modified last is imported). Each bad record is reported with
 * its id and skipped; the rest is imported and the run is audited.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPtv, type ImportSummary } from '../../src/core/ptv/importPtv.js';
import { TEXT_CAPS } from '../../src/core/ptv/records.js';
import { fromFiles } from '../../src/core/ptv/source.js';
import { idFromKey } from '../../src/core/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../support/databases.js';
import { writeGenerated } from './support.js';

const ctx = { actor: null, actorName: 'test' };
const serviceId = (ptvId: string) => idFromKey('service', `ptv-${ptvId}`);
type Raw = Record<string, unknown> & { id: string };

describe.each(testDatabases())('PTV import of bad records on %s', (kind) => {
  let d: TestDatabase;
  const g = writeGenerated({ services: 20, seed: 17 });
  const records = g.serviceIds.length + g.channelIds.length + g.organizationIds.length;
  const page = JSON.parse(readFileSync(join(g.dir, 'services-001.json'), 'utf8')) as { itemList: Raw[] };
  const [base, big, twice] = page.itemList as [Raw, Raw, Raw];
  const newId = (n: number) => `0b0c0d0e-0000-4000-8000-00000000000${n}`;
  const bad = {
    channelsText: { ...base, id: newId(1), serviceChannels: 'x' },
    organizationsNumber: { ...base, id: newId(2), organizations: 5 },
    nulInId: { ...base, id: `${newId(3).slice(0, 35)}\u0000` },
  };
  const huge = 'Pitkä kuvaus. '.repeat(150_000); // 2.1 million characters
  // The first import, once: the first test reads what it reported and stored, the second imports again.
  let first: ImportSummary;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    // The second service's description is huge; the third comes again in another file, modified later.
    big.serviceDescriptions = [
      ...(big.serviceDescriptions as { type: string }[]).filter((x) => x.type !== 'Description'),
      { language: 'fi', value: huge, type: 'Description' },
    ];
    writeFileSync(join(g.dir, 'services-001.json'), JSON.stringify(page));
    const later = {
      ...twice,
      modified: '2027-01-01T00:00:00',
      serviceDescriptions: [{ language: 'fi', value: 'Myöhempi versio.', type: 'Summary' }],
    };
    writeFileSync(
      join(g.dir, 'services-zz-bad.json'),
      JSON.stringify([bad.channelsText, bad.organizationsNumber, bad.nulInId, later]),
    );
    first = await importPtv(d.db, fromFiles(g.dir), ctx);
  }, 600_000);
  afterAll(async () => {
    await d?.dispose();
    rmSync(g.dir, { recursive: true, force: true });
  });

  it('reports each bad record with its id and imports everything else', { timeout: 600_000 }, async () => {
    const s = first;
    expect(s.failures).toEqual([
      {
        kind: 'service',
        id: newId(1),
        origin: 'services-zz-bad.json',
        reason: 'not a PTV v11 service: serviceChannels must be array or null (is string)',
      },
      {
        kind: 'service',
        id: newId(2),
        origin: 'services-zz-bad.json',
        reason: 'not a PTV v11 service: organizations must be array or null (is number)',
      },
      {
        kind: 'service',
        id: `${newId(3).slice(0, 35)}\\u0000`,
        origin: 'services-zz-bad.json',
        reason: `id "${newId(3).slice(0, 35)}\\u0000" is not a PTV id (UUID)`,
      },
    ]);
    expect([s.created, s.updated, s.unchanged, s.deactivated, s.failed]).toEqual([records, 0, 0, 0, 3]);
    expect(s.complete).toBe(true);

    // The huge description is capped, and said so.
    const svc = await d.db
      .selectFrom('service')
      .select(['description'])
      .where('id', '=', serviceId(big.id))
      .executeTakeFirstOrThrow();
    expect(svc.description.fi).toHaveLength(TEXT_CAPS.text);
    expect(svc.description.fi!.endsWith('…')).toBe(true);
    expect(s.notes).toContainEqual(
      `1 text(s) longer than the import keeps were shortened: service ${big.id} serviceDescriptions[${(big.serviceDescriptions as unknown[]).length - 1}].value (${huge.length} characters, kept ${TEXT_CAPS.text})`,
    );
    const stored = await d.db
      .selectFrom('ptv_record')
      .select((eb) => eb.fn<number>('length', [eb.cast('data', 'text')]).as('n'))
      .where('ptv_id', '=', big.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBeLessThan(50_000);

    // The record that came twice: reported, and the copy modified last is the one imported.
    expect(s.notes).toContainEqual(
      `1 record(s) came more than once in this import (the copy modified last was imported): service ${twice.id} (services-001.json, services-zz-bad.json)`,
    );
    const again = await d.db
      .selectFrom('service')
      .select('summary')
      .where('id', '=', serviceId(twice.id))
      .executeTakeFirstOrThrow();
    expect(again.summary).toEqual({ fi: 'Myöhempi versio.' });

    // The run is audited, the NUL in a reported id included (escaped).
    const run = await d.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'ptv.import')
      .executeTakeFirstOrThrow();
    expect(run.details).toMatchObject({ created: records, failed: 3 });
    expect(JSON.stringify(run.details)).toContain('\\\\u0000');
  });

  it('reports the same bad records again, and changes nothing else', { timeout: 600_000 }, async () => {
    const s = await importPtv(d.db, fromFiles(g.dir), ctx);
    expect([s.created, s.updated, s.unchanged, s.deactivated, s.failed]).toEqual([0, 0, records, 0, 3]);
  });
});
