/**
 * Writing working models: start one (a draft), save the draft, publish it (a new version), each authorised
 * (policy.ts) and audited in the same transaction. What is kept beside the text (owners, contacts, municipalities
 * and since when, services, team, the experiment it grew from, review date, public or not) is saved with the
 * draft and applies at once.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { ForbiddenError } from '../access/permissions.js';
import { municipalityByCode } from '../places/municipalities.js';
import { conflict, notFound, Problems } from '../shared/errors.js';
import { newId, UUID_RE } from '../shared/ids.js';
import type { Translated } from '../shared/lang.js';
import { cleanTranslated } from '../shared/translated.js';
import { authorizeKeep, canCreateModelFor, keepersOf } from './policy.js';
import { CONTENT_FIELDS, type WorkingModelContent, type WorkingModelInput } from './types.js';

type Tx = Transaction<DB>;
const AREA = 'workingModels';
export const MAX_FIELD = 8000;
const MAX_NAME = 200;

const today = () => new Date().toISOString().slice(0, 10);
const isDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** A slug from the name: "VATU – varhaisen tuen tiimi" → "vatu-varhaisen-tuen-tiimi". */
export function slugOf(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'model'
  );
}

export function cleanContent(c: Partial<Record<keyof WorkingModelContent, Translated>>): WorkingModelContent {
  const out = {} as WorkingModelContent;
  for (const f of CONTENT_FIELDS) out[f] = cleanTranslated(c[f]);
  return out;
}

/** Checks a draft: a name in Finnish or Swedish, lengths, dates, known municipalities, people, services, team. */
async function validate(tx: Tx, input: WorkingModelInput): Promise<WorkingModelContent> {
  const p = new Problems(AREA);
  const content = cleanContent(input.content);
  if (!content.name.fi && !content.name.sv) p.add('name_required', 'name.fi');
  for (const f of CONTENT_FIELDS)
    for (const l of ['fi', 'sv', 'en'] as const) {
      const v = content[f][l] ?? '';
      if (v.length > (f === 'name' ? MAX_NAME : MAX_FIELD))
        p.add(f === 'name' ? 'name_too_long' : 'too_long', `${f}.${l}`);
    }
  if (input.reviewDue && !isDate(input.reviewDue)) p.add('date_invalid', 'review_due');
  for (const m of input.municipalities) {
    if (!municipalityByCode(m.code)) p.add('municipality_invalid', 'municipalities');
    if (m.since && (!isDate(m.since) || m.since > today())) p.add('since_invalid', `since.${m.code}`);
  }
  const ids = (xs: string[]) => [...new Set(xs.filter(Boolean))];
  const people = ids([...input.ownerIds, ...input.contactIds]);
  if (people.some((x) => !UUID_RE.test(x))) p.add('person_invalid', 'contacts');
  else if (people.length) {
    const found = await tx.selectFrom('person').select('id').where('id', 'in', people).execute();
    if (found.length !== people.length) p.add('person_invalid', 'contacts');
  }
  const services = ids(input.serviceIds);
  if (services.some((x) => !UUID_RE.test(x))) p.add('service_invalid', 'services');
  else if (services.length) {
    const found = await tx.selectFrom('service').select('id').where('id', 'in', services).execute();
    if (found.length !== services.length) p.add('service_invalid', 'services');
  }
  if (input.teamId) {
    const team = UUID_RE.test(input.teamId)
      ? await tx.selectFrom('team').select('id').where('id', '=', input.teamId).executeTakeFirst()
      : undefined;
    if (!team) p.add('team_invalid', 'team');
  }
  if (input.originActionId) {
    const a = UUID_RE.test(input.originActionId)
      ? await tx.selectFrom('programme_action').select('id').where('id', '=', input.originActionId).executeTakeFirst()
      : undefined;
    if (!a) p.add('action_invalid', 'origin_action');
  }
  p.throwIfAny();
  return content;
}

async function writeBeside(tx: Tx, modelId: string, input: WorkingModelInput) {
  await tx.deleteFrom('working_model_person').where('model_id', '=', modelId).execute();
  const people = [
    ...[...new Set(input.ownerIds.filter(Boolean))].map((id) => ({
      model_id: modelId,
      person_id: id,
      role: 'owner' as const,
    })),
    ...[...new Set(input.contactIds.filter(Boolean))].map((id) => ({
      model_id: modelId,
      person_id: id,
      role: 'contact' as const,
    })),
  ];
  if (people.length) await tx.insertInto('working_model_person').values(people).execute();
  await tx.deleteFrom('working_model_municipality').where('model_id', '=', modelId).execute();
  const munis = [...new Map(input.municipalities.map((m) => [m.code, m])).values()];
  if (munis.length)
    await tx
      .insertInto('working_model_municipality')
      .values(
        munis.map((m) => ({
          model_id: modelId,
          municipality_code: m.code,
          since: m.since || null,
          adopted_from_code: m.adoptedFrom && municipalityByCode(m.adoptedFrom) ? m.adoptedFrom : null,
        })),
      )
      .execute();
  await tx.deleteFrom('working_model_service').where('model_id', '=', modelId).execute();
  const services = [...new Set(input.serviceIds.filter(Boolean))];
  if (services.length)
    await tx
      .insertInto('working_model_service')
      .values(services.map((s) => ({ model_id: modelId, service_id: s })))
      .execute();
}

const besideOf = (input: WorkingModelInput) => ({
  team_id: input.teamId || null,
  origin_action_id: input.originActionId || null,
  review_due: input.reviewDue || null,
  public: input.public,
});

/** Starts a model as a draft of one organisation; returns its id. The creator becomes an owner. */
export async function createModel(
  db: Kysely<DB>,
  ctx: AuditContext,
  input: WorkingModelInput,
  key?: string,
): Promise<{ id: string; key: string }> {
  return db.transaction().execute(async (tx) => {
    if (!ctx.actor || !canCreateModelFor(ctx.actor, input.organizationId))
      throw new ForbiddenError('working_model.edit', { organizationId: input.organizationId });
    const org = UUID_RE.test(input.organizationId)
      ? await tx.selectFrom('organization').select('id').where('id', '=', input.organizationId).executeTakeFirst()
      : undefined;
    if (!org) throw notFound(AREA, 'organization');
    const content = await validate(tx, input);
    const base = key ?? slugOf(content.name.fi ?? content.name.sv ?? '');
    let finalKey = base;
    for (
      let n = 2;
      await tx.selectFrom('working_model').select('id').where('key', '=', finalKey).executeTakeFirst();
      n++
    )
      finalKey = `${base}-${n}`;
    const id = newId();
    await tx
      .insertInto('working_model')
      .values({
        id,
        key: finalKey,
        organization_id: input.organizationId,
        draft: JSON.stringify(content),
        published: null,
        updated_by: ctx.actor.name,
        ...besideOf(input),
      })
      .execute();
    await writeBeside(tx, id, {
      ...input,
      ownerIds: input.ownerIds.includes(ctx.actor.personId) ? input.ownerIds : [...input.ownerIds, ctx.actor.personId],
    });
    await audit(tx, ctx, {
      action: 'working_model.created',
      objectType: 'working_model',
      objectId: id,
      organizationId: input.organizationId,
      after: { key: finalKey, name: content.name, public: input.public },
    });
    return { id, key: finalKey };
  });
}

/** Saves the draft and what is kept beside it. The published version stays as it is until published again. */
export async function saveDraft(
  db: Kysely<DB>,
  ctx: AuditContext,
  modelId: string,
  input: Omit<WorkingModelInput, 'organizationId'>,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = UUID_RE.test(modelId)
      ? await tx.selectFrom('working_model').selectAll().where('id', '=', modelId).forUpdate().executeTakeFirst()
      : undefined;
    if (!before) throw notFound(AREA, 'model');
    authorizeKeep(ctx.actor, (await keepersOf(tx, modelId))!);
    const full = { ...input, organizationId: before.organization_id };
    // An owner who removes every owner would lock everyone but the organisation out: they stay an owner.
    if (!full.ownerIds.filter(Boolean).length) full.ownerIds = [ctx.actor!.personId];
    const content = await validate(tx, full);
    await tx
      .updateTable('working_model')
      .set({ draft: JSON.stringify(content), updated_at: new Date(), updated_by: ctx.actor!.name, ...besideOf(full) })
      .where('id', '=', modelId)
      .execute();
    await writeBeside(tx, modelId, full);
    await audit(tx, ctx, {
      action: 'working_model.draft_saved',
      objectType: 'working_model',
      objectId: modelId,
      organizationId: before.organization_id,
      before: { draft: before.draft, public: before.public, review_due: before.review_due },
      after: { draft: content, public: full.public, review_due: full.reviewDue || null },
    });
  });
}

/**
 * Publishes the draft as the next version. Finnish and Swedish are equal: a published model has its name and
 * summary in both (English is welcome, not required).
 */
export async function publishModel(db: Kysely<DB>, ctx: AuditContext, modelId: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const m = UUID_RE.test(modelId)
      ? await tx.selectFrom('working_model').selectAll().where('id', '=', modelId).forUpdate().executeTakeFirst()
      : undefined;
    if (!m) throw notFound(AREA, 'model');
    authorizeKeep(ctx.actor, (await keepersOf(tx, modelId))!);
    const draft = m.draft as WorkingModelContent;
    const p = new Problems(AREA);
    for (const f of ['name', 'summary', 'steps'] as const)
      for (const l of ['fi', 'sv'] as const) if (!draft[f]?.[l]) p.add(`publish_needs_${f}`, `${f}.${l}`);
    p.throwIfAny();
    if (m.published && JSON.stringify(m.published) === JSON.stringify(draft))
      throw conflict(AREA, 'nothing_to_publish');
    const version = m.version + 1;
    const at = new Date();
    await tx
      .insertInto('working_model_version')
      .values({
        model_id: modelId,
        version,
        content: JSON.stringify(draft),
        published_at: at,
        published_by: ctx.actor!.name,
      })
      .execute();
    await tx
      .updateTable('working_model')
      .set({ published: JSON.stringify(draft), version, published_at: at, updated_at: at, updated_by: ctx.actor!.name })
      .where('id', '=', modelId)
      .execute();
    await audit(tx, ctx, {
      action: 'working_model.published',
      objectType: 'working_model',
      objectId: modelId,
      organizationId: m.organization_id,
      before: { version: m.version },
      after: { version },
    });
    return version;
  });
}
