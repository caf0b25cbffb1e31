/**
 * Teams: VATU in Askola, a school's pupil welfare group, a municipality's LAPE working group. A team is owned by
 * one organisation, whose administrators manage it; its members may come from any organisation in the network.
 */
import type { Translated, Lang } from '../shared/lang.js';
import { sql, type Kysely } from 'kysely';
import type { DB, TeamRole } from '../../db/schema.js';
import { authorize, organizationsWhere, TEAM_ROLES, type Actor } from '../access/permissions.js';
import { normalizeEmail } from '../accounts/people.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { compareNames } from '../directory/search/sortKey.js';
import { newId } from '../shared/ids.js';
import { pick } from '../shared/translated.js';
import { DomainError, invalid, notFound, Problems } from '../shared/errors.js';
import { AREA, checkId, optionalText, requireName } from './validate.js';

export interface TeamSummary {
  id: string;
  organizationId: string;
  organizationName: Translated;
  name: Translated;
  description: Translated;
  members: number;
}

export interface TeamMember {
  personId: string;
  name: string;
  email: string;
  role: TeamRole;
  status: 'active' | 'disabled';
}
export interface TeamDetail extends TeamSummary {
  memberList: TeamMember[];
}

/** Checks that the actor manages the team's organisation; returns the organisation's id. */
async function authorizeTeam(db: Kysely<DB>, actor: Actor | null, teamId: string): Promise<string> {
  teamId = checkId(teamId, 'team');
  const exists = await db.selectFrom('team').select('organization_id').where('id', '=', teamId).executeTakeFirst();
  if (!exists) {
    authorize(actor, 'organization.manage');
    throw notFound(AREA, 'team');
  }
  authorize(actor, 'organization.manage', { organizationId: exists.organization_id });
  return exists.organization_id;
}

/** Teams of the organisations the actor manages (optionally of one of them), in the reader's alphabet. */
export async function listManagedTeams(
  db: Kysely<DB>,
  actor: Actor,
  lang: Lang,
  o: { organizationId?: string } = {},
): Promise<TeamSummary[]> {
  authorize(actor, 'organization.manage');
  if (o.organizationId)
    authorize(actor, 'organization.manage', { organizationId: checkId(o.organizationId, 'organization') });
  const scope = organizationsWhere(actor, 'organization.manage');
  let q = db
    .selectFrom('team')
    .innerJoin('organization', 'organization.id', 'team.organization_id')
    .select([
      'team.id',
      'team.organization_id',
      'team.name',
      'team.description',
      'organization.name as org_name',
      (eb) =>
        eb
          .selectFrom('team_membership')
          .whereRef('team_membership.team_id', '=', 'team.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('members'),
    ]);
  if (scope !== 'all') {
    if (!scope.length) return [];
    q = q.where('team.organization_id', 'in', scope);
  }
  if (o.organizationId) q = q.where('team.organization_id', '=', o.organizationId.toLowerCase());
  const cmp = compareNames(lang);
  return (await q.execute())
    .map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      organizationName: r.org_name,
      name: r.name,
      description: r.description,
      members: Number(r.members ?? 0),
    }))
    .sort(
      (a, b) =>
        cmp(pick(a.name, lang), pick(b.name, lang)) ||
        cmp(pick(a.organizationName, lang), pick(b.organizationName, lang)),
    );
}

export async function getManagedTeam(db: Kysely<DB>, actor: Actor, teamId: string, lang: Lang): Promise<TeamDetail> {
  await authorizeTeam(db, actor, teamId);
  teamId = teamId.toLowerCase();
  const [team, members] = await Promise.all([
    db
      .selectFrom('team')
      .innerJoin('organization', 'organization.id', 'team.organization_id')
      .select(['team.id', 'team.organization_id', 'team.name', 'team.description', 'organization.name as org_name'])
      .where('team.id', '=', teamId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('team_membership')
      .innerJoin('person', 'person.id', 'team_membership.person_id')
      .select(['person.id', 'person.name', 'person.email', 'person.status', 'team_membership.role'])
      .where('team_membership.team_id', '=', teamId)
      .execute(),
  ]);
  const cmp = compareNames(lang);
  return {
    id: team.id,
    organizationId: team.organization_id,
    organizationName: team.org_name,
    name: team.name,
    description: team.description,
    members: members.length,
    memberList: members
      .map((m) => ({ personId: m.id, name: m.name, email: m.email, role: m.role, status: m.status }))
      .sort((a, b) => cmp(a.name, b.name)),
  };
}

export interface TeamInput {
  name: Translated;
  description?: Translated;
}

export async function createTeam(
  db: Kysely<DB>,
  ctx: AuditContext,
  organizationId: string,
  t: TeamInput,
): Promise<string> {
  const problems = new Problems(AREA);
  if (organizationId) {
    organizationId = checkId(organizationId, 'organization');
    authorize(ctx.actor, 'organization.manage', { organizationId });
  } else {
    authorize(ctx.actor, 'organization.manage');
    problems.add('organization_required', 'organization');
  }
  const name = problems.check(() => requireName(t.name));
  const description = problems.check(() => optionalText(t.description, 'description'));
  problems.throwIfAny();
  const org = await db.selectFrom('organization').select('id').where('id', '=', organizationId).executeTakeFirst();
  if (!org) throw invalid(AREA, 'organization_not_found', 'organization');
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('team')
      .values({
        id,
        organization_id: organizationId,
        name: JSON.stringify(name),
        description: JSON.stringify(description),
      })
      .execute();
    await audit(tx, ctx, {
      action: 'team.create',
      objectType: 'team',
      objectId: id,
      organizationId,
      after: { name, description },
    });
  });
  return id;
}

/** Changes a team's name or description; what is not given stays. */
export async function updateTeam(
  db: Kysely<DB>,
  ctx: AuditContext,
  teamId: string,
  t: Partial<TeamInput>,
): Promise<void> {
  const organizationId = await authorizeTeam(db, ctx.actor, teamId);
  teamId = teamId.toLowerCase();
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('team')
      .select(['name', 'description'])
      .where('id', '=', teamId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'team');
    const name = requireName(t.name ?? before.name);
    const description = optionalText(t.description ?? before.description, 'description');
    await tx
      .updateTable('team')
      .set({ name: JSON.stringify(name), description: JSON.stringify(description), updated_at: sql`now()` })
      .where('id', '=', teamId)
      .execute();
    await audit(tx, ctx, {
      action: 'team.update',
      objectType: 'team',
      objectId: teamId,
      organizationId,
      before,
      after: { name, description },
    });
  });
}

export async function deleteTeam(db: Kysely<DB>, ctx: AuditContext, teamId: string): Promise<void> {
  const organizationId = await authorizeTeam(db, ctx.actor, teamId);
  teamId = teamId.toLowerCase();
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('team')
      .select(['name', 'description'])
      .where('id', '=', teamId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'team');
    const members = await tx
      .selectFrom('team_membership')
      .select(['person_id', 'role'])
      .where('team_id', '=', teamId)
      .execute();
    await tx.deleteFrom('team').where('id', '=', teamId).execute();
    await audit(tx, ctx, {
      action: 'team.delete',
      objectType: 'team',
      objectId: teamId,
      organizationId,
      before: { ...before, members },
    });
  });
}

/** Adds a person to a team or changes their role there. The person is named by id or by e-mail. */
export async function setTeamMember(
  db: Kysely<DB>,
  ctx: AuditContext,
  teamId: string,
  who: { personId?: string; email?: string },
  role: string,
): Promise<string> {
  const organizationId = await authorizeTeam(db, ctx.actor, teamId);
  teamId = teamId.toLowerCase();
  if (!(TEAM_ROLES as readonly string[]).includes(role)) throw invalid(AREA, 'invalid_team_role', 'role');
  let person;
  if (who.personId) {
    person = await db
      .selectFrom('person')
      .select(['id', 'status'])
      .where('id', '=', checkId(who.personId, 'person'))
      .executeTakeFirst();
    if (!person) throw notFound(AREA, 'person');
  } else {
    const email = normalizeEmail(who.email ?? '');
    if (!email) throw invalid(AREA, 'email_required', 'email');
    person = await db
      .selectFrom('person')
      .select(['id', 'status'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    if (!person) throw invalid(AREA, 'no_person_with_email', 'email');
  }
  if (person.status !== 'active')
    throw who.personId
      ? new DomainError('invalid', 'person_disabled', { area: AREA })
      : invalid(AREA, 'person_disabled', 'email');
  const personId = person.id;
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('team_membership')
      .select('role')
      .where('team_id', '=', teamId)
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (before?.role === role) return;
    if (before)
      await tx
        .updateTable('team_membership')
        .set({ role: role as TeamRole })
        .where('team_id', '=', teamId)
        .where('person_id', '=', personId)
        .execute();
    else
      await tx
        .insertInto('team_membership')
        .values({ team_id: teamId, person_id: personId, role: role as TeamRole })
        .execute();
    await audit(tx, ctx, {
      action: before ? 'team_membership.update' : 'team_membership.create',
      objectType: 'person',
      objectId: personId,
      organizationId,
      before: before ? { team_id: teamId, role: before.role } : undefined,
      after: { team_id: teamId, role },
    });
  });
  return personId;
}

export async function removeTeamMember(
  db: Kysely<DB>,
  ctx: AuditContext,
  teamId: string,
  personId: string,
): Promise<void> {
  const organizationId = await authorizeTeam(db, ctx.actor, teamId);
  teamId = teamId.toLowerCase();
  personId = checkId(personId, 'person');
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('team_membership')
      .select('role')
      .where('team_id', '=', teamId)
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(AREA, 'membership');
    await tx.deleteFrom('team_membership').where('team_id', '=', teamId).where('person_id', '=', personId).execute();
    await audit(tx, ctx, {
      action: 'team_membership.delete',
      objectType: 'person',
      objectId: personId,
      organizationId,
      before: { team_id: teamId, role: before.role },
    });
  });
}
