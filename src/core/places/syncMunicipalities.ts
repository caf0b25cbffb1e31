import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { MUNICIPALITIES } from './municipalities.js';

/** Writes the reference list of municipalities (idempotent; run after migrations). */
export async function syncMunicipalities(db: Kysely<DB>): Promise<void> {
  for (const m of MUNICIPALITIES) {
    const values = {
      name: JSON.stringify(m.name),
      languages: [...m.languages],
      county: m.county,
      lape: m.lape,
      lat: m.centre.lat,
      lon: m.centre.lon,
      postal_code: m.postalCode,
    };
    await db
      .insertInto('municipality')
      .values({ code: m.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
  }
}
