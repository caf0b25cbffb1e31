/**
 * Re-encrypts every registered encrypted column (core/shared/fieldCrypto.ts) with the current key: the last step of
 * a key rotation. Row by row, each row in its own short update, so it can be stopped and run again.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { decryptField, encryptField, ENCRYPTED_COLUMNS, fieldKeyring, needsReencryption } from './fieldCrypto.js';

export async function reencryptAll(db: Kysely<DB>): Promise<{ table: string; rows: number }[]> {
  const ring = fieldKeyring();
  const report: { table: string; rows: number }[] = [];
  for (const t of ENCRYPTED_COLUMNS) {
    const cols = Object.keys(t.columns);
    const rows = (
      await sql<Record<string, string | null>>`select ${sql.ref(t.id)}::text as id, ${sql.join(
        cols.map((c) => sql.ref(c)),
      )} from ${sql.table(t.table)}`.execute(db)
    ).rows;
    let changed = 0;
    for (const row of rows) {
      const updates = cols.filter((c) => needsReencryption(row[c] ?? null, ring));
      if (!updates.length) continue;
      const sets = updates.map(
        (c) => sql`${sql.ref(c)} = ${encryptField(decryptField(row[c]!, t.columns[c]!, ring), t.columns[c]!, ring)}`,
      );
      await sql`update ${sql.table(t.table)} set ${sql.join(sets)} where ${sql.ref(t.id)}::text = ${row.id}`.execute(
        db,
      );
      changed++;
    }
    report.push({ table: t.table, rows: changed });
  }
  return report;
}
