/**
 * Who works on a municipality's assessments: the people holding 'child_impact.edit' in the municipality's own
 * organisation (type 'municipality': its editors and organisation admins), and system admins. They are the
 * assessment's team: they alone see drafts, unpublished assessments, comments, versions and the free text children
 * wrote. Everyone else (another municipality's official, a coordinator, the public) sees only what is published.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, can, organizationsWhere, type Actor } from '../access/permissions.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface MunicipalityOrg {
  id: string;
  municipalityCode: string;
  name: { fi?: string; sv?: string; en?: string };
}

/** The municipality organisations whose assessments the actor works on (possibly none). */
export async function teamOrganizations(db: Db, actor: Actor | null | undefined): Promise<MunicipalityOrg[]> {
  if (!actor) return [];
  const where = organizationsWhere(actor, 'child_impact.edit');
  if (where !== 'all' && !where.length) return [];
  let q = db
    .selectFrom('organization')
    .select(['id', 'municipality_code', 'name'])
    .where('type', '=', 'municipality')
    .where('municipality_code', 'is not', null);
  if (where !== 'all') q = q.where('id', 'in', where);
  const rows = await q.orderBy('key').execute();
  return rows.map((r) => ({ id: r.id, municipalityCode: r.municipality_code!, name: r.name }));
}

export const isTeam = (actor: Actor | null | undefined, organizationId: string) =>
  can(actor, 'child_impact.edit', { organizationId });

/** Throws ForbiddenError unless the actor is on the team of this municipality organisation. */
export function authorizeTeam(actor: Actor | null | undefined, organizationId: string): asserts actor is Actor {
  authorize(actor, 'child_impact.edit', { organizationId });
}

/** The municipality organisation of a municipality (the one that keeps its assessments and UNICEF status). */
export async function municipalityOrganization(db: Db, code: string): Promise<MunicipalityOrg | null> {
  const r = await db
    .selectFrom('organization')
    .select(['id', 'municipality_code', 'name'])
    .where('type', '=', 'municipality')
    .where('municipality_code', '=', code)
    .orderBy('key')
    .executeTakeFirst();
  return r ? { id: r.id, municipalityCode: r.municipality_code!, name: r.name } : null;
}
