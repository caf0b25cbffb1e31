/**
 * PTV gives coordinates in ETRS-TM35FIN (EPSG:3067): metres, `latitude` the northing and `longitude` the
 * easting. The directory keeps WGS84 degrees. Converted with proj4 (ETRS89 and WGS84 agree to well under a
 * metre for a directory's purposes, hence the zero datum shift, as in EPSG's own definition).
 */
import proj4 from 'proj4';

proj4.defs('EPSG:3067', '+proj=utm +zone=35 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs');

/** The TM35FIN grid's extent over Finland and its waters, with a margin (EPSG:3067 area of use). */
const EXTENT = { eMin: 40_000, eMax: 780_000, nMin: 6_500_000, nMax: 7_820_000 };

export type PointResult = { lat: number; lon: number } | { error: string };

const num = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
};

/** Converts PTV's (northing, easting) to WGS84; null when PTV gave none, an error when what it gave is wrong. */
export function tm35ToWgs84(northing: unknown, easting: unknown): PointResult | null {
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (blank(northing) && blank(easting)) return null;
  const n = num(northing);
  const e = num(easting);
  if (n === null || e === null)
    return {
      error: `coordinates are not numbers (latitude ${JSON.stringify(northing)}, longitude ${JSON.stringify(easting)})`,
    };
  if (n === 0 && e === 0) return null; // PTV's "not received"
  if (e < EXTENT.eMin || e > EXTENT.eMax || n < EXTENT.nMin || n > EXTENT.nMax) {
    return { error: `coordinates outside Finland in ETRS-TM35FIN (N ${n}, E ${e})` };
  }
  const [lon, lat] = proj4('EPSG:3067', 'WGS84', [e, n]) as [number, number];
  return { lat: Math.round(lat * 1e7) / 1e7, lon: Math.round(lon * 1e7) / 1e7 };
}
