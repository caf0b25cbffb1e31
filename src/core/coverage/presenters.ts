/**
 * What leaves the server: coverage as JSON (GET /api/v1/coverage) and as CSV (one line per municipality × life
 * situation). Names in the reader's language, codes always beside them, and each cell's search link.
 */
import type { Lang } from '../shared/lang.js';
import { toCsv } from '../shared/csv.js';
import { vocabularyLabel } from '../directory/vocabulary.js';
import { cellScope, searchPathFor } from './searchLinks.js';
import type { Coverage, CoverageCell, CoverageCounts, CoverageMunicipality } from './types.js';

export const municipalityLabel = (m: Pick<CoverageMunicipality, 'name'>, lang: Lang) =>
  lang === 'sv' ? m.name.sv : m.name.fi;

function presentCounts(c: CoverageCounts) {
  return { services: c.total, all_languages: c.allLanguages, languages: { ...c.languages }, modes: { ...c.modes } };
}

export function presentCoverage(c: Coverage, lang: Lang, baseUrl: string) {
  const f = c.filter;
  return {
    generated_at: c.generatedAt.toISOString(),
    active_services: c.activeServices,
    filter: {
      group: f.group,
      municipality: f.municipalities,
      life_situation: f.lifeSituations,
      language: f.languages,
      mode: f.modes,
      only_gaps: f.onlyGaps,
    },
    life_situations: c.lifeSituations.map((code) => ({ code, label: vocabularyLabel('life_situation', code)[lang] })),
    municipalities: c.rows.map((r) => ({
      code: r.municipality.code,
      name: municipalityLabel(r.municipality, lang),
      official_languages: r.municipality.languages,
      bilingual: r.municipality.bilingual,
      wellbeing_county: r.municipality.county,
      lape: r.municipality.lape,
      counts: presentCounts(r.counts),
      gaps: r.gaps,
      cells: r.cells.map((cell) => ({
        life_situation: cell.lifeSituation,
        ...presentCounts(cell),
        missing_languages: cell.missing,
        search_url:
          baseUrl + searchPathFor(lang, f, cellScope(cell.municipality, cell.lifeSituation), { kind: 'total' }),
      })),
    })),
    columns: Object.fromEntries(c.lifeSituations.map((l) => [l, presentCounts(c.columns[l])])),
    totals: presentCounts(c.counts),
    summary: {
      municipalities: c.summary.municipalities,
      bilingual_municipalities: c.summary.bilingual,
      swedish_majority_municipalities: c.summary.swedishMajority,
      bilingual_without_swedish: presentGap(c.summary.bilingualGaps.sv),
      bilingual_without_finnish: presentGap(c.summary.bilingualGaps.fi),
      unilingual_without_finnish: presentGap(c.summary.unilingualGaps),
      no_service: c.summary.noService,
      gaps_by_municipality: c.summary.byMunicipality.map((m) => ({
        municipality: m.code,
        gaps: m.gaps.map((g) => ({
          life_situation: g.lifeSituation,
          missing_languages: g.missing,
          no_service: g.none,
        })),
      })),
    },
  };
}

function presentGap(g: Coverage['summary']['unilingualGaps']) {
  return { municipalities: g.municipalities, cells: g.cells, life_situations: g.lifeSituations };
}

/** The CSV columns, in order; their names are the header of the API's CSV and the keys of the page CSV's labels. */
export const CSV_COLUMNS = [
  'municipality_code',
  'municipality',
  'official_languages',
  'wellbeing_county',
  'life_situation_code',
  'life_situation',
  'services',
  'all_languages',
  'fi',
  'sv',
  'en',
  'in_person',
  'phone',
  'online',
  'home_visit',
  'missing_languages',
  'search_url',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CsvOptions {
  lang: Lang;
  baseUrl: string;
  /** The header line: the column codes (default) or labels in the reader's language. */
  header?: (column: CsvColumn) => string;
  /** ',' (RFC 4180, default) or ';' (what Excel expects in Finland and Sweden). */
  delimiter?: ',' | ';';
  /** A byte order mark, so that Excel reads UTF-8. */
  bom?: boolean;
}

export function coverageCsv(c: Coverage, o: CsvOptions): string {
  const byCode = new Map(c.rows.map((r) => [r.municipality.code, r.municipality]));
  const line = (cell: CoverageCell): (string | number)[] => {
    const m = byCode.get(cell.municipality)!;
    return [
      m.code,
      municipalityLabel(m, o.lang),
      m.languages.join(' '),
      m.county,
      cell.lifeSituation,
      vocabularyLabel('life_situation', cell.lifeSituation)[o.lang],
      cell.total,
      cell.allLanguages,
      cell.languages.fi,
      cell.languages.sv,
      cell.languages.en,
      cell.modes.in_person,
      cell.modes.phone,
      cell.modes.online,
      cell.modes.home_visit,
      cell.missing.join(' '),
      o.baseUrl + searchPathFor(o.lang, c.filter, cellScope(cell.municipality, cell.lifeSituation), { kind: 'total' }),
    ];
  };
  const header = CSV_COLUMNS.map((col) => (o.header ? o.header(col) : col));
  const body = toCsv([header, ...c.rows.flatMap((r) => r.cells.map(line))], {
    delimiter: o.delimiter ?? ',',
    record_delimiter: 'windows',
  });
  return (o.bom ? '\uFEFF' : '') + body;
}
