/**
 * Onboarding paths (issue 16): a team lead builds a path for a new member of the team — the working models to
 * read, the people to meet (from the professional directory), the services to know, and tasks of their own —
 * the new member ticks items off, the lead sees progress. Signed-in professionals only: a path is seen by its
 * member and the team's leads (and the team organisation's admins and the system admins); nobody else.
 * Each change is authorised here and audited in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OnboardingItemKind } from '../../db/schema.workingModels.js';
import { ForbiddenError, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { invalid, notFound, Problems } from '../shared/errors.js';
import { newId, UUID_RE } from '../shared/ids.js';
import type { Translated } from '../shared/lang.js';
import { listModels } from '../workingModels/queries.js';

type Db = Kysely<DB> | Transaction<DB>;
const AREA = 'workingModels';
const KINDS: readonly OnboardingItemKind[] = ['working_model', 'person', 'service', 'task'];
const MAX_NOTE = 1000;

interface TeamRow {
  id: string;
  organization_id: string;
  name: Translated;
}

async function team(db: Db, teamId: string): Promise<TeamRow> {
  const t = UUID_RE.test(teamId)
    ? await db.selectFrom('team').select(['id', 'organization_id', 'name']).where('id', '=', teamId).executeTakeFirst()
    : undefined;
  if (!t) throw notFound(AREA, 'team');
  return { ...t, name: t.name as Translated };
}

/** Leads the team: its lead, an admin of the organisation that owns it, or a system admin. */
export function leadsTeam(actor: Actor | null | undefined, t: { id: string; organization_id: string }): boolean {
  if (!actor) return false;
  if (actor.systemRole === 'admin') return true;
  if (actor.teams.some((x) => x.teamId === t.id && x.role === 'lead')) return true;
  return actor.memberships.some((m) => m.organizationId === t.organization_id && m.role === 'org_admin');
}

function authorizeLead(actor: Actor | null | undefined, t: TeamRow): asserts actor is Actor {
  if (!leadsTeam(actor, t))
    throw new ForbiddenError('onboarding.manage', { teamId: t.id, organizationId: t.organization_id });
}

async function pathRow(db: Db, pathId: string) {
  const p = UUID_RE.test(pathId)
    ? await db.selectFrom('onboarding_path').selectAll().where('id', '=', pathId).executeTakeFirst()
    : undefined;
  if (!p) throw notFound(AREA, 'path');
  return p;
}

/** The member may see their path, and the team's leads; anyone else is refused. */
async function authorizeSee(db: Db, actor: Actor | null | undefined, p: { person_id: string; team_id: string }) {
  const t = await team(db, p.team_id);
  if (actor?.personId === p.person_id) return { team: t, lead: leadsTeam(actor, t) };
  authorizeLead(actor, t);
  return { team: t, lead: true };
}

/** A lead starts a path for a member of the team (one path per member and team). */
export async function createPath(db: Kysely<DB>, ctx: AuditContext, teamId: string, personId: string) {
  return db.transaction().execute(async (tx) => {
    const t = await team(tx, teamId);
    authorizeLead(ctx.actor, t);
    const member = UUID_RE.test(personId)
      ? await tx
          .selectFrom('team_membership')
          .select('person_id')
          .where('team_id', '=', teamId)
          .where('person_id', '=', personId)
          .executeTakeFirst()
      : undefined;
    if (!member) throw invalid(AREA, 'not_a_member', 'person');
    const existing = await tx
      .selectFrom('onboarding_path')
      .select('id')
      .where('team_id', '=', teamId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (existing) return existing.id;
    const id = newId();
    await tx
      .insertInto('onboarding_path')
      .values({ id, team_id: teamId, person_id: personId, created_by: ctx.actor.personId })
      .execute();
    await audit(tx, ctx, {
      action: 'onboarding.path_created',
      objectType: 'onboarding_path',
      objectId: id,
      organizationId: t.organization_id,
      after: { team: teamId, person: personId },
    });
    return id;
  });
}

export interface ItemInput {
  kind: string;
  ref: string; // the working model's, person's or service's id ('' for a task)
  note: string;
}

/** A lead adds an item: a working model, a person of the directory, a service, or a task in words. */
export async function addItem(db: Kysely<DB>, ctx: AuditContext, pathId: string, input: ItemInput): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const p = await pathRow(tx, pathId);
    const t = await team(tx, p.team_id);
    authorizeLead(ctx.actor, t);
    const problems = new Problems(AREA);
    const kind = input.kind as OnboardingItemKind;
    const note = input.note.trim();
    if (!KINDS.includes(kind)) problems.add('kind_invalid', 'kind');
    if (note.length > MAX_NOTE) problems.add('note_too_long', 'note');
    if (kind === 'task' && !note) problems.add('task_needs_note', 'note');
    const ref = input.ref.trim();
    if (kind !== 'task' && KINDS.includes(kind)) {
      const table = kind === 'working_model' ? 'working_model' : kind === 'person' ? 'person' : 'service';
      const found = UUID_RE.test(ref)
        ? await tx.selectFrom(table).select('id').where('id', '=', ref).executeTakeFirst()
        : undefined;
      if (!found) problems.add(`${kind}_required`, kind);
    }
    problems.throwIfAny();
    const last = await tx
      .selectFrom('onboarding_item')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('path_id', '=', pathId)
      .executeTakeFirst();
    const id = newId();
    const row = {
      id,
      path_id: pathId,
      kind,
      working_model_id: kind === 'working_model' ? ref : null,
      person_id: kind === 'person' ? ref : null,
      service_id: kind === 'service' ? ref : null,
      note,
      position: Number(last?.max ?? -1) + 1,
    };
    await tx.insertInto('onboarding_item').values(row).execute();
    await tx.updateTable('onboarding_path').set({ updated_at: new Date() }).where('id', '=', pathId).execute();
    await audit(tx, ctx, {
      action: 'onboarding.item_added',
      objectType: 'onboarding_item',
      objectId: id,
      organizationId: t.organization_id,
      after: { path: pathId, kind, ref: ref || null, note },
    });
    return id;
  });
}

export async function removeItem(db: Kysely<DB>, ctx: AuditContext, itemId: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const item = UUID_RE.test(itemId)
      ? await tx.selectFrom('onboarding_item').selectAll().where('id', '=', itemId).executeTakeFirst()
      : undefined;
    if (!item) throw notFound(AREA, 'item');
    const p = await pathRow(tx, item.path_id);
    const t = await team(tx, p.team_id);
    authorizeLead(ctx.actor, t);
    await tx.deleteFrom('onboarding_item').where('id', '=', itemId).execute();
    await audit(tx, ctx, {
      action: 'onboarding.item_removed',
      objectType: 'onboarding_item',
      objectId: itemId,
      organizationId: t.organization_id,
      before: { path: p.id, kind: item.kind, note: item.note },
    });
    return p.id;
  });
}

/** The new member ticks an item off (or back on). Only the member: a lead sees progress, it is not theirs to tick. */
export async function markItem(db: Kysely<DB>, ctx: AuditContext, itemId: string, done: boolean): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const item = UUID_RE.test(itemId)
      ? await tx.selectFrom('onboarding_item').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst()
      : undefined;
    if (!item) throw notFound(AREA, 'item');
    const p = await pathRow(tx, item.path_id);
    const t = await team(tx, p.team_id);
    if (ctx.actor?.personId !== p.person_id)
      throw new ForbiddenError('onboarding.manage', { teamId: t.id, organizationId: t.organization_id });
    if (!!item.done_at === done) return p.id;
    await tx
      .updateTable('onboarding_item')
      .set({ done_at: done ? new Date() : null })
      .where('id', '=', itemId)
      .execute();
    await tx.updateTable('onboarding_path').set({ updated_at: new Date() }).where('id', '=', p.id).execute();
    await audit(tx, ctx, {
      action: done ? 'onboarding.item_done' : 'onboarding.item_undone',
      objectType: 'onboarding_item',
      objectId: itemId,
      organizationId: t.organization_id,
      details: { path: p.id },
    });
    return p.id;
  });
}

export interface PathItem {
  id: string;
  kind: OnboardingItemKind;
  note: string;
  done: boolean;
  doneAt: Date | null;
  workingModel: { id: string; key: string; name: Translated } | null;
  person: { id: string; name: string; title: Translated; email: string; phone: string | null } | null;
  service: { id: string; name: Translated } | null;
}

export interface PathDetail {
  id: string;
  team: { id: string; name: Translated };
  person: { id: string; name: string };
  items: PathItem[];
  done: number;
  total: number;
  /** The reader leads the team (adds and removes items). */
  lead: boolean;
  /** The reader is the member (ticks items). */
  mine: boolean;
}

async function itemsOf(db: Db, pathIds: string[]) {
  if (!pathIds.length) return [];
  return db
    .selectFrom('onboarding_item as i')
    .leftJoin('working_model as m', 'm.id', 'i.working_model_id')
    .leftJoin('person as p', 'p.id', 'i.person_id')
    .leftJoin('service as s', 's.id', 'i.service_id')
    .select([
      'i.id',
      'i.path_id',
      'i.kind',
      'i.note',
      'i.done_at',
      'm.id as model_id',
      'm.key as model_key',
      'm.published as model_published',
      'm.draft as model_draft',
      'p.id as person_id',
      'p.name as person_name',
      'p.title as person_title',
      'p.email as person_email',
      'p.phone as person_phone',
      's.id as service_id',
      's.name as service_name',
    ])
    .where('i.path_id', 'in', pathIds)
    .orderBy('i.position')
    .orderBy('i.created_at')
    .execute();
}

/** One path, for its member or the team's leads (read audited: it says what a person is learning at work). */
export async function pathDetail(db: Kysely<DB>, ctx: AuditContext, pathId: string): Promise<PathDetail> {
  const p = await pathRow(db, pathId);
  const { team: t, lead } = await authorizeSee(db, ctx.actor, p);
  const [person, rows] = await Promise.all([
    db.selectFrom('person').select(['id', 'name']).where('id', '=', p.person_id).executeTakeFirstOrThrow(),
    itemsOf(db, [p.id]),
  ]);
  if (ctx.actor!.personId !== p.person_id)
    await audit(db, ctx, {
      action: 'onboarding.path_read',
      objectType: 'onboarding_path',
      objectId: p.id,
      organizationId: t.organization_id,
    });
  const items: PathItem[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    note: r.note,
    done: !!r.done_at,
    doneAt: r.done_at,
    workingModel: r.model_id
      ? {
          id: r.model_id,
          key: r.model_key!,
          name: ((r.model_published ?? r.model_draft) as { name: Translated }).name,
        }
      : null,
    person: r.person_id
      ? {
          id: r.person_id,
          name: r.person_name!,
          title: r.person_title as Translated,
          email: r.person_email!,
          phone: r.person_phone,
        }
      : null,
    service: r.service_id ? { id: r.service_id, name: r.service_name as Translated } : null,
  }));
  return {
    id: p.id,
    team: { id: t.id, name: t.name },
    person,
    items,
    done: items.filter((i) => i.done).length,
    total: items.length,
    lead,
    mine: ctx.actor!.personId === p.person_id,
  };
}

export interface TeamOnboarding {
  team: { id: string; name: Translated; organizationId: string };
  members: {
    id: string;
    name: string;
    role: 'member' | 'lead';
    path: { id: string; done: number; total: number } | null;
  }[];
}

/** The actor's own paths, and for each team they lead its members with their progress. */
export async function onboardingOverview(
  db: Kysely<DB>,
  actor: Actor,
): Promise<{ mine: (PathDetail & { teamName: Translated })[]; teams: TeamOnboarding[] }> {
  const own = await db.selectFrom('onboarding_path').select('id').where('person_id', '=', actor.personId).execute();
  const mine = [];
  for (const p of own) {
    const d = await pathDetail(db, { actor }, p.id);
    mine.push({ ...d, teamName: d.team.name });
  }
  const led = await db
    .selectFrom('team')
    .select(['id', 'organization_id', 'name'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('team_membership')
            .whereRef('team_membership.team_id', '=', 'team.id')
            .where('team_membership.person_id', '=', actor.personId)
            .where('team_membership.role', '=', 'lead')
            .select('team_membership.team_id'),
        ),
        ...(actor.systemRole === 'admin' ? [eb.val(true)] : []),
        eb(
          'organization_id',
          'in',
          actor.memberships
            .filter((m) => m.role === 'org_admin')
            .map((m) => m.organizationId)
            .concat(['00000000-0000-0000-0000-000000000000']),
        ),
      ]),
    )
    .orderBy('id')
    .execute();
  const teams: TeamOnboarding[] = [];
  for (const t of led) teams.push(await teamOnboarding(db, actor, t.id));
  return { mine, teams };
}

/** A team's members and the progress of their paths: for the team's leads. */
export async function teamOnboarding(db: Kysely<DB>, actor: Actor | null, teamId: string): Promise<TeamOnboarding> {
  const t = await team(db, teamId);
  authorizeLead(actor, t);
  const [members, paths] = await Promise.all([
    db
      .selectFrom('team_membership as tm')
      .innerJoin('person as p', 'p.id', 'tm.person_id')
      .select(['p.id', 'p.name', 'tm.role'])
      .where('tm.team_id', '=', teamId)
      .where('p.status', '=', 'active')
      .orderBy('p.name')
      .execute(),
    db.selectFrom('onboarding_path').select(['id', 'person_id']).where('team_id', '=', teamId).execute(),
  ]);
  const items = await itemsOf(
    db,
    paths.map((p) => p.id),
  );
  return {
    team: { id: t.id, name: t.name, organizationId: t.organization_id },
    members: members.map((m) => {
      const path = paths.find((p) => p.person_id === m.id);
      const mine = items.filter((i) => i.path_id === path?.id);
      return {
        id: m.id,
        name: m.name,
        role: m.role,
        path: path ? { id: path.id, done: mine.filter((i) => i.done_at).length, total: mine.length } : null,
      };
    }),
  };
}

/** What a lead may add: published working models, people of the directory, services. */
export async function itemChoices(db: Kysely<DB>, actor: Actor) {
  const [models, people, services] = await Promise.all([
    listModels(db, actor),
    db
      .selectFrom('person')
      .select(['id', 'name'])
      .where('status', '=', 'active')
      .where((eb) =>
        eb.exists(eb.selectFrom('membership').whereRef('membership.person_id', '=', 'person.id').select('person_id')),
      )
      .orderBy('name')
      .execute(),
    db.selectFrom('service').select(['id', 'name']).where('status', '=', 'active').orderBy('key').limit(500).execute(),
  ]);
  return {
    models: models.filter((m) => m.published).map((m) => ({ id: m.id, name: m.content.name })),
    people,
    services: services.map((s) => ({ id: s.id, name: s.name as Translated })),
  };
}
