/**
 * What a search shows that depends only on the directory's content, remembered until the directory changes (issue
 * 13): the cards of the services a page shows and the text score of a service for a query. The popular searches of a
 * region ("neuvola", "perhekahvila", a municipality's services) repeat all day; between two changes of the directory
 * their second asking needs no database round trip.
 *
 * Everything remembered is forgotten at once when the directory may have changed, by the same rules as
 * directoryCache.ts:
 * - a write in this process (directoryGeneration, bumped by every rebuild of search documents);
 * - a change the search index has applied (its index object or version): every instance's writes reach it through the
 *   change feed once committed, and what this process wrote is applied before a search answers (IndexFeed.fresh);
 * - at the latest MAX_AGE_MS after it was read, for a write that reaches no search document.
 * Only while an index is served (without one, searches are SQL's and nothing is remembered). Each memo holds at most
 * its `max` entries, the oldest forgotten first. `rememberDirectory(false)` turns every memo off: the benchmark
 * measures searches with nothing remembered that way.
 */
import type { IndexFeed } from './indexFeed.js';
import { directoryGeneration } from './searchServices.js';

const MAX_AGE_MS = 30_000;
let enabled = true;

/** Turns remembering on or off for every memo (the benchmark's "nothing remembered" rows). */
export function rememberDirectory(on: boolean): void {
  enabled = on;
}

interface Stamp {
  generation: number;
  index: object;
  version: number;
}

/** One memo's entries for one state of the directory; a new state starts an empty one. */
export class MemoState<V> {
  readonly entries = new Map<string, { at: number; value: V }>();
  constructor(
    readonly stamp: Stamp,
    private readonly max: number,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at < MAX_AGE_MS) return e.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, at: number): void {
    this.entries.delete(key);
    this.entries.set(key, { at, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

const memos = new WeakMap<object, Map<string, MemoState<unknown>>>();

/**
 * The memo called `name` of the index this feed serves, for the directory as it is now (a new, empty one when it has changed), or
 * undefined when nothing is remembered (no index served, or turned off). Values read after this call may be set in
 * the returned state: if the directory changes meanwhile, the next call starts a new state and they are not used.
 */
export function directoryMemo<V>(feed: IndexFeed | undefined, name: string, max: number): MemoState<V> | undefined {
  if (!feed || !enabled) return undefined;
  let byName = memos.get(feed);
  if (!byName) memos.set(feed, (byName = new Map()));
  const generation = directoryGeneration();
  const s = byName.get(name) as MemoState<V> | undefined;
  if (s && s.stamp.generation === generation && s.stamp.index === feed.index && s.stamp.version === feed.index.version)
    return s;
  const fresh = new MemoState<V>({ generation, index: feed.index, version: feed.index.version }, max);
  byName.set(name, fresh as MemoState<unknown>);
  return fresh;
}
