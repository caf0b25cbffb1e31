/**
 * Service coverage: for each municipality × life situation, how many active services serve it (a service counts
 * where its area covers, as in the search), by language of service and by delivery mode, and where an official
 * language of the municipality has no service at all (a gap).
 */
import type { Lang } from '../shared/lang.js';
import type { DeliveryMode, LifeSituation } from '../directory/vocabulary.js';
import type { WellbeingCounty } from '../places/municipalities.js';

/** Which municipalities to show: all, the bilingual ones, the LAPE project's, or one wellbeing services county. */
export const MUNICIPALITY_GROUPS = [
  'all',
  'bilingual',
  'lape',
  'lansi-uusimaa',
  'keski-uusimaa',
  'ita-uusimaa',
] as const;
export type MunicipalityGroup = (typeof MUNICIPALITY_GROUPS)[number];

export interface CoverageFilter {
  group?: MunicipalityGroup;
  /** Municipality codes (within the group). */
  municipalities?: string[];
  /** The columns; all life situations when empty. */
  lifeSituations?: LifeSituation[];
  /** Only services given in one of these languages (as the search's language filter). */
  languages?: Lang[];
  /** Only services delivered in one of these ways (as the search's mode filter). */
  modes?: DeliveryMode[];
  /** Only the municipalities and life situations that have a gap. */
  onlyGaps?: boolean;
}

/**
 * Counts of one cell, row or column. Like the search's facets, each breakdown is counted with every filter but
 * its own, so each number is exactly what the search finds with the same filters:
 * - `total`: services matching the language and mode filters;
 * - `languages[l]`: services given in l (mode filter applies, language filter does not);
 * - `modes[m]`: services delivered as m (language filter applies, mode filter does not);
 * - `allLanguages`: services in any language (mode filter applies).
 */
export interface CoverageCounts {
  total: number;
  allLanguages: number;
  languages: Record<Lang, number>;
  modes: Record<DeliveryMode, number>;
}

export interface CoverageCell extends CoverageCounts {
  municipality: string;
  lifeSituation: LifeSituation;
  /** Official languages of the municipality (within the language filter) in which no service is given here. */
  missing: Lang[];
}

export interface CoverageMunicipality {
  code: string;
  name: { fi: string; sv: string };
  /** Official languages, majority first. */
  languages: Lang[];
  bilingual: boolean;
  county: WellbeingCounty;
  lape: boolean;
}

export interface CoverageRow {
  municipality: CoverageMunicipality;
  /** Distinct services over the row's life situations. */
  counts: CoverageCounts;
  cells: CoverageCell[];
  gaps: number;
}

export interface LanguageGapSummary {
  language: Lang;
  /** Municipalities (codes, in row order) with a life situation served, but not in the language. */
  municipalities: string[];
  /** Municipality × life situation pairs without a service in the language. */
  cells: number;
  /** Distinct life situations concerned. */
  lifeSituations: LifeSituation[];
}

export interface CoverageSummary {
  municipalities: number;
  bilingual: number;
  /** Bilingual with Swedish the majority language (where a missing Finnish service matters most). */
  swedishMajority: number;
  /**
   * Bilingual municipalities lacking a Swedish-language service (sv), lacking a Finnish-language one (fi), where
   * some service exists in another language; pairs with no service at all are counted in noService instead.
   */
  bilingualGaps: Record<'fi' | 'sv', LanguageGapSummary>;
  /** Unilingual (Finnish) municipalities lacking a Finnish-language service (though some service exists). */
  unilingualGaps: LanguageGapSummary;
  /** Pairs with no service at all (in any language, within the mode filter). */
  noService: { cells: number; municipalities: string[] };
  /** Every gap by municipality, in row order. */
  byMunicipality: { code: string; gaps: { lifeSituation: LifeSituation; missing: Lang[]; none: boolean }[] }[];
}

export interface Coverage {
  /** The filter as applied (known values only, in the vocabulary's order; empty lists mean no filter). */
  filter: Required<Omit<CoverageFilter, 'municipalities'>> & { municipalities: string[] };
  /** The columns, in the vocabulary's order (a family's life course). */
  lifeSituations: LifeSituation[];
  /** One row per municipality, sorted by name in the reader's alphabet. */
  rows: CoverageRow[];
  /** Every municipality counted (the group and municipality filters; with onlyGaps also those without a gap). */
  municipalityCodes: string[];
  /** Distinct services over municipalityCodes, per life situation. */
  columns: Record<LifeSituation, CoverageCounts>;
  /** Distinct services over municipalityCodes (and the life-situation filter). */
  counts: CoverageCounts;
  summary: CoverageSummary;
  /** Active services in the directory (any area), for "based on N services". */
  activeServices: number;
  generatedAt: Date;
}
