/** Days as the municipality counts them: ISO dates (YYYY-MM-DD) in Europe/Helsinki. */
export { helsinkiToday as helsinkiDay } from '../shared/dates.js';

/** A real calendar date between 2000 and 2100 written YYYY-MM-DD, or D.M.YYYY as Finns write it; else null. */
export function parseDay(v: string): string | null {
  const s = v.trim();
  let y: string, m: string, d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (iso) [, y, m, d] = iso as unknown as [string, string, string, string];
  else if (fi) [, d, m, y] = fi as unknown as [string, string, string, string];
  else return null;
  const out = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${out}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== out) return null;
  if (Number(y) < 2000 || Number(y) > 2100) return null;
  return out;
}
