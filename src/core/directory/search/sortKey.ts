/**
 * Sort keys that order by the reader's alphabet under plain byte ("C") comparison, so the database can sort
 * and page names correctly on PGlite too (whose collation puts å/ä/ö in the wrong place).
 * Each letter is replaced by its primary rank under Intl.Collator for the language (Finnish and Swedish put
 * å, ä, ö after z; English files them under a and o), one ASCII byte per letter, so byte order equals the
 * alphabet and the key stays small (the search table is scanned often). Names equal at this level are ordered
 * by the caller's tie-breaker.
 */
import type { Lang } from '../../shared/lang.js';

const ALPHABET =
  '0123456789abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćčďđēėęěğīįıķĺļľłńņňōőœŕřśşšţťūůűųźżžß';
const LOCALES: Record<Lang, string> = { fi: 'fi', sv: 'sv', en: 'en' };
const BASE = 0x21; // rank r is the ASCII character 0x21 + r; space (0x20) sorts before every letter.
const UNKNOWN = String.fromCharCode(0x7e); // letters outside the table sort after all known ones

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
    if (r !== undefined) key += String.fromCharCode(BASE + Math.min(r, 0x7d - BASE));
    else if (/[\p{L}\p{N}]/u.test(ch)) key += UNKNOWN;
    // punctuation is ignored, as in dictionaries
  }
  return key.trimEnd();
}

export function compareNames(lang: Lang): (a: string, b: string) => number {
  const collator = new Intl.Collator(LOCALES[lang], { usage: 'sort' });
  return collator.compare;
}
