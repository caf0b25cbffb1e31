/**
 * The import's second phase: what the records read mean for the directory as it is. Maps every record, compares
 * the hash of its mapped form with what was written last (`ptv_record.written_hash`), and decides: write (create
 * or update), only the import's bookkeeping, nothing (unchanged), or deactivate. No writes happen here; the
 * directory is asked only through `DirectoryState`, so the plan can be computed (and tested) apart from a database.
 * Rules: docs/ptv-import.md.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PtvRecordKind } from '../../db/schema.ptv.js';
import { invalidRecord } from '../directory/saveRecords.js';
import type { LocationInput, OrganizationInput, ServiceInput } from '../directory/types.js';
import { validateService } from '../directory/validateService.js';
import { UUID_RE } from '../shared/ids.js';
import { reasonOf, stateKey, type ImportFailure, type ReadRecord, type RecordState } from './importTypes.js';
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
  type MappedChannel,
  type TermRow,
} from './mapping.js';
import type { ReadResult } from './read.js';
import { checkRecord } from './records.js';
import type { PtvChannel, PtvOrganization, PtvService } from './v11.js';

/** What the plan needs to know of the directory. `loadDirectoryState` reads it from a database. */
export interface DirectoryState {
  /** What the import remembers of each record, by `kind:id`. */
  records: Map<string, RecordState>;
  /** PTV ids of the organisations the directory has (key `ptv-<id>`). */
  organizations: Set<string>;
  /** Keys of the PTV places the directory has (`ptv-<id>`). */
  locations: Set<string>;
  /** Channel id → the service ids its stored record names. */
  channelServices: Map<string, string[]>;
  /** Stored records (as PTV last gave them), by id, of those asked for that exist. */
  storedRecords(kind: PtvRecordKind, ids: string[]): Promise<Map<string, Record<string, unknown>>>;
  /** Stored services whose record names one of the channels. */
  servicesNaming(channelIds: string[]): Promise<string[]>;
}

/** One record to write. */
export interface PlannedRecord<I> {
  kind: PtvRecordKind;
  id: string;
  origin: string;
  data: Record<string, unknown>;
  sourceHash: string;
  /** Hash of the mapped form (what the directory gets). */
  hash: string;
  /** The source set the record is kept under. */
  sourceSet: string;
  /**
   * `create` / `update`: the directory changes. `bookkeeping`: the mapped form is the same, only the import's own
   * record moves (PTV changed something the directory does not show, or the record moved to this source set).
   */
  change: 'create' | 'update' | 'bookkeeping';
  input: I;
  /** Records of this import that must be written for this one to be (`kind:id`); if one fails, this one fails. */
  requires: string[];
}

export interface PlannedService {
  input: ServiceInput;
  /** Taxonomy terms the service names that the directory may not have yet. */
  terms: TermRow[];
}

export interface Deactivation {
  kind: PtvRecordKind;
  id: string;
  why: string;
  /** Set when the record was read now (unpublished): its status, and this source set, are recorded. */
  publishingStatus?: string;
}

export interface ImportPlan {
  sourceSet: string;
  organizations: PlannedRecord<OrganizationInput>[];
  /** Organisations known only from a service's reference: added so that the service can name them. */
  referencedOrganizations: { id: string; origin: string; input: OrganizationInput }[];
  /** Channels; places (ServiceLocation) carry the location to write, the other kinds live in their services. */
  channels: PlannedRecord<LocationInput | null>[];
  services: PlannedRecord<PlannedService>[];
  /** Records to mark inactive (and services to take out of search). */
  deactivations: Deactivation[];
  /** Records read again exactly as before: only `last_seen_at` moves. */
  seenAgain: { kind: PtvRecordKind; id: string }[];
  unchanged: number;
  /** Records that cannot be mapped or break the directory's rules. */
  failures: ImportFailure[];
  notes: string[];
}

/** A record to plan: one read now, or one taken from the directory (`keepSet`: it keeps its source set). */
interface Candidate extends ReadRecord {
  keepSet?: string;
}

/**
 * The plan: the steps below in order, each with what it needs and what it gives. The plan object collects what
 * every step decides (writes, deactivations, counts, failures, notes).
 */
export async function planImport(read: ReadResult, state: DirectoryState, sourceSet: string): Promise<ImportPlan> {
  const staged = startPlan(read, state, sourceSet);
  await staged.planServices();
  return staged.plan;
}

/**
 * The plan in two stages, so that the import can write while it plans: `startPlan` plans what leaves, the
 * organisations and the channels (`plan.organizations`, `referencedOrganizations`, `channels` and their
 * deactivations are then final), and `planServices` the services, most of the planning's work (mapping and hashing
 * each), pausing now and then so that writes awaiting the database go on meanwhile. `plan` is whole once
 * `planServices` has resolved; `onService` hears of each service to write as soon as it is planned, so that the
 * services can be written while the others are still being planned.
 */
export function startPlan(
  read: ReadResult,
  state: DirectoryState,
  sourceSet: string,
  opts: { onService?: (w: PlannedRecord<PlannedService>) => void } = {},
): { plan: ImportPlan; planServices: () => Promise<void> } {
  const plan: ImportPlan = {
    sourceSet,
    organizations: [],
    referencedOrganizations: [],
    channels: [],
    services: [],
    deactivations: [],
    seenAgain: [],
    unchanged: 0,
    failures: [],
    notes: [],
  };
  const p = new Planner(plan, read, state, opts.onService);
  const leaving = planLeaving(p);
  const orgKnown = planOrganizations(p, leaving);
  const channels = planChannels(p, leaving, orgKnown);
  return { plan, planServices: () => planServices(p, leaving, orgKnown, channels) };
}

/**
 * Milliseconds of planning between two pauses (see startPlan). Each statement a write sends waits for the next
 * pause to be answered and the next one sent, so the pauses come often: a pause costs microseconds.
 */
const PLAN_SLICE_MS = 1;
/** A pause: the callbacks of writes that await the database run (they send their next statements), then planning goes on. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the steps share: the plan they add to, the records read, the directory, and the rule for each record. */
class Planner {
  constructor(
    readonly plan: ImportPlan,
    readonly read: ReadResult,
    readonly state: DirectoryState,
    /** Told of each service to write as soon as it is planned (the writes can begin before the plan is whole). */
    readonly onService?: (w: PlannedRecord<PlannedService>) => void,
  ) {}

  of(kind: PtvRecordKind): ReadRecord[] {
    return [...this.read.records.values()].filter((r) => r.kind === kind);
  }
  stateOf(kind: PtvRecordKind, id: string): RecordState | undefined {
    return this.state.records.get(stateKey(kind, id));
  }
  fail(r: { kind: PtvRecordKind; id: string; origin: string }, e: unknown): void {
    this.plan.failures.push({ kind: r.kind, id: r.id, origin: r.origin, reason: reasonOf(e) });
  }

  /**
   * Whether to write a record whose mapped form hashes to `hash`: not when the directory has that form already
   * (counted unchanged; only the import's bookkeeping moves if PTV changed something else or the set changed).
   */
  decide<I>(r: Candidate, hash: string, input: I, requires: string[] = []): PlannedRecord<I> | null {
    const { plan } = this;
    const st = this.stateOf(r.kind, r.id);
    const base = { kind: r.kind, id: r.id, origin: r.origin, data: r.data, sourceHash: r.sourceHash, hash, input };
    const set = r.keepSet ?? plan.sourceSet;
    if (st && st.written_hash === hash && st.status === 'active') {
      if (r.keepSet !== undefined) return null; // taken from the directory for a channel's sake, and still the same
      plan.unchanged++;
      if (st.source_hash !== r.sourceHash || st.source_set !== plan.sourceSet)
        return { ...base, sourceSet: set, change: 'bookkeeping', requires: [] };
      plan.seenAgain.push({ kind: r.kind, id: r.id });
      return null;
    }
    return { ...base, sourceSet: set, change: st ? 'update' : 'create', requires };
  }
}

/** `kind:id` of the records that leave: unpublished now, or (complete reads only) gone from their source set. */
type Leaving = Set<string>;

/** Records that leave → `plan.deactivations` (those active in the directory; the others are nothing to do). */
function planLeaving(p: Planner): Leaving {
  const { plan, read, state } = p;
  const leaving = new Map<string, Deactivation & { read: boolean }>();
  for (const r of read.records.values())
    if (!isPublished(r.data.publishingStatus as string | null))
      leaving.set(stateKey(r.kind, r.id), {
        kind: r.kind,
        id: r.id,
        why: `publishing status ${String(r.data.publishingStatus ?? 'missing')}`,
        publishingStatus: String(r.data.publishingStatus ?? ''),
        read: true,
      });
  if (read.complete) {
    for (const [k, st] of state.records) {
      const [kind, id] = k.split(':') as [PtvRecordKind, string];
      if (st.source_set === plan.sourceSet && st.status === 'active' && !read.seenIds.has(id))
        leaving.set(k, { kind, id, why: 'absent from a complete read of its source set', read: false });
    }
  } else if (state.records.size) {
    plan.notes.push('not every part of the source could be read: records absent from it were not deactivated');
  }
  for (const l of leaving.values()) {
    const st = p.stateOf(l.kind, l.id);
    if (st && st.status === 'active') {
      const { read: _read, ...d } = l;
      plan.deactivations.push(d);
    } else if (l.read) plan.unchanged++; // never imported, or already inactive: nothing to do
  }
  return new Set(leaving.keys());
}

/**
 * Organisations: whole records → `plan.organizations`; those known only by a service's reference →
 * `plan.referencedOrganizations`. Returns the PTV ids of every organisation the directory will have.
 */
function planOrganizations(p: Planner, leaving: Leaving): Set<string> {
  const { plan, state } = p;
  const known = new Set(state.organizations);
  for (const r of p.of('organization')) {
    let input: OrganizationInput | null = null;
    if (!leaving.has(stateKey(r.kind, r.id)))
      try {
        input = mapOrganization(r.data as PtvOrganization);
      } catch (e) {
        p.fail(r, e);
      }
    if (!input) {
      if (p.stateOf(r.kind, r.id)?.written_hash) known.add(r.id); // its last good version stays
      continue;
    }
    const w = p.decide(r, sha256({ v: MAPPING_VERSION, input }), input);
    if (w) plan.organizations.push(w);
    known.add(r.id);
  }
  for (const r of p.of('service')) {
    if (leaving.has(stateKey(r.kind, r.id))) continue;
    for (const [id, name] of organizationRefsOf(r.data as PtvService)) {
      if (known.has(id)) continue;
      plan.referencedOrganizations.push({ id, origin: r.origin, input: organizationFromRef(id, name) });
      known.add(id);
    }
  }
  return known;
}

interface PlannedChannels {
  /** Channels mapped now (whether written or unchanged), by id. */
  mapped: Map<string, MappedChannel>;
  /** Channels whose mapped form changes now, or that leave: the services they serve are mapped again. */
  changed: Set<string>;
}

/** Channels → `plan.channels` (places carry their location; the other kinds live in the services they serve). */
function planChannels(p: Planner, leaving: Leaving, orgKnown: Set<string>): PlannedChannels {
  const { plan } = p;
  const mapped = new Map<string, MappedChannel>();
  const changed = new Set<string>();
  for (const r of p.of('channel')) {
    if (leaving.has(stateKey(r.kind, r.id))) continue;
    let m: MappedChannel;
    try {
      m = mapChannel(r.data as PtvChannel);
      if (m.location && !orgKnown.has(m.organizationId!))
        throw new MappingError(`unknown organisation ${m.organizationId} (not in the import and not in the directory)`);
    } catch (e) {
      p.fail(r, e);
      continue;
    }
    const { serviceIds: _ignored, ...written } = m;
    const w = p.decide(
      r,
      sha256({ v: MAPPING_VERSION, written }),
      m.location ?? null,
      m.location ? [stateKey('organization', m.organizationId!)] : [],
    );
    if (w) {
      plan.channels.push(w);
      if (w.change !== 'bookkeeping') changed.add(r.id);
    }
    mapped.set(r.id, m);
  }
  for (const d of plan.deactivations) if (d.kind === 'channel') changed.add(d.id);
  return { mapped, changed };
}

/**
 * Services → `plan.services`: those read now, and those in the directory whose channels changed (mapped again from
 * their stored record, keeping their source set). Each with its channels: from either side of the connection,
 * those active, places only if the directory has them. Adds the notes on areas and channels left out.
 */
async function planServices(
  p: Planner,
  leaving: Leaving,
  orgKnown: Set<string>,
  channels: PlannedChannels,
): Promise<void> {
  const { plan, state } = p;
  const isLeaving = (kind: PtvRecordKind, id: string) => leaving.has(stateKey(kind, id));
  const channelMap = new Map(channels.mapped);
  const activeChannel = (id: string) => {
    if (isLeaving('channel', id)) return false;
    if (channels.mapped.has(id)) return true;
    const st = p.stateOf('channel', id);
    return st?.status === 'active' && !!st.written_hash;
  };
  const locations = new Set(state.locations);
  for (const c of plan.channels) if (c.input) locations.add(c.input.key);

  const channelServices = new Map(state.channelServices);
  for (const [id, m] of channels.mapped) channelServices.set(id, m.serviceIds);
  const servicesOfChannel = new Map<string, Set<string>>(); // service id → channel ids naming it
  for (const [cid, sids] of channelServices)
    for (const sid of sids) {
      if (!servicesOfChannel.has(sid)) servicesOfChannel.set(sid, new Set());
      servicesOfChannel.get(sid)!.add(cid);
    }

  const affected = new Map<string, Candidate>();
  for (const r of p.of('service')) if (!isLeaving(r.kind, r.id)) affected.set(r.id, r);
  const alsoAffected = new Set<string>();
  for (const cid of channels.changed) for (const sid of channelServices.get(cid) ?? []) alsoAffected.add(sid);
  for (const sid of await state.servicesNaming([...channels.changed])) alsoAffected.add(sid);
  const fromDirectory = [...alsoAffected].filter(
    (id) => !affected.has(id) && !isLeaving('service', id) && p.stateOf('service', id)?.status === 'active',
  );
  for (const [id, data] of await state.storedRecords('service', fromDirectory)) {
    const origin = 'the directory (a connected channel changed)';
    const checked = checkRecord(data, origin);
    if (!checked.ok) {
      plan.failures.push({ kind: 'service', id, origin, reason: `the stored record: ${checked.reason}` });
      continue;
    }
    affected.set(id, { ...checked.record, keepSet: p.stateOf('service', id)?.source_set });
  }

  const channelsFor = new Map<string, string[]>();
  const needChannels = new Set<string>();
  for (const s of affected.values()) {
    // Sorted: the mapped service (and so its hash) must not depend on the order records were read or stored in.
    const ids = [...new Set([...channelIdsOf(s.data as PtvService), ...(servicesOfChannel.get(s.id) ?? [])])].sort();
    channelsFor.set(s.id, ids);
    for (const c of ids) if (!channelMap.has(c) && activeChannel(c)) needChannels.add(c);
  }
  for (const [id, data] of await state.storedRecords('channel', [...needChannels])) {
    try {
      const checked = checkRecord(data, 'the directory');
      if (checked.ok) channelMap.set(id, mapChannel(checked.record.data as PtvChannel));
    } catch {
      /* it mapped when stored; a mapping change may break it: leave it out */
    }
  }

  const outside = new Map<string, number>();
  let noArea = 0;
  const missing = new Set<string>();
  let paused = performance.now();
  for (const s of affected.values()) {
    if (performance.now() - paused >= PLAN_SLICE_MS) {
      await pause();
      paused = performance.now();
    }
    const named = channelsFor.get(s.id) ?? [];
    const connected = named
      .map((c) => (activeChannel(c) ? channelMap.get(c) : undefined))
      .filter((c): c is MappedChannel => !!c && (c.type !== 'ServiceLocation' || locations.has(ptvKey(c.id))));
    let mapped;
    try {
      mapped = mapService(s.data as PtvService, connected, (id) => orgKnown.has(id), named);
    } catch (e) {
      p.fail(s, e);
      continue;
    }
    for (const c of mapped.outsideAreas) outside.set(c, (outside.get(c) ?? 0) + 1);
    if (!mapped.input.areas.length) noArea++;
    for (const c of mapped.missingChannels) missing.add(c);
    const { input, terms } = mapped;
    const w = p.decide(s, sha256({ v: MAPPING_VERSION, input, terms }), { input, terms }, [
      ...connected.map((c) => stateKey('channel', c.id)),
      ...(input.organizations ?? []).map((o) => stateKey('organization', o.organizationKey.slice(4))),
    ]);
    if (!w) continue;
    // A service to write is checked here, before any write, so that a batch of services meets no rule it breaks.
    const errors = w.change === 'bookkeeping' ? [] : validateService(input);
    if (errors.length) p.fail(s, invalidRecord(input.key, errors));
    else {
      plan.services.push(w);
      p.onService?.(w);
    }
  }

  if (outside.size) {
    const codes = [...outside.keys()].sort();
    plan.notes.push(
      `municipalities outside the directory left out of service areas: ${codes.slice(0, 20).join(', ')}${codes.length > 20 ? ` and ${codes.length - 20} more` : ''}${noArea ? ` (${noArea} service(s) kept with no area in the directory)` : ''}`,
    );
  }
  if (missing.size)
    plan.notes.push(
      `${missing.size} channel(s) named by services are not in the import or the directory: left out until imported`,
    );
}

/** The directory as the import finds it, read from the database (stored records are fetched when asked for). */
export async function loadDirectoryState(db: Kysely<DB>): Promise<DirectoryState> {
  const records = new Map<string, RecordState>();
  for (const r of await db
    .selectFrom('ptv_record')
    .select(['kind', 'ptv_id', 'written_hash', 'source_hash', 'status', 'source_set'])
    .execute())
    records.set(stateKey(r.kind, r.ptv_id), r);
  const organizations = new Set(
    (await db.selectFrom('organization').select('key').where('key', 'like', 'ptv-%').execute()).map((o) =>
      o.key.slice(4),
    ),
  );
  const locations = new Set(
    (await db.selectFrom('location').select('key').where('key', 'like', 'ptv-%').execute()).map((l) => l.key),
  );
  const channelServices = new Map<string, string[]>();
  const rows = await sql<{ channel: string; service: string }>`
    select r.ptv_id as channel, lower(e->'service'->>'id') as service
    from ptv_record r, jsonb_array_elements(case when jsonb_typeof(r.data->'services') = 'array' then r.data->'services' else '[]'::jsonb end) e
    where r.kind = 'channel' and jsonb_typeof(e) = 'object' and jsonb_typeof(e->'service') = 'object'
      and e->'service'->>'id' is not null`.execute(db);
  for (const r of rows.rows) {
    if (!UUID_RE.test(r.service)) continue;
    if (!channelServices.has(r.channel)) channelServices.set(r.channel, []);
    channelServices.get(r.channel)!.push(r.service);
  }
  return {
    records,
    organizations,
    locations,
    channelServices,
    async storedRecords(kind, ids) {
      const out = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < ids.length; i += 500) {
        const part = await db
          .selectFrom('ptv_record')
          .select(['ptv_id', 'data'])
          .where('kind', '=', kind)
          .where('ptv_id', 'in', ids.slice(i, i + 500))
          .execute();
        for (const r of part) out.set(r.ptv_id, r.data);
      }
      return out;
    },
    async servicesNaming(channelIds) {
      if (!channelIds.length) return [];
      const found = await sql<{ id: string }>`
        select distinct r.ptv_id as id
        from ptv_record r, jsonb_array_elements(case when jsonb_typeof(r.data->'serviceChannels') = 'array' then r.data->'serviceChannels' else '[]'::jsonb end) e
        where r.kind = 'service' and jsonb_typeof(e) = 'object' and jsonb_typeof(e->'serviceChannel') = 'object'
          and lower(e->'serviceChannel'->>'id') = any(${channelIds}::text[])`.execute(db);
      return found.rows.map((r) => r.id);
    },
  };
}
