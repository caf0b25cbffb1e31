/** Dates as the plans write them: "30.10.2018", "30.10.2018.", "30. lokakuuta 2018", "30 oktober 2018". */

const FI_MONTHS = [
  'tammi',
  'helmi',
  'maalis',
  'huhti',
  'touko',
  'kesä',
  'heinä',
  'elo',
  'syys',
  'loka',
  'marras',
  'joulu',
];
const SV_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const NUMERIC = /(?<!\d)(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*((?:19|20)\d\d)(?!\d)/;
const WORDED = /(?<!\d)(\d{1,2})\.?\s+(\p{L}+)\s+((?:19|20)\d\d)(?!\d)/u;

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  const fi = FI_MONTHS.findIndex((m) => w === `${m}kuuta` || w === `${m}kuu`);
  if (fi >= 0) return fi + 1;
  const sv = SV_MONTHS.indexOf(w);
  return sv >= 0 ? sv + 1 : null;
}

/** The first date in a text, as ISO yyyy-mm-dd, with where it was found. */
export function findDate(text: string): { iso: string; match: string } | null {
  const n = NUMERIC.exec(text);
  if (n) {
    const v = iso(Number(n[3]), Number(n[2]), Number(n[1]));
    if (v) return { iso: v, match: n[0] };
  }
  const w = WORDED.exec(text);
  if (w) {
    const month = monthOf(w[2]!);
    const v = month ? iso(Number(w[3]), month, Number(w[1])) : null;
    if (v) return { iso: v, match: w[0] };
  }
  return null;
}

/** A line that is only a date (a weekday or a place before it is allowed: "Inkoossa 30.10.2018"). */
export function dateLine(line: string): string | null {
  const d = findDate(line);
  if (!d) return null;
  const left = line
    .replace(d.match, ' ')
    .replace(/[.,:\s]+/g, ' ')
    .trim();
  return left.split(' ').filter(Boolean).length <= 1 && !/\d/.test(left) ? d.iso : null;
}

/** "Suunnitelma laadittu 30.10.2018", "Hyväksytty perusturvalautakunnassa 12.11.2018", "Planen uppgjord 30.10.2018". */
export function signatureDateLine(line: string): string | null {
  const d = findDate(line);
  if (!d || line.length > 120) return null;
  return /^\s*(?:suunnitelma\s+|plan(?:en)?\s+)?(?:laadittu|laadittiin|hyväksytty|hyväksyttiin|päivitetty|päiväys|allekirjoitettu|päivätty|upprättad|uppgjord|godkänd|uppdaterad|daterad)\b/iu.test(
    line,
  )
    ? d.iso
    : null;
}
