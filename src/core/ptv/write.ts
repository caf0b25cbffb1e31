/**
 * The import's third phase: the plan's records written to the directory, in batches. Organisations first, then
 * places, then services (each names what came before). A chunk of records is one transaction with a fixed number
 * of statements (multi-row upserts, one delete per table, one rebuild of the chunk's search documents), and the
 * import's own record of each (`ptv_record`) in the same transaction. Records are checked before (plan.ts), so a
 * chunk rarely fails; when one does, it is written again one record per savepoint, so that the record that fails
 * is rolled back alone, reported with its id and reason, and the others are written.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PtvRecordKind } from '../../db/schema.ptv.js';
import { saveLocations, saveOrganizations, saveServices } from '../directory/saveRecords.js';
import { reindexServices } from '../directory/searchIndexer.js';
import { reasonOf, stateKey, type ImportFailure } from './importTypes.js';
import { termIdOf } from './mapping.js';
import type { ImportPlan, PlannedRecord, PlannedService } from './plan.js';

type Tx = Transaction<DB>;

/** Records per transaction. */
export const WRITE_CHUNK = 250;
/** Chunks of services written at once (see writeAll). */
export const WRITE_PARALLEL = 2;

export interface WriteResult {
  created: number;
  updated: number;
  failures: ImportFailure[];
}

export async function writePlan(
  db: Kysely<DB>,
  plan: ImportPlan,
  opts: { chunk?: number; parallel?: number } = {},
): Promise<WriteResult> {
  const w = startWrite(db, plan, opts);
  await w.sources;
  return w.services();
}

/**
 * The writes in two stages, to go with the plan's (plan.ts, startPlan): `sources`, begun at once, writes the
 * organisations and the places, which the plan has whole before it plans the services (so the database writes
 * them while the import plans); `services()`, called once the plan is whole and `sources` has resolved, writes the
 * services and the bookkeeping of the records read again, and returns the result of both.
 */
export function startWrite(
  db: Kysely<DB>,
  plan: ImportPlan,
  opts: { chunk?: number; parallel?: number } = {},
): { sources: Promise<void>; services: () => Promise<WriteResult> } {
  const size = opts.chunk ?? WRITE_CHUNK;
  const setup = chunkSetup(db);
  setup.catch(() => undefined); // awaited by the first chunk; until then its failure is not unhandled
  const out: WriteResult = { created: 0, updated: 0, failures: [] };
  const failed = new Set<string>(); // kind:id of the records that could not be written

  const fail = (r: { kind: PtvRecordKind; id: string; origin: string }, reason: string) => {
    failed.add(stateKey(r.kind, r.id));
    out.failures.push({ kind: r.kind, id: r.id, origin: r.origin, reason });
  };
  /** The records whose prerequisites were written; the others fail, saying which. */
  const ready = <I>(list: PlannedRecord<I>[]) =>
    list.filter((r) => {
      const missing = r.requires.filter((k) => failed.has(k));
      if (missing.length)
        fail(r, `not written: ${missing.map((k) => k.replace(':', ' ')).join(', ')} could not be written`);
      return !missing.length;
    });
  /**
   * Writes the import's records in chunks: the directory's rows, then the import's own record of each. With
   * `parallel` > 1, that many chunks are in flight at once, each its own transaction on its own connection, so that
   * the import prepares one chunk while the database writes another (PGlite takes them one after the other). Only
   * for records that share no rows: services (each in one chunk; the terms and words they share are inserted in
   * one order by every chunk, so two chunks wait for each other at most once, never in a circle).
   */
  const writeAll = async <I>(
    list: PlannedRecord<I>[],
    write: (tx: Tx, list: PlannedRecord<I>[]) => Promise<string[]>,
    parallel = 1,
  ) => {
    const parts = chunks(list, size);
    const results: ChunkResult<PlannedRecord<I>>[] = [];
    let next = 0;
    const worker = async () => {
      while (next < parts.length) {
        const at = next++;
        results[at] = await inChunk(db, parts[at]!, await setup, async (tx, items) => {
          const ids = await write(tx, items);
          await storeRecords(tx, items);
          return ids;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, parts.length) }, worker));
    for (const r of results) {
      for (const p of r.ok) {
        if (p.change === 'create') out.created++;
        else if (p.change === 'update') out.updated++;
      }
      for (const f of r.failed) fail(f.item, reasonOf(f.error));
    }
  };

  const sources = async () => {
    // Organisations whose whole record is imported.
    await writeAll(plan.organizations, async (tx, list) => {
      await saveOrganizations(
        tx,
        changed(list).map((r) => r.input),
      );
      return [];
    });

    // Organisations known only from a service's reference (not the import's own records: no ptv_record).
    for (const part of chunks(plan.referencedOrganizations, size)) {
      const r = await inChunk(db, part, await setup, async (tx, list) => {
        await saveOrganizations(
          tx,
          list.map((o) => o.input),
        );
        return [];
      });
      out.created += r.ok.length;
      for (const f of r.failed) fail({ kind: 'organization', ...f.item }, reasonOf(f.error));
    }

    // Channels: places are written as locations (saveLocations rebuilds the documents of the services at them).
    await writeAll(ready(plan.channels), async (tx, list) => {
      await saveLocations(
        tx,
        changed(list).flatMap((r) => (r.input ? [r.input] : [])),
      );
      return [];
    });
  };

  const services = async () => {
    // Services, with the taxonomy terms they bring; their search documents are rebuilt once per chunk.
    await writeAll(ready(plan.services), writeServices, opts.parallel ?? WRITE_PARALLEL);

    // Records read again unchanged: only when they were last seen moves.
    for (const kind of ['organization', 'channel', 'service'] as const) {
      const ids = plan.seenAgain.filter((r) => r.kind === kind).map((r) => r.id);
      for (const part of chunks(ids, 1000))
        await db
          .updateTable('ptv_record')
          .set({ last_seen_at: sql`now()` })
          .where('kind', '=', kind)
          .where('ptv_id', 'in', part)
          .execute();
    }
    return out;
  };
  const written = sources();
  // Awaited once the services are planned; a failure before that is not unhandled (it is thrown then).
  written.catch(() => undefined);
  return { sources: written, services };
}

/** What each chunk's transaction begins with. */
type Setup = (tx: Tx) => Promise<void>;

/**
 * PostgreSQL built with lz4 compresses what a chunk stores out of line (the records' JSON, the search vectors) with
 * lz4 instead of pglz: the same values, read the same way, compressed in about half the time. PGlite has only pglz.
 */
async function chunkSetup(db: Kysely<DB>): Promise<Setup> {
  const r = await sql<{ lz4: boolean }>`select coalesce('lz4' = any(enumvals), false) as lz4
    from pg_settings where name = 'default_toast_compression'`.execute(db);
  if (!r.rows[0]?.lz4) return async () => undefined;
  return async (tx) => {
    await sql`set local default_toast_compression = 'lz4'`.execute(tx);
  };
}

async function writeServices(tx: Tx, list: PlannedRecord<PlannedService>[]): Promise<string[]> {
  const todo = changed(list);
  const terms = new Map<string, PlannedService['terms'][number]>();
  for (const r of todo) for (const t of r.input.terms) terms.set(`${t.taxonomy_id}:${t.code}`, t);
  if (terms.size)
    await tx
      .insertInto('taxonomy_term')
      .values(
        // In one order in every chunk (chunks are written side by side: see writeAll).
        [...terms.values()].sort(byTerm).map((t) => ({
          id: termIdOf(t),
          taxonomy_id: t.taxonomy_id,
          code: t.code,
          parent_code: t.parent_code,
          name: JSON.stringify(t.name),
          description: '{}',
        })),
      )
      .onConflict((oc) => oc.columns(['taxonomy_id', 'code']).doNothing())
      .execute();
  // A professional's "still correct" review is theirs, not PTV's: keepReview.
  return saveServices(
    tx,
    todo.map((r) => r.input.input),
    { reindex: false, keepReview: true },
  );
}

const byTerm = (a: { taxonomy_id: string; code: string }, b: { taxonomy_id: string; code: string }) =>
  a.taxonomy_id < b.taxonomy_id
    ? -1
    : a.taxonomy_id > b.taxonomy_id
      ? 1
      : a.code < b.code
        ? -1
        : a.code > b.code
          ? 1
          : 0;

/** The records whose directory rows change (bookkeeping-only records write nothing there). */
const changed = <I>(list: PlannedRecord<I>[]) => list.filter((r) => r.change !== 'bookkeeping');

/** The import's own record of each: the data as PTV gave it, its hashes, source set and status. */
async function storeRecords(tx: Tx, list: PlannedRecord<unknown>[]): Promise<void> {
  if (!list.length) return;
  await tx
    .insertInto('ptv_record')
    .values(
      list.map((r) => ({
        kind: r.kind,
        ptv_id: r.id,
        channel_type: r.kind === 'channel' ? String(r.data.serviceChannelType ?? '') : null,
        data: JSON.stringify(r.data),
        source_hash: r.sourceHash,
        written_hash: r.hash,
        publishing_status: String(r.data.publishingStatus ?? ''),
        modified: typeof r.data.modified === 'string' ? r.data.modified : null,
        source_set: r.sourceSet,
        status: 'active' as const,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['kind', 'ptv_id']).doUpdateSet((eb) => ({
        channel_type: eb.ref('excluded.channel_type'),
        data: eb.ref('excluded.data'),
        source_hash: eb.ref('excluded.source_hash'),
        written_hash: eb.ref('excluded.written_hash'),
        publishing_status: eb.ref('excluded.publishing_status'),
        modified: eb.ref('excluded.modified'),
        source_set: eb.ref('excluded.source_set'),
        status: eb.ref('excluded.status'),
        last_seen_at: sql`now()`,
      })),
    )
    .execute();
}

interface ChunkResult<T> {
  ok: T[];
  failed: { item: T; error: unknown }[];
}

/**
 * Writes a chunk in one transaction; the service ids `write` returns get their search documents rebuilt before it
 * commits. If the chunk fails, it is written again in one transaction with a savepoint per item: the items that
 * fail are rolled back alone and returned with their errors.
 */
export async function inChunk<T>(
  db: Kysely<DB>,
  items: T[],
  setup: Setup,
  write: (tx: Tx, items: T[]) => Promise<string[]>,
): Promise<ChunkResult<T>> {
  if (!items.length) return { ok: [], failed: [] };
  try {
    await db.transaction().execute(async (tx) => {
      await setup(tx);
      const ids = await write(tx, items);
      if (ids.length) await reindexServices(tx, ids);
    });
    return { ok: items, failed: [] };
  } catch {
    /* one of them (at least) cannot be written: find which, one savepoint each */
  }
  let ok: T[] = [];
  const failed: ChunkResult<T>['failed'] = [];
  try {
    await db.transaction().execute(async (tx) => {
      await setup(tx);
      const ids: string[] = [];
      for (const item of items) {
        await sql`savepoint ptv_record`.execute(tx);
        try {
          ids.push(...(await write(tx, [item])));
          await sql`release savepoint ptv_record`.execute(tx);
          ok.push(item);
        } catch (error) {
          await sql`rollback to savepoint ptv_record`.execute(tx);
          failed.push({ item, error });
        }
      }
      if (ids.length) await reindexServices(tx, ids);
    });
  } catch (error) {
    failed.push(...ok.map((item) => ({ item, error })));
    ok = [];
  }
  return { ok, failed };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
