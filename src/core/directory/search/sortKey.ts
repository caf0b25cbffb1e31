/**
 * Sort keys that order by the reader's alphabet under plain byte ("C") comparison, so the database can sort
 * and page names correctly on PGlite too (whose collation puts å/ä/ö in the wrong place).
 * Each letter is replaced by its primary rank under Intl.Collator for the language (Finnish and Swedish put
 * å, ä, ö after z and treat w as v differently; English files them under a and o), encoded as characters of the
 * same UTF-8 length so byte order equals rank order. The lowercased name follows as a tie-breaker.
 */
import type { Lang } from '../vocabulary.js';

const ALPHABET =
  '0123456789abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćčďđēėęěğīįıķĺļľłńņňōőœŕřśşšţťūůűųźżžß';
const LOCALES: Record<Lang, string> = { fi: 'fi', sv: 'sv', en: 'en' };
const BASE = 0x100; // ranks encoded from U+0100: two UTF-8 bytes each, ordered.

const rankTables = new Map<Lang, Map<string, number>>();
function ranks(lang: Lang): Map<string, number> {
  let table = rankTables.get(lang);
  if (table) return table;
  const collator = new Intl.Collator(LOCALES[lang], { sensitivity: 'base', usage: 'sort' });
  const chars = [...ALPHABET].sort(collator.compare);
  table = new Map();
  let rank = 1;
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && collator.compare(chars[i - 1]!, chars[i]!) !== 0) rank++;
    table.set(chars[i]!, rank);
  }
  rankTables.set(lang, table);
  return table;
}

export function sortKey(text: string, lang: Lang): string {
  const table = ranks(lang);
  const lower = text.normalize('NFC').toLowerCase().trim();
  let key = '';
  for (const ch of lower) {
    if (/\s/u.test(ch)) {
      if (!key.endsWith(' ')) key += ' ';
      continue;
    }
    const r = table.get(ch);
    if (r !== undefined) key += String.fromCharCode(BASE + r);
    else if (/[\p{L}\p{N}]/u.test(ch)) key += String.fromCharCode(BASE + 0x600 + (ch.codePointAt(0)! % 0x100)); // unknown letters last
    // punctuation is ignored, as in dictionaries
  }
  return `${key}\u0001${lower}`;
}

export function compareNames(lang: Lang): (a: string, b: string) => number {
  const collator = new Intl.Collator(LOCALES[lang], { usage: 'sort' });
  return collator.compare;
}
