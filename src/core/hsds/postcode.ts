/**
 * HSDS `postcode` and `proximity`: which municipalities a Finnish postal code lies in, and its centre point.
 *
 * The directory has no national postal-code register; it knows the postal codes of its own places and of each
 * municipality's centre. The centre is the one the site's "near" search uses (postalCodePoint in
 * src/core/places/resolvePlace.ts: the mean of the places with that code, else the municipality centre with it), so
 * both APIs agree. The municipalities are those of every place with the code, and the one whose centre has it.
 * A code neither knows is unknown (null): nothing is guessed.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { MUNICIPALITIES } from '../places/municipalities.js';
import { postalCodePoint } from '../places/resolvePlace.js';

export interface Postcode {
  code: string;
  municipalities: string[];
  centre: { lat: number; lon: number };
}

export async function resolvePostcode(db: Kysely<DB>, code: string): Promise<Postcode | null> {
  const place = await postalCodePoint(db, code);
  if (!place) return null;
  const rows = await db
    .selectFrom('location')
    .select('municipality_code')
    .distinct()
    .where('postal_code', '=', code)
    .where('municipality_code', 'is not', null)
    .execute();
  const municipalities = new Set(rows.map((r) => r.municipality_code!));
  const centreOf = MUNICIPALITIES.find((m) => m.postalCode === code);
  if (centreOf) municipalities.add(centreOf.code);
  if (place.municipalityCode) municipalities.add(place.municipalityCode);
  return { code, municipalities: [...municipalities].sort(), centre: { lat: place.point.lat, lon: place.point.lon } };
}
