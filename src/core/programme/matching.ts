/**
 * Finding the same item in the next version of a plan: by its normalised wording, then (for reworded items) by
 * the overlap of its words. What matches keeps its id and so everything people tracked about it.
 */

/** Lower case, without punctuation and extra spaces: "Koulukohtaisen oppilashuoltoryhmän …" → a stable key. */
export function matchKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const words = (key: string) => new Set(key.split(' ').filter((w) => w.length > 2));

/** Jaccard overlap of the words (longer than two letters) of two keys, 0..1. */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.size && !wb.size) return a === b ? 1 : 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / (wa.size + wb.size - common);
}

/** Reworded items with at least this overlap are taken for the same item. */
export const SAME_ITEM_THRESHOLD = 0.5;

export interface Matchable {
  matchKey: string;
  group?: string | number;
}

/**
 * Pairs each incoming item with an existing one: exact key first (any earlier version), then the most similar
 * unmatched existing item of the same group above the threshold. Returns, per incoming index, the existing
 * index or -1.
 */
export function matchItems(existing: Matchable[], incoming: Matchable[]): number[] {
  const taken = new Set<number>();
  const out = incoming.map(() => -1);
  incoming.forEach((item, i) => {
    const j = existing.findIndex((e, k) => !taken.has(k) && e.matchKey === item.matchKey && e.group === item.group);
    if (j >= 0) {
      out[i] = j;
      taken.add(j);
    }
  });
  incoming.forEach((item, i) => {
    if (out[i] !== -1) return;
    let best = -1;
    let bestScore = SAME_ITEM_THRESHOLD;
    existing.forEach((e, k) => {
      if (taken.has(k) || e.group !== item.group) return;
      const s = similarity(e.matchKey, item.matchKey);
      if (s >= bestScore) {
        best = k;
        bestScore = s;
      }
    });
    if (best >= 0) {
      out[i] = best;
      taken.add(best);
    }
  });
  return out;
}
