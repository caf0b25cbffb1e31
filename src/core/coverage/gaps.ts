/**
 * The gap rules. A municipality must serve in its official languages (Language Act 423/2003): a life situation in
 * which an official language has no service at all is a gap — no Swedish-language service in a bilingual
 * municipality, no Finnish-language one in a Swedish-majority one (or anywhere). English is counted, never a gap.
 */
import type { Lang } from '../shared/lang.js';
import type { LifeSituation } from '../directory/vocabulary.js';
import type {
  CoverageCounts,
  CoverageMunicipality,
  CoverageRow,
  CoverageSummary,
  LanguageGapSummary,
} from './types.js';

/**
 * The official languages of the municipality in which no service is given here. With a language filter, only
 * the filtered languages are looked at ("show me where Swedish is missing").
 */
export function missingLanguages(
  m: Pick<CoverageMunicipality, 'languages'>,
  counts: Pick<CoverageCounts, 'languages'>,
  languageFilter: readonly Lang[] = [],
): Lang[] {
  return m.languages.filter((l) => (!languageFilter.length || languageFilter.includes(l)) && counts.languages[l] === 0);
}

function languageGaps(rows: CoverageRow[], language: Lang, bilingual: boolean): LanguageGapSummary {
  const municipalities: string[] = [];
  const lifeSituations = new Set<LifeSituation>();
  let cells = 0;
  for (const r of rows) {
    if (r.municipality.bilingual !== bilingual) continue;
    // Where nothing is available in any language, that is counted once, as no service (not as two language gaps).
    const missing = r.cells.filter((c) => c.missing.includes(language) && c.allLanguages > 0);
    if (!missing.length) continue;
    municipalities.push(r.municipality.code);
    cells += missing.length;
    for (const c of missing) lifeSituations.add(c.lifeSituation);
  }
  return { language, municipalities, cells, lifeSituations: [...lifeSituations] };
}

/** What the top of the page says: who lacks which language, and where nothing is available at all. */
export function summarise(rows: CoverageRow[], lifeSituations: readonly LifeSituation[]): CoverageSummary {
  const order = new Map(lifeSituations.map((l, i) => [l, i]));
  const noService = { cells: 0, municipalities: [] as string[] };
  const byMunicipality: CoverageSummary['byMunicipality'] = [];
  for (const r of rows) {
    const none = r.cells.filter((c) => c.allLanguages === 0).length;
    if (none) {
      noService.cells += none;
      noService.municipalities.push(r.municipality.code);
    }
    const gaps = r.cells
      .filter((c) => c.missing.length)
      .map((c) => ({ lifeSituation: c.lifeSituation, missing: c.missing, none: c.allLanguages === 0 }));
    if (gaps.length) byMunicipality.push({ code: r.municipality.code, gaps });
  }
  const sortLs = (g: LanguageGapSummary) => ({
    ...g,
    lifeSituations: g.lifeSituations.sort((a, b) => order.get(a)! - order.get(b)!),
  });
  return {
    municipalities: rows.length,
    bilingual: rows.filter((r) => r.municipality.bilingual).length,
    swedishMajority: rows.filter((r) => r.municipality.languages[0] === 'sv').length,
    bilingualGaps: { sv: sortLs(languageGaps(rows, 'sv', true)), fi: sortLs(languageGaps(rows, 'fi', true)) },
    unilingualGaps: sortLs(languageGaps(rows, 'fi', false)),
    noService,
    byMunicipality,
  };
}
