/**
 * The directory search behind a count: the same municipality, life situation, language and mode filters, in the
 * search's own parameter names (src/http/searchQuery.ts), so following a count lists exactly the services counted.
 */
import type { Lang } from '../shared/lang.js';
import type { DeliveryMode, LifeSituation } from '../directory/vocabulary.js';
import type { Coverage } from './types.js';

/** Which number of a cell, row or column: the total, one language's count, one mode's count. */
export type CountOf = { kind: 'total' } | { kind: 'language'; language: Lang } | { kind: 'mode'; mode: DeliveryMode };

export interface CountScope {
  municipalities: string[];
  /** Empty: no life-situation filter (a row total without a column filter). */
  lifeSituations: LifeSituation[];
}

/** The search parameters, in the order the search page writes them. */
export function searchParamsFor(filter: Coverage['filter'], scope: CountScope, of: CountOf): URLSearchParams {
  const p = new URLSearchParams();
  for (const m of scope.municipalities) p.append('municipality', m);
  for (const l of scope.lifeSituations) p.append('life_situation', l);
  // Each breakdown is counted without its own filter (see CoverageCounts), so its link drops that filter too.
  const languages = of.kind === 'language' ? [of.language] : filter.languages;
  const modes = of.kind === 'mode' ? [of.mode] : filter.modes;
  for (const l of languages) p.append('language', l);
  for (const m of modes) p.append('mode', m);
  return p;
}

export function searchPathFor(lang: Lang, filter: Coverage['filter'], scope: CountScope, of: CountOf): string {
  const q = searchParamsFor(filter, scope, of).toString();
  return `/${lang}/search${q ? `?${q}` : ''}`;
}

/** The scope of a row total: one municipality, and the column filter if the reader chose one. */
export function rowScope(filter: Coverage['filter'], code: string): CountScope {
  return { municipalities: [code], lifeSituations: filter.lifeSituations };
}

/** The scope of a cell. */
export function cellScope(code: string, lifeSituation: LifeSituation): CountScope {
  return { municipalities: [code], lifeSituations: [lifeSituation] };
}

/** The scope of a column total: every municipality counted. */
export function columnScope(coverage: Pick<Coverage, 'municipalityCodes'>, lifeSituation: LifeSituation): CountScope {
  return { municipalities: coverage.municipalityCodes, lifeSituations: [lifeSituation] };
}
