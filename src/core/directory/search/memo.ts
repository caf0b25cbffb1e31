/**
 * What a search or a service's page shows that depends only on the directory's content, remembered until it changes
 * (issue 13). The popular searches of a region ("neuvola", "perhekahvila", a municipality's services) and its popular
 * services are asked all day; between two changes their second asking needs no database round trip. Two kinds:
 * - **Per service** (ServiceMemo, serviceMemo): values that depend on one service only: its card, its text score for
 *   a query, its record for its page and its JSON (indexedSearch.ts). A change forgets only the services it names
 *   (servicesChanged, below): after one service is edited, a search asked again reads that service's card and score
 *   and nothing else.
 * - **Whole answers** (MemoState, directoryMemo): the search API's answer to a query (indexedSearch.ts
 *   rememberedAnswer), whose totals and facets any change may move: forgotten at once when the directory may have
 *   changed, by the rules that directoryCache.ts shares (directoryStamp, sameDirectory, DIRECTORY_MAX_AGE_MS):
 *   - a write in this process (directoryGeneration, bumped by every rebuild of search documents, by an event naming
 *     a service (searchIndexer.ts servicesTouched) and by saving organisations);
 *   - a change the search index has applied (its index object or version): every instance's writes reach it through
 *     the change feed once committed, and what this process wrote is applied before a search answers
 *     (IndexFeed.fresh).
 * Both kinds keep a value DIRECTORY_MAX_AGE_MS at most, for a write that reaches no search document. Only while an
 * index is served (without one, searches are SQL's and nothing is remembered). Each memo holds at most its `max`
 * entries, the oldest forgotten first. `rememberDirectory(false)` turns every memo off: the benchmark measures
 * searches with nothing remembered that way.
 */
import { setBounded } from '../../shared/bounded.js';
import { directoryGeneration } from './searchServices.js';

/** What the memos read of an index being served (indexFeed.ts IndexFeed). */
interface IndexFeed {
  index: { version: number };
}

/** At most this long is a value read from the directory kept (for a write that reaches no search document). */
export const DIRECTORY_MAX_AGE_MS = 30_000;
let enabled = true;

/** Turns remembering on or off for every memo (the benchmark's "nothing remembered" rows). */
export function rememberDirectory(on: boolean): void {
  enabled = on;
}

/** The directory's state as this process knows it: its own writes, the index served and the changes it applied. */
export interface DirectoryStamp {
  generation: number;
  index: object | null;
  version: number;
}

export function directoryStamp(feed: IndexFeed | undefined): DirectoryStamp {
  return { generation: directoryGeneration(), index: feed?.index ?? null, version: feed?.index.version ?? 0 };
}

/** Whether nothing known has changed in the directory between two stamps. */
export function sameDirectory(a: DirectoryStamp, b: DirectoryStamp): boolean {
  return a.generation === b.generation && a.index === b.index && a.version === b.version;
}

/**
 * Changes to services, in order, as this process learns of them: its own writes when they are recorded in the change
 * feed (indexFeed.ts recordSearchChange, in the writer's transaction), and every instance's committed writes once the
 * search index has applied them (IndexFeed). `null`: anything may have changed. A memo of values that each depend on
 * one service (ServiceMemo) forgets only the services named: a change to one service keeps what it knows of the
 * others, where a memo of whole answers (directoryMemo) starts again. The last CHANGES_KEPT changes are kept; a memo
 * further behind forgets everything.
 */
const CHANGES_KEPT = 256;
const IDS_LISTED = 5000;
let changeSeq = 0;
const changes: { seq: number; ids: ReadonlySet<string> | null }[] = [];

/** These services may have changed (null: any of them). */
export function servicesChanged(ids: readonly string[] | null): void {
  if (ids && !ids.length) return;
  changeSeq++;
  changes.push({ seq: changeSeq, ids: ids && ids.length <= IDS_LISTED ? new Set(ids) : null });
  if (changes.length > CHANGES_KEPT) changes.shift();
}

/** Where the list of changes stands: taken before a reading, given to ServiceMemo.set with what was read. */
export function changesSeen(): number {
  return changeSeq;
}

/** Values by key, each kept DIRECTORY_MAX_AGE_MS at most and `max` at most (the oldest forgotten first). */
export class Kept<V> {
  protected readonly entries = new Map<string, { at: number; value: V }>();
  constructor(private readonly max: number) {}

  /** Brings the entries up to date before they are read or added (a ServiceMemo forgets the services changed). */
  protected catchUp(): void {}

  get(key: string, now = Date.now()): V | undefined {
    this.catchUp();
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at < DIRECTORY_MAX_AGE_MS) return e.value;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * Keeps a value read since `from` (changesSeen() before the reading), read at `at`. Not kept when any change came
   * meanwhile: the reading may have seen the directory before a write that has just been recorded.
   */
  set(key: string, value: V, from: number, at: number): void {
    if (from !== changeSeq) return;
    this.catchUp();
    setBounded(this.entries, key, { at, value }, this.max);
  }
}

/** One memo's entries for one state of the directory; a new state starts an empty one. */
export class MemoState<V> extends Kept<V> {
  constructor(
    readonly stamp: DirectoryStamp,
    max: number,
  ) {
    super(max);
  }
}

const memos = new WeakMap<object, Map<string, MemoState<unknown>>>();

/**
 * The memo called `name` of the index this feed serves, for the directory as it is now (a new, empty one when it has
 * changed), or undefined when nothing is remembered (no index served, or turned off). Values read after this call
 * may be set in the returned state: if the directory changes meanwhile, the next call starts a new state and they
 * are not used.
 */
export function directoryMemo<V>(feed: IndexFeed | undefined, name: string, max: number): MemoState<V> | undefined {
  if (!feed || !enabled) return undefined;
  let byName = memos.get(feed);
  if (!byName) memos.set(feed, (byName = new Map()));
  const stamp = directoryStamp(feed);
  const s = byName.get(name) as MemoState<V> | undefined;
  if (s && sameDirectory(s.stamp, stamp)) return s;
  const fresh = new MemoState<V>(stamp, max);
  byName.set(name, fresh as MemoState<unknown>);
  return fresh;
}

/**
 * Values that each depend on one service only (its card, its record, its text scores), by service id, each kept
 * until a change names its service, or DIRECTORY_MAX_AGE_MS at most (a write that reaches no search document).
 */
export class ServiceMemo<V> extends Kept<V> {
  private seen = changeSeq;

  protected override catchUp(): void {
    if (this.seen === changeSeq) return;
    const first = changes[0];
    if (!first || first.seq > this.seen + 1) this.entries.clear();
    else
      for (const c of changes) {
        if (c.seq <= this.seen) continue;
        if (!c.ids) {
          this.entries.clear();
          break;
        }
        for (const id of c.ids) this.entries.delete(id);
      }
    this.seen = changeSeq;
  }
}

const serviceMemos = new WeakMap<object, Map<string, ServiceMemo<unknown>>>();

/** The per-service memo called `name` of the index this feed serves, or undefined when nothing is remembered. */
export function serviceMemo<V>(feed: IndexFeed | undefined, name: string, max: number): ServiceMemo<V> | undefined {
  if (!feed || !enabled) return undefined;
  let byName = serviceMemos.get(feed);
  if (!byName) serviceMemos.set(feed, (byName = new Map()));
  let m = byName.get(name) as ServiceMemo<V> | undefined;
  if (!m) byName.set(name, (m = new ServiceMemo<V>(max)) as ServiceMemo<unknown>);
  return m;
}
