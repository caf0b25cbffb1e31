/**
 * The PTV import: a source's records → the directory, each record whole or not at all, idempotent (a record whose
 * mapped form is unchanged is not written), keeping local additions, and deactivating what is no longer published.
 * Four phases, each a function of its own with explicit inputs and outputs:
 *
 *   read       (read.ts)       the source → checked records, failures, duplicates, shortened texts
 *   plan       (plan.ts)       records + the directory's state → what to write, what is unchanged, what leaves
 *   write      (write.ts)      the plan's records → the directory, in batches (a savepoint per record on failure)
 *   deactivate (deactivate.ts) records that left → inactive
 *
 * then one audit entry for the run. Rules: docs/ptv-import.md.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { deactivateRecords } from './deactivate.js';
import type { ImportSummary } from './importTypes.js';
import { loadDirectoryState, planImport } from './plan.js';
import { readNotes, readSource } from './read.js';
import type { PtvSource } from './source.js';
import { writePlan } from './write.js';

export type { ImportFailure, ImportSummary } from './importTypes.js';

export async function importPtv(db: Kysely<DB>, source: PtvSource, ctx: AuditContext): Promise<ImportSummary> {
  const read = await readSource(source);
  const plan = await planImport(read, await loadDirectoryState(db), source.name);
  const written = await writePlan(db, plan);
  const gone = await deactivateRecords(db, plan.deactivations, source.name);

  const failures = [...read.failures, ...plan.failures, ...written.failures, ...gone.failures];
  const sum: ImportSummary = {
    sourceSet: source.name,
    complete: read.complete,
    created: written.created,
    updated: written.updated,
    unchanged: plan.unchanged,
    deactivated: gone.deactivated,
    failed: failures.length,
    failures,
    notes: [...plan.notes, ...readNotes(read)],
  };
  await audit(db, ctx, {
    action: 'ptv.import',
    outcome: sum.failed ? 'failed' : 'ok',
    objectType: 'ptv_source',
    objectId: source.name.slice(0, 500),
    details: {
      sourceSet: source.name,
      complete: sum.complete,
      created: sum.created,
      updated: sum.updated,
      unchanged: sum.unchanged,
      deactivated: sum.deactivated,
      failed: sum.failed,
      failures: sum.failures.slice(0, 100),
      notes: sum.notes,
    },
  });
  return sum;
}
