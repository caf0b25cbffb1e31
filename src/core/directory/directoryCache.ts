/**
 * Values read from the whole directory that many requests show unchanged (the front page's service count and the
 * counties' social emergency numbers), computed once per directory change instead of on every request (issue 13).
 *
 * An entry is recomputed when the directory may have changed:
 * - a write in this process (directoryGeneration, bumped by every rebuild of search documents);
 * - a change the search index has applied (its index object or version): every instance's writes reach it through the
 *   change feed once committed, and, as for searches, what this process wrote is applied before answering
 *   (IndexFeed.fresh), so a write is seen by the next request after its commit;
 * - at the latest after DIRECTORY_MAX_AGE_MS, for what reaches no search document (and while no index is served).
 * Requests arriving while an entry is computed wait for that one computation. Kept per database (tests open several).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { servedIndex } from './search/indexedSearch.js';
import { DIRECTORY_MAX_AGE_MS, directoryStamp, sameDirectory, type DirectoryStamp } from './search/memo.js';

interface Entry {
  stamp: DirectoryStamp;
  at: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/** `compute()`'s answer for this database, kept until the directory changes (see above). */
export async function cachedForDirectory<T>(db: Kysely<DB>, key: string, compute: () => Promise<T>): Promise<T> {
  const feed = servedIndex(db);
  await feed?.fresh();
  const stamp = directoryStamp(feed);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const e = cache.get(key);
  if (e && sameDirectory(e.stamp, stamp) && Date.now() - e.at < DIRECTORY_MAX_AGE_MS) return e.value as Promise<T>;
  // The stamp is taken before reading: a change during the reading retires this entry at the next request.
  const value = compute();
  const entry: Entry = { stamp, at: Date.now(), value };
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
