/**
 * The draft → published flow for services and locations. Every function takes the actor (in the audit
 * context) and checks the permission in the record's organisation itself, so no route can forget it:
 *  - service.edit: read the editing state, save a draft, submit it for publishing, discard it;
 *  - service.publish: publish it (by a second person when the organisation requires one: the person who
 *    submitted the draft cannot publish it).
 * A draft keeps what was typed even when it is not valid yet; only a valid draft can be submitted or published.
 * The draft remembers the published record it started from (base), so a change published meanwhile is noticed
 * and publishing waits until the draft is brought up to date. Every change is written to the audit log with
 * before and after, in the same transaction.
 */
import type { Translated } from '../shared/lang.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, ForbiddenError, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { newId, UUID_RE } from '../shared/ids.js';
import { helsinkiToday } from './dates.js';
import {
  applyPatch,
  diffRecords,
  LOCATION_FIELDS,
  normalize,
  recordVersion,
  sameRecord,
  sameValue,
  SERVICE_FIELDS,
  SERVICE_PTV_FIELDS,
  threeWayMerge,
  type FieldChange,
  type FieldSpec,
} from './fields.js';
import {
  emptyLocation,
  loadLocation,
  publishLocationDraft,
  validateLocationDraft,
  type LocationRecord,
} from './locationRecords.js';
import {
  emptyService,
  loadService,
  publishServiceDraft,
  validateServiceDraft,
  type ServiceRecord,
} from './serviceRecords.js';
import { editConflict, editingNotFound, flowError } from './errors.js';
import type { DraftData, DraftError, DraftKind, EditState, LocationDraftData, ServiceDraftData } from './types.js';

type Db = Kysely<DB> | Transaction<DB>;
type PublishedRecord = ServiceRecord | LocationRecord;

export const fieldsOf = (kind: DraftKind): readonly FieldSpec[] =>
  kind === 'service' ? SERVICE_FIELDS : LOCATION_FIELDS;

interface Resolved {
  kind: DraftKind;
  recordId: string | null;
  organizationId: string;
  published: PublishedRecord | null;
  draftRow: {
    id: string;
    data: unknown;
    base: unknown;
    status: 'draft' | 'submitted';
    created_by: string;
    updated_by: string;
    submitted_by: string | null;
    updated_at: Date;
    organization_id: string;
  } | null;
}

const loadRecord = (db: Db, kind: DraftKind, id: string): Promise<PublishedRecord | null> =>
  kind === 'service' ? loadService(db, id) : loadLocation(db, id);

async function draftFor(db: Db, kind: DraftKind, where: { recordId: string } | { draftId: string }) {
  let q = db
    .selectFrom('record_draft')
    .select([
      'id',
      'data',
      'base',
      'status',
      'created_by',
      'updated_by',
      'submitted_by',
      'updated_at',
      'organization_id',
      'record_id',
    ])
    .where('kind', '=', kind);
  q =
    'recordId' in where
      ? q.where('record_id', '=', where.recordId)
      : q.where('id', '=', where.draftId).where('record_id', 'is', null);
  return (await q.executeTakeFirst()) ?? null;
}

/** Finds a record by its id, or a new record's draft by the draft's id. */
async function resolve(db: Db, kind: DraftKind, ref: string): Promise<Resolved> {
  if (!UUID_RE.test(ref)) throw editingNotFound();
  const published = await loadRecord(db, kind, ref);
  if (published) {
    return {
      kind,
      recordId: published.id,
      organizationId: published.organizationId,
      published,
      draftRow: await draftFor(db, kind, { recordId: published.id }),
    };
  }
  const draftRow = await draftFor(db, kind, { draftId: ref });
  if (!draftRow) throw editingNotFound();
  return { kind, recordId: null, organizationId: draftRow.organization_id, published: null, draftRow };
}

function readOnlyFields(kind: DraftKind, published: PublishedRecord | null): string[] {
  if (published?.source !== 'ptv') return [];
  return kind === 'service' ? [...SERVICE_PTV_FIELDS] : LOCATION_FIELDS.map((f) => f.name);
}

/** PTV services: the PTV fields always show what PTV says now, and PTV's life situations stay. */
function syncPtv<D extends DraftData>(kind: DraftKind, data: D, published: PublishedRecord | null): D {
  const ro = readOnlyFields(kind, published);
  if (!ro.length || !published) return data;
  const out = { ...(data as unknown as Record<string, unknown>) };
  const pub = published.data as unknown as Record<string, unknown>;
  for (const f of ro) out[f] = pub[f];
  if (kind === 'service') {
    const ptv = (published as ServiceRecord).ptvLifeSituations;
    out.lifeSituations = [...new Set([...ptv, ...((out.lifeSituations as string[]) ?? [])])];
  }
  return normalize<D>(fieldsOf(kind), out);
}

async function validate(
  db: Db,
  kind: DraftKind,
  data: DraftData,
  organizationId: string,
  published: PublishedRecord | null,
): Promise<DraftError[]> {
  return kind === 'service'
    ? validateServiceDraft(db, data as ServiceDraftData, organizationId, published as ServiceRecord | null)
    : validateLocationDraft(data as LocationDraftData);
}

async function personNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function organizationInfo(db: Db, id: string) {
  const o = await db
    .selectFrom('organization')
    .select(['id', 'name', 'municipality_code', 'publish_needs_second_person'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!o) throw editingNotFound();
  return o;
}

async function buildState(db: Db, r: Resolved): Promise<EditState<DraftData>> {
  const fields = fieldsOf(r.kind);
  const org = await organizationInfo(db, r.organizationId);
  const published = r.published;
  const draftData = r.draftRow ? syncPtv(r.kind, normalize<DraftData>(fields, r.draftRow.data), published) : null;
  const base = r.draftRow?.base ? syncPtv(r.kind, normalize<DraftData>(fields, r.draftRow.base), published) : null;
  const data =
    draftData ??
    published?.data ??
    (r.kind === 'service'
      ? emptyService({ areas: org.municipality_code ? [org.municipality_code] : [] })
      : emptyLocation({ municipalityCode: org.municipality_code ?? undefined }));
  const svc = r.kind === 'service' ? (published as ServiceRecord | null) : null;
  const names = await personNames(db, [r.draftRow?.updated_by, r.draftRow?.submitted_by, svc?.lastReviewedBy]);
  return {
    kind: r.kind,
    recordId: r.recordId,
    ref: r.recordId ?? r.draftRow?.id ?? '',
    organizationId: r.organizationId,
    organizationName: org.name as Translated,
    source: published?.source ?? 'local',
    readOnlyFields: readOnlyFields(r.kind, published),
    ptvLifeSituations: svc?.ptvLifeSituations ?? [],
    published: published?.data ?? null,
    draft:
      r.draftRow && draftData
        ? {
            id: r.draftRow.id,
            data: draftData,
            base,
            status: r.draftRow.status,
            createdBy: r.draftRow.created_by,
            updatedBy: r.draftRow.updated_by,
            updatedByName: names.get(r.draftRow.updated_by) ?? null,
            submittedBy: r.draftRow.submitted_by,
            submittedByName: r.draftRow.submitted_by ? (names.get(r.draftRow.submitted_by) ?? null) : null,
            updatedAt: new Date(r.draftRow.updated_at),
          }
        : null,
    data,
    version: recordVersion(fields, data),
    errors: await validate(db, r.kind, data, r.organizationId, published),
    baseChanged: Boolean(draftData && base && published && !sameRecord(fields, base, published.data)),
    needsSecondPerson: org.publish_needs_second_person,
    lastReviewed: svc?.lastReviewed ?? null,
    lastReviewedByName: svc?.lastReviewedBy ? (names.get(svc.lastReviewedBy) ?? null) : null,
  };
}

/** The record as its editor sees it: published version, draft, problems, what may be done. Needs service.edit. */
export async function getEditState<D extends DraftData = DraftData>(
  db: Kysely<DB>,
  actor: Actor | null,
  kind: DraftKind,
  ref: string,
): Promise<EditState<D>> {
  const r = await resolve(db, kind, ref);
  authorize(actor, 'service.edit', { organizationId: r.organizationId });
  return buildState(db, r) as Promise<EditState<D>>;
}

/** The empty form of a new record in an organisation. Needs service.edit there. */
export async function newEditState<D extends DraftData = DraftData>(
  db: Kysely<DB>,
  actor: Actor | null,
  kind: DraftKind,
  organizationId: string,
): Promise<EditState<D>> {
  if (!UUID_RE.test(organizationId)) throw editingNotFound();
  authorize(actor, 'service.edit', { organizationId });
  await organizationInfo(db, organizationId);
  return buildState(db, { kind, recordId: null, organizationId, published: null, draftRow: null }) as Promise<
    EditState<D>
  >;
}

export interface ChangesView {
  /** From the published record (when the draft started) to the draft. */
  changes: FieldChange[];
  /** What was published after the draft started (only when it did change). */
  meanwhile: FieldChange[];
}

export function changesOf(state: EditState<DraftData>): ChangesView {
  const fields = fieldsOf(state.kind);
  if (!state.draft) return { changes: [], meanwhile: [] };
  const from = state.draft.base ?? state.published;
  return {
    changes: diffRecords(fields, from, state.draft.data),
    meanwhile:
      state.baseChanged && state.draft.base && state.published
        ? diffRecords(fields, state.draft.base, state.published)
        : [],
  };
}

const json = (v: unknown) => JSON.stringify(v);

export interface SaveResult {
  ref: string;
  draftId: string | null;
  errors: DraftError[];
  changed: boolean;
}

export interface SaveOptions {
  /**
   * The version the editor started from (the edit form's hidden field, the JSON API's If-Match). When the record
   * has changed since, nothing is saved: 409 edit_conflict with both versions. Without it the patch is applied to
   * the record as it is now, so that changes to different fields are all kept.
   */
  version?: string;
}

/** Another editor's first draft of the same record won the race: go again, over their draft. */
class DraftRace extends Error {}

/**
 * Saves a draft. `patch` holds the fields to change (a field left out keeps its value). What was typed is kept
 * even when it breaks a rule; the problems come back in `errors`. A PTV service's PTV fields cannot be changed:
 * an attempt is rejected (a DomainError 'ptv_read_only', nothing saved). The draft is read and written under a
 * row lock, so two editors saving at the same moment never lose each other's change: with `version`, the second
 * one is refused (edit_conflict); without it, both patches are applied. Needs service.edit.
 */
export async function saveDraft(
  db: Kysely<DB>,
  ctx: AuditContext,
  kind: DraftKind,
  target: { ref: string } | { organizationId: string },
  patch: Record<string, unknown>,
  opts: SaveOptions = {},
): Promise<SaveResult> {
  let r: Resolved;
  if ('organizationId' in target) {
    if (!UUID_RE.test(target.organizationId)) throw editingNotFound();
    authorize(ctx.actor, 'service.edit', { organizationId: target.organizationId });
    r = { kind, recordId: null, organizationId: target.organizationId, published: null, draftRow: null };
  } else {
    r = await resolve(db, kind, target.ref);
    authorize(ctx.actor, 'service.edit', { organizationId: r.organizationId });
  }
  if (kind === 'location' && r.published?.source === 'ptv') throw flowError('ptv_location');
  const state = await buildState(db, r);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute((tx) => saveIn(tx, ctx, r, state, patch, opts));
    } catch (e) {
      if (e instanceof DraftRace && attempt < 2) continue;
      throw e;
    }
  }
}

async function saveIn(
  tx: Transaction<DB>,
  ctx: AuditContext,
  r: Resolved,
  state: EditState<DraftData>,
  patch: Record<string, unknown>,
  opts: SaveOptions,
): Promise<SaveResult> {
  const { kind } = r;
  const fields = fieldsOf(kind);
  const actor = ctx.actor!;
  // The draft as it is now, locked until this save commits (a record's draft may have been started meanwhile).
  const lock = tx
    .selectFrom('record_draft')
    .select(['id', 'data', 'status', 'updated_at', 'updated_by'])
    .where('kind', '=', kind)
    .forUpdate();
  const existing = r.recordId
    ? await lock.where('record_id', '=', r.recordId).executeTakeFirst()
    : r.draftRow
      ? await lock.where('id', '=', r.draftRow.id).executeTakeFirst()
      : undefined;
  // A new record's draft that was published or discarded meanwhile.
  if (!existing && !r.recordId && r.draftRow) throw flowError('no_draft');
  const current: DraftData = existing
    ? syncPtv(kind, normalize<DraftData>(fields, existing.data), r.published)
    : (r.published?.data ?? state.data);
  const next = applyPatch(fields, current, patch);
  if (opts.version !== undefined && state.ref) {
    const now = recordVersion(fields, current);
    if (now !== opts.version) {
      const who = existing ? await personNames(tx, [existing.updated_by]) : new Map<string, string>();
      throw editConflict({
        current: {
          version: now,
          data: current,
          updated_at: existing ? new Date(existing.updated_at).toISOString() : null,
          updated_by: existing ? (who.get(existing.updated_by) ?? null) : null,
        },
        yours: { data: next },
      });
    }
  }
  if (state.readOnlyFields.length && r.published) {
    const pub = r.published.data as unknown as Record<string, unknown>;
    const nx = next as unknown as Record<string, unknown>;
    const violations: DraftError[] = state.readOnlyFields
      .filter((f) => !sameValue(nx[f], pub[f]))
      .map((f) => ({ field: f, code: 'ptv_read_only' }));
    const droppedPtv = state.ptvLifeSituations.filter((c) => !(next as ServiceDraftData).lifeSituations.includes(c));
    if (droppedPtv.length)
      violations.push({ field: 'lifeSituations', code: 'ptv_read_only', params: { value: droppedPtv.join(', ') } });
    if (violations.length) throw flowError('ptv_read_only', violations);
  }
  const errors = await validate(tx, kind, next, r.organizationId, r.published);
  if (existing) {
    if (sameRecord(fields, current, next)) return { ref: state.ref, draftId: existing.id, errors, changed: false };
    await tx
      .updateTable('record_draft')
      .set({
        data: json(next),
        updated_by: actor.personId,
        updated_at: new Date(),
        status: 'draft',
        submitted_by: null,
      })
      .where('id', '=', existing.id)
      .execute();
    await audit(tx, ctx, {
      action: `${kind}.draft_save`,
      objectType: kind,
      objectId: r.recordId ?? existing.id,
      organizationId: r.organizationId,
      before: current,
      after: next,
      details: {
        draftId: existing.id,
        ...(existing.status === 'submitted' ? { submissionWithdrawn: true } : {}),
        valid: !errors.length,
      },
    });
    return { ref: state.ref, draftId: existing.id, errors, changed: true };
  }
  if (r.published && sameRecord(fields, r.published.data, next))
    return { ref: state.ref, draftId: null, errors, changed: false };
  const id = newId();
  const inserted = await tx
    .insertInto('record_draft')
    .values({
      id,
      kind,
      record_id: r.recordId,
      organization_id: r.organizationId,
      data: json(next),
      base: r.published ? json(r.published.data) : null,
      status: 'draft',
      created_by: actor.personId,
      updated_by: actor.personId,
      submitted_by: null,
    })
    .onConflict((oc) => oc.columns(['kind', 'record_id']).where('record_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new DraftRace();
  await audit(tx, ctx, {
    action: `${kind}.draft_save`,
    objectType: kind,
    objectId: r.recordId ?? id,
    organizationId: r.organizationId,
    before: r.published?.data ?? null,
    after: next,
    details: { draftId: id, created: true, valid: !errors.length },
  });
  return { ref: r.recordId ?? id, draftId: id, errors, changed: true };
}

function requireDraft(state: EditState<DraftData>): NonNullable<EditState<DraftData>['draft']> {
  if (!state.draft) throw flowError('no_draft');
  return state.draft;
}

/** Marks a valid draft as ready for publishing by another person. Needs service.edit. */
export async function submitDraft(db: Kysely<DB>, ctx: AuditContext, kind: DraftKind, ref: string): Promise<void> {
  const r = await resolve(db, kind, ref);
  authorize(ctx.actor, 'service.edit', { organizationId: r.organizationId });
  const state = await buildState(db, r);
  const draft = requireDraft(state);
  if (state.errors.length) throw flowError('invalid', state.errors);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('record_draft')
      .set({ status: 'submitted', submitted_by: ctx.actor!.personId, updated_at: new Date() })
      .where('id', '=', draft.id)
      .execute();
    await audit(tx, ctx, {
      action: `${kind}.draft_submit`,
      objectType: kind,
      objectId: r.recordId ?? draft.id,
      organizationId: r.organizationId,
      before: { status: draft.status, submittedBy: draft.submittedBy },
      after: { status: 'submitted', submittedBy: ctx.actor!.personId },
      details: { draftId: draft.id },
    });
  });
}

/**
 * Publishes a draft: the directory gets the new record (validated and reindexed), the service is marked
 * reviewed today by the publisher, and the draft is gone. Needs service.publish; where the organisation
 * requires a second person, the draft must have been submitted and the publisher must not be its submitter.
 * Returns the record's id.
 */
export async function publishDraft(db: Kysely<DB>, ctx: AuditContext, kind: DraftKind, ref: string): Promise<string> {
  const r = await resolve(db, kind, ref);
  authorize(ctx.actor, 'service.publish', { organizationId: r.organizationId });
  const actor = ctx.actor!;
  const state = await buildState(db, r);
  const draft = requireDraft(state);
  if (kind === 'location' && r.published?.source === 'ptv') throw flowError('ptv_location');
  if (state.errors.length) throw flowError('invalid', state.errors);
  if (state.baseChanged) throw flowError('base_changed');
  if (state.needsSecondPerson) {
    if (draft.status !== 'submitted') throw flowError('not_submitted');
    if (draft.submittedBy === actor.personId) {
      await audit(db, ctx, {
        action: `${kind}.publish`,
        outcome: 'denied',
        objectType: kind,
        objectId: r.recordId ?? draft.id,
        organizationId: r.organizationId,
        details: { draftId: draft.id, reason: 'second_person_required' },
      });
      throw flowError('second_person_required');
    }
  }
  const today = helsinkiToday();
  return db.transaction().execute(async (tx) => {
    const locked = await tx
      .selectFrom('record_draft')
      .select(['id', 'updated_at'])
      .where('id', '=', draft.id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked || new Date(locked.updated_at).getTime() !== draft.updatedAt.getTime()) throw flowError('no_draft');
    const id =
      kind === 'service'
        ? await publishServiceDraft(tx, {
            draftId: draft.id,
            organizationId: r.organizationId,
            data: draft.data as ServiceDraftData,
            published: r.published as ServiceRecord | null,
            today,
            personId: actor.personId,
          })
        : await publishLocationDraft(tx, {
            draftId: draft.id,
            organizationId: r.organizationId,
            data: draft.data as LocationDraftData,
            published: r.published as LocationRecord | null,
          });
    await tx.deleteFrom('record_draft').where('id', '=', draft.id).execute();
    const after = await loadRecord(tx, kind, id);
    await audit(tx, ctx, {
      action: `${kind}.publish`,
      objectType: kind,
      objectId: id,
      organizationId: r.organizationId,
      before: r.published?.data ?? null,
      after: after?.data ?? null,
      details: {
        draftId: draft.id,
        created: !r.published,
        submittedBy: draft.submittedBy,
        key: after?.key,
        ...(kind === 'service' ? { lastReviewed: today } : {}),
      },
    });
    return id;
  });
}

/** Throws the draft away; the published record stays as it is. Needs service.edit. */
export async function discardDraft(db: Kysely<DB>, ctx: AuditContext, kind: DraftKind, ref: string): Promise<void> {
  const r = await resolve(db, kind, ref);
  authorize(ctx.actor, 'service.edit', { organizationId: r.organizationId });
  const state = await buildState(db, r);
  const draft = requireDraft(state);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('record_draft').where('id', '=', draft.id).execute();
    await audit(tx, ctx, {
      action: `${kind}.draft_discard`,
      objectType: kind,
      objectId: r.recordId ?? draft.id,
      organizationId: r.organizationId,
      before: draft.data,
      after: null,
      details: { draftId: draft.id, status: draft.status },
    });
  });
}

/**
 * Brings a draft up to date after the published record changed: untouched fields take the published values,
 * the editor's changes stay. Returns the fields changed on both sides. Needs service.edit.
 */
export async function updateDraftBase(
  db: Kysely<DB>,
  ctx: AuditContext,
  kind: DraftKind,
  ref: string,
): Promise<{ conflicts: string[] }> {
  const r = await resolve(db, kind, ref);
  authorize(ctx.actor, 'service.edit', { organizationId: r.organizationId });
  const state = await buildState(db, r);
  const draft = requireDraft(state);
  if (!state.baseChanged || !draft.base || !r.published) return { conflicts: [] };
  const { merged, conflicts } = threeWayMerge(fieldsOf(kind), draft.base, draft.data, r.published.data);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('record_draft')
      .set({
        data: json(merged),
        base: json(r.published!.data),
        status: 'draft',
        submitted_by: null,
        updated_by: ctx.actor!.personId,
        updated_at: new Date(),
      })
      .where('id', '=', draft.id)
      .execute();
    await audit(tx, ctx, {
      action: `${kind}.draft_rebase`,
      objectType: kind,
      objectId: r.recordId ?? draft.id,
      organizationId: r.organizationId,
      before: { data: draft.data, base: draft.base },
      after: { data: merged, base: r.published!.data },
      details: { draftId: draft.id, conflicts },
    });
  });
  return { conflicts };
}

/** Who may publish: the permission, and the second-person rule for this draft. */
export function mayPublish(actor: Actor, state: EditState<DraftData>): boolean {
  try {
    authorize(actor, 'service.publish', { organizationId: state.organizationId });
  } catch (e) {
    if (e instanceof ForbiddenError) return false;
    throw e;
  }
  if (!state.draft || state.errors.length || state.baseChanged) return false;
  if (!state.needsSecondPerson) return true;
  return state.draft.status === 'submitted' && state.draft.submittedBy !== actor.personId;
}
