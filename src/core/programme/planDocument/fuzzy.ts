/**
 * Fuzzy comparison of headings: typos, case, diacritics and inflection ("kehittämistyö" / "kehittämistyöhön")
 * must not hide a heading, yet "… muutosohjelman aikana" and "… muutosohjelman jälkeen" must stay apart. So
 * headings are compared word by word (edit distance within a word, in order across words), never as one string.
 */
import { fold, wordsOf, type Word } from './text.js';

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many edits a word of this length may differ by and still be the same word. */
export function allowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return Math.floor(length / 5);
}

/** Two folded words are the same word, allowing typos and a different case ending. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const limit = allowance(Math.max(a.length, b.length));
  if (!limit || Math.abs(a.length - b.length) > limit) return false;
  return editDistance(a, b) <= limit;
}

export interface Alignment {
  /** 0..1: Dice coefficient of the phrase's words and the line's words up to `end`. */
  score: number;
  /** Number of the line's leading words the phrase covers. */
  wordCount: number;
}

/**
 * How well a phrase matches the start of a line: for every prefix of the line's words, the longest common
 * subsequence of same words, scored 2·common / (phrase words + prefix words); the best prefix wins (the
 * shorter one on a tie), so the words after a heading on the same line are left for its first item.
 */
export function alignPrefix(phrase: string[], line: Word[], extra = 3): Alignment {
  const p = phrase;
  const w = line.slice(0, p.length + extra).map((x) => fold(x.text));
  const lcs: number[][] = Array.from({ length: p.length + 1 }, () => Array<number>(w.length + 1).fill(0));
  for (let i = 1; i <= p.length; i++) {
    for (let j = 1; j <= w.length; j++) {
      lcs[i]![j] = sameWord(p[i - 1]!, w[j - 1]!)
        ? lcs[i - 1]![j - 1]! + 1
        : Math.max(lcs[i - 1]![j]!, lcs[i]![j - 1]!);
    }
  }
  let best: Alignment = { score: 0, wordCount: 0 };
  for (let e = 1; e <= w.length; e++) {
    const score = (2 * lcs[p.length]![e]!) / (p.length + e);
    if (score > best.score) best = { score, wordCount: e };
  }
  return best;
}

/** The folded words of a phrase. */
export const phraseWords = (phrase: string) =>
  wordsOf(phrase)
    .map((w) => fold(w.text))
    .filter(Boolean);

/** Dice coefficient of a phrase and all of a line's words (in order, same words by `sameWord`). */
export function dice(phrase: string[], line: Word[]): number {
  const w = line.map((x) => fold(x.text));
  if (!phrase.length || !w.length) return 0;
  let prev = Array<number>(w.length + 1).fill(0);
  for (let i = 1; i <= phrase.length; i++) {
    const cur = Array<number>(w.length + 1).fill(0);
    for (let j = 1; j <= w.length; j++)
      cur[j] = sameWord(phrase[i - 1]!, w[j - 1]!) ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  return (2 * prev[w.length]!) / (phrase.length + w.length);
}
