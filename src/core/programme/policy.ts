/**
 * Who may change a plan. Everyone may read the programme (it is public). A plan is kept by the municipalities it
 * covers: its representatives are the editors and organisation admins of an organisation of type 'municipality'
 * whose municipality_code is one of the plan's municipalities (Hanko's editors keep Hanko's plan, not
 * Raasepori's). Coordinators (and admins) may change every plan. A wellbeing services county, an NGO or a parish
 * does not keep a municipality's plan, even when it serves there.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, ForbiddenError, SYSTEM_ROLE_PERMISSIONS, type Actor } from '../access/permissions.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The organisations that represent these municipalities (type 'municipality'), by code. */
export async function representativeOrganizations(
  db: Db,
  codes: string[],
): Promise<{ id: string; municipalityCode: string }[]> {
  if (!codes.length) return [];
  const rows = await db
    .selectFrom('organization')
    .select(['id', 'municipality_code'])
    .where('type', '=', 'municipality')
    .where('municipality_code', 'in', codes)
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ id: r.id, municipalityCode: r.municipality_code! }));
}

const everywhere = (actor: Actor | null | undefined) =>
  !!actor?.systemRole && SYSTEM_ROLE_PERMISSIONS[actor.systemRole].includes('programme.edit');

/** May the actor change a plan whose representative organisations are these? (Pure: the decision table.) */
export function canEditPlanWith(actor: Actor | null | undefined, representatives: { id: string }[]): boolean {
  if (!actor) return false;
  if (everywhere(actor)) return true;
  return representatives.some((o) => can(actor, 'programme.edit', { organizationId: o.id }));
}

/** May the actor change the plan of these municipalities? */
export async function canEditPlan(
  db: Db,
  actor: Actor | null | undefined,
  municipalityCodes: string[],
): Promise<boolean> {
  if (!actor) return false;
  if (everywhere(actor)) return true;
  return canEditPlanWith(actor, await representativeOrganizations(db, municipalityCodes));
}

/**
 * Throws ForbiddenError unless the actor may change the plan; returns the organisation the change is recorded
 * under in the audit log (the first representative, so the municipality's admins see it), or null.
 */
export async function authorizePlanEdit(
  db: Db,
  actor: Actor | null | undefined,
  municipalityCodes: string[],
): Promise<{ actor: Actor; organizationId: string | null }> {
  const reps = await representativeOrganizations(db, municipalityCodes);
  const own = actor ? reps.find((o) => can(actor, 'programme.edit', { organizationId: o.id })) : undefined;
  if (!actor || !canEditPlanWith(actor, reps))
    throw new ForbiddenError('programme.edit', { organizationId: reps[0]?.id ?? null });
  return { actor, organizationId: own?.id ?? reps[0]?.id ?? null };
}

/** The municipalities whose plans the actor may change: 'all', or their codes (possibly none). */
export async function editableMunicipalities(db: Db, actor: Actor | null | undefined): Promise<'all' | string[]> {
  if (!actor) return [];
  if (everywhere(actor)) return 'all';
  const orgIds = actor.memberships
    .filter((m) => can(actor, 'programme.edit', { organizationId: m.organizationId }))
    .map((m) => m.organizationId);
  if (!orgIds.length) return [];
  const rows = await db
    .selectFrom('organization')
    .select('municipality_code')
    .where('type', '=', 'municipality')
    .where('id', 'in', orgIds)
    .where('municipality_code', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.municipality_code!))].sort();
}

/** Does the actor keep any plan (the workspace shows them the programme card)? */
export async function canEditAnyPlan(db: Db, actor: Actor | null | undefined): Promise<boolean> {
  const where = await editableMunicipalities(db, actor);
  return where === 'all' || where.length > 0;
}
