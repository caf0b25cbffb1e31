import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { MUNICIPALITIES } from './municipalities.js';

/**
 * Writes the reference list of municipalities (idempotent; run after migrations, so at every start): one statement,
 * and a row that already says the same is not rewritten.
 */
export async function syncMunicipalities(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('municipality')
    .values(
      MUNICIPALITIES.map((m) => ({
        code: m.code,
        name: JSON.stringify(m.name),
        languages: [...m.languages],
        county: m.county,
        lape: m.lape,
        lat: m.centre.lat,
        lon: m.centre.lon,
        postal_code: m.postalCode,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet({
          name: sql`excluded.name`,
          languages: sql`excluded.languages`,
          county: sql`excluded.county`,
          lape: sql`excluded.lape`,
          lat: sql`excluded.lat`,
          lon: sql`excluded.lon`,
          postal_code: sql`excluded.postal_code`,
        })
        .where(
          sql<boolean>`(municipality.name, municipality.languages, municipality.county, municipality.lape, municipality.lat, municipality.lon, municipality.postal_code) is distinct from (excluded.name, excluded.languages, excluded.county, excluded.lape, excluded.lat, excluded.lon, excluded.postal_code)`,
        ),
    )
    .execute();
}
