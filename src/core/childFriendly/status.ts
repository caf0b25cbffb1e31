/**
 * Keeping a municipality's child-friendly status: its stage in UNICEF's process with the date of each stage, the
 * evidence for each building block, and its action plan's items. Kept by the municipality's team
 * ('child_impact.edit' in the municipality organisation); each change audited in its transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { BlockStatus, CfActionStatus, ChildFriendlyStage } from '../../db/schema.childImpact.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { notFound, Problems } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { parseDay } from '../childImpact/dates.js';
import { authorizeTeam, municipalityOrganization } from '../childImpact/policy.js';
import { ACTION_STATUSES, AREA, BLOCKS, BLOCK_STATUSES, STAGES, isStage } from './vocabulary.js';

type Tx = Transaction<DB>;

async function ensureStatus(tx: Tx, ctx: AuditContext, code: string) {
  const org = await municipalityOrganization(tx, code);
  if (!org) throw notFound(AREA, 'municipality');
  authorizeTeam(ctx.actor, org.id);
  await tx
    .insertInto('child_friendly_status')
    .values({ municipality_code: code, organization_id: org.id, stage_dates: '{}', updated_by: ctx.actor.name })
    .onConflict((oc) => oc.column('municipality_code').doNothing())
    .execute();
  const row = await tx
    .selectFrom('child_friendly_status')
    .selectAll()
    .where('municipality_code', '=', code)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { org, row, actor: ctx.actor };
}

export interface StageInput {
  stage: string;
  /** stage → date typed ('' = none) */
  dates: Record<string, string>;
  notes: string;
}

export async function updateStage(db: Kysely<DB>, ctx: AuditContext, code: string, s: StageInput) {
  await db.transaction().execute(async (tx) => {
    const { org, row, actor } = await ensureStatus(tx, ctx, code);
    const p = new Problems(AREA);
    if (!isStage(s.stage)) p.add('stage_invalid', 'stage');
    const dates: Partial<Record<ChildFriendlyStage, string>> = {};
    for (const st of STAGES) {
      const v = (s.dates[st] ?? '').trim();
      if (!v) continue;
      const d = parseDay(v);
      if (!d) p.add('date_invalid', `date_${st}`);
      else dates[st] = d;
    }
    if (s.notes.length > 4000) p.add('too_long', 'notes');
    p.throwIfAny();
    const after = { stage: s.stage as ChildFriendlyStage, stage_dates: dates, notes: s.notes.trim() };
    await tx
      .updateTable('child_friendly_status')
      .set({ ...after, stage_dates: JSON.stringify(dates), updated_at: new Date(), updated_by: actor.name })
      .where('municipality_code', '=', code)
      .execute();
    await audit(tx, ctx, {
      action: 'child_friendly.stage_updated',
      objectType: 'child_friendly_status',
      objectId: code,
      organizationId: org.id,
      before: { stage: row.stage, stage_dates: row.stage_dates, notes: row.notes },
      after,
    });
  });
}

export async function updateBlocks(
  db: Kysely<DB>,
  ctx: AuditContext,
  code: string,
  blocks: Record<string, { status: string; evidence: string }>,
) {
  await db.transaction().execute(async (tx) => {
    const { org } = await ensureStatus(tx, ctx, code);
    const p = new Problems(AREA);
    for (const b of BLOCKS) {
      const v = blocks[b];
      if (!v) continue;
      if (!BLOCK_STATUSES.includes(v.status as BlockStatus)) p.add('status_invalid', `block_${b}_status`);
      if (v.evidence.length > 4000) p.add('too_long', `block_${b}_evidence`);
    }
    p.throwIfAny();
    const before = await tx
      .selectFrom('child_friendly_block')
      .selectAll()
      .where('municipality_code', '=', code)
      .execute();
    for (const b of BLOCKS) {
      const v = blocks[b];
      if (!v) continue;
      await tx
        .insertInto('child_friendly_block')
        .values({ municipality_code: code, block: b, status: v.status as BlockStatus, evidence: v.evidence.trim() })
        .onConflict((oc) =>
          oc
            .columns(['municipality_code', 'block'])
            .doUpdateSet({ status: v.status as BlockStatus, evidence: v.evidence.trim() }),
        )
        .execute();
    }
    await audit(tx, ctx, {
      action: 'child_friendly.blocks_updated',
      objectType: 'child_friendly_status',
      objectId: code,
      organizationId: org.id,
      before: Object.fromEntries(before.map((b) => [b.block, { status: b.status, evidence: b.evidence }])),
      after: blocks,
    });
  });
}

export interface ActionInput {
  title: string;
  owner: string;
  status: string;
  due: string;
}

function checkAction(a: ActionInput) {
  const p = new Problems(AREA);
  const title = a.title.trim();
  if (!title) p.add('title_required', 'title');
  else if (title.length > 300) p.add('too_long_short', 'title');
  if (a.owner.trim().length > 200) p.add('too_long_short', 'owner');
  if (!ACTION_STATUSES.includes(a.status as CfActionStatus)) p.add('status_invalid', 'status');
  let due: string | null = null;
  if (a.due.trim()) {
    due = parseDay(a.due);
    if (!due) p.add('date_invalid', 'due');
  }
  p.throwIfAny();
  return { title, owner: a.owner.trim(), status: a.status as CfActionStatus, due };
}

/** Adds an action plan item, or changes one (`actionId`). */
export async function saveAction(db: Kysely<DB>, ctx: AuditContext, code: string, a: ActionInput, actionId?: string) {
  return db.transaction().execute(async (tx) => {
    const { org } = await ensureStatus(tx, ctx, code);
    const v = checkAction(a);
    let before: unknown = null;
    const id = actionId ?? newId();
    if (actionId) {
      const old = await tx
        .selectFrom('child_friendly_action')
        .selectAll()
        .where('id', '=', actionId)
        .where('municipality_code', '=', code)
        .executeTakeFirst();
      if (!old) throw notFound(AREA, 'action');
      before = { title: old.title, owner: old.owner, status: old.status, due: old.due };
      await tx.updateTable('child_friendly_action').set(v).where('id', '=', actionId).execute();
    } else {
      await tx
        .insertInto('child_friendly_action')
        .values({ id, municipality_code: code, ...v })
        .execute();
    }
    await audit(tx, ctx, {
      action: actionId ? 'child_friendly.action_updated' : 'child_friendly.action_added',
      objectType: 'child_friendly_action',
      objectId: id,
      organizationId: org.id,
      before,
      after: v,
      details: { municipality: code },
    });
    return id;
  });
}
