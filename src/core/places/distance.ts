/**
 * Distances on the earth's surface, the same great-circle formula (haversine, mean radius 6371.0088 km) as the
 * database's yh_distance_km(), so a distance shown by a page and one computed in SQL agree.
 */
export interface Point {
  lat: number;
  lon: number;
}

export const EARTH_RADIUS_KM = 6371.0088;

/** The farthest "within" distance a search accepts: Uusimaa is about 250 km across. */
export const MAX_WITHIN_KM = 500;

/** The distances a person can choose from on the results page. */
export const WITHIN_CHOICES_KM = [1, 2, 5, 10, 20, 50] as const;

const rad = (deg: number) => (deg * Math.PI) / 180;

export function distanceKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isPoint(lat: unknown, lon: unknown): boolean {
  return (
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    lat >= -90 &&
    lat <= 90 &&
    lon >= -180 &&
    lon <= 180
  );
}

/**
 * A browser's position rounded to three decimals (about 100 m): enough for "what is near", and no more precise
 * than needed in an address bar or a log line.
 */
export function roundPoint(p: Point): Point {
  return { lat: Math.round(p.lat * 1000) / 1000, lon: Math.round(p.lon * 1000) / 1000 };
}

/** The mean of points weighted by how many places each stands for (points this close need no spherical mean). */
export function meanPoint(points: { lat: number; lon: number; weight?: number }[]): Point | null {
  let w = 0;
  let lat = 0;
  let lon = 0;
  for (const p of points) {
    const k = p.weight ?? 1;
    w += k;
    lat += p.lat * k;
    lon += p.lon * k;
  }
  return w > 0 ? { lat: lat / w, lon: lon / w } : null;
}
