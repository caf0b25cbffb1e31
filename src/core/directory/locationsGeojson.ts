/**
 * The directory's places as GeoJSON (RFC 7946): one Feature per location with coordinates, a Point in
 * [longitude, latitude] order (WGS84), and the matching services that are given there. What the map draws and
 * what `GET /api/v1/locations.geojson` answers.
 */
import type { Translated, Lang } from '../shared/lang.js';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { distanceKm, type Point } from '../places/distance.js';
import { municipalityByCode } from '../places/municipalities.js';
import { localize, pick } from '../shared/translated.js';
import type { LocationDetail, ServiceDetail } from './queries.js';
import { findMatching } from './search/indexedSearch.js';
import type { SearchParams } from './search/searchServices.js';

export interface LocationFeatureService {
  id: string;
  name: string;
  name_lang: Lang;
  url: string;
}

export interface LocationFeatureProperties {
  id: string;
  name: string;
  /** The language `name` is in (another than asked for when the reader's is missing). */
  name_lang: Lang;
  address: { street: string | null; postal_code: string | null; city: string | null };
  municipality: { code: string; name: string } | null;
  /** The matching services given at this place, in the search's order. */
  service_ids: string[];
  services: LocationFeatureService[];
  /** The page of the first of those services. */
  url: string;
  distance_km?: number;
}

export interface LocationFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: LocationFeatureProperties;
}

export interface LocationsCollection {
  type: 'FeatureCollection';
  features: LocationFeature[];
  /** Foreign members (RFC 7946 §6.1): how many services match, and whether the answer holds fewer. */
  total_services: number;
  services_included: number;
  truncated: boolean;
  corrected_query: string | null;
}

/** Default and largest number of services whose places one answer holds. */
export const GEOJSON_DEFAULT_LIMIT = 1000;

interface PlaceRow {
  service_id: string;
  service_name: Translated;
  id: string;
  name: Translated;
  street: Translated;
  postal_code: string | null;
  city: Translated;
  municipality_code: string | null;
  lat: number;
  lon: number;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function municipalityRef(code: string | null, lang: Lang) {
  const m = code ? municipalityByCode(code) : undefined;
  return code ? { code, name: m ? (lang === 'sv' ? m.name.sv : m.name.fi) : code } : null;
}

function feature(
  l: Omit<PlaceRow, 'service_id' | 'service_name'>,
  services: LocationFeatureService[],
  lang: Lang,
  near?: Point,
): LocationFeature {
  const name = localize(l.name, lang) ?? localize(l.street, lang) ?? { text: '', lang };
  return {
    type: 'Feature',
    id: l.id,
    geometry: { type: 'Point', coordinates: [round6(Number(l.lon)), round6(Number(l.lat))] },
    properties: {
      id: l.id,
      name: name.text,
      name_lang: name.lang,
      address: { street: pick(l.street, lang) || null, postal_code: l.postal_code, city: pick(l.city, lang) || null },
      municipality: municipalityRef(l.municipality_code, lang),
      service_ids: services.map((s) => s.id),
      services,
      url: services[0]?.url ?? '',
      ...(near
        ? { distance_km: Math.round(distanceKm(near, { lat: Number(l.lat), lon: Number(l.lon) }) * 10) / 10 }
        : {}),
    },
  };
}

function serviceRef(id: string, name: Translated, lang: Lang, baseUrl: string): LocationFeatureService {
  const n = localize(name, lang) ?? { text: '', lang };
  return { id, name: n.text, name_lang: n.lang, url: `${baseUrl}/${lang}/services/${id}` };
}

/** The places of the given services (in that order), one feature per place. */
export async function locationFeatures(
  db: Kysely<DB>,
  serviceIds: string[],
  lang: Lang,
  baseUrl: string,
  opts: { near?: Point; withinKm?: number } = {},
): Promise<LocationFeature[]> {
  if (!serviceIds.length) return [];
  const rows = await sql<PlaceRow>`
    select sl.service_id, s.name as service_name, l.id, l.name, l.street, l.postal_code, l.city, l.municipality_code, l.lat, l.lon
    from service_at_location sl
    join location l on l.id = sl.location_id
    join service s on s.id = sl.service_id
    where sl.service_id = any(${serviceIds}::uuid[]) and l.lat is not null and l.lon is not null
    order by l.key`.execute(db);
  const order = new Map(serviceIds.map((id, i) => [id, i]));
  const byPlace = new Map<string, { row: PlaceRow; services: { i: number; ref: LocationFeatureService }[] }>();
  for (const r of rows.rows) {
    const e = byPlace.get(r.id) ?? { row: r, services: [] };
    e.services.push({ i: order.get(r.service_id) ?? 0, ref: serviceRef(r.service_id, r.service_name, lang, baseUrl) });
    byPlace.set(r.id, e);
  }
  let places = [...byPlace.values()].map((e) => ({ ...e, first: Math.min(...e.services.map((s) => s.i)) }));
  // With "within", a matching service's other, farther places are not what was asked for.
  if (opts.near && opts.withinKm !== undefined) {
    const { near, withinKm } = opts;
    places = places.filter((e) => distanceKm(near, { lat: Number(e.row.lat), lon: Number(e.row.lon) }) <= withinKm);
  }
  places.sort((a, b) => a.first - b.first || a.row.id.localeCompare(b.row.id));
  return places.map((e) =>
    feature(
      e.row,
      e.services.sort((a, b) => a.i - b.i).map((s) => s.ref),
      lang,
      opts.near,
    ),
  );
}

/** The places of the services a search matches (its words, filters and typo correction), up to `limit` services. */
export async function searchLocationsGeojson(
  db: Kysely<DB>,
  p: SearchParams,
  baseUrl: string,
  limit = GEOJSON_DEFAULT_LIMIT,
): Promise<LocationsCollection> {
  const result = await findMatching(db, p, limit);
  const ids = result.hits.map((h) => h.id);
  const features = await locationFeatures(db, ids, p.lang, baseUrl, { near: p.near, withinKm: p.withinKm });
  return {
    type: 'FeatureCollection',
    features,
    total_services: result.total,
    services_included: ids.length,
    truncated: ids.length < result.total,
    corrected_query: result.correctedQuery,
  };
}

/** The places of one service, for its own page (no query needed: the page has them). */
export function serviceLocationsGeojson(s: ServiceDetail, lang: Lang, baseUrl: string): LocationsCollection {
  const ref = serviceRef(s.id, s.name, lang, baseUrl);
  const features = s.locations
    .filter((l): l is LocationDetail & { lat: number; lon: number } => l.lat !== null && l.lon !== null)
    .map((l) =>
      feature(
        {
          id: l.id,
          name: l.name,
          street: l.street,
          postal_code: l.postalCode,
          city: l.city,
          municipality_code: l.municipalityCode,
          lat: l.lat,
          lon: l.lon,
        },
        [ref],
        lang,
      ),
    );
  return {
    type: 'FeatureCollection',
    features,
    total_services: 1,
    services_included: 1,
    truncated: false,
    corrected_query: null,
  };
}
