/**
 * The headings of the plan template, found however they are written: numbered or not, in any case, with typos
 * and other endings, with the section's first item on the same line ("3. Kokeilusta pysyväksi käytännöksi:
 * Perhekeskusverkosto oli …"). Swedish wordings are accepted too (a Swedish-language plan follows the same
 * template).
 */
import type { PlanSectionKey } from './types.js';
import { alignPrefix, phraseWords } from './fuzzy.js';
import { isBullet, wordsOf } from './text.js';

export type HeadingKey = PlanSectionKey | 'introduction' | 'roadmap';

interface KnownHeading {
  key: HeadingKey;
  number?: number;
  phrases: string[][];
}

const known = (key: HeadingKey, number: number | undefined, ...phrases: string[]): KnownHeading => ({
  key,
  ...(number ? { number } : {}),
  phrases: phrases.map(phraseWords),
});

export const PLAN_HEADINGS: readonly KnownHeading[] = [
  known(
    'introduction',
    undefined,
    'Paikallinen kehittämistyö muutosohjelman aikana',
    'Lokalt utvecklingsarbete under förändringsprogrammet',
  ),
  known(
    'local_after',
    1,
    'Paikallinen kehittämistyö muutosohjelman jälkeen',
    'Lokalt utvecklingsarbete efter förändringsprogrammet',
  ),
  known(
    'regional_link',
    2,
    'Linkittyminen maakunnalliseen kehittämistyöhön muutosohjelman aikana',
    'Koppling till det regionala utvecklingsarbetet under förändringsprogrammet',
  ),
  known(
    'experiments',
    3,
    'Kokeilusta pysyväksi käytännöksi',
    'Från försök till permanent praxis',
    'Från försök till bestående praxis',
  ),
  known(
    'adopted',
    4,
    'Alueelle juurrutettavat kokeilut muista kunnista',
    'Försök från andra kommuner som förankras i området',
  ),
  known(
    'regional_after',
    5,
    'Sidonnaisuudet maakunnalliseen kehittämistyöhön muutosohjelman päätyttyä',
    'Kopplingar till det regionala utvecklingsarbetet efter förändringsprogrammet',
  ),
  known(
    'structural_changes',
    6,
    'Muutosohjelman aikana syntyneet rakenteelliset muutokset',
    'Strukturella förändringar som uppstått under förändringsprogrammet',
  ),
  known('roadmap', undefined, 'Yhteenveto', 'Sammanfattning'),
];

export interface HeadingMatch {
  key: HeadingKey;
  /** The number written before the heading, if any. */
  writtenNumber?: number;
  /** The heading as written, without its number and closing colon. */
  heading: string;
  /** What follows the heading on the same line ("" when nothing; "-" is an empty section). */
  rest: string;
  score: number;
}

const NUMBER = /^\s*(\d{1,2})\s*[.)]?\s+(?=\p{L})/u;

/** A numbered line that reads like a heading but is none of the template's ("7. Muuta:"). */
export function unknownNumberedHeading(line: string): { number: number; heading: string; rest: string } | null {
  const m =
    /^\s*(\d{1,2})\s*[.)]\s+(\p{L}[^:]{0,100}?)\s*:\s*(.*)$/u.exec(line) ??
    /^\s*(\d{1,2})\s*[.)]\s+(\p{L}[^.!?:]{0,100})$/u.exec(line);
  if (!m) return null;
  return { number: Number(m[1]), heading: m[2]!.trim(), rest: (m[3] ?? '').trim() };
}

/**
 * The template heading this line is, or null. A numbered line needs most of the heading's words; a line without
 * a number needs nearly all of them and must end there or continue after a colon (so that a paragraph opening
 * with the same words stays a paragraph).
 */
export function matchHeading(line: string, headings: readonly KnownHeading[] = PLAN_HEADINGS): HeadingMatch | null {
  if (isBullet(line) || !line.trim()) return null;
  const num = NUMBER.exec(line);
  const writtenNumber = num ? Number(num[1]) : undefined;
  const body = num ? line.slice(num[0].length) : line.trimStart();
  const words = wordsOf(body);
  if (!words.length) return null;
  let best: { h: KnownHeading; score: number; adjusted: number; wordCount: number } | null = null;
  for (const h of headings) {
    for (const phrase of h.phrases) {
      const a = alignPrefix(phrase, words);
      let adjusted = a.score;
      if (writtenNumber !== undefined) adjusted += h.number === writtenNumber ? 0.15 : h.number ? -0.1 : -0.1;
      if (!best || adjusted > best.adjusted) best = { h, score: a.score, adjusted, wordCount: a.wordCount };
    }
  }
  if (!best || !best.wordCount) return null;
  const last = words[best.wordCount - 1]!;
  const after = body.slice(last.end);
  const colon = /^\s*:/.test(after);
  const rest = after.replace(/^\s*[:.]?\s*/, '').trim();
  if (writtenNumber !== undefined) {
    const needed = best.h.number === writtenNumber ? 0.55 : 0.7;
    if (best.score < needed) return null;
    // A numbered line with a long sentence and no colon is a numbered list item, not a heading.
    if (!colon && rest && best.score < 0.85) return null;
  } else {
    if (best.score < 0.8) return null;
    if (rest && !colon) return null;
  }
  return {
    key: best.h.key,
    ...(writtenNumber !== undefined ? { writtenNumber } : {}),
    heading: body.slice(0, last.end).trim(),
    rest,
    score: best.score,
  };
}

export const sectionNumber = (key: PlanSectionKey): number => PLAN_HEADINGS.find((h) => h.key === key)!.number!;
