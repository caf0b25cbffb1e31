/** What leaves the server as JSON about the signed-in person: the session (GET /api/v1/session). */
import type { Actor } from '../access/permissions.js';

export function presentSession(actor: Actor | null, csrfToken: string) {
  return {
    signed_in: Boolean(actor),
    csrf_token: csrfToken,
    person: actor
      ? {
          id: actor.personId,
          name: actor.name,
          email: actor.email,
          system_role: actor.systemRole,
          memberships: actor.memberships.map((m) => ({ organization_id: m.organizationId, role: m.role })),
          teams: actor.teams.map((t) => ({ team_id: t.teamId, organization_id: t.organizationId, role: t.role })),
        }
      : null,
  };
}
