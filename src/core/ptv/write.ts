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
  const feed = new ServiceFeed(opts.chunk ?? WRITE_CHUNK);
  for (const s of plan.services) feed.push(s);
  feed.close();
  await w.sources;
  return w.services(feed);
}

/**
 * The services to write, handed over one by one as they are planned (plan.ts, `onService`) and taken by the
 * writers a chunk at a time: a writer waits until a whole chunk is planned, or the plan is whole (`close`).
 */
export class ServiceFeed {
  private items: PlannedRecord<PlannedService>[] = [];
  private closed = false;
  private waiting: (() => void)[] = [];
  constructor(readonly size: number = WRITE_CHUNK) {}

  push(w: PlannedRecord<PlannedService>): void {
    this.items.push(w);
    if (this.items.length >= this.size) this.wake();
  }
  /** No more services: the writers take what is left. */
  close(): void {
    this.closed = true;
    this.wake();
  }
  /** The next chunk, or null once the plan is whole and every service has been taken. */
  async take(): Promise<PlannedRecord<PlannedService>[] | null> {
    while (this.items.length < this.size && !this.closed) await new Promise<void>((r) => this.waiting.push(r));
    return this.items.length ? this.items.splice(0, this.size) : null;
  }
  private wake() {
    const w = this.waiting;
    this.waiting = [];
    for (const r of w) r();
  }
}

/**
 * The writes in two stages, to go with the plan's (plan.ts, startPlan): `sources`, begun at once, writes the
 * organisations and the places, which the plan has whole before it plans the services (so the database writes
 * them while the import plans); `services(feed)`, called at once or later, writes the services as the feed hands
 * them over (once `sources` is written: they name its rows), then the bookkeeping of the records read again once
 * the plan is whole (the feed closed), and returns the result of both.
 */
export function startWrite(
  db: Kysely<DB>,
  plan: ImportPlan,
  opts: { chunk?: number; parallel?: number } = {},
): { sources: Promise<void>; services: (feed: ServiceFeed) => Promise<WriteResult> } {
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
   * Writes the import's records in chunks (`next` gives each, null when there are no more): the directory's rows,
   * then the import's own record of each. With `parallel` > 1, that many chunks are in flight at once, each its own
   * transaction on its own connection, so that the import prepares one chunk while the database writes another
   * (PGlite takes them one after the other). Only for records that share no rows: services (each in one chunk;
   * the terms they share are written before their chunk, and the search words they share are inserted in one
   * order by every chunk, so two chunks wait for each other at most once, never in a circle).
   */
  const writeAll = async <I>(
    next: () => Promise<PlannedRecord<I>[] | null> | PlannedRecord<I>[] | null,
    write: (tx: Tx, list: PlannedRecord<I>[]) => Promise<string[]>,
    parallel = 1,
    before?: (list: PlannedRecord<I>[]) => Promise<void>,
  ) => {
    const results: ChunkResult<PlannedRecord<I>>[] = [];
    let taken = 0;
    const worker = async () => {
      for (;;) {
        const part = await next();
        if (!part) return;
        const at = taken++;
        await before?.(part);
        results[at] = await inChunk(db, part, await setup, async (tx, items) => {
          const ids = await write(tx, items);
          await storeRecords(tx, items);
          return ids;
        });
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    for (const r of results) {
      for (const p of r.ok) {
        if (p.change === 'create') out.created++;
        else if (p.change === 'update') out.updated++;
      }
      for (const f of r.failed) fail(f.item, reasonOf(f.error));
    }
  };
  const inParts = <T>(list: T[]) => {
    const parts = chunks(list, size);
    let i = 0;
    return () => parts[i++] ?? null;
  };

  const sources = async () => {
    // Organisations whose whole record is imported.
    await writeAll(inParts(plan.organizations), async (tx, list) => {
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
    await writeAll(inParts(ready(plan.channels)), async (tx, list) => {
      await saveLocations(
        tx,
        changed(list).flatMap((r) => (r.input ? [r.input] : [])),
      );
      return [];
    });
  };

  const written = sources();
  // Awaited by the services' writes, or by the caller; a failure before that is not unhandled (it is thrown then).
  written.catch(() => undefined);

  const services = async (feed: ServiceFeed) => {
    // Services, with the taxonomy terms they bring; their search documents are rebuilt once per chunk. They name
    // the organisations and places: written first.
    await written;
    const terms = new Set<string>(); // the terms written so far (term keys)
    await writeAll(
      async () => {
        const part = await feed.take();
        return part && ready(part);
      },
      (tx, list) => writeServices(tx, list, terms),
      opts.parallel ?? WRITE_PARALLEL,
      (list) => writeTerms(db, list, terms),
    );

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
  return { sources: written, services };
}

/** What each chunk's transaction begins with. */
type Setup = (tx: Tx) => Promise<void>;

/**
 * On a PostgreSQL server a chunk's commit does not wait for its write-ahead log to reach the disk
 * (`synchronous_commit = off`, for the chunk's own transaction only): a crash of the server can lose the last
 * chunks committed (the server's WAL writer flushes them within moments), never corrupt anything or keep half a
 * chunk, and the import is re-runnable (what was lost is written by the next run, as after an interrupted run).
 * Not on PGlite: there the database lives in the import's own process, with no WAL writer, so an import killed
 * would lose every commit not yet flushed.
 * PostgreSQL built with lz4 compresses what a chunk stores out of line (the records' JSON, the search vectors) with
 * lz4 instead of pglz: the same values, read the same way, compressed in about half the time. PGlite has only pglz.
 */
async function chunkSetup(db: Kysely<DB>): Promise<Setup> {
  const r = await sql<{ lz4: boolean; server: boolean }>`select
      coalesce((select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'), false) as lz4,
      position('PGlite' in version()) = 0 as server`.execute(db);
  const { lz4 = false, server = false } = r.rows[0] ?? {};
  const settings = [
    ...(server ? [sql`set_config('synchronous_commit', 'off', true)`] : []),
    ...(lz4 ? [sql`set_config('default_toast_compression', 'lz4', true)`] : []),
  ];
  if (!settings.length) return async () => undefined;
  const set = sql`select ${sql.join(settings)}`;
  return async (tx) => {
    await set.execute(tx);
  };
}

type Term = PlannedService['terms'][number];
const termKey = (t: Term) => `${t.taxonomy_id}:${t.code}`;

/** The terms of a chunk's services that are not written yet (in one order: see writeAll). */
function newTerms(list: PlannedRecord<PlannedService>[], written: Set<string>): Term[] {
  const terms = new Map<string, Term>();
  for (const r of changed(list)) for (const t of r.input.terms) if (!written.has(termKey(t))) terms.set(termKey(t), t);
  return [...terms.values()].sort(byTerm);
}

/** The taxonomy terms, those not there yet (shared by every chunk that brings them). */
export async function insertTerms(db: Kysely<DB> | Tx, terms: Term[]): Promise<void> {
  await db
    .insertInto('taxonomy_term')
    .values(
      terms.map((t) => ({
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
}

/**
 * The taxonomy terms a chunk's services bring, written (and committed) before the chunk: chunks written side by
 * side share most of their terms, and a term inserted in a chunk's own transaction would hold the other chunk
 * until it commits. A term so written stays even if its service then fails (a term is vocabulary; a later import
 * or a unit may use it). If this statement fails, the chunk writes its terms itself, in its transaction, where a
 * failing record is found and reported alone.
 */
async function writeTerms(db: Kysely<DB>, list: PlannedRecord<PlannedService>[], written: Set<string>) {
  const terms = newTerms(list, written);
  if (!terms.length) return;
  try {
    await insertTerms(db, terms);
    for (const t of terms) written.add(termKey(t));
  } catch {
    /* written in the chunk's transaction instead */
  }
}

async function writeServices(tx: Tx, list: PlannedRecord<PlannedService>[], written: Set<string>): Promise<string[]> {
  const todo = changed(list);
  const terms = newTerms(todo, written);
  if (terms.length) await insertTerms(tx, terms);
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

/**
 * The import's own record of each: the data as PTV gave it, its hashes, source set and status. One statement with
 * one JSON parameter for the chunk (not ten parameters a record): the database parses the records' JSON once, and
 * neither side handles thousands of parameters.
 */
async function storeRecords(tx: Tx, list: PlannedRecord<unknown>[]): Promise<void> {
  if (!list.length) return;
  const rows = list.map((r) => ({
    kind: r.kind,
    ptv_id: r.id,
    channel_type: r.kind === 'channel' ? String(r.data.serviceChannelType ?? '') : null,
    data: r.data,
    source_hash: r.sourceHash,
    written_hash: r.hash,
    publishing_status: String(r.data.publishingStatus ?? ''),
    modified: typeof r.data.modified === 'string' ? r.data.modified : null,
    source_set: r.sourceSet,
  }));
  await sql`insert into ptv_record (kind, ptv_id, channel_type, data, source_hash, written_hash, publishing_status,
      modified, source_set, status)
    select kind, ptv_id, channel_type, data, source_hash, written_hash, publishing_status, modified, source_set, 'active'
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(kind text, ptv_id uuid, channel_type text, data jsonb,
      source_hash text, written_hash text, publishing_status text, modified text, source_set text)
    on conflict (kind, ptv_id) do update set channel_type = excluded.channel_type, data = excluded.data,
      source_hash = excluded.source_hash, written_hash = excluded.written_hash,
      publishing_status = excluded.publishing_status, modified = excluded.modified, source_set = excluded.source_set,
      status = excluded.status, last_seen_at = now()`.execute(tx);
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
