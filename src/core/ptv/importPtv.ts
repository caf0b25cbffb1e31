/**
 * The PTV import: a source's records → the directory, each record whole or not at all, idempotent (a record whose
 * mapped form is unchanged is not written), keeping local additions, and deactivating what is no longer published.
 * Four phases, each a function of its own with explicit inputs and outputs:
 *
 *   read       (read.ts)       the source → checked records, failures, duplicates, shortened texts
 *   plan       (plan.ts)       records + the directory's state → what to write, what is unchanged, what leaves
 *   write      (write.ts)      the plan's records → the directory, in batches (a savepoint per record on failure);
 *                              the organisations and places, then each chunk of services as soon as it is
 *                              planned, while the others are still being planned
 *   deactivate (deactivate.ts) records that left → inactive
 *
 * then one audit entry for the run, and for an earlier run of the same source set that was interrupted (runs.ts).
 * Rules: docs/ptv-import.md.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { deactivateRecords } from './deactivate.js';
import type { ImportSummary } from './importTypes.js';
import { loadDirectoryState, startPlan } from './plan.js';
import { readNotes, readSource } from './read.js';
import { startRun, type InterruptedRun } from './runs.js';
import type { PtvSource } from './source.js';
import { ServiceFeed, startWrite } from './write.js';

export type { ImportFailure, ImportSummary } from './importTypes.js';
export type { InterruptedRun } from './runs.js';

/**
 * Said once the records are read and planned (the organisations, places and the first services may be being
 * written already; the command line prints it).
 */
export interface ImportProgress {
  read: number;
  toWrite: number;
  unchanged: number;
  /** Earlier runs of the same source set that were interrupted; this run completes what they began. */
  resumes: InterruptedRun[];
}

export async function importPtv(
  db: Kysely<DB>,
  source: PtvSource,
  ctx: AuditContext,
  opts: { progress?: (p: ImportProgress) => void } = {},
): Promise<ImportSummary> {
  // The directory's state is asked for first: the database answers while the source is read.
  const state = loadDirectoryState(db);
  state.catch(() => undefined); // awaited below; a failure while the source is read is not unhandled
  const read = await readSource(source);
  // Each service is handed to the writers as soon as it is planned: the import maps and hashes (its own work)
  // while the database writes (the database's), instead of each waiting for the other.
  const feed = new ServiceFeed();
  const { plan, planServices } = startPlan(read, await state, source.name, {
    onService: (w) => feed.push(w),
  });
  const run = await startRun(db, ctx, source.name);
  // The organisations and places are written while the services are planned, the services once those are written.
  const write = startWrite(db, plan);
  const services = write.services(feed);
  services.catch(() => undefined); // awaited below; a failure while the services are planned is not unhandled
  try {
    await planServices();
  } catch (e) {
    feed.close();
    await services.catch(() => undefined);
    throw e;
  }
  feed.close();
  opts.progress?.({
    read: read.records.size,
    toWrite:
      plan.organizations.length + plan.referencedOrganizations.length + plan.channels.length + plan.services.length,
    unchanged: plan.unchanged,
    resumes: run.resumes,
  });
  const written = await services;
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
      run: run.run,
      ...(run.resumes.length ? { resumes: run.resumes.map((r) => r.run) } : {}),
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
