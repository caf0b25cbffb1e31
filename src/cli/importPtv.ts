/** `yhdessa import ptv <file-or-folder>` (issue 3): PTV Open API v11 JSON → the directory. Calls src/core/ptv/. */
import type { Database } from '../db/database.js';
import { gatherStatistics } from '../core/directory/statistics.js';
import { importPtv, type ImportProgress, type ImportSummary } from '../core/ptv/importPtv.js';
import { fromFiles, PtvSourceError } from '../core/ptv/source.js';
import { CliError } from './errors.js';

export interface ImportPtvOptions {
  path: string;
}

/** The summary line the command ends with. */
export function summaryLine(s: ImportSummary): string {
  return `PTV import: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.deactivated} deactivated, ${s.failed} failed`;
}

/** One line per broken record or unreadable file: where, which record, why. */
export function failureLines(s: ImportSummary): string[] {
  return s.failures.map((f) => `failed: ${f.kind ?? 'record'}${f.id ? ` ${f.id}` : ''} in ${f.origin}: ${f.reason}`);
}

/** What the command says before it writes: how much, and which interrupted run it completes. */
export function progressLine(p: ImportProgress): string {
  const resumed = p.resumes.map((r) => {
    const n = r.records.organization + r.records.channel + r.records.service;
    return `; it completes the run of ${r.startedAt.toISOString()} that was interrupted after ${n} record(s)`;
  });
  return `PTV import: ${p.read} records read, writing ${p.toWrite} (${p.unchanged} unchanged)${resumed.join('')}`;
}

export async function importPtvCommand(d: Database, o: ImportPtvOptions): Promise<void> {
  let source;
  try {
    source = fromFiles(o.path);
  } catch (e) {
    if (e instanceof PtvSourceError) throw new CliError(`cannot import ${o.path}: ${e.message}`);
    throw e;
  }
  const summary = await importPtv(
    d.db,
    source,
    { actor: null, actorName: `command line (${process.env.USER ?? 'unknown user'})` },
    { progress: (p) => console.log(progressLine(p)) },
  );
  for (const line of failureLines(summary)) console.error(line);
  for (const note of summary.notes) console.log(`note: ${note}`);
  console.log(summaryLine(summary));
  // The planner's statistics follow what was written (PGlite never gathers them itself).
  if (summary.created + summary.updated + summary.deactivated > 0) await gatherStatistics(d.db);
  if (summary.failed && !summary.created && !summary.updated && !summary.unchanged && !summary.deactivated) {
    throw new CliError(`nothing could be imported from ${o.path} (${summary.failed} failed)`);
  }
}
