/** Sets `key` in a map that keeps at most `max` entries (a key set again counts as new), forgetting the oldest first. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}
