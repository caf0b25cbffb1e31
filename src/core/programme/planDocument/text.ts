/**
 * Plain text as it comes out of Word or a PDF → lines the plan parser reads: one kind of line end, no
 * invisible characters, bullets recognised, words for fuzzy comparison.
 */

/** Line ends, byte-order marks, soft hyphens, zero-width and non-breaking spaces: the noise of extraction. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|\u2028|\u2029|\f|\v/g, '\n')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2007\u202F\u2000-\u200A]/g, ' ')
    .normalize('NFC');
}

/** Lines without trailing spaces (tabs are kept: they separate the cells of the summary table). */
export function toLines(text: string): string[] {
  return normaliseText(text)
    .split('\n')
    .map((l) => l.replace(/ +$/, ''));
}

export const isBlank = (line: string) => !line.trim();

/** "-", "•", "o", "*", "–" and their kin, possibly nested ("- o Kuraattori"). */
const BULLET = /^\s*(?:(?:[-–—•·*▪▫■□●○◦‣⁃➢➤►✓]|o)(?=\s)\s*)+/u;

export const isBullet = (line: string) => BULLET.test(line) && !/^\s*[-–—]\s*$/.test(line);

/** A line that only says "nothing here": a dash. */
export const isEmptyMarker = (text: string) => /^\s*[-–—]+\s*$/.test(text);

/** An item as it should read: no bullet, no markdown emphasis left by the extraction, one space between words. */
export function cleanItem(line: string): string {
  return line
    .replace(BULLET, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Lower case without diacritics or punctuation: what two spellings of a word are compared by. */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** The words of a line with where they are (a hyphenated compound, "LAPE-kauden", is one word). */
export function wordsOf(line: string): Word[] {
  return [...line.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*-?/gu)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Sentences of a paragraph (a full stop, question or exclamation mark followed by a space and a capital). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\d"”])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

const BOUNDARY = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';

/** A regular expression whose `\b` is a word boundary for every letter (JavaScript's counts ä, ö and å as non-word). */
export function ure(re: RegExp): RegExp {
  return new RegExp(re.source.replace(/\\b/g, BOUNDARY), re.flags.includes('u') ? re.flags : `${re.flags}u`);
}
