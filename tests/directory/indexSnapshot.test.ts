/**
 * The search index's snapshot (issue 13: the start reads it instead of analysing every document): read back, it is
 * the same index (the same bytes written again, the same answers), also after changes left dead ordinals and lists
 * to merge; a damaged or foreign one is refused with an error, and a start that finds its stored copy damaged builds
 * from the documents and stores a good one again. On both databases: the stored copy crosses PGlite's worker thread
 * as bytea.
 */
import { sql, type KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { IndexFeed } from '../../src/core/directory/search/indexFeed.js';
import { indexRunner } from '../../src/core/directory/search/indexedSearch.js';
import { loadIndexRows, MemoryIndex } from '../../src/core/directory/search/memoryIndex.js';
import { searchWith, type SearchParams } from '../../src/core/directory/search/searchServices.js';
import { testDatabases, useTestDatabase } from '../support/databases.js';

const QUERIES: SearchParams[] = (
  [
    { q: 'neuvola', lang: 'fi', sort: 'relevance' },
    { q: 'familjecafé', lang: 'sv', sort: 'relevance' },
    { q: 'speech therapy', lang: 'en', sort: 'relevance' },
    { q: 'perhe', lang: 'fi', sort: 'name', perPage: 100 },
    { lang: 'sv', sort: 'name', perPage: 100, language: ['sv'] },
    { lang: 'fi', sort: 'name', age: 4, free: true },
    { lang: 'fi', sort: 'distance', near: { lat: 60.17, lon: 24.94 }, withinKm: 30 },
  ] satisfies SearchParams[]
).map((p) => ({ ...p, facets: true }));

describe.each(testDatabases())('the search index snapshot (%s)', (kind) => {
  const d = useTestDatabase(kind, { demo: true });

  const answers = (index: MemoryIndex) =>
    Promise.all(QUERIES.map((p) => searchWith(d.db, p, 100, indexRunner(d.db, index))));

  it('reads back as the same index: the same bytes written again and the same answers, also after changes', async () => {
    const index = await MemoryIndex.build(d.db);
    expect(index.size).toBeGreaterThan(100);
    const expected = await answers(index);
    expect(expected.some((r) => r.total > 0 && r.facets)).toBe(true);
    const bytes = index.snapshot();
    const again = MemoryIndex.fromSnapshot(bytes);
    expect(again.size).toBe(index.size);
    expect(await answers(again)).toEqual(expected);
    expect(again.snapshot().equals(bytes)).toBe(true);

    // Half the services rebuilt twice: dead ordinals, and posting lists with numbers added after the packed ones.
    const ids = (await d.db.selectFrom('service').select('id').orderBy('id').execute()).map((r) => r.id);
    const half = ids.filter((_, i) => i % 2 === 0);
    const rows = await loadIndexRows(d.db, half);
    for (const x of [index, again]) for (let i = 0; i < 2; i++) x.apply(half, rows);
    const changed = await answers(index);
    const later = again.snapshot();
    const third = MemoryIndex.fromSnapshot(later);
    expect(await answers(third)).toEqual(changed);
    expect(third.snapshot().equals(later)).toBe(true);
  });

  it('refuses a snapshot of another format, or one cut short or with a length out of place: an error', async () => {
    const bytes = (await MemoryIndex.build(d.db)).snapshot();
    const fails = (b: Buffer) => expect(() => MemoryIndex.fromSnapshot(b)).toThrow(/search index snapshot/);
    const other = Buffer.from(bytes);
    other.writeInt32LE(other.readInt32LE(4) + 1, 4); // the first section is the format number
    fails(other);
    for (const keep of [0, 3, 8, 100, bytes.length >> 1, bytes.length - 1]) fails(bytes.subarray(0, keep));
    fails(Buffer.concat([bytes, Buffer.alloc(4)]));
    // The head's length made longer: every section after it is read from the wrong place.
    const shifted = Buffer.from(bytes);
    shifted.writeUInt32LE(shifted.readUInt32LE(8) + 4, 8);
    expect(() => MemoryIndex.fromSnapshot(shifted)).toThrow();
  });

  it('builds from the documents when the stored snapshot is damaged, and stores a good one again', async () => {
    const warnings: string[] = [];
    const log = { warn: (_: object, msg: string) => void warnings.push(msg) };
    const first = await IndexFeed.start(d.database, log, { snapshotMin: 0, fromDocuments: true });
    await first.saveSnapshot();
    await first.close();
    const read = await IndexFeed.start(d.database, log, { snapshotMin: 1e9 });
    expect(read.builtFrom).toBe('snapshot');
    expect(read.index.size).toBe(first.index.size);
    await read.close();
    expect(warnings).toEqual([]);

    const damages = [
      sql`update search_snapshot set data = substring(data from 1 for length(data) - 10)`,
      sql`update search_snapshot set data = set_byte(data, length(data) / 2, get_byte(data, length(data) / 2) # 255)`,
    ];
    for (const damage of damages) {
      warnings.length = 0;
      const good = await d.db.selectFrom('search_snapshot').select('data').executeTakeFirstOrThrow();
      await damage.execute(d.db);
      const cold = await IndexFeed.start(d.database, log, { snapshotMin: 1e9 });
      expect(cold.builtFrom).toBe('documents');
      expect(cold.index.size).toBe(first.index.size);
      await cold.close();
      expect(warnings).toEqual(['search index: snapshot not read, building from the documents']);
      await d.db
        .updateTable('search_snapshot')
        .set({ data: Buffer.from(good.data) })
        .execute();
    }

    // Read in pieces (at 100 000 services 2 MB each; here a few hundred bytes): the same index.
    const bytes = (await d.db.selectFrom('search_snapshot').select('data').executeTakeFirstOrThrow()).data.byteLength;
    const pieces = await IndexFeed.start(d.database, log, { snapshotMin: 1e9, snapshotPiece: Math.ceil(bytes / 7) });
    expect(pieces.builtFrom).toBe('snapshot');
    expect(pieces.index.snapshot()).toEqual(read.index.snapshot());
    await pieces.close();

    // Stored anew by another instance while this one reads it in pieces: not used (pieces of two snapshots are not
    // one). The first piece's answer sets the other write going; the next pieces are asked after it.
    let written: Promise<unknown> | undefined;
    const pieceQueries = new WeakSet<object>();
    const another: KyselyPlugin = {
      transformQuery(args) {
        const text = args.node.kind === 'RawNode' ? args.node.sqlFragments.join('') : '';
        if (text.includes('substring(data from')) pieceQueries.add(args.queryId);
        return args.node;
      },
      async transformResult(args) {
        if (pieceQueries.has(args.queryId)) written ??= sql`update search_snapshot set made_at = now()`.execute(d.db);
        return args.result;
      },
    };
    const watched = d.db.withPlugin(another);
    const replaced = await IndexFeed.start({ ...d.database, db: watched }, log, {
      snapshotMin: 1e9,
      snapshotPiece: 64,
    });
    await written;
    expect(replaced.builtFrom).toBe('documents');
    expect(replaced.index.size).toBe(first.index.size);
    await replaced.close();

    // Damaged again: a start that may store snapshots replaces it with a good one, which the next start reads.
    await damages[0]!.execute(d.db);
    const rebuilt = await IndexFeed.start(d.database, log, { snapshotMin: 0 });
    expect(rebuilt.builtFrom).toBe('documents');
    await rebuilt.close(); // waits for the snapshot it stores
    const next = await IndexFeed.start(d.database, log, { snapshotMin: 1e9 });
    expect(next.builtFrom).toBe('snapshot');
    expect(await answers(next.index)).toEqual(await answers(rebuilt.index));
    await next.close();
  });
});
