/** What a signed-in person sees of themselves: their organisations and teams with names and roles. */
import type { Translated } from '../shared/lang.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from './permissions.js';

export interface ActorProfile {
  organizations: { id: string; name: Translated; role: string }[];
  teams: { id: string; name: Translated; organizationName: Translated; role: string }[];
}

export async function actorProfile(db: Kysely<DB>, actor: Actor): Promise<ActorProfile> {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  const teamIds = actor.teams.map((t) => t.teamId);
  const [orgs, teams] = await Promise.all([
    orgIds.length ? db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    teamIds.length
      ? db
          .selectFrom('team')
          .innerJoin('organization', 'organization.id', 'team.organization_id')
          .select(['team.id', 'team.name', 'organization.name as org_name'])
          .where('team.id', 'in', teamIds)
          .execute()
      : [],
  ]);
  return {
    organizations: actor.memberships.map((m) => ({
      id: m.organizationId,
      name: orgs.find((o) => o.id === m.organizationId)?.name ?? {},
      role: m.role,
    })),
    teams: actor.teams.map((t) => {
      const row = teams.find((x) => x.id === t.teamId);
      return { id: t.teamId, name: row?.name ?? {}, organizationName: row?.org_name ?? {}, role: t.role };
    }),
  };
}
