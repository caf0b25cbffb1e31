/**
 * Checking that a parse kept every line: each non-empty line of the input (each cell of a table row) must be
 * found in some text of the output — as a whole, or split at its separators into parts that all are (a person's
 * "name, title, municipality", a heading with its first item). Written apart from the parser on purpose: it
 * knows nothing of the template but the municipalities' names.
 */
import { MUNICIPALITIES } from '../../../src/core/places/municipalities.js';
import type { ParsedDocument } from '../../../src/core/programme/planDocument/types.js';

const norm = (s: string) =>
  s
    .normalize('NFC')
    .replace(/\*\*/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim()
    .toLowerCase();

function leaves(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(norm(v));
  else if (typeof v === 'number') out.push(String(v));
  else if (Array.isArray(v)) v.forEach((x) => leaves(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => leaves(x, out));
  return out;
}

const BULLETS = /^(?:(?:[-–—•·*▪○◦]|o)\s+)+/u;
const DATE = /(\d{1,2})\.(\d{1,2})\.(\d{4})/;

export function missingLines(input: string, doc: ParsedDocument): string[] {
  const hay = leaves(doc);
  const found = (t: string) => hay.some((h) => h.includes(t));
  const names = new Map<string, string>();
  for (const m of MUNICIPALITIES) for (const n of [m.name.fi, m.name.sv]) names.set(n.toLowerCase(), m.code);
  const docCodes = doc.kind === 'municipal_plan' ? doc.municipalities.map((m) => m.code) : [];
  const missing: string[] = [];
  for (const line of input.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) continue;
    const fragments = line.split('\t');
    for (const raw of fragments) {
      const t = norm(raw)
        .replace(BULLETS, '')
        .replace(/^\d{1,2}\s*[.)]?\s+(?=\p{L})/u, '')
        .replace(/[\s:–—-]+$/u, '');
      if (!t || found(t)) continue;
      const d = DATE.exec(t);
      if (
        d &&
        !/\p{L}/u.test(t.replace(d[0], '')) &&
        found(`${d[3]}-${d[2]!.padStart(2, '0')}-${d[1]!.padStart(2, '0')}`)
      )
        continue;
      const parts = t
        .split(/\s*(?:[,;:&]|\s[–—-]\s)\s*|\s+(?:ja|och)\s+/u)
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length && parts.every((p) => (names.has(p) && docCodes.includes(names.get(p)!)) || found(p))) continue;
      missing.push(line);
    }
  }
  return missing;
}

/** Rewrites of a plan that must not change what it says. */
export const MUTATIONS: Record<string, (text: string) => string> = {
  'Windows line ends': (t) => t.replace(/\n/g, '\r\n'),
  'headings in capitals': (t) =>
    t.replace(/^(?:\d\.\s[^:\n]*|Yhteenveto$|Paikallinen kehittämistyö muutosohjelman aikana)/gm, (l) =>
      l.toUpperCase(),
    ),
  '"•" bullets': (t) => t.replace(/^- /gm, '• '),
  '"o" bullets': (t) => t.replace(/^- /gm, 'o '),
  'no bullets': (t) => t.replace(/^- /gm, ''),
  'headings without numbers': (t) => t.replace(/^\d\. /gm, ''),
  'numbers as "1)"': (t) => t.replace(/^(\d)\. /gm, '$1) '),
  'typos in headings': (t) =>
    t
      .replace(/^1\. Paikallinen kehittämistyö/m, '1. Paikalinen kehittämistyö')
      .replace(/^2\. Linkittyminen maakunnalliseen/m, '2. Linkittyminen maakunnaliseen')
      .replace(/^3\. Kokeilusta pysyväksi käytännöksi/m, '3. Kokeilusta pysyväski käytännöksi')
      .replace(/^4\. Alueelle juurrutettavat/m, '4. Alueelle juurutettavat')
      .replace(/^5\. Sidonnaisuudet/m, '5. Sidonaisuudet')
      .replace(
        /^6\. Muutosohjelman aikana syntyneet rakenteelliset/m,
        '6. Muutosohjelman aikana syntyneet rakentelliset',
      )
      .replace(/^Yhteenveto$/m, 'Yhteenvet'),
  'trailing tabs of table rows lost': (t) => t.replace(/\t+$/gm, ''),
};
