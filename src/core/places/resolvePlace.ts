/**
 * A typed place → a point to measure distances from: a postal code (07500), a municipality by code (018) or name
 * in Finnish or Swedish (Porvoo, Borgå), or a locality named in the directory's addresses (Tammisaari, Karis).
 *
 * Where the points come from, with no invented coordinates:
 * - the directory's own locations: the mean of the coordinates of every location with that postal code or
 *   locality (their coordinates come from the service descriptions and PTV's service locations);
 * - the `municipality` table: each municipality's centre and the postal code of that centre
 *   (src/core/places/municipalities.ts documents the source). A municipality's name or code gives its centre;
 *   a postal code that no location has gives the centre of the municipality whose centre has that code.
 * A postal code or name found in neither is unknown, and the caller says so; nothing is guessed.
 */
import type { Translated } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { directoryGeneration } from '../directory/search/searchServices.js';
import { meanPoint, type Point } from './distance.js';

export type PlaceKind = 'postal_code' | 'municipality' | 'locality';
export type PlaceSource = 'municipality_centre' | 'locations';

export interface ResolvedPlace {
  kind: PlaceKind;
  /** What the reader sees: "07500 Askola", "Porvoo", "Ekenäs". */
  label: Translated;
  point: Point;
  source: PlaceSource;
  /** The municipality the place lies in, when known. */
  municipalityCode: string | null;
}

interface MunicipalityRow {
  code: string;
  name: { fi: string; sv: string };
  lat: number;
  lon: number;
  postal_code: string;
}
interface AreaRow {
  postal_code: string | null;
  city: Translated;
  municipality_code: string | null;
  lat: number;
  lon: number;
  n: number;
}

interface PlaceIndex {
  municipalities: MunicipalityRow[];
  postalCodes: Map<string, { point: Point; city: Translated; municipalityCode: string | null }>;
  localities: Map<string, { point: Point; label: Translated; municipalityCode: string | null }>;
}

/** Lower case, single spaces; `loose` also drops accents (Inga finds Ingå, Jarvenpaa finds Järvenpää). */
export function normalizePlaceName(s: string, loose = false): string {
  const n = s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi');
  return loose ? n.normalize('NFD').replace(/\p{M}/gu, '') : n;
}

const TTL_MS = 60_000;
const indexes = new WeakMap<object, { at: number; generation: number; index: PlaceIndex }>();

async function placeIndex(db: Kysely<DB>): Promise<PlaceIndex> {
  const cached = indexes.get(db);
  if (cached && cached.generation === directoryGeneration() && Date.now() - cached.at < TTL_MS) return cached.index;
  const [municipalities, areas] = await Promise.all([
    db.selectFrom('municipality').select(['code', 'name', 'lat', 'lon', 'postal_code']).execute(),
    // One row per postal code and locality (a handful of rows per municipality, however many locations).
    db
      .selectFrom('location')
      .select((eb) => [
        'postal_code',
        'city',
        'municipality_code',
        eb.fn.avg<number>('lat').as('lat'),
        eb.fn.avg<number>('lon').as('lon'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('lat', 'is not', null)
      .where('lon', 'is not', null)
      .groupBy(['postal_code', 'city', 'municipality_code'])
      .execute() as Promise<AreaRow[]>,
  ]);
  const postal = new Map<
    string,
    {
      pts: { lat: number; lon: number; weight: number }[];
      city: Translated;
      cityWeight: number;
      municipalityCode: string | null;
    }
  >();
  const local = new Map<
    string,
    { pts: { lat: number; lon: number; weight: number }[]; label: Translated; municipalityCode: string | null }
  >();
  for (const a of areas) {
    const pt = { lat: Number(a.lat), lon: Number(a.lon), weight: Number(a.n) };
    if (a.postal_code && /^\d{5}$/.test(a.postal_code)) {
      const e = postal.get(a.postal_code) ?? {
        pts: [],
        city: {},
        cityWeight: 0,
        municipalityCode: a.municipality_code,
      };
      e.pts.push(pt);
      // The postal code's name is the locality most of its locations give.
      if (pt.weight > e.cityWeight) {
        e.city = a.city ?? {};
        e.cityWeight = pt.weight;
      }
      postal.set(a.postal_code, e);
    }
    for (const name of new Set(
      Object.values(a.city ?? {})
        .filter((v): v is string => !!v?.trim())
        .map((v) => normalizePlaceName(v)),
    )) {
      const e = local.get(name) ?? { pts: [], label: a.city, municipalityCode: a.municipality_code };
      e.pts.push(pt);
      local.set(name, e);
    }
  }
  const index: PlaceIndex = {
    municipalities: municipalities.map((m) => ({ ...m, lat: Number(m.lat), lon: Number(m.lon) })),
    postalCodes: new Map(
      [...postal].map(([k, v]) => [
        k,
        { point: meanPoint(v.pts)!, city: v.city, municipalityCode: v.municipalityCode },
      ]),
    ),
    localities: new Map(
      [...local].map(([k, v]) => [
        k,
        { point: meanPoint(v.pts)!, label: v.label, municipalityCode: v.municipalityCode },
      ]),
    ),
  };
  indexes.set(db, { at: Date.now(), generation: directoryGeneration(), index });
  return index;
}

const both = (s: string): Translated => ({ fi: s, sv: s, en: s });

function municipalityPlace(m: MunicipalityRow): ResolvedPlace {
  return {
    kind: 'municipality',
    label: { fi: m.name.fi, sv: m.name.sv, en: m.name.fi },
    point: { lat: m.lat, lon: m.lon },
    source: 'municipality_centre',
    municipalityCode: m.code,
  };
}

/**
 * The point of a Finnish postal code (five digits), or null when neither source knows it: the mean of the
 * directory's locations with that postal code, else the centre of the municipality whose centre has it (the same
 * order as the HSDS `postcode` parameter, src/core/hsds/postcode.ts, so both APIs agree on a postal code's point).
 */
export async function postalCodePoint(db: Kysely<DB>, postalCode: string): Promise<ResolvedPlace | null> {
  if (!/^\d{5}$/.test(postalCode)) return null;
  const index = await placeIndex(db);
  const m = index.municipalities.find((x) => x.postal_code === postalCode);
  const p = index.postalCodes.get(postalCode);
  if (p) {
    const city = (l: 'fi' | 'sv') => p.city[l] ?? p.city.fi ?? p.city.sv ?? (m ? m.name[l] : '');
    return {
      kind: 'postal_code',
      point: p.point,
      source: 'locations',
      municipalityCode: p.municipalityCode ?? m?.code ?? null,
      label: {
        fi: `${postalCode} ${city('fi')}`.trim(),
        sv: `${postalCode} ${city('sv')}`.trim(),
        en: `${postalCode} ${city('fi')}`.trim(),
      },
    };
  }
  if (!m) return null;
  return {
    ...municipalityPlace(m),
    kind: 'postal_code',
    label: { fi: `${postalCode} ${m.name.fi}`, sv: `${postalCode} ${m.name.sv}`, en: `${postalCode} ${m.name.fi}` },
  };
}

/** Resolves what a person typed; null when it is not a place this directory knows. */
export async function resolvePlace(db: Kysely<DB>, typed: string): Promise<ResolvedPlace | null> {
  const text = typed.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!text || text.length > 100) return null;
  // "07500" or an address line's "07500 Askola": the postal code decides.
  const postal = /^(\d{5})(?:\s|,|$)/.exec(text);
  if (postal) return postalCodePoint(db, postal[1]!);
  const index = await placeIndex(db);
  if (/^\d{3}$/.test(text)) {
    const m = index.municipalities.find((x) => x.code === text);
    return m ? municipalityPlace(m) : null;
  }
  for (const loose of [false, true]) {
    const want = normalizePlaceName(text, loose);
    const m = index.municipalities.find(
      (x) => normalizePlaceName(x.name.fi, loose) === want || normalizePlaceName(x.name.sv, loose) === want,
    );
    if (m) return municipalityPlace(m);
    for (const [name, l] of index.localities) {
      if (normalizePlaceName(name, loose) === want) {
        return {
          kind: 'locality',
          label: Object.keys(l.label).length ? l.label : both(text),
          point: l.point,
          source: 'locations',
          municipalityCode: l.municipalityCode,
        };
      }
    }
  }
  return null;
}
