/**
 * Who may read and handle a case: only members of the team that holds it (team roles grant concern.handle and
 * referral.receive). System roles are not enough: an administrator or a coordinator sees counts, never contents —
 * so these checks read the actor's team memberships and nothing else.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ForbiddenError, TEAM_ROLE_PERMISSIONS, can, type Actor, type Permission } from '../access/permissions.js';
import { DomainError } from '../shared/errors.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** True when the actor holds a team role in `teamId` that grants the permission. */
export function teamGrants(actor: Actor | null | undefined, permission: Permission, teamId: string | null): boolean {
  if (!actor || !teamId) return false;
  return actor.teams.some((t) => t.teamId === teamId && TEAM_ROLE_PERMISSIONS[t.role].includes(permission));
}

/** Throws ForbiddenError (403, audited) unless the actor is a member of the team with the permission. */
export function authorizeTeam(
  actor: Actor | null | undefined,
  permission: Permission,
  team: { id: string | null; organizationId?: string | null },
): asserts actor is Actor {
  if (!actor) throw new DomainError('unauthenticated', 'sign_in_required');
  if (!teamGrants(actor, permission, team.id))
    throw new ForbiddenError(permission, { teamId: team.id, organizationId: team.organizationId ?? null });
}

/** The teams where the actor may handle concerns. */
export function handlingTeams(actor: Actor): string[] {
  return actor.teams.filter((t) => TEAM_ROLE_PERMISSIONS[t.role].includes('concern.handle')).map((t) => t.teamId);
}

/** The teams where the actor receives referrals. */
export function receivingTeams(actor: Actor): string[] {
  return actor.teams.filter((t) => TEAM_ROLE_PERMISSIONS[t.role].includes('referral.receive')).map((t) => t.teamId);
}

/** A team's settings may be changed by its lead, an org admin of its organisation, or a coordinator. */
export function canSetUpTeam(actor: Actor | null | undefined, team: { id: string; organizationId: string }): boolean {
  return (
    can(actor, 'concern.settings', { teamId: team.id }) ||
    can(actor, 'concern.settings', { organizationId: team.organizationId })
  );
}

export async function teamOf(db: Db, teamId: string) {
  return db
    .selectFrom('team')
    .select(['id', 'organization_id as organizationId', 'name'])
    .where('id', '=', teamId)
    .executeTakeFirst();
}

/** Runs `fn` in the given transaction, or in a new one: a change and its audit entry commit together. */
export function inTransaction<T>(db: Db, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
