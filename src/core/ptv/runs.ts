/**
 * The audit of import runs, interrupted ones included. Each run writes `ptv.import.started` before it writes any
 * record (committed at once) and `ptv.import` when it ends, both naming the run. A run killed between the two
 * (kill -9, a crash, the machine going down) leaves what it committed — whole chunks, each a transaction — and a
 * start without an end. The next run of the same source set finds that start and writes the interrupted run's
 * `ptv.import` entry for it (outcome failed, `interrupted: true`, the records it had written or seen again by kind,
 * `resumedBy`), and its own entry names the runs it resumed (`resumes`). So every run that wrote anything has its
 * `ptv.import` entry, the interrupted ones as soon as the import runs again.
 *
 * A start whose process still runs is another import at work, not an interrupted one: on this machine its process
 * is checked (pid and start time, as the data folder's lock does); a run of another machine counts as interrupted
 * when it started more than STILL_RUNNING_HOURS ago.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PtvRecordKind } from '../../db/schema.ptv.js';
import { ownerIsAlive, processStartTime } from '../../db/dataDirLock.js';
import { audit, type AuditContext } from '../audit/auditLog.js';

export const STILL_RUNNING_HOURS = 6;

export interface InterruptedRun {
  run: string;
  startedAt: Date;
  /** Who started it. */
  actorName: string | null;
  /** Records it wrote (or saw unchanged) before it stopped, by kind. */
  records: Record<PtvRecordKind, number>;
}

export interface RunStart {
  run: string;
  resumes: InterruptedRun[];
}

interface StartDetails {
  run?: string;
  pid?: number;
  host?: string;
  procStart?: number | null;
}

function stillRunning(d: StartDetails, at: Date): boolean {
  if (typeof d.pid !== 'number' || typeof d.host !== 'string') return false;
  if (d.host !== hostname()) return Date.now() - at.getTime() < STILL_RUNNING_HOURS * 3600_000;
  return ownerIsAlive({ pid: d.pid, host: d.host, started: d.procStart ?? null, command: 'import ptv', since: '' });
}

/**
 * Starts a run of `sourceSet`: audits the interrupted earlier runs of the same set and this run's start, in one
 * transaction, before anything of this run is written.
 */
export async function startRun(db: Kysely<DB>, ctx: AuditContext, sourceSet: string): Promise<RunStart> {
  const objectId = sourceSet.slice(0, 500);
  const run = randomUUID();
  return db.transaction().execute(async (tx) => {
    const open = await sql<{ at: Date; actor_id: string | null; actor_name: string | null; details: StartDetails }>`
      select s.at, s.actor_id, s.actor_name, s.details from audit_event s
      where s.action = 'ptv.import.started' and s.object_id = ${objectId}
        and not exists (
          select 1 from audit_event f where f.action = 'ptv.import' and f.details ->> 'run' = s.details ->> 'run')
      order by s.id`.execute(tx);
    const starts = open.rows.filter((s) => typeof s.details.run === 'string' && !stillRunning(s.details, s.at));
    const resumes: InterruptedRun[] = [];
    for (const [i, s] of starts.entries()) {
      const until = starts[i + 1]?.at ?? null;
      const counted = await sql<{ kind: PtvRecordKind; n: number }>`
        select kind, count(*)::int as n from ptv_record
        where source_set = ${sourceSet} and last_seen_at >= ${s.at}
          and (${until}::timestamptz is null or last_seen_at < ${until}::timestamptz)
        group by kind`.execute(tx);
      const records = { organization: 0, channel: 0, service: 0 };
      for (const r of counted.rows) records[r.kind] = r.n;
      const interrupted = { run: s.details.run!, startedAt: new Date(s.at), actorName: s.actor_name, records };
      resumes.push(interrupted);
      await audit(
        tx,
        { actor: null, actorName: s.actor_name ?? undefined },
        {
          action: 'ptv.import',
          outcome: 'failed',
          objectType: 'ptv_source',
          objectId,
          actorId: s.actor_id,
          details: {
            sourceSet,
            run: interrupted.run,
            interrupted: true,
            startedAt: interrupted.startedAt.toISOString(),
            records,
            resumedBy: run,
          },
        },
      );
    }
    await audit(tx, ctx, {
      action: 'ptv.import.started',
      objectType: 'ptv_source',
      objectId,
      details: { sourceSet, run, pid: process.pid, host: hostname(), procStart: processStartTime(process.pid) },
    });
    return { run, resumes };
  });
}
