import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, toCsv } from './csv.js';

describe('CSV cells a spreadsheet would run', () => {
  it('are prefixed with an apostrophe (=, +, -, @, tab, carriage return at the start)', () => {
    for (const v of ['=HYPERLINK("http://x.invalid","click")', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '\r=1'])
      expect(neutralizeCell(v)).toBe(`'${v}`);
  });
  it('leave ordinary text, numbers and phone numbers as they are', () => {
    for (const v of ['Perhekeskus', 'a=b', '-5', '+358 40 123 4567', '(09) 123 456', '2026-12-06', ''])
      expect(neutralizeCell(v)).toBe(v);
  });
  it('apply to every string cell that toCsv writes, objects and arrays alike', () => {
    const csv = toCsv([{ owner_team: '=cmd|"/c calc"!A1', notes: 'ok' }], {
      header: true,
      columns: ['owner_team', 'notes'],
    });
    expect(parse(csv, { columns: true })).toEqual([{ owner_team: `'=cmd|"/c calc"!A1`, notes: 'ok' }]);
    expect(parse(toCsv([['@x', 3]]))).toEqual([["'@x", '3']]);
  });
});
