/**
 * The search index's change feed (issue 13). Every rebuild of search documents (reindexServices) adds a row to
 * search_change in the writer's transaction and notifies channel yh_search_changes at its commit. Each instance
 * keeps its in-memory index (memoryIndex.ts) and follows the rows it has not applied: woken by LISTEN on PostgreSQL,
 * and by polling every POLL_MS on PostgreSQL. PGlite has one owner, whose own writes reach its searches through
 * read-your-writes below: there polling is a backstop every PGLITE_POLL_MS, not a query on its one connection
 * twice a second that a request arriving meanwhile would wait behind.
 *
 * Read-your-writes: a write in this process marks the index stale, and the next search first applies what is new
 * (for LOCAL_WINDOW_MS after a local write every search checks, since the writer's transaction may commit after the
 * first search that looks, until the write's own change number has been applied).
 *
 * Sequence numbers are taken at insert and become visible at commit, so a later number can be seen before an
 * earlier one: a number skipped is kept as a gap and asked for again until it appears or GAP_MS passes (a rolled
 * back transaction leaves its number unused for ever).
 */
import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Database } from '../../../db/database.js';
import { loadIndexRows, MemoryIndex, SNAPSHOT_FORMAT } from './memoryIndex.js';
import { servicesChanged } from './memo.js';
import { directoryChanged } from './searchServices.js';

type Db = Kysely<DB> | Transaction<DB>;

export const CHANGE_CHANNEL = 'yh_search_changes';
const POLL_MS = 500;
const PGLITE_POLL_MS = 10_000;
const LOCAL_WINDOW_MS = 2000;
const GAP_MS = 10 * 60_000;
/** More services than this in one rebuild: the change says "everything" instead of listing them. */
const LIST_LIMIT = 20_000;
const BATCH = 500;
/** A snapshot is stored for indexes of at least this many services (smaller ones build in moments)… */
const SNAPSHOT_MIN = 5000;
/** …after a build from the documents, and again once this many services changed since the last one. */
const SNAPSHOT_AFTER = 2000;
const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

let localWrites = 0;
let localWriteAt = 0;
/** The change numbers of this process's latest writes (a search checks until it has applied them, or the window ends). */
const localSeqs: number[] = [];

/**
 * Records a change to these services in the caller's transaction (a rebuild of their documents: reindexServices; or
 * what shows only on their pages: servicesTouched, "still correct"). This process's memos learn of it at once: the
 * directory's generation moves (whole answers) and these services are forgotten (per-service values). With
 * `background` (a rebuild after an update) neither: this process learns of it through the feed, as others do.
 */
export async function recordSearchChange(db: Db, ids: string[], opts: { background?: boolean } = {}): Promise<void> {
  if (!ids.length) return;
  const everything = ids.length > LIST_LIMIT;
  const r = await sql<{ seq: number }>`
    with c as (insert into search_change (service_ids, everything)
      values (${everything ? [] : ids}::uuid[], ${everything}) returning seq)
    select seq::int8 as seq, pg_notify(${CHANGE_CHANNEL}, seq::text) from c`.execute(db);
  // A rebuild in the background changes how documents are built, not what anyone wrote: searches here need not
  // wait for it, and what is remembered stays until the feed applies it, as on every other instance.
  if (opts.background) return;
  localWrites++;
  localWriteAt = Date.now();
  localSeqs.push(Number(r.rows[0]?.seq ?? 0));
  if (localSeqs.length > 100) localSeqs.shift();
  // What this process remembers is forgotten now; the feed forgets it again once committed.
  directoryChanged();
  servicesChanged(everything ? null : ids);
  // Now and then, rows older than a day go (every instance has long applied them).
  if (Number(r.rows[0]?.seq ?? 0) % 1000 === 0)
    await sql`delete from search_change where at < now() - interval '1 day'`.execute(db);
}

/** The newest change's number (0 when none). */
export async function latestChange(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ seq: string | number }>`select coalesce(max(seq), 0) as seq from search_change`.execute(db);
  return Number(r.rows[0]?.seq ?? 0);
}

interface Log {
  warn(obj: object, msg: string): void;
}

export class IndexFeed {
  private running: Promise<void> | null = null;
  private again: Promise<void> | null = null;
  private seenLocal = -1;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private closed = false;
  private failing = false;
  /** How long the index took to build (ms). */
  buildMs = 0;
  /** Where it was built from: the stored snapshot (and the changes since) or every document. */
  builtFrom: 'snapshot' | 'documents' = 'documents';
  private snapshotMin = SNAPSHOT_MIN;
  /** Services changed since the last snapshot stored or read. */
  private sinceSnapshot = 0;
  private saving: Promise<void> | null = null;

  private constructor(
    private readonly db: Kysely<DB>,
    public index: MemoryIndex,
    /** The highest change number applied. */
    public applied: number,
    /** Numbers below `applied` not seen yet, with when they were first missed. */
    private gaps: Map<number, number>,
    private readonly log?: Log,
  ) {}

  /**
   * Builds the index and starts following the changes: from the stored snapshot and the changes made since, when
   * there is a usable one; otherwise from every document (then a snapshot is stored for the next start).
   */
  static async start(
    database: Database,
    log?: Log,
    opts: { pollMs?: number; snapshotMin?: number; fromDocuments?: boolean; snapshotPiece?: number } = {},
  ): Promise<IndexFeed> {
    const db = database.db;
    const t = performance.now();
    const seenLocal = localWrites;
    const snapshotMin = opts.snapshotMin ?? SNAPSHOT_MIN;
    const stored = opts.fromDocuments
      ? null
      : await readSnapshot(db, opts.snapshotPiece).catch((e: unknown) => {
          log?.warn({ err: e }, 'search index: snapshot not read, building from the documents');
          return null;
        });
    let feed: IndexFeed;
    if (stored) {
      feed = new IndexFeed(db, stored.index, stored.seq, stored.gaps, log);
      feed.builtFrom = 'snapshot';
      await feed.catchUp();
    } else {
      // The numbers are read before the documents, so whatever commits meanwhile is applied again after.
      const latest = await latestChange(db);
      const recent = await sql<{ seq: string | number }>`
        select seq from search_change where seq > ${latest - 200}`.execute(db);
      const present = new Set(recent.rows.map((r) => Number(r.seq)));
      const gaps = new Map<number, number>();
      for (let s = Math.max(1, latest - 199); s <= latest; s++) if (!present.has(s)) gaps.set(s, Date.now());
      feed = new IndexFeed(db, await MemoryIndex.build(db), latest, gaps, log);
      feed.sinceSnapshot = Infinity;
    }
    feed.snapshotMin = snapshotMin;
    feed.seenLocal = seenLocal;
    feed.buildMs = performance.now() - t;
    feed.maybeSnapshot();
    feed.timer = setInterval(
      () => void feed.refresh(),
      opts.pollMs ?? (database.kind === 'pglite' ? PGLITE_POLL_MS : POLL_MS),
    );
    feed.timer.unref();
    if (database.listen)
      feed.unlisten = await database
        .listen(CHANGE_CHANNEL, () => void feed.refresh())
        .catch((e: unknown) => {
          log?.warn({ err: e }, 'search index: LISTEN failed, polling only');
          return null;
        });
    return feed;
  }

  /** Before answering a search: what this process wrote is applied first. */
  async fresh(): Promise<void> {
    if (!this.behindLocal()) return;
    // A catch-up already running (woken by NOTIFY) may bring this process's write: wait for it before asking again.
    if (this.running) {
      await this.running;
      if (!this.behindLocal()) return;
    }
    await this.refresh();
  }

  /** Whether a write of this process may not be applied yet. */
  private behindLocal(): boolean {
    return (
      this.seenLocal !== localWrites ||
      (Date.now() - localWriteAt < LOCAL_WINDOW_MS && localSeqs.some((s) => s > this.applied || this.gaps.has(s)))
    );
  }

  /** Applies the changes not applied yet (one catch-up at a time; a call during one waits for the next). */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.running) {
      this.running = this.catchUp()
        .then(
          () => {
            this.failing = false;
          },
          (e: unknown) => {
            if (!this.failing && !this.closed) this.log?.warn({ err: e }, 'search index: changes not applied');
            this.failing = true;
          },
        )
        .finally(() => {
          this.running = null;
        });
      return this.running;
    }
    this.again ??= this.running.then(() => {
      this.again = null;
      return this.refresh();
    });
    return this.again;
  }

  private async catchUp(): Promise<void> {
    const seenLocal = localWrites;
    const now = Date.now();
    for (const [s, at] of this.gaps) if (now - at > GAP_MS) this.gaps.delete(s);
    const ids = new Set<string>();
    let everything = false;
    let applied = this.applied;
    const gaps = new Map(this.gaps);
    for (;;) {
      const r = await sql<{ seq: string | number; everything: boolean; ids: string[] }>`
        select seq, everything, service_ids::text[] as ids from search_change
        where seq > ${applied} or seq = any(${[...gaps.keys()]}::int8[]) order by seq limit ${BATCH}`.execute(this.db);
      for (const row of r.rows) {
        const seq = Number(row.seq);
        if (row.everything) everything = true;
        else for (const id of row.ids) ids.add(id);
        if (seq > applied) {
          for (let s = applied + 1; s < seq; s++) gaps.set(s, now);
          applied = seq;
        }
        gaps.delete(seq);
      }
      if (r.rows.length < BATCH) break;
    }
    if (everything) {
      this.index = await MemoryIndex.build(this.db);
      this.sinceSnapshot = Infinity;
      servicesChanged(null);
    } else {
      this.sinceSnapshot += ids.size;
      const list = [...ids];
      for (let i = 0; i < list.length; i += 2000) {
        const chunk = list.slice(i, i + 2000);
        this.index.apply(chunk, await loadIndexRows(this.db, chunk));
      }
      servicesChanged(list);
    }
    this.applied = applied;
    this.gaps = gaps;
    this.seenLocal = seenLocal;
    if (this.timer) this.maybeSnapshot();
  }

  /** Stores a snapshot in the background when enough has changed since the last one (one at a time). */
  private maybeSnapshot(): void {
    if (this.saving || this.closed || this.index.size < this.snapshotMin || this.sinceSnapshot < SNAPSHOT_AFTER) return;
    this.saving = this.saveSnapshot()
      .catch((e: unknown) => this.log?.warn({ err: e }, 'search index: snapshot not stored'))
      .finally(() => {
        this.saving = null;
      });
  }

  /** Stores the index as it is now, with the change number and gaps it reflects (a newer stored one is kept). */
  async saveSnapshot(): Promise<void> {
    // Taken at once (no await between): the index, the number and the gaps belong together.
    const bytes = this.index.snapshot();
    const seq = this.applied;
    const gaps = JSON.stringify([...this.gaps]);
    const services = this.index.size;
    this.sinceSnapshot = 0;
    const data = await deflateAsync(bytes, { level: 1 });
    const key = await snapshotKey(this.db);
    await sql`insert into search_snapshot (id, key, seq, gaps, services, data, made_at)
      values (1, ${key}, ${seq}, ${gaps}, ${services}, ${data}, now())
      on conflict (id) do update set key = excluded.key, seq = excluded.seq, gaps = excluded.gaps,
        services = excluded.services, data = excluded.data, made_at = excluded.made_at
      where search_snapshot.seq <= excluded.seq or search_snapshot.key <> excluded.key`.execute(this.db);
  }

  /** Changes not applied yet: the newest number minus the highest applied. */
  async lag(): Promise<{ latest: number; applied: number; lag: number }> {
    const latest = await latestChange(this.db);
    return { latest, applied: this.applied, lag: Math.max(0, latest - this.applied) };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.running;
    await this.saving;
  }
}

/** What a snapshot must have been made with to be read: the index's format and the newest migration applied. */
async function snapshotKey(db: Kysely<DB>): Promise<string> {
  const r = await sql<{ v: string | null }>`select max(version) as v from schema_migrations`.execute(db);
  return `${SNAPSHOT_FORMAT}:${r.rows[0]?.v ?? ''}`;
}

/**
 * The stored snapshot, when it can be brought up to date: made with this format and schema, and every change after
 * it still in search_change (rows older than a day are removed; a snapshot older than the oldest row kept is not used).
 */
async function readSnapshot(
  db: Kysely<DB>,
  pieceBytes = SNAPSHOT_PIECE,
): Promise<{ index: MemoryIndex; seq: number; gaps: Map<number, number> } | null> {
  const head = await sql<{ key: string; seq: string | number }>`
    select key, seq from search_snapshot where id = 1`.execute(db);
  const row = head.rows[0];
  if (!row || row.key !== (await snapshotKey(db))) return null;
  const seq = Number(row.seq);
  const span = await sql<{ lo: string | number | null; hi: string | number | null }>`
    select min(seq) as lo, max(seq) as hi from search_change`.execute(db);
  const lo = span.rows[0]?.lo == null ? null : Number(span.rows[0].lo);
  const hi = span.rows[0]?.hi == null ? null : Number(span.rows[0].hi);
  const complete = hi === null ? seq === 0 : hi <= seq || (lo !== null && lo <= seq + 1);
  if (!complete) return null;
  const r = await sql<{ gaps: string; length: number; version: string }>`
    select gaps, octet_length(data) as length, xmin::text as version
    from search_snapshot where id = 1 and seq = ${seq}`.execute(db);
  const got = r.rows[0];
  if (!got) return null;
  // In pieces: on PGlite one statement runs at a time, and a start's first requests (answered by SQL while the index
  // is read) wait for one piece, not for the whole snapshot (at 100 000 services 30 MB, which in one statement held
  // the first page of a start for over a second). The row version holds the pieces to one snapshot: if another
  // instance stores a newer one meanwhile, this one is not used.
  const data = Buffer.allocUnsafe(got.length);
  for (let at = 0; at < got.length; at += pieceBytes) {
    const p = await sql<{ piece: Uint8Array }>`
      select substring(data from ${at + 1} for ${pieceBytes}) as piece
      from search_snapshot where id = 1 and xmin::text = ${got.version}`.execute(db);
    const piece = p.rows[0]?.piece;
    if (!piece) return null;
    data.set(piece, at);
  }
  const index = MemoryIndex.fromSnapshot(await inflateAsync(data));
  return { index, seq, gaps: new Map(JSON.parse(got.gaps) as [number, number][]) };
}

/** Bytes of the stored snapshot read in one statement. */
const SNAPSHOT_PIECE = 2 * 1024 * 1024;
