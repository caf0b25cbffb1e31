/**
 * Carrying out an assessment: creating it for a decision of a body, saving each step (a new version every time,
 * refused when someone else saved meanwhile), commenting, publishing the summary and marking the follow-up done.
 * Each operation authorises (the municipality's team only) and audits in the same transaction as the change.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AssessmentContent } from '../../db/schema.childImpact.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { conflict, notFound, Problems } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { parseDay } from './dates.js';
import { authorizeTeam } from './policy.js';
import { derivedColumns, MAX_SHORT, validateStep, type StepInput } from './steps.js';
import { AREA, isTiming, stepByKey } from './vocabulary.js';

type Tx = Transaction<DB>;

export interface NewAssessment {
  organizationId: string;
  body: string;
  reference: string;
  decisionDate: string;
  title: string;
  timing: string;
}

/** Creates an assessment of a decision or proposal (a draft at version 1); returns its id. */
export async function createAssessment(db: Kysely<DB>, ctx: AuditContext, n: NewAssessment): Promise<string> {
  authorizeTeam(ctx.actor, n.organizationId);
  const actor = ctx.actor;
  const p = new Problems(AREA);
  const body = n.body.trim();
  const reference = n.reference.trim();
  const title = n.title.trim();
  if (!body) p.add('body_required', 'body');
  else if (body.length > MAX_SHORT) p.add('too_long_short', 'body');
  if (!reference) p.add('reference_required', 'reference');
  else if (reference.length > 100) p.add('too_long_short', 'reference');
  if (!title) p.add('title_required', 'title');
  else if (title.length > 300) p.add('too_long_short', 'title');
  let decisionDate: string | null = null;
  if (n.decisionDate.trim()) {
    decisionDate = parseDay(n.decisionDate);
    if (!decisionDate) p.add('date_invalid', 'decision_date');
  }
  if (!isTiming(n.timing)) p.add('timing_required', 'timing');
  p.throwIfAny();
  return db.transaction().execute(async (tx) => {
    const org = await tx
      .selectFrom('organization')
      .select(['id', 'municipality_code', 'type'])
      .where('id', '=', n.organizationId)
      .executeTakeFirst();
    if (!org || org.type !== 'municipality' || !org.municipality_code) throw notFound(AREA, 'organization');
    const id = newId();
    const row = {
      id,
      organization_id: org.id,
      municipality_code: org.municipality_code,
      body,
      decision_reference: reference,
      decision_date: decisionDate,
      title,
      timing: n.timing as 'before' | 'during' | 'after',
      content: JSON.stringify({}),
      created_by: actor.name,
      updated_by: actor.name,
    };
    await tx.insertInto('child_impact_assessment').values(row).execute();
    await tx
      .insertInto('child_impact_version')
      .values({ assessment_id: id, version: 1, step: 'created', status: 'draft', content: '{}', saved_by: actor.name })
      .execute();
    await audit(tx, ctx, {
      action: 'child_impact.created',
      objectType: 'child_impact_assessment',
      objectId: id,
      organizationId: org.id,
      after: { body, reference, decisionDate, title, timing: n.timing },
    });
    return id;
  });
}

async function lockAssessment(tx: Tx, id: string) {
  const a = await tx
    .selectFrom('child_impact_assessment')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!a) throw notFound(AREA, 'assessment');
  return a;
}

/** The people who may own a follow-up: the team of the municipality organisation. */
export async function teamPeople(db: Kysely<DB> | Tx, organizationId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('person', 'person.id', 'membership.person_id')
    .select(['person.id', 'person.name', 'person.email'])
    .where('membership.organization_id', '=', organizationId)
    .where('membership.role', 'in', ['editor', 'org_admin'])
    .where('person.status', '=', 'active')
    .orderBy('person.name')
    .execute();
}

/**
 * Saves one step. `expectedVersion` is the version the person's form was made from: if someone saved meanwhile
 * the save is refused (409) and the form comes back with what they typed.
 */
export async function saveStep(
  db: Kysely<DB>,
  ctx: AuditContext,
  id: string,
  stepKey: string,
  input: StepInput,
  expectedVersion: number | null,
): Promise<{ version: number }> {
  const step = stepByKey(stepKey);
  if (!step) throw notFound(AREA, 'step');
  return db.transaction().execute(async (tx) => {
    const a = await lockAssessment(tx, id);
    authorizeTeam(ctx.actor, a.organization_id);
    const actor = ctx.actor;
    if (expectedVersion !== null && expectedVersion !== a.version)
      throw conflict(AREA, 'edited_meanwhile', { params: { name: a.updated_by ?? '' } });
    const owners = step.fields.some((f) => f.kind === 'owner')
      ? (await teamPeople(tx, a.organization_id)).map((p) => p.id)
      : [];
    const values = validateStep(step, input, owners);
    const before: AssessmentContent = Object.fromEntries(
      step.fields.map((f) => [f.name, a.content[f.name] ?? (f.kind === 'checkboxes' ? [] : '')]),
    );
    if (JSON.stringify(before) === JSON.stringify(values)) return { version: a.version };
    const content = { ...a.content, ...values };
    const cols = derivedColumns(step.key, values, a.status);
    const version = a.version + 1;
    const status = cols.status ?? a.status;
    const dueChanged = cols.follow_up_due !== undefined && cols.follow_up_due !== a.follow_up_due;
    await tx
      .updateTable('child_impact_assessment')
      .set({
        ...cols,
        ...(dueChanged ? { follow_up_reminded_on: null, follow_up_done_at: null } : {}),
        content: JSON.stringify(content),
        version,
        updated_at: new Date(),
        updated_by: actor.name,
      })
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('child_impact_version')
      .values({
        assessment_id: id,
        version,
        step: step.key,
        status,
        content: JSON.stringify(content),
        saved_by: actor.name,
      })
      .execute();
    await audit(tx, ctx, {
      action: 'child_impact.step_saved',
      objectType: 'child_impact_assessment',
      objectId: id,
      organizationId: a.organization_id,
      before,
      after: values,
      details: { step: step.key, version, ...(status !== a.status ? { status } : {}) },
    });
    return { version };
  });
}

export async function addComment(db: Kysely<DB>, ctx: AuditContext, id: string, stepKey: string, text: string) {
  await db.transaction().execute(async (tx) => {
    const a = await lockAssessment(tx, id);
    authorizeTeam(ctx.actor, a.organization_id);
    const p = new Problems(AREA);
    const body = text.trim();
    if (!stepByKey(stepKey) && stepKey !== 'general') p.add('choice_invalid', 'step');
    if (!body) p.add('comment_required', 'comment');
    else if (body.length > 2000) p.add('too_long', 'comment');
    p.throwIfAny();
    const commentId = newId();
    await tx
      .insertInto('child_impact_comment')
      .values({
        id: commentId,
        assessment_id: id,
        step: stepKey,
        author_id: ctx.actor.personId,
        author_name: ctx.actor.name,
        body,
      })
      .execute();
    await audit(tx, ctx, {
      action: 'child_impact.commented',
      objectType: 'child_impact_assessment',
      objectId: id,
      organizationId: a.organization_id,
      after: { step: stepKey, comment: body },
      details: { comment: commentId },
    });
  });
}

/** Publishes the summary: only a screened-out or completed assessment with summaries in Finnish and Swedish. */
export async function publishAssessment(db: Kysely<DB>, ctx: AuditContext, id: string, publish: boolean) {
  await db.transaction().execute(async (tx) => {
    const a = await lockAssessment(tx, id);
    authorizeTeam(ctx.actor, a.organization_id);
    if (publish) {
      if (a.status === 'draft') throw conflict(AREA, 'not_ready');
      const p = new Problems(AREA);
      if (!String(a.content.summary_fi ?? '').trim()) p.add('summary_fi_required', 'summary_fi');
      if (!String(a.content.summary_sv ?? '').trim()) p.add('summary_sv_required', 'summary_sv');
      p.throwIfAny();
    }
    if (Boolean(a.published_at) === publish) return;
    const published_at = publish ? new Date() : null;
    await tx.updateTable('child_impact_assessment').set({ published_at }).where('id', '=', id).execute();
    await audit(tx, ctx, {
      action: publish ? 'child_impact.published' : 'child_impact.unpublished',
      objectType: 'child_impact_assessment',
      objectId: id,
      organizationId: a.organization_id,
      before: { published_at: a.published_at },
      after: { published_at },
    });
  });
}

/** The follow-up was carried out: it no longer falls due. */
export async function completeFollowUp(db: Kysely<DB>, ctx: AuditContext, id: string) {
  await db.transaction().execute(async (tx) => {
    const a = await lockAssessment(tx, id);
    authorizeTeam(ctx.actor, a.organization_id);
    if (!a.follow_up_due) throw conflict(AREA, 'no_follow_up');
    if (a.follow_up_done_at) return;
    const at = new Date();
    await tx.updateTable('child_impact_assessment').set({ follow_up_done_at: at }).where('id', '=', id).execute();
    await audit(tx, ctx, {
      action: 'child_impact.follow_up_done',
      objectType: 'child_impact_assessment',
      objectId: id,
      organizationId: a.organization_id,
      before: { follow_up_done_at: null },
      after: { follow_up_done_at: at },
    });
  });
}
