/**
 * Every CSV the app writes goes through `toCsv`, which neutralises cells a spreadsheet would run as a formula
 * (OWASP "CSV injection"): a text cell that starts with =, +, -, @, a tab or a carriage return gets a leading
 * apostrophe, so the spreadsheet shows it as text. A cell that is only a number or a phone number (digits, spaces,
 * + - . ( ) and /) cannot call anything and is left as it is, so "+358 40 123 4567" and "-5" stay as published.
 */
import { stringify, type Options } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_LIKE = /^[+-]?[\d\s().\-/]+$/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) && !NUMBER_LIKE.test(value) ? `'${value}` : value;
}

export function toCsv(records: unknown[], options: Options = {}): string {
  return stringify(records, { ...options, cast: { ...options.cast, string: (v) => neutralizeCell(v) } });
}
