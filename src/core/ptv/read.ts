/**
 * The import's first phase: everything a source gives, each record checked on its own (records.ts). Connections
 * and organisation references cross records and files, so the whole source is read before anything is planned.
 */
import { UUID_RE } from '../shared/ids.js';
import { printable, stateKey, type ImportFailure, type ReadRecord } from './importTypes.js';
import { checkRecord, type CappedText } from './records.js';
import type { PtvSource } from './source.js';

export interface ReadResult {
  /** The records to import, one per kind and id (`kind:id`): of copies, the one modified last. */
  records: Map<string, ReadRecord>;
  /** Every PTV id met, broken record or not: none of them is "absent" from the read. */
  seenIds: Set<string>;
  /** The source gives its whole set and every part of it could be read. */
  complete: boolean;
  /** Parts that could not be read and records that failed their checks. */
  failures: ImportFailure[];
  /** Records met more than once, with where each copy was. */
  duplicates: { kind: ReadRecord['kind']; id: string; origins: string[] }[];
  /** Texts longer than the caps, shortened. */
  capped: (CappedText & { kind: ReadRecord['kind']; id: string })[];
}

export async function readSource(source: PtvSource): Promise<ReadResult> {
  const out: ReadResult = {
    records: new Map(),
    seenIds: new Set(),
    complete: source.complete,
    failures: [],
    duplicates: [],
    capped: [],
  };
  const origins = new Map<string, string[]>();
  for await (const item of source.read()) {
    if ('error' in item) {
      out.complete = false;
      out.failures.push({ kind: null, id: null, origin: item.origin, reason: item.error });
      continue;
    }
    const checked = checkRecord(item.record, item.origin);
    if (!checked.ok) {
      // A broken record with a readable id is still "seen": it is not deactivated as absent.
      if (checked.id && UUID_RE.test(checked.id)) out.seenIds.add(checked.id);
      out.failures.push({ kind: checked.kind, id: checked.id, origin: item.origin, reason: checked.reason });
      if (checked.kind && checked.id) note(origins, stateKey(checked.kind, checked.id), item.origin);
      continue;
    }
    const r = checked.record;
    out.seenIds.add(r.id);
    for (const c of checked.capped) out.capped.push({ ...c, kind: r.kind, id: r.id });
    const k = stateKey(r.kind, r.id);
    note(origins, k, item.origin);
    const before = out.records.get(k);
    // The same record twice (overlapping list pages): the later modification wins.
    if (!before || String(r.data.modified ?? '') >= String(before.data.modified ?? '')) out.records.set(k, r);
  }
  for (const [k, list] of origins) {
    if (list.length < 2) continue;
    const [kind, id] = k.split(':') as [ReadRecord['kind'], string];
    out.duplicates.push({ kind, id, origins: list });
  }
  return out;
}

function note(origins: Map<string, string[]>, k: string, origin: string) {
  const list = origins.get(k);
  if (list) list.push(origin);
  else origins.set(k, [origin]);
}

/** The notes a read adds to the summary: duplicates and shortened texts. */
export function readNotes(r: ReadResult): string[] {
  const notes: string[] = [];
  if (r.duplicates.length) {
    const shown = r.duplicates
      .slice(0, 10)
      .map((d) => `${d.kind} ${d.id} (${[...new Set(d.origins)].map((o) => printable(o, 120)).join(', ')})`);
    notes.push(
      `${r.duplicates.length} record(s) came more than once in this import (the copy modified last was imported): ${shown.join('; ')}${r.duplicates.length > 10 ? `; and ${r.duplicates.length - 10} more` : ''}`,
    );
  }
  if (r.capped.length) {
    const shown = r.capped
      .slice(0, 10)
      .map((c) => `${c.kind} ${c.id} ${c.field} (${c.length} characters, kept ${c.cap})`);
    notes.push(
      `${r.capped.length} text(s) longer than the import keeps were shortened: ${shown.join('; ')}${r.capped.length > 10 ? `; and ${r.capped.length - 10} more` : ''}`,
    );
  }
  return notes;
}
