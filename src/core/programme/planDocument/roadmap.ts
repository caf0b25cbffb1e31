/**
 * The summary table ("Yhteenveto"): a header of years, then rows whose cells are separated by tabs. Leading
 * cells may be empty (a row that starts in 2019 starts with a tab), rows may be shorter than the header, and the
 * header may have fewer years than the template's five. Each cell goes under the year of its column.
 */
import type { RoadmapCell } from './types.js';
import { cleanItem } from './text.js';

export interface TableHeader {
  /** The year of each column, or null for a column without one (a row-label column). */
  columns: (number | null)[];
  /** The text above a row-label column ("Teema"), if any. */
  label?: string;
}

const YEAR = /^(?:19|20)\d\d$/;

/**
 * "2018\t2019\t2022\t2025\t2030" (or the same with spaces) → the header; null when the line is not one. The
 * first column may be a label column ("Teema\t2018\t2019", or an empty first cell).
 */
export function tableHeader(line: string): TableHeader | null {
  const cells = line.includes('\t') ? line.split('\t').map((c) => c.trim()) : line.trim().split(/\s+/);
  while (cells.length && !cells[cells.length - 1]) cells.pop();
  const label = cells[0] && !YEAR.test(cells[0]) && cells[0].length <= 40 && line.includes('\t') ? cells[0] : undefined;
  const rest = label ? cells.slice(1) : cells;
  const years = rest.filter((c) => YEAR.test(c));
  if (years.length < 2 || rest.some((c) => c && !YEAR.test(c))) return null;
  return {
    columns: cells.map((c, i) => (i === 0 && label ? null : YEAR.test(c) ? Number(c) : null)),
    ...(label ? { label } : {}),
  };
}

export interface RowResult {
  cells: RoadmapCell[];
  /** Text in the first column when it has no year (the row's label: "PeKe"). */
  label?: string;
  /** Text in a column without a year other than the label column, or beyond the last column. */
  stray: string[];
}

/** One row of the table: its cells under their years, each with the row's label if the table has a label column. */
export function tableRow(line: string, header: TableHeader, row: number): RowResult {
  const out: RowResult = { cells: [], stray: [] };
  const raw = line.split('\t');
  const labelled = header.columns[0] === null && header.columns.length > 1;
  const label = labelled ? cleanItem(raw[0] ?? '') : '';
  if (label) out.label = label;
  raw.forEach((cell, i) => {
    const text = cleanItem(cell);
    if (!text || (labelled && i === 0)) return;
    const year = header.columns[i];
    if (year) out.cells.push({ year, text, row, ...(label ? { row_label: label } : {}) });
    else out.stray.push(text);
  });
  return out;
}

/**
 * A row of a pipe table ("| a | b |") as tab-separated cells; null for its rule ("|---|:--|"); undefined when
 * the line is no such row.
 */
export function pipeRow(line: string): string | null | undefined {
  const m = /^\s*\|(.*)\|\s*$/.exec(line);
  if (!m) return undefined;
  if (/^[\s|:+-]+$/.test(m[1]!)) return null;
  return m[1]!
    .split('|')
    .map((c) => c.trim())
    .join('\t');
}

/** A roadmap written as a list instead of a table: "2022: Toimiva sähköinen palvelujärjestelmä". */
export function yearLine(line: string): RoadmapCell | null {
  const m = /^\s*(?:[-–•*]\s*)?((?:19|20)\d\d)\s*(?::|–|-|\.)\s*(\S.*)$/u.exec(line);
  return m ? { year: Number(m[1]), text: cleanItem(m[2]!) } : null;
}
