/**
 * The PTV import: a source's records → the directory, each record whole or not at all (one transaction per
 * record), idempotent (a record whose mapped form is unchanged is not written), keeping local additions, and
 * deactivating what is no longer published. Rules: docs/ptv-import.md.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PtvRecordKind } from '../../db/schema.ptv.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { InvalidRecordError, saveLocation, saveOrganization, saveService } from '../directory/saveRecords.js';
import { reindexServices } from '../directory/searchIndexer.js';
import type { OrganizationInput } from '../directory/types.js';
import { UUID_RE } from '../shared/ids.js';
import {
  channelIdsOf,
  isPublished,
  MAPPING_VERSION,
  mapChannel,
  MappingError,
  mapOrganization,
  mapService,
  organizationFromRef,
  organizationRefsOf,
  ptvKey,
  sha256,
  termIdOf,
  type MappedChannel,
} from './mapping.js';
import type { PtvSource } from './source.js';
import { kindOf, type PtvChannel, type PtvOrganization, type PtvService } from './v11.js';

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
  /** What was left out on purpose (areas outside the directory's municipalities, channels not imported). */
  notes: string[];
}

/** A record to import; `keepSet` for one taken from the directory (not in this read), which keeps its source set. */
interface Seen {
  kind: PtvRecordKind;
  id: string;
  origin: string;
  data: Record<string, unknown>;
  keepSet?: string;
}
interface State {
  written_hash: string | null;
  source_hash: string;
  status: 'active' | 'inactive';
  source_set: string;
}

type Tx = Transaction<DB>;
/** Records per transaction (each in its own savepoint). */
const CHUNK = 100;
const stateKey = (kind: string, id: string) => `${kind}:${id}`;

export async function importPtv(db: Kysely<DB>, source: PtvSource, ctx: AuditContext): Promise<ImportSummary> {
  const sum: ImportSummary = {
    sourceSet: source.name,
    complete: source.complete,
    created: 0,
    updated: 0,
    unchanged: 0,
    deactivated: 0,
    failed: 0,
    failures: [],
    notes: [],
  };
  const fail = (kind: PtvRecordKind | null, id: string | null, origin: string, reason: string) => {
    sum.failed++;
    sum.failures.push({ kind, id, origin, reason });
  };

  // 1. Read everything: connections and organisation references cross records and files.
  const seen = new Map<string, Seen>();
  const seenIds = new Set<string>(); // every id met, broken or not: none of them is "absent"
  for await (const item of source.read()) {
    if ('error' in item) {
      sum.complete = false;
      fail(null, null, item.origin, item.error);
      continue;
    }
    const r = item.record;
    const rawId = typeof r.id === 'string' ? r.id.toLowerCase() : null;
    if (rawId && UUID_RE.test(rawId)) seenIds.add(rawId);
    const kind = kindOf(r);
    if (!kind) {
      fail(null, rawId, item.origin, 'not a PTV service, service channel or organisation');
      continue;
    }
    if (!rawId || !UUID_RE.test(rawId)) {
      fail(
        kind,
        typeof r.id === 'string' ? r.id : null,
        item.origin,
        `id ${JSON.stringify(r.id ?? null)} is not a PTV id (UUID)`,
      );
      continue;
    }
    const k = stateKey(kind, rawId);
    const before = seen.get(k);
    // The same record twice (overlapping list pages): the later modification wins.
    if (!before || String(r.modified ?? '') >= String(before.data.modified ?? ''))
      seen.set(k, { kind, id: rawId, origin: item.origin, data: r });
  }

  // 2. What the directory already has.
  const states = new Map<string, State>();
  for (const r of await db
    .selectFrom('ptv_record')
    .select(['kind', 'ptv_id', 'written_hash', 'source_hash', 'status', 'source_set'])
    .execute()) {
    states.set(stateKey(r.kind, r.ptv_id), r);
  }
  const orgKnown = new Set(
    (await db.selectFrom('organization').select('key').where('key', 'like', 'ptv-%').execute()).map((o) =>
      o.key.slice(4),
    ),
  );
  const records = (kind: PtvRecordKind) => [...seen.values()].filter((s) => s.kind === kind);

  // Leaving: unpublished in this read, or (complete reads only) last seen in this set and absent now.
  const leaving = new Map<string, { kind: PtvRecordKind; id: string; why: string }>();
  for (const s of seen.values()) {
    if (!isPublished(s.data.publishingStatus as string | null))
      leaving.set(stateKey(s.kind, s.id), {
        kind: s.kind,
        id: s.id,
        why: `publishing status ${String(s.data.publishingStatus ?? 'missing')}`,
      });
  }
  if (sum.complete) {
    for (const [k, st] of states) {
      const [kind, id] = k.split(':') as [PtvRecordKind, string];
      if (st.source_set === source.name && st.status === 'active' && !seenIds.has(id))
        leaving.set(k, { kind, id, why: 'absent from a complete read of its source set' });
    }
  } else if (states.size) {
    sum.notes.push('not every part of the source could be read: records absent from it were not deactivated');
  }

  const store = (tx: Tx | Kysely<DB>, s: Seen, writtenHash: string | null, status: 'active' | 'inactive') => {
    const values = {
      channel_type: s.kind === 'channel' ? String(s.data.serviceChannelType ?? '') : null,
      data: JSON.stringify(s.data),
      source_hash: sha256(s.data),
      written_hash: writtenHash,
      publishing_status: String(s.data.publishingStatus ?? ''),
      modified: typeof s.data.modified === 'string' ? s.data.modified : null,
      source_set: s.keepSet ?? source.name,
      status,
    };
    return tx
      .insertInto('ptv_record')
      .values({ kind: s.kind, ptv_id: s.id, ...values })
      .onConflict((oc) => oc.columns(['kind', 'ptv_id']).doUpdateSet({ ...values, last_seen_at: sql`now()` }))
      .execute();
  };
  const touched: Seen[] = []; // unchanged records seen again: only their bookkeeping moves

  /**
   * Queues one record for writing if its mapped form changed (counts it unchanged otherwise). `flush` writes the
   * queue in transactions of CHUNK records, each record inside its own savepoint: a record that fails is rolled
   * back alone (whole or not at all) and reported; the search documents of a chunk's services are rebuilt in one
   * pass before it commits.
   */
  interface Work {
    s: Seen;
    hash: string;
    write: (tx: Tx) => Promise<string | void>;
  }
  const queue: Work[] = [];
  function upsert(s: Seen, hash: string, write: Work['write']): void {
    const st = states.get(stateKey(s.kind, s.id));
    if (st && st.written_hash === hash && st.status === 'active') {
      if (s.keepSet !== undefined) return; // taken from the directory for a channel's sake, and still the same
      if (st.source_hash !== sha256(s.data) || st.source_set !== source.name)
        queue.push({ s, hash, write: async () => undefined });
      else touched.push(s);
      sum.unchanged++;
      return;
    }
    queue.push({ s, hash, write });
  }
  async function flush(opts: { reindex: boolean }): Promise<Set<string>> {
    const written = new Set<string>();
    const work = queue.splice(0);
    for (let i = 0; i < work.length; i += CHUNK) {
      const chunk = work.slice(i, i + CHUNK);
      let ok: { w: Work; id: string | void }[] = [];
      const failed: { w: Work; e: unknown }[] = [];
      try {
        await db.transaction().execute(async (tx) => {
          for (const w of chunk) {
            await sql`savepoint ptv_record`.execute(tx);
            try {
              const id = await w.write(tx);
              await store(tx, w.s, w.hash, 'active');
              await sql`release savepoint ptv_record`.execute(tx);
              ok.push({ w, id });
            } catch (e) {
              await sql`rollback to savepoint ptv_record`.execute(tx);
              failed.push({ w, e });
            }
          }
          const ids = ok.map((o) => o.id).filter((id): id is string => !!id);
          if (opts.reindex && ids.length) await reindexServices(tx, ids);
        });
      } catch (e) {
        failed.push(...ok.map((o) => ({ w: o.w, e })));
        ok = [];
      }
      for (const f of failed) fail(f.w.s.kind, f.w.s.id, f.w.s.origin, reason(f.e));
      for (const { w } of ok) {
        const st = states.get(stateKey(w.s.kind, w.s.id));
        const isNew = !st;
        const wasSame = st && st.written_hash === w.hash && st.status === 'active';
        if (!wasSame) {
          if (isNew) sum.created++;
          else sum.updated++;
          written.add(w.s.id);
        }
        states.set(stateKey(w.s.kind, w.s.id), {
          written_hash: w.hash,
          source_hash: sha256(w.s.data),
          status: 'active',
          source_set: w.s.keepSet ?? source.name,
        });
      }
    }
    return written;
  }

  async function deactivate(
    kind: PtvRecordKind,
    id: string,
    s: Seen | undefined,
    onDirectory?: (tx: Tx) => Promise<void>,
  ) {
    const st = states.get(stateKey(kind, id));
    if (!st || st.status === 'inactive') {
      if (s) sum.unchanged++; // a record never imported, or already inactive: nothing to do
      return;
    }
    await db.transaction().execute(async (tx) => {
      await onDirectory?.(tx);
      await tx
        .updateTable('ptv_record')
        .set({
          status: 'inactive',
          last_seen_at: sql`now()`,
          ...(s ? { publishing_status: String(s.data.publishingStatus ?? ''), source_set: source.name } : {}),
        })
        .where('kind', '=', kind)
        .where('ptv_id', '=', id)
        .execute();
    });
    st.status = 'inactive';
    sum.deactivated++;
  }

  // 3. Organisations: whole records first, then organisations known only by a service's reference.
  for (const s of records('organization')) {
    if (leaving.has(stateKey('organization', s.id))) continue;
    let input: OrganizationInput;
    try {
      input = mapOrganization(s.data as PtvOrganization);
    } catch (e) {
      fail('organization', s.id, s.origin, reason(e));
      continue;
    }
    upsert(s, sha256({ v: MAPPING_VERSION, input }), async (tx) => {
      await saveOrganization(tx, input);
    });
  }
  await flush({ reindex: false });
  for (const s of records('organization'))
    if (states.get(stateKey('organization', s.id))?.written_hash) orgKnown.add(s.id);
  for (const s of records('service')) {
    if (leaving.has(stateKey('service', s.id))) continue;
    for (const [id, name] of organizationRefsOf(s.data as PtvService)) {
      if (orgKnown.has(id)) continue;
      try {
        await saveOrganization(db, organizationFromRef(id, name));
        orgKnown.add(id);
        sum.created++;
      } catch (e) {
        fail('organization', id, s.origin, reason(e));
      }
    }
  }
  for (const l of leaving.values())
    if (l.kind === 'organization') await deactivate('organization', l.id, seen.get(stateKey('organization', l.id)));

  // 4. Channels. Places become locations; the other kinds live in the services they serve.
  const channelMap = new Map<string, MappedChannel>();
  const changedChannels = new Set<string>();
  const mappedNow = new Map<string, MappedChannel>();
  for (const s of records('channel')) {
    if (leaving.has(stateKey('channel', s.id))) continue;
    let m: MappedChannel;
    try {
      m = mapChannel(s.data as PtvChannel);
      if (m.location && !orgKnown.has(m.organizationId!))
        throw new MappingError(`unknown organisation ${m.organizationId} (not in the import and not in the directory)`);
    } catch (e) {
      fail('channel', s.id, s.origin, reason(e));
      continue;
    }
    const { serviceIds: _ignored, ...written } = m;
    upsert(s, sha256({ v: MAPPING_VERSION, written }), async (tx) => {
      if (m.location) await saveLocation(tx, m.location);
    });
    mappedNow.set(s.id, m);
  }
  for (const id of await flush({ reindex: false })) changedChannels.add(id);
  for (const [id, m] of mappedNow) if (states.get(stateKey('channel', id))?.written_hash) channelMap.set(id, m);
  for (const l of leaving.values()) {
    if (l.kind !== 'channel') continue;
    const before = states.get(stateKey('channel', l.id))?.status;
    await deactivate('channel', l.id, seen.get(stateKey('channel', l.id)));
    if (before === 'active') changedChannels.add(l.id);
  }

  // 5. Services: those read now, and those already here whose channels changed.
  const channelServices = await storedChannelServices(db); // channel id → service ids it names (stored records)
  for (const [id, m] of channelMap) channelServices.set(id, m.serviceIds);
  const servicesOfChannel = new Map<string, Set<string>>(); // service id → channel ids naming it
  for (const [cid, sids] of channelServices)
    for (const sid of sids) {
      if (!servicesOfChannel.has(sid)) servicesOfChannel.set(sid, new Set());
      servicesOfChannel.get(sid)!.add(cid);
    }
  const activeChannel = (id: string) =>
    states.get(stateKey('channel', id))?.status === 'active' && !!states.get(stateKey('channel', id))?.written_hash;
  const affected = new Map<string, Seen>();
  for (const s of records('service')) if (!leaving.has(stateKey('service', s.id))) affected.set(s.id, s);
  const alsoAffected = new Set<string>();
  for (const cid of changedChannels) for (const sid of channelServices.get(cid) ?? []) alsoAffected.add(sid);
  for (const sid of await storedServicesNaming(db, [...changedChannels])) alsoAffected.add(sid);
  const stored = await storedRecords(
    db,
    'service',
    [...alsoAffected].filter((id) => !affected.has(id) && states.get(stateKey('service', id))?.status === 'active'),
  );
  for (const [id, data] of stored)
    affected.set(id, {
      kind: 'service',
      id,
      origin: 'the directory (a connected channel changed)',
      data,
      keepSet: states.get(stateKey('service', id))?.source_set,
    });

  const needChannels = new Set<string>();
  const channelsFor = new Map<string, string[]>();
  for (const s of affected.values()) {
    // Sorted: the mapped service (and so its hash) must not depend on the order records were read or stored in.
    const ids = [...new Set([...channelIdsOf(s.data as PtvService), ...(servicesOfChannel.get(s.id) ?? [])])].sort();
    channelsFor.set(s.id, ids);
    for (const c of ids) if (!channelMap.has(c) && activeChannel(c)) needChannels.add(c);
  }
  for (const [id, data] of await storedRecords(db, 'channel', [...needChannels])) {
    try {
      channelMap.set(id, mapChannel(data as PtvChannel));
    } catch {
      /* it mapped when stored; a mapping change may break it: leave it out */
    }
  }
  const locations = new Set(
    (await db.selectFrom('location').select('key').where('key', 'like', 'ptv-%').execute()).map((l) => l.key),
  );

  const outside = new Map<string, number>();
  let noArea = 0;
  const missing = new Set<string>();
  for (const s of affected.values()) {
    const named = channelsFor.get(s.id) ?? [];
    const channels = named
      .map((c) => (activeChannel(c) ? channelMap.get(c) : undefined))
      .filter((c): c is MappedChannel => !!c && (c.type !== 'ServiceLocation' || locations.has(ptvKey(c.id))));
    let mapped;
    try {
      mapped = mapService(s.data as PtvService, channels, (id) => orgKnown.has(id), named);
    } catch (e) {
      fail('service', s.id, s.origin, reason(e));
      continue;
    }
    for (const c of mapped.outsideAreas) outside.set(c, (outside.get(c) ?? 0) + 1);
    if (!mapped.input.areas.length) noArea++;
    for (const c of mapped.missingChannels) missing.add(c);
    const { input, terms } = mapped;
    upsert(s, sha256({ v: MAPPING_VERSION, input, terms }), async (tx) => {
      if (terms.length) {
        await tx
          .insertInto('taxonomy_term')
          .values(
            terms.map((t) => ({
              id: termIdOf(t),
              taxonomy_id: t.taxonomy_id,
              code: t.code,
              parent_code: t.parent_code,
              name: JSON.stringify(t.name),
              description: '{}',
            })),
          )
          .onConflict((oc) => oc.columns(['taxonomy_id', 'code']).doNothing())
          .execute();
      }
      // A professional's "still correct" review is theirs, not PTV's: keep it.
      const existing = await tx
        .selectFrom('service')
        .select('last_reviewed')
        .where('key', '=', input.key)
        .executeTakeFirst();
      const lastReviewed = existing?.last_reviewed ? String(existing.last_reviewed).slice(0, 10) : undefined;
      return saveService(tx, { ...input, ...(lastReviewed ? { lastReviewed } : {}) }, { reindex: false });
    });
  }
  await flush({ reindex: true });
  for (const l of leaving.values()) {
    if (l.kind !== 'service') continue;
    await deactivate('service', l.id, seen.get(stateKey('service', l.id)), async (tx) => {
      const row = await tx
        .updateTable('service')
        .set({ status: 'inactive', updated_at: sql`now()` })
        .where('key', '=', ptvKey(l.id))
        .returning('id')
        .executeTakeFirst();
      if (row) await reindexServices(tx, [row.id]);
    });
  }

  // 6. Bookkeeping of records seen again unchanged, then the audit entry of the run.
  for (let i = 0; i < touched.length; i += 1000) {
    const part = touched.slice(i, i + 1000);
    await db
      .updateTable('ptv_record')
      .set({ last_seen_at: sql`now()` })
      .where(
        'ptv_id',
        'in',
        part.map((s) => s.id),
      )
      .execute();
  }
  if (outside.size) {
    const codes = [...outside.keys()].sort();
    sum.notes.push(
      `municipalities outside the directory left out of service areas: ${codes.slice(0, 20).join(', ')}${codes.length > 20 ? ` and ${codes.length - 20} more` : ''}${noArea ? ` (${noArea} service(s) kept with no area in the directory)` : ''}`,
    );
  }
  if (missing.size)
    sum.notes.push(
      `${missing.size} channel(s) named by services are not in the import or the directory: left out until imported`,
    );
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

function reason(e: unknown): string {
  if (e instanceof MappingError) return e.message;
  if (e instanceof InvalidRecordError)
    return e.errors
      .map(
        (x) => `${x.field} ${x.code.replace(/_/g, ' ')}${x.params?.value !== undefined ? ` (${x.params.value})` : ''}`,
      )
      .join(', ');
  return `could not be written: ${(e as Error).message ?? String(e)}`;
}

async function storedRecords(
  db: Kysely<DB>,
  kind: PtvRecordKind,
  ids: string[],
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('ptv_record')
      .select(['ptv_id', 'data'])
      .where('kind', '=', kind)
      .where('ptv_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.ptv_id, r.data);
  }
  return out;
}

/** Channel id → the service ids its stored record names. */
async function storedChannelServices(db: Kysely<DB>): Promise<Map<string, string[]>> {
  const rows = await sql<{ channel: string; service: string }>`
    select r.ptv_id as channel, lower(e->'service'->>'id') as service
    from ptv_record r, jsonb_array_elements(case when jsonb_typeof(r.data->'services') = 'array' then r.data->'services' else '[]'::jsonb end) e
    where r.kind = 'channel' and e->'service'->>'id' is not null`.execute(db);
  const out = new Map<string, string[]>();
  for (const r of rows.rows) {
    if (!UUID_RE.test(r.service)) continue;
    if (!out.has(r.channel)) out.set(r.channel, []);
    out.get(r.channel)!.push(r.service);
  }
  return out;
}

/** Stored services whose record names one of the channels. */
async function storedServicesNaming(db: Kysely<DB>, channelIds: string[]): Promise<string[]> {
  if (!channelIds.length) return [];
  const rows = await sql<{ id: string }>`
    select distinct r.ptv_id as id
    from ptv_record r, jsonb_array_elements(case when jsonb_typeof(r.data->'serviceChannels') = 'array' then r.data->'serviceChannels' else '[]'::jsonb end) e
    where r.kind = 'service' and lower(e->'serviceChannel'->>'id') = any(${channelIds}::text[])`.execute(db);
  return rows.rows.map((r) => r.id);
}
