/**
 * Who may do what. A person acts as an Actor: their system role (admin, coordinator) and their roles in
 * organisations and teams. Permissions are names; each role grants a set of them, scoped to the organisation
 * (or team) where the role is held. Later capabilities add their permission names and grant them to roles
 * here (e.g. "concern.handle" to members of a team), without changing how checks are made.
 */
import type { OrgRole, SystemRole, TeamRole } from '../../db/schema.js';
import { DomainError } from '../shared/errors.js';

export const PERMISSIONS = [
  'network.read', // see the professional directory and network notes (every signed-in professional)
  'service.edit', // create and edit drafts of the organisation's services and places
  'service.publish', // publish a draft (a second person where the organisation requires it)
  'service.review', // confirm "still correct"
  'organization.manage', // the organisation's settings, teams and people
  'audit.read', // read the audit log (of the organisation, or of all with a system role)
  'freshness.read', // see which services have not been reviewed
  'organization.create', // add organisations to the network
  'person.manage_all', // manage every person and system role
  'programme.edit', // keep a municipality's LAPE plan up to date (in a municipality organisation: its own plan)
  'programme.import', // import plan documents (the command line imports as the system)
  'concern.handle', // read and handle the concerns and cases the team holds (team members)
  'concern.settings', // a concern team's routing, target and meeting day (team leads, org admins, coordinators)
  'concern.stats', // counts of concerns and cases per team, never their contents (coordinators)
  'referral.receive', // read and answer the referrals sent to the team (team members)
  'working_model.edit', // keep a working model (decided in core/workingModels/policy.ts)
  'onboarding.manage', // build onboarding paths for a team's new members (core/onboarding/policy.ts)
  'guide.edit', // write, publish and review the region's life-event guides (coordinators)
  'question.answer', // read, claim and answer residents' questions routed to one's team (team members)
  'question.routing', // decide which teams answer which questions; see counts of questions (no contents)
  'child_impact.edit', // carry out the municipality's child impact assessments, questionnaires and UNICEF status
  'search.tune', // see what people searched without finding, and add phrases to the search's need vocabulary
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role in an organisation grants, within that organisation. */
export const ORG_ROLE_PERMISSIONS: Record<OrgRole, readonly Permission[]> = {
  member: ['network.read'],
  editor: [
    'network.read',
    'service.edit',
    'service.publish',
    'service.review',
    'freshness.read',
    'programme.edit',
    'child_impact.edit',
  ],
  org_admin: [
    'network.read',
    'service.edit',
    'service.publish',
    'service.review',
    'freshness.read',
    'organization.manage',
    'audit.read',
    'programme.edit',
    'concern.settings',
    'question.routing',
    'child_impact.edit',
  ],
};

/** What each role in a team grants, within the team (later capabilities, e.g. handling concerns, go here). */
export const TEAM_ROLE_PERMISSIONS: Record<TeamRole, readonly Permission[]> = {
  member: ['network.read', 'question.answer', 'concern.handle', 'referral.receive'],
  lead: ['network.read', 'question.answer', 'concern.handle', 'referral.receive', 'concern.settings'],
};

/** What each system role grants everywhere. */
export const SYSTEM_ROLE_PERMISSIONS: Record<SystemRole, readonly Permission[]> = {
  coordinator: [
    'network.read',
    'audit.read',
    'freshness.read',
    'programme.edit',
    'programme.import',
    'concern.settings',
    'concern.stats',
    'guide.edit',
    'question.routing',
    'search.tune',
  ],
  admin: PERMISSIONS,
};

export const ORG_ROLES: readonly OrgRole[] = ['member', 'editor', 'org_admin'];
export const TEAM_ROLES: readonly TeamRole[] = ['member', 'lead'];
export const SYSTEM_ROLES: readonly SystemRole[] = ['coordinator', 'admin'];

export interface Actor {
  personId: string;
  name: string;
  email: string;
  systemRole: SystemRole | null;
  memberships: { organizationId: string; role: OrgRole }[];
  teams: { teamId: string; organizationId: string; role: TeamRole }[];
}

/** Where a check applies: an organisation, a team, or nowhere in particular (network-wide). */
export interface Scope {
  organizationId?: string | null;
  teamId?: string | null;
}

/** A denial: the DomainError of kind forbidden, saying which right was missing (audited by the HTTP layer). */
export class ForbiddenError extends DomainError {
  constructor(
    readonly permission: Permission,
    readonly scope: Scope = {},
  ) {
    super('forbidden', 'forbidden', { messageKey: `error.forbidden.${permission}` });
  }
}

export function can(actor: Actor | null | undefined, permission: Permission, scope: Scope = {}): boolean {
  if (!actor) return false;
  if (actor.systemRole && SYSTEM_ROLE_PERMISSIONS[actor.systemRole].includes(permission)) return true;
  const orgGrants = (m: { role: OrgRole }) => ORG_ROLE_PERMISSIONS[m.role].includes(permission);
  const teamGrants = (t: { role: TeamRole }) => TEAM_ROLE_PERMISSIONS[t.role].includes(permission);
  if (scope.teamId) return actor.teams.some((t) => t.teamId === scope.teamId && teamGrants(t));
  if (scope.organizationId)
    return actor.memberships.some((m) => m.organizationId === scope.organizationId && orgGrants(m));
  // Unscoped: granted if any role the person holds grants it.
  return actor.memberships.some(orgGrants) || actor.teams.some(teamGrants);
}

/** Throws ForbiddenError unless `can`. */
export function authorize(
  actor: Actor | null | undefined,
  permission: Permission,
  scope: Scope = {},
): asserts actor is Actor {
  if (!can(actor, permission, scope)) throw new ForbiddenError(permission, scope);
}

/** The organisations where the actor holds a permission: 'all' for a system role that grants it everywhere. */
export function organizationsWhere(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.systemRole && SYSTEM_ROLE_PERMISSIONS[actor.systemRole].includes(permission)) return 'all';
  return actor.memberships
    .filter((m) => ORG_ROLE_PERMISSIONS[m.role].includes(permission))
    .map((m) => m.organizationId);
}
