/** Reads a person's roles into an Actor (once per request). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from './permissions.js';

export async function loadActor(db: Kysely<DB>, personId: string): Promise<Actor | null> {
  const p = await db
    .selectFrom('person')
    .select(['id', 'name', 'email', 'system_role', 'status'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!p || p.status !== 'active') return null;
  const [memberships, teams] = await Promise.all([
    db.selectFrom('membership').select(['organization_id', 'role']).where('person_id', '=', personId).execute(),
    db
      .selectFrom('team_membership')
      .innerJoin('team', 'team.id', 'team_membership.team_id')
      .select(['team.id', 'team.organization_id', 'team_membership.role'])
      .where('team_membership.person_id', '=', personId)
      .execute(),
  ]);
  return {
    personId: p.id,
    name: p.name,
    email: p.email,
    systemRole: p.system_role,
    memberships: memberships.map((m) => ({ organizationId: m.organization_id, role: m.role })),
    teams: teams.map((t) => ({ teamId: t.id, organizationId: t.organization_id, role: t.role })),
  };
}
