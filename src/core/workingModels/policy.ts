/**
 * Who may keep a working model: its organisation's editors and admins, the lead of its team, the people named as
 * its owners, and the region's coordinators (and admins). Who may read it: everyone once it is published and its
 * organisation chose to make it public; every signed-in professional of the network once it is published; its
 * editors always (the draft too).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, ForbiddenError, type Actor } from '../access/permissions.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface ModelKeepers {
  organizationId: string;
  teamId: string | null;
  ownerIds: string[];
}

/** The decision table (pure). */
export function canKeepModel(actor: Actor | null | undefined, m: ModelKeepers): boolean {
  if (!actor) return false;
  if (actor.systemRole === 'admin' || actor.systemRole === 'coordinator') return true;
  if (actor.memberships.some((x) => x.organizationId === m.organizationId && x.role !== 'member')) return true;
  if (m.teamId && actor.teams.some((t) => t.teamId === m.teamId && t.role === 'lead')) return true;
  return m.ownerIds.includes(actor.personId);
}

/** May the actor start a model for this organisation? Its editors and admins, coordinators and admins. */
export function canCreateModelFor(actor: Actor | null | undefined, organizationId: string): boolean {
  return canKeepModel(actor, { organizationId, teamId: null, ownerIds: [] });
}

export async function keepersOf(db: Db, modelId: string): Promise<ModelKeepers | null> {
  const m = await db
    .selectFrom('working_model')
    .select(['organization_id', 'team_id'])
    .where('id', '=', modelId)
    .executeTakeFirst();
  if (!m) return null;
  const owners = await db
    .selectFrom('working_model_person')
    .select('person_id')
    .where('model_id', '=', modelId)
    .where('role', '=', 'owner')
    .execute();
  return { organizationId: m.organization_id, teamId: m.team_id, ownerIds: owners.map((o) => o.person_id) };
}

export function authorizeKeep(actor: Actor | null | undefined, m: ModelKeepers): asserts actor is Actor {
  if (!canKeepModel(actor, m)) throw new ForbiddenError('working_model.edit', { organizationId: m.organizationId });
}

/** Signed-in professionals of the network see the models that are not public. */
export const isProfessional = (actor: Actor | null | undefined) => can(actor, 'network.read');
