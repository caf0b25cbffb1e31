/**
 * Keeping a plan up to date in the browser (Decidim's accountability, adapted): an action's status, area, owner
 * team, evidence, notes, progress and where it spread; a milestone's status and notes; a structural change's
 * notes; the working group's members. Each change is authorised (policy.ts), written with a dated progress entry
 * when it changes a status or carries a note, and audited with before/after in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ActionStatus, LapeAreaCode, MemberRole, MilestoneStatus } from '../../db/schema.programme.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { municipalityByCode } from '../places/municipalities.js';
import { newId } from '../shared/ids.js';
import { conflict, invalid, notFound as notFoundIn, Problems } from '../shared/errors.js';
import { authorizePlanEdit } from './policy.js';
import { isActionStatus, isArea, isMemberRole, isMilestoneStatus, LAPE_AREAS } from './vocabulary.js';

type Tx = Transaction<DB>;
const MAX_TEXT = 4000;
const MAX_SHORT = 200;

export interface ActionUpdate {
  status: string;
  area: string; // '' = not chosen
  ownerTeam: string;
  /** One of the network's teams ('' = none). */
  ownerTeamId?: string;
  evidence: string;
  notes: string;
  progress: string; // '' or 0..100
  spreadTo: string[]; // municipality codes
  adoptedFrom: string; // '' or a municipality code
  /** A progress entry for the timeline (optional), dated entryDate (default today). */
  entry: string;
  entryDate: string;
}

export interface MilestoneUpdate {
  status: string;
  notes: string;
  entry: string;
  entryDate: string;
}

const AREA = 'programme';
const notFound = (what: 'plan' | 'action' | 'milestone' | 'member' | 'change') => notFoundIn(AREA, what);

const today = () => new Date().toISOString().slice(0, 10);
function checkDate(p: Problems, v: string, field: string): string {
  if (!v.trim()) return today();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  const d = m ? new Date(`${v.trim()}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v.trim()) {
    p.add('date_invalid', field);
    return today();
  }
  if (v.trim() > today()) p.add('date_future', field);
  if (Number(m[1]) < 2016) p.add('date_too_early', field);
  return v.trim();
}
function checkLength(p: Problems, v: string, field: string, max = MAX_TEXT) {
  if (v.length > max) p.add(max === MAX_SHORT ? 'too_long_short' : 'too_long', field);
}

async function planOf(db: Kysely<DB> | Tx, planId: string) {
  const plan = await db
    .selectFrom('programme_plan')
    .select(['id', 'municipality_codes', 'kind'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan || plan.kind !== 'municipal_plan') throw notFound('plan');
  return plan;
}

/** Validates an action update; returns the values to store. Every problem at once. */
export function validateActionUpdate(u: ActionUpdate, ownCodes: string[]) {
  const p = new Problems(AREA);
  if (!isActionStatus(u.status)) p.add('status_invalid', 'status');
  if (u.area && !isArea(u.area)) p.add('area_invalid', 'area');
  checkLength(p, u.ownerTeam, 'owner_team', MAX_SHORT);
  checkLength(p, u.evidence, 'evidence');
  checkLength(p, u.notes, 'notes');
  checkLength(p, u.entry, 'entry');
  let progress: number | null = null;
  if (u.progress.trim()) {
    const n = Number(u.progress.trim());
    if (!/^\d{1,3}$/.test(u.progress.trim()) || n > 100) p.add('progress_invalid', 'progress');
    else progress = n;
  }
  const spreadTo = [...new Set(u.spreadTo.filter(Boolean))];
  if (spreadTo.some((c) => !municipalityByCode(c))) p.add('municipality_invalid', 'spread_to');
  else if (spreadTo.some((c) => ownCodes.includes(c))) p.add('spread_to_own', 'spread_to');
  if (u.status === 'spread' && !spreadTo.length) p.add('spread_needs_municipality', 'spread_to');
  if (u.adoptedFrom && !municipalityByCode(u.adoptedFrom)) p.add('municipality_invalid', 'adopted_from');
  else if (u.adoptedFrom && ownCodes.includes(u.adoptedFrom)) p.add('adopted_from_own', 'adopted_from');
  const entryDate = checkDate(p, u.entryDate, 'entry_date');
  p.throwIfAny();
  return {
    status: u.status as ActionStatus,
    area: (u.area || null) as LapeAreaCode | null,
    owner_team: u.ownerTeam.trim(),
    evidence: u.evidence.trim(),
    notes: u.notes.trim(),
    progress,
    spread_to: spreadTo.sort(),
    adopted_from_code: u.adoptedFrom || null,
    owner_team_id: u.ownerTeamId?.trim() || null,
    entry: u.entry.trim(),
    entryDate,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
async function checkTeam(tx: Tx, id: string | null): Promise<void> {
  if (!id) return;
  const team = UUID.test(id)
    ? await tx.selectFrom('team').select('id').where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!team) throw invalid(AREA, 'team_invalid', 'owner_team_id');
}

export async function updateAction(
  db: Kysely<DB>,
  ctx: AuditContext,
  actionId: string,
  u: ActionUpdate,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('programme_action')
      .selectAll()
      .where('id', '=', actionId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('action');
    const plan = await planOf(tx, before.plan_id);
    const { actor, organizationId } = await authorizePlanEdit(tx, ctx.actor, plan.municipality_codes);
    const v = validateActionUpdate(u, plan.municipality_codes);
    await checkTeam(tx, v.owner_team_id);
    const statusChanged = v.status !== before.status;
    const after = {
      status: v.status,
      area: v.area,
      owner_team: v.owner_team,
      evidence: v.evidence,
      notes: v.notes,
      progress: v.progress,
      spread_to: v.spread_to,
      adopted_from_code: v.adopted_from_code,
      owner_team_id: u.ownerTeamId === undefined ? before.owner_team_id : v.owner_team_id,
    };
    const changed = Object.entries(after).some(
      ([k, x]) => JSON.stringify(x) !== JSON.stringify(before[k as keyof typeof before]),
    );
    if (!changed && !v.entry) return;
    await tx
      .updateTable('programme_action')
      .set({
        ...after,
        ...(statusChanged ? { status_source: 'person' as const } : {}),
        updated_at: new Date(),
        updated_by: actor.name,
      })
      .where('id', '=', actionId)
      .execute();
    if (statusChanged || v.entry) {
      await tx
        .insertInto('programme_update')
        .values({
          id: newId(),
          plan_id: plan.id,
          subject_type: 'action',
          subject_id: actionId,
          entry_date: v.entryDate,
          actor_id: actor.personId,
          actor_name: actor.name,
          from_status: statusChanged ? before.status : null,
          to_status: statusChanged ? v.status : null,
          note: v.entry,
        })
        .execute();
    }
    const pickBefore = Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof typeof before]]));
    await audit(tx, ctx, {
      action: 'programme.action_updated',
      objectType: 'programme_action',
      objectId: actionId,
      organizationId,
      before: pickBefore,
      after,
      details: { plan: plan.id, ...(v.entry ? { entry: v.entry, entry_date: v.entryDate } : {}) },
    });
  });
}

export async function updateMilestone(
  db: Kysely<DB>,
  ctx: AuditContext,
  milestoneId: string,
  u: MilestoneUpdate,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('programme_milestone')
      .selectAll()
      .where('id', '=', milestoneId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('milestone');
    const plan = await planOf(tx, before.plan_id);
    const { actor, organizationId } = await authorizePlanEdit(tx, ctx.actor, plan.municipality_codes);
    const p = new Problems(AREA);
    if (!isMilestoneStatus(u.status)) p.add('status_invalid', 'status');
    checkLength(p, u.notes, 'notes');
    checkLength(p, u.entry, 'entry');
    const entryDate = checkDate(p, u.entryDate, 'entry_date');
    p.throwIfAny();
    const status = u.status as MilestoneStatus;
    const notes = u.notes.trim();
    const entry = u.entry.trim();
    const statusChanged = status !== before.status;
    if (!statusChanged && notes === before.notes && !entry) return;
    await tx
      .updateTable('programme_milestone')
      .set({
        status,
        notes,
        ...(statusChanged ? { status_source: 'person' as const } : {}),
        updated_at: new Date(),
        updated_by: actor.name,
      })
      .where('id', '=', milestoneId)
      .execute();
    if (statusChanged || entry) {
      await tx
        .insertInto('programme_update')
        .values({
          id: newId(),
          plan_id: plan.id,
          subject_type: 'milestone',
          subject_id: milestoneId,
          entry_date: entryDate,
          actor_id: actor.personId,
          actor_name: actor.name,
          from_status: statusChanged ? before.status : null,
          to_status: statusChanged ? status : null,
          note: entry,
        })
        .execute();
    }
    await audit(tx, ctx, {
      action: 'programme.milestone_updated',
      objectType: 'programme_milestone',
      objectId: milestoneId,
      organizationId,
      before: { status: before.status, notes: before.notes },
      after: { status, notes },
      details: { plan: plan.id, year: before.year, ...(entry ? { entry } : {}) },
    });
  });
}

export async function updateStructuralChange(
  db: Kysely<DB>,
  ctx: AuditContext,
  changeId: string,
  u: { notes: string },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('programme_structural_change')
      .selectAll()
      .where('id', '=', changeId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('change');
    const plan = await planOf(tx, before.plan_id);
    const { actor, organizationId } = await authorizePlanEdit(tx, ctx.actor, plan.municipality_codes);
    const p = new Problems(AREA);
    checkLength(p, u.notes, 'notes');
    p.throwIfAny();
    const notes = u.notes.trim();
    if (notes === before.notes) return;
    await tx
      .updateTable('programme_structural_change')
      .set({ notes, updated_at: new Date(), updated_by: actor.name })
      .where('id', '=', changeId)
      .execute();
    await audit(tx, ctx, {
      action: 'programme.structural_change_updated',
      objectType: 'programme_structural_change',
      objectId: changeId,
      organizationId,
      before: { notes: before.notes },
      after: { notes },
      details: { plan: plan.id },
    });
  });
}

export interface MemberInput {
  name: string;
  title: string;
  role: string;
  municipalityCode: string;
}

export async function addMember(db: Kysely<DB>, ctx: AuditContext, planId: string, m: MemberInput): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const plan = await planOf(tx, planId);
    const { organizationId } = await authorizePlanEdit(tx, ctx.actor, plan.municipality_codes);
    const p = new Problems(AREA);
    if (!m.name.trim()) p.add('name_required', 'name');
    checkLength(p, m.name, 'name', MAX_SHORT);
    checkLength(p, m.title, 'title', MAX_SHORT);
    if (!isMemberRole(m.role)) p.add('role_invalid', 'role');
    if (m.municipalityCode && !plan.municipality_codes.includes(m.municipalityCode))
      p.add('municipality_invalid', 'municipality');
    p.throwIfAny();
    const id = newId();
    const row = {
      name: m.name.trim(),
      title: m.title.trim(),
      role: m.role as MemberRole,
      municipality_code:
        m.municipalityCode || (plan.municipality_codes.length === 1 ? plan.municipality_codes[0]! : null),
    };
    await tx
      .insertInto('programme_member')
      .values({ id, plan_id: planId, match_key: null, ...row, source: 'person', last_version: null })
      .execute();
    await audit(tx, ctx, {
      action: 'programme.member_added',
      objectType: 'programme_member',
      objectId: id,
      organizationId,
      after: row,
      details: { plan: planId },
    });
    return id;
  });
}

export async function removeMember(db: Kysely<DB>, ctx: AuditContext, memberId: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const m = await tx.selectFrom('programme_member').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!m) throw notFound('member');
    const plan = await planOf(tx, m.plan_id);
    const { organizationId } = await authorizePlanEdit(tx, ctx.actor, plan.municipality_codes);
    // Signatories come from the plan's text: they stay as long as the text names them.
    if (m.source === 'import')
      throw conflict(AREA, 'member_from_plan', { problems: [{ field: 'member', code: 'member_from_plan' }] });
    await tx.deleteFrom('programme_member').where('id', '=', memberId).execute();
    await audit(tx, ctx, {
      action: 'programme.member_removed',
      objectType: 'programme_member',
      objectId: memberId,
      organizationId,
      before: { name: m.name, title: m.title, role: m.role, municipality_code: m.municipality_code },
      details: { plan: plan.id },
    });
    return plan.id;
  });
}

/**
 * The development areas a plan works on, as its representatives keep them (the plan's text was read to say
 * something else, or the work has changed since). An empty list is allowed: the plan works on none of the four.
 */
export async function updatePlanAreas(
  db: Kysely<DB>,
  ctx: AuditContext,
  planId: string,
  areas: string[],
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const plan = await tx
      .selectFrom('programme_plan')
      .select(['id', 'kind', 'municipality_codes', 'tracked_areas'])
      .where('id', '=', planId)
      .forUpdate()
      .executeTakeFirst();
    if (!plan || plan.kind !== 'municipal_plan') throw notFound('plan');
    const { actor, organizationId } = await authorizePlanEdit(tx, ctx.actor, plan.municipality_codes);
    if (areas.some((a) => !isArea(a))) throw invalid(AREA, 'area_invalid', 'areas');
    const after = LAPE_AREAS.filter((a) => areas.includes(a));
    const imported = await tx
      .selectFrom('programme_plan_area')
      .innerJoin('programme_plan', 'programme_plan.id', 'programme_plan_area.plan_id')
      .select('programme_plan_area.area')
      .where('programme_plan_area.plan_id', '=', planId)
      .whereRef('programme_plan_area.last_version', '=', 'programme_plan.current_version')
      .execute();
    const before = plan.tracked_areas ?? LAPE_AREAS.filter((a) => imported.some((r) => r.area === a));
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await tx
      .updateTable('programme_plan')
      .set({ tracked_areas: after, tracked_areas_by: actor.name })
      .where('id', '=', planId)
      .execute();
    await tx
      .insertInto('programme_update')
      .values({
        id: newId(),
        plan_id: planId,
        subject_type: 'plan',
        subject_id: planId,
        actor_id: actor.personId,
        actor_name: actor.name,
        from_status: null,
        to_status: null,
        note: `areas: ${after.join(', ')}`,
      })
      .execute();
    await audit(tx, ctx, {
      action: 'programme.areas_updated',
      objectType: 'programme_plan',
      objectId: planId,
      organizationId,
      before: { areas: before },
      after: { areas: after },
    });
  });
}
