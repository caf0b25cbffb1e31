/**
 * What a search or a service's page shows that depends only on the directory's content, remembered until the
 * directory changes (issue 13): the cards of the services a page shows, the text score of a service for a query, the
 * search API's whole answer to a query (indexedSearch.ts rememberedAnswer), and a service's record for its page and
 * its JSON (servicePageKept, serviceRecordKept). The popular searches of a region ("neuvola", "perhekahvila", a
 * municipality's services) and its popular services are asked all day; between two changes of the directory their
 * second asking needs no database round trip, and the API's is a look-up.
 *
 * Everything remembered is forgotten at once when the directory may have changed, by the rules that directoryCache.ts
 * shares (directoryStamp, sameDirectory, DIRECTORY_MAX_AGE_MS below):
 * - a write in this process (directoryGeneration, bumped by every rebuild of search documents, by an event naming a
 *   service (searchIndexer.ts servicesTouched) and by saving organisations);
 * - a change the search index has applied (its index object or version): every instance's writes reach it through the
 *   change feed once committed, and what this process wrote is applied before a search answers (IndexFeed.fresh);
 * - at the latest DIRECTORY_MAX_AGE_MS after it was read, for a write that reaches no search document.
 * Only while an index is served (without one, searches are SQL's and nothing is remembered). Each memo holds at most
 * its `max` entries, the oldest forgotten first. `rememberDirectory(false)` turns every memo off: the benchmark
 * measures searches with nothing remembered that way.
 */
import type { IndexFeed } from './indexFeed.js';
import { setBounded } from '../../shared/bounded.js';
import { directoryGeneration } from './searchServices.js';

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

/** One memo's entries for one state of the directory; a new state starts an empty one. */
export class MemoState<V> {
  readonly entries = new Map<string, { at: number; value: V }>();
  constructor(
    readonly stamp: DirectoryStamp,
    private readonly max: number,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at < DIRECTORY_MAX_AGE_MS) return e.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, at: number): void {
    setBounded(this.entries, key, { at, value }, this.max);
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
