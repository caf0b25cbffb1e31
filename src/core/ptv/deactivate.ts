/**
 * The import's last phase: records no longer published, or absent from a complete read of their source set, are
 * marked inactive — never deleted. A service leaves search and the public pages (`service.status`, its search
 * document rebuilt); a channel or an organisation is marked inactive in the import's own record (a place is taken
 * off its services because the plan maps them again without it). A record read now keeps its publishing status
 * and moves to this source set. Done in batches: one transaction per chunk, a fixed number of statements each.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { reindexServices } from '../directory/searchIndexer.js';
import type { ImportFailure } from './importTypes.js';
import { ptvKey } from './mapping.js';
import type { Deactivation } from './plan.js';

export interface DeactivateResult {
  deactivated: number;
  failures: ImportFailure[];
}

const CHUNK = 500;

export async function deactivateRecords(
  db: Kysely<DB>,
  list: Deactivation[],
  sourceSet: string,
): Promise<DeactivateResult> {
  const out: DeactivateResult = { deactivated: 0, failures: [] };
  for (let i = 0; i < list.length; i += CHUNK) {
    const part = list.slice(i, i + CHUNK);
    try {
      await db.transaction().execute(async (tx) => {
        const services = part.filter((d) => d.kind === 'service').map((d) => ptvKey(d.id));
        if (services.length) {
          const rows = await tx
            .updateTable('service')
            .set({ status: 'inactive', updated_at: sql`now()` })
            .where('key', 'in', services)
            .returning('id')
            .execute();
          if (rows.length)
            await reindexServices(
              tx,
              rows.map((r) => r.id),
            );
        }
        const pairs = (ds: Deactivation[]) => sql.join(ds.map((d) => sql`(${d.kind}::text, ${d.id}::uuid)`));
        await sql`update ptv_record set status = 'inactive', last_seen_at = now()
          where (kind, ptv_id) in (${pairs(part)})`.execute(tx);
        const read = part.filter((d) => d.publishingStatus !== undefined);
        if (read.length)
          await sql`update ptv_record r set publishing_status = v.status, source_set = ${sourceSet}
            from (values ${sql.join(read.map((d) => sql`(${d.kind}::text, ${d.id}::uuid, ${d.publishingStatus}::text)`))}) as v(kind, id, status)
            where r.kind = v.kind and r.ptv_id = v.id`.execute(tx);
      });
      out.deactivated += part.length;
    } catch (e) {
      for (const d of part)
        out.failures.push({
          kind: d.kind,
          id: d.id,
          origin: 'the directory',
          reason: `could not be deactivated (${d.why}): ${(e as Error)?.message ?? String(e)}`,
        });
    }
  }
  return out;
}
