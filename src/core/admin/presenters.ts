/**
 * What administration and the audit log send out as JSON: snake_case fields, translated names whole ({fi, sv, en}:
 * an administrator manages every language), times as ISO 8601. The JSON routes' response schemas describe these.
 */
import type { AuditRow } from '../audit/auditLog.js';
import type { OrganizationDetail, OrganizationSummary } from './organizations.js';
import type { PersonDetail, PersonSummary } from './people.js';
import type { TeamDetail, TeamSummary } from './teams.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** One page of a longer list. */
export const presentPage = <R, T>(
  r: { rows: R[]; total: number; page: number; perPage: number },
  item: (row: R) => T,
) => ({ total: r.total, page: r.page, per_page: r.perPage, items: r.rows.map(item) });

export const presentOrganization = (o: OrganizationSummary) => ({
  id: o.id,
  key: o.key,
  name: o.name,
  type: o.type,
  municipality_code: o.municipalityCode,
  source: o.source,
  publish_needs_second_person: o.publishNeedsSecondPerson,
  people_count: o.people,
  team_count: o.teams,
});

export const presentOrganizationDetail = (o: OrganizationDetail) => ({
  ...presentOrganization(o),
  version: o.version,
  people: o.members.map((m) => ({
    person_id: m.personId,
    name: m.name,
    email: m.email,
    role: m.role,
    status: m.status,
  })),
  teams: o.teamList.map((t) => ({ id: t.id, name: t.name, member_count: t.members })),
});

export const presentTeam = (t: TeamSummary) => ({
  id: t.id,
  organization_id: t.organizationId,
  organization_name: t.organizationName,
  name: t.name,
  description: t.description,
  member_count: t.members,
});

export const presentTeamDetail = (t: TeamDetail) => ({
  ...presentTeam(t),
  members: t.memberList.map((m) => ({
    person_id: m.personId,
    name: m.name,
    email: m.email,
    role: m.role,
    status: m.status,
  })),
});

export const presentMemberships = (p: PersonSummary) =>
  p.memberships.map((m) => ({
    organization_id: m.organizationId,
    organization_name: m.organizationName,
    role: m.role,
  }));

export const presentPerson = (p: PersonSummary) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  system_role: p.systemRole,
  status: p.status,
  invitation_pending: p.invitationPending,
  last_sign_in_at: iso(p.lastSignInAt),
  memberships: presentMemberships(p),
});

export const presentPersonDetail = (p: PersonDetail) => ({
  ...presentPerson(p),
  title: p.title,
  phone: p.phone,
  languages: p.languages,
  created_at: iso(p.createdAt)!,
  teams: p.teams.map((t) => ({
    team_id: t.teamId,
    name: t.name,
    organization_id: t.organizationId,
    organization_name: t.organizationName,
    role: t.role,
  })),
});

export const presentAuditEntry = (x: AuditRow) => ({
  id: x.id,
  at: iso(x.at)!,
  actor_id: x.actorId,
  actor_name: x.actorName,
  action: x.action,
  outcome: x.outcome,
  object_type: x.objectType,
  object_id: x.objectId,
  organization_id: x.organizationId,
  before: x.before ?? null,
  after: x.after ?? null,
  details: x.details ?? {},
  ip: x.ip,
});
