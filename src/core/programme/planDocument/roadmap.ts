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
}

const YEAR = /^(?:19|20)\d\d$/;

/** "2018\t2019\t2022\t2025\t2030" (or the same with spaces) → the header; null when the line is not one. */
export function tableHeader(line: string): TableHeader | null {
  const cells = line.includes('\t') ? line.split('\t').map((c) => c.trim()) : line.trim().split(/\s+/);
  const years = cells.filter((c) => YEAR.test(c));
  if (years.length < 2 || cells.some((c) => c && !YEAR.test(c))) return null;
  // Trailing empty cells are no columns.
  while (cells.length && !cells[cells.length - 1]) cells.pop();
  return { columns: cells.map((c) => (YEAR.test(c) ? Number(c) : null)) };
}

export interface RowResult { cells: RoadmapCell[]; /** Text in a column without a year. */ stray: string[] }

/** One row of the table: its cells under their years. */
export function tableRow(line: string, header: TableHeader, row: number): RowResult {
  const out: RowResult = { cells: [], stray: [] };
  line.split('\t').forEach((raw, i) => {
    const text = cleanItem(raw);
    if (!text) return;
    const year = header.columns[i];
    if (year) out.cells.push({ year, text, row });
    else out.stray.push(text);
  });
  return out;
}

/** A roadmap written as a list instead of a table: "2022: Toimiva sähköinen palvelujärjestelmä". */
export function yearLine(line: string): RoadmapCell | null {
  const m = /^\s*(?:[-–•*]\s*)?((?:19|20)\d\d)\s*(?::|–|-|\.)\s*(\S.*)$/u.exec(line);
  return m ? { year: Number(m[1]), text: cleanItem(m[2]!) } : null;
}
