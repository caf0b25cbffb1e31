/**
 * The search index's change feed (issue 13). Every rebuild of search documents (reindexServices) adds a row to
 * search_change in the writer's transaction and notifies channel yh_search_changes at its commit. Each instance
 * keeps its in-memory index (memoryIndex.ts) and follows the rows it has not applied: woken by LISTEN on PostgreSQL,
 * and by polling every POLL_MS on either database (PGlite has one owner, so polling only backs up its own writes).
 *
 * Read-your-writes: a write in this process marks the index stale, and the next search first applies what is new
 * (for LOCAL_WINDOW_MS after a local write every search checks, since the writer's transaction may commit after the
 * first search that looks).
 *
 * Sequence numbers are taken at insert and become visible at commit, so a later number can be seen before an
 * earlier one: a number skipped is kept as a gap and asked for again until it appears or GAP_MS passes (a rolled
 * back transaction leaves its number unused for ever).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Database } from '../../../db/database.js';
import { loadIndexRows, MemoryIndex } from './memoryIndex.js';

type Db = Kysely<DB> | Transaction<DB>;

export const CHANGE_CHANNEL = 'yh_search_changes';
const POLL_MS = 500;
const LOCAL_WINDOW_MS = 2000;
const GAP_MS = 10 * 60_000;
/** More services than this in one rebuild: the change says "everything" instead of listing them. */
const LIST_LIMIT = 20_000;
const BATCH = 500;

let localWrites = 0;
let localWriteAt = 0;

/** Records a rebuild of these services' documents, in the caller's transaction (called by reindexServices). */
export async function recordSearchChange(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const everything = ids.length > LIST_LIMIT;
  const r = await sql<{ seq: number }>`
    with c as (insert into search_change (service_ids, everything)
      values (${everything ? [] : ids}::uuid[], ${everything}) returning seq)
    select seq::int8 as seq, pg_notify(${CHANGE_CHANNEL}, seq::text) from c`.execute(db);
  localWrites++;
  localWriteAt = Date.now();
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

  private constructor(
    private readonly db: Kysely<DB>,
    public index: MemoryIndex,
    /** The highest change number applied. */
    public applied: number,
    /** Numbers below `applied` not seen yet, with when they were first missed. */
    private gaps: Map<number, number>,
    private readonly log?: Log,
  ) {}

  /** Builds the index from the database and starts following its changes. */
  static async start(database: Database, log?: Log, opts: { pollMs?: number } = {}): Promise<IndexFeed> {
    const db = database.db;
    const t = performance.now();
    const seenLocal = localWrites;
    // The numbers are read before the documents, so whatever commits meanwhile is applied again after.
    const latest = await latestChange(db);
    const recent = await sql<{ seq: string | number }>`
      select seq from search_change where seq > ${latest - 200}`.execute(db);
    const present = new Set(recent.rows.map((r) => Number(r.seq)));
    const gaps = new Map<number, number>();
    for (let s = Math.max(1, latest - 199); s <= latest; s++) if (!present.has(s)) gaps.set(s, Date.now());
    const feed = new IndexFeed(db, await MemoryIndex.build(db), latest, gaps, log);
    feed.seenLocal = seenLocal;
    feed.buildMs = performance.now() - t;
    feed.timer = setInterval(() => void feed.refresh(), opts.pollMs ?? POLL_MS);
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
    if (this.seenLocal !== localWrites || Date.now() - localWriteAt < LOCAL_WINDOW_MS) await this.refresh();
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
    if (everything) this.index = await MemoryIndex.build(this.db);
    else {
      const list = [...ids];
      for (let i = 0; i < list.length; i += 2000) {
        const chunk = list.slice(i, i + 2000);
        this.index.apply(chunk, await loadIndexRows(this.db, chunk));
      }
    }
    this.applied = applied;
    this.gaps = gaps;
    this.seenLocal = seenLocal;
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
  }
}
