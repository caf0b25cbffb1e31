/** What the PTV import's phases (read → plan → write → deactivate) hand each other and report. */
import type { PtvRecordKind } from '../../db/schema.ptv.js';
import { isInvalidRecord } from '../directory/saveRecords.js';
import { MappingError } from './mapping.js';

export interface ImportFailure {
  kind: PtvRecordKind | null;
  id: string | null;
  origin: string;
  reason: string;
}

export interface ImportSummary {
  sourceSet: string;
  /** Every part of the source was read: records last seen in the set and absent now were deactivated. */
  complete: boolean;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  failed: number;
  failures: ImportFailure[];
  /** What was left out or changed on purpose (areas outside the directory, shortened texts, duplicates, …). */
  notes: string[];
}

/** A record as read and checked: its kind, lower-case id, where it came from, and its data. */
export interface ReadRecord {
  kind: PtvRecordKind;
  id: string;
  origin: string;
  data: Record<string, unknown>;
  /** sha256 of the (checked) record: a change of anything PTV gave. */
  sourceHash: string;
}

/** What the import remembers of a record (table ptv_record). */
export interface RecordState {
  written_hash: string | null;
  source_hash: string;
  status: 'active' | 'inactive';
  source_set: string;
}

export const stateKey = (kind: string, id: string): string => `${kind}:${id}`;

/** The reason a record failed, in one line. */
export function reasonOf(e: unknown): string {
  if (e instanceof MappingError) return e.message;
  if (isInvalidRecord(e))
    return e.problems
      .map(
        (x) => `${x.field} ${x.code.replace(/_/g, ' ')}${x.params?.value !== undefined ? ` (${x.params.value})` : ''}`,
      )
      .join(', ');
  return `could not be written: ${(e as Error)?.message ?? String(e)}`;
}

/**
 * A value from outside as it can be shown and stored: control characters (NUL included, which PostgreSQL text
 * cannot hold) escaped as JSON escapes them, and at most `max` characters.
 */
export function printable(v: unknown, max = 80): string {
  const raw = typeof v === 'string' ? v : String(v);
  const s = JSON.stringify(raw.slice(0, max + 1)).slice(1, -1);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
