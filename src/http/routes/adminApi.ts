/**
 * JSON API of administration (organisations, teams, people, memberships), the professional directory and the
 * audit log, under /api/v1. The same core functions as the workspace pages, so the API can do exactly what the
 * pages can and nothing more: each authorises itself (ForbiddenError → 403, logged). Write requests need the
 * session cookie and the x-csrf-token header from GET /api/v1/session.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ORG_ROLES, SYSTEM_ROLES, TEAM_ROLES } from '../../core/access/permissions.js';
import { AUDIT_OUTCOMES, auditView } from '../../core/admin/auditView.js';
import { AdminError, AdminErrors } from '../../core/admin/errors.js';
import {
  createOrganization,
  getManagedOrganization,
  listManagedOrganizations,
  updateOrganization,
  updateOrganizationSettings,
  type OrganizationDetail,
  type OrganizationSummary,
} from '../../core/admin/organizations.js';
import {
  getManagedPerson,
  invitePerson,
  listManagedPeople,
  removeMembership,
  resendInvitation,
  setMembership,
  setPersonStatus,
  setSystemRole,
  updatePersonIdentity,
  type PersonDetail,
  type PersonSummary,
} from '../../core/admin/people.js';
import {
  createTeam,
  deleteTeam,
  getManagedTeam,
  listManagedTeams,
  removeTeamMember,
  setTeamMember,
  updateTeam,
  type TeamDetail,
  type TeamSummary,
} from '../../core/admin/teams.js';
import {
  EntryError,
  getDirectoryEntry,
  ownEntry,
  searchDirectory,
  updateOwnEntry,
  type DirectoryEntry,
} from '../../core/people/directory.js';
import { PERSON_LANGUAGES } from '../../core/people/languages.js';
import { ORG_TYPES } from '../../core/directory/vocabulary.js';
import { tFor } from '../../i18n/index.js';
import { auditContext, requireActor } from '../auth.js';
import { errorHandler, notFound, requestLang, signInRequired } from '../errors.js';

const TAG_ADMIN = 'admin';
const TAG_PEOPLE = 'people';
const TAG_AUDIT = 'audit';

const NStr = Type.Union([Type.String(), Type.Null()]);
const Translated = Type.Object(
  { fi: Type.Optional(Type.String()), sv: Type.Optional(Type.String()), en: Type.Optional(Type.String()) },
  { description: 'Text in Finnish, Swedish and English (any may be missing).' },
);
const TranslatedIn = Type.Object(
  {
    fi: Type.Optional(Type.String({ maxLength: 2000 })),
    sv: Type.Optional(Type.String({ maxLength: 2000 })),
    en: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const Uuid = Type.String({ format: 'uuid' });
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const OrgRole = lit(ORG_ROLES);
const TeamRole = lit(TEAM_ROLES);
const SystemRole = lit(SYSTEM_ROLES);
const Lang = lit(['fi', 'sv', 'en'] as const);
const LangQuery = Type.Object({ lang: Type.Optional(Lang) });

const ErrorReply = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  details: Type.Optional(
    Type.Array(
      Type.Object({
        error: Type.Optional(Type.String()),
        field: Type.Optional(Type.String()),
        parameter: Type.Optional(Type.String()),
        message: Type.String(),
      }),
    ),
  ),
});
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

const OrganizationSchema = Type.Object({
  id: Uuid,
  key: Type.String(),
  name: Translated,
  type: Type.String(),
  municipality_code: NStr,
  source: Type.String(),
  publish_needs_second_person: Type.Boolean(),
  people_count: Type.Integer(),
  team_count: Type.Integer(),
});
const OrganizationDetailSchema = Type.Object({
  ...OrganizationSchema.properties,
  people: Type.Array(
    Type.Object({
      person_id: Uuid,
      name: Type.String(),
      email: Type.String(),
      role: Type.String(),
      status: Type.String(),
    }),
  ),
  teams: Type.Array(Type.Object({ id: Uuid, name: Translated, member_count: Type.Integer() })),
});
const TeamSchema = Type.Object({
  id: Uuid,
  organization_id: Uuid,
  organization_name: Translated,
  name: Translated,
  description: Translated,
  member_count: Type.Integer(),
});
const TeamDetailSchema = Type.Object({
  ...TeamSchema.properties,
  members: Type.Array(
    Type.Object({
      person_id: Uuid,
      name: Type.String(),
      email: Type.String(),
      role: Type.String(),
      status: Type.String(),
    }),
  ),
});
const MembershipSchema = Type.Object({ organization_id: Uuid, organization_name: Translated, role: Type.String() });
const PersonSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  system_role: NStr,
  status: Type.String(),
  invitation_pending: Type.Boolean(),
  last_sign_in_at: NStr,
  memberships: Type.Array(MembershipSchema),
});
const PersonDetailSchema = Type.Object({
  ...PersonSchema.properties,
  title: Translated,
  phone: NStr,
  languages: Type.Array(Type.String()),
  created_at: Type.String(),
  teams: Type.Array(
    Type.Object({
      team_id: Uuid,
      name: Translated,
      organization_id: Uuid,
      organization_name: Translated,
      role: Type.String(),
    }),
  ),
});
const DirectoryEntrySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  title: Translated,
  phone: NStr,
  languages: Type.Array(Type.String()),
  organizations: Type.Array(Type.Object({ id: Uuid, name: Translated, role: Type.String() })),
  teams: Type.Array(Type.Object({ id: Uuid, name: Translated, organization_name: Translated, role: Type.String() })),
});
const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer(), items: Type.Array(item) });
const AuditItemSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor_id: NStr,
  actor_name: NStr,
  action: Type.String(),
  outcome: Type.String(),
  object_type: NStr,
  object_id: NStr,
  organization_id: NStr,
  before: Type.Unknown({ description: 'The record before the change (null when it did not exist).' }),
  after: Type.Unknown({ description: 'The record after the change (null when it was removed).' }),
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: NStr,
});
const IdParams = Type.Object({ id: Type.String() });
const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const orgJson = (o: OrganizationSummary) => ({
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
const orgDetailJson = (o: OrganizationDetail) => ({
  ...orgJson(o),
  people: o.members.map((m) => ({
    person_id: m.personId,
    name: m.name,
    email: m.email,
    role: m.role,
    status: m.status,
  })),
  teams: o.teamList.map((t) => ({ id: t.id, name: t.name, member_count: t.members })),
});
const teamJson = (t: TeamSummary) => ({
  id: t.id,
  organization_id: t.organizationId,
  organization_name: t.organizationName,
  name: t.name,
  description: t.description,
  member_count: t.members,
});
const teamDetailJson = (t: TeamDetail) => ({
  ...teamJson(t),
  members: t.memberList.map((m) => ({
    person_id: m.personId,
    name: m.name,
    email: m.email,
    role: m.role,
    status: m.status,
  })),
});
const personJson = (p: PersonSummary) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  system_role: p.systemRole,
  status: p.status,
  invitation_pending: p.invitationPending,
  last_sign_in_at: iso(p.lastSignInAt),
  memberships: p.memberships.map((m) => ({
    organization_id: m.organizationId,
    organization_name: m.organizationName,
    role: m.role,
  })),
});
const personDetailJson = (p: PersonDetail) => ({
  ...personJson(p),
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
const entryJson = (e: DirectoryEntry) => ({
  id: e.id,
  name: e.name,
  email: e.email,
  title: e.title,
  phone: e.phone,
  languages: e.languages,
  organizations: e.organizations,
  teams: e.teams.map((t) => ({ id: t.id, name: t.name, organization_name: t.organizationName, role: t.role })),
});

export async function adminApiRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;

  // A write without a session answers 401 before its body is even validated (a 400 would tell an
  // anonymous caller about the route's schema). The root auth hook does the same later, at preHandler.
  app.addHook('preValidation', async (req) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
    if (!req.actor && !req.routeOptions.config?.public) throw signInRequired();
  });

  app.setErrorHandler(async function (error, req, reply) {
    if (error instanceof AdminError) {
      const t = tFor(requestLang(req));
      const all = error instanceof AdminErrors ? error.all : [error];
      return reply.code(error.status).send({
        error: error.code,
        message: all.map((e) => t(`admin.error.${e.code}`)).join(' '),
        ...(error.field ? { field: error.field } : {}),
        ...(all.length > 1
          ? {
              details: all.map((e) => ({
                error: e.code,
                ...(e.field ? { field: e.field } : {}),
                message: t(`admin.error.${e.code}`),
              })),
            }
          : {}),
      });
    }
    if (error instanceof EntryError) {
      return reply
        .code(400)
        .send({ error: error.code, message: tFor(requestLang(req))(`people.error.${error.code}`), field: error.field });
    }
    return errorHandler.call(this, error as Parameters<typeof errorHandler>[0], req, reply);
  });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // ---- Organisations ----

  app.get(
    '/admin/organizations',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Organisations the caller manages (all, for system administrators)',
        querystring: LangQuery,
        response: { 200: Type.Object({ items: Type.Array(OrganizationSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { items: (await listManagedOrganizations(db, actor, requestLang(req))).map(orgJson) };
    },
  );

  const OrgBody = Type.Object(
    {
      name: TranslatedIn,
      type: lit(ORG_TYPES),
      municipality_code: Type.Optional(Type.Union([Type.String({ maxLength: 3 }), Type.Null()])),
    },
    { additionalProperties: false },
  );

  app.post(
    '/admin/organizations',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Add an organisation (system administrators)',
        body: OrgBody,
        response: { 201: OrganizationDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await createOrganization(db, auditContext(req), {
        name: b.name,
        type: b.type,
        municipalityCode: b.municipality_code ?? null,
      });
      return reply
        .code(201)
        .send(orgDetailJson(await getManagedOrganization(db, requireActor(req), id, requestLang(req))));
    },
  );

  app.get(
    '/admin/organizations/:id',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'One organisation with its people and teams',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: OrganizationDetailSchema, ...errors },
      },
    },
    async (req) => orgDetailJson(await getManagedOrganization(db, requireActor(req), req.params.id, requestLang(req))),
  );

  app.patch(
    '/admin/organizations/:id',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Change an organisation',
        description:
          "publish_needs_second_person: the organisation's administrators. name, type, municipality_code: system administrators.",
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(TranslatedIn),
            type: Type.Optional(lit(ORG_TYPES)),
            municipality_code: Type.Optional(Type.Union([Type.String({ maxLength: 3 }), Type.Null()])),
            publish_needs_second_person: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrganizationDetailSchema, ...errors },
      },
    },
    async (req) => {
      const b = req.body;
      const ctx = auditContext(req);
      if (b.name !== undefined || b.type !== undefined || b.municipality_code !== undefined) {
        await updateOrganization(db, ctx, req.params.id, {
          name: b.name,
          type: b.type,
          municipalityCode: b.municipality_code,
        });
      }
      if (b.publish_needs_second_person !== undefined)
        await updateOrganizationSettings(db, ctx, req.params.id, {
          publishNeedsSecondPerson: b.publish_needs_second_person,
        });
      return orgDetailJson(await getManagedOrganization(db, requireActor(req), req.params.id, requestLang(req)));
    },
  );

  // ---- Teams ----

  app.get(
    '/admin/teams',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Teams of the organisations the caller manages',
        querystring: Type.Object({ organization_id: Type.Optional(Type.String()), lang: Type.Optional(Lang) }),
        response: { 200: Type.Object({ items: Type.Array(TeamSchema) }), ...errors },
      },
    },
    async (req) => ({
      items: (
        await listManagedTeams(db, requireActor(req), requestLang(req), { organizationId: req.query.organization_id })
      ).map(teamJson),
    }),
  );

  app.post(
    '/admin/teams',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Add a team to an organisation the caller manages',
        body: Type.Object(
          { organization_id: Type.String(), name: TranslatedIn, description: Type.Optional(TranslatedIn) },
          { additionalProperties: false },
        ),
        response: { 201: TeamDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const id = await createTeam(db, auditContext(req), req.body.organization_id, {
        name: req.body.name,
        description: req.body.description,
      });
      return reply.code(201).send(teamDetailJson(await getManagedTeam(db, requireActor(req), id, requestLang(req))));
    },
  );

  app.get(
    '/admin/teams/:id',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'One team with its members',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: TeamDetailSchema, ...errors },
      },
    },
    async (req) => teamDetailJson(await getManagedTeam(db, requireActor(req), req.params.id, requestLang(req))),
  );

  app.patch(
    '/admin/teams/:id',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Rename a team or change its description',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(TranslatedIn), description: Type.Optional(TranslatedIn) },
          { additionalProperties: false },
        ),
        response: { 200: TeamDetailSchema, ...errors },
      },
    },
    async (req) => {
      await updateTeam(db, auditContext(req), req.params.id, {
        name: req.body.name,
        description: req.body.description,
      });
      return teamDetailJson(await getManagedTeam(db, requireActor(req), req.params.id, requestLang(req)));
    },
  );

  app.delete(
    '/admin/teams/:id',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Remove a team (its memberships end; the people stay)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteTeam(db, auditContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  const TeamMemberParams = Type.Object({ id: Type.String(), personId: Type.String() });

  app.put(
    '/admin/teams/:id/members/:personId',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Add a person to a team or change their role there',
        params: TeamMemberParams,
        body: Type.Object({ role: TeamRole }, { additionalProperties: false }),
        response: { 200: TeamDetailSchema, ...errors },
      },
    },
    async (req) => {
      await setTeamMember(db, auditContext(req), req.params.id, { personId: req.params.personId }, req.body.role);
      return teamDetailJson(await getManagedTeam(db, requireActor(req), req.params.id, requestLang(req)));
    },
  );

  app.delete(
    '/admin/teams/:id/members/:personId',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Remove a person from a team',
        params: TeamMemberParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeTeamMember(db, auditContext(req), req.params.id, req.params.personId);
      return reply.code(204).send(null);
    },
  );

  // ---- People and memberships ----

  app.get(
    '/admin/people',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'People of the organisations the caller manages (everyone, for system administrators)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          organization_id: Type.Optional(Type.String()),
          lang: Type.Optional(Lang),
          ...PageQuery,
        }),
        response: { 200: Paged(PersonSchema), ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await listManagedPeople(db, requireActor(req), requestLang(req), {
        q: q.q,
        organizationId: q.organization_id,
        page: q.page,
        perPage: q.per_page,
      });
      return { total: r.total, page: r.page, per_page: r.perPage, items: r.rows.map(personJson) };
    },
  );

  const InviteReply = Type.Object({
    person_id: Uuid,
    created: Type.Boolean(),
    mailed: Type.Boolean(),
    person: PersonDetailSchema,
  });

  app.post(
    '/admin/people',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Invite a person',
        description:
          'A new e-mail address becomes an account and gets a single-use link to set a password (201). An address that already has an account gets the membership instead (200). Organisation administrators invite into their own organisations; only system administrators give system roles or invite without an organisation.',
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            organization_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
            role: Type.Optional(OrgRole),
            system_role: Type.Optional(Type.Union([SystemRole, Type.Null()])),
            lang: Type.Optional(Lang),
          },
          { additionalProperties: false },
        ),
        response: { 200: InviteReply, 201: InviteReply, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const lang = requestLang(req);
      const r = await invitePerson(
        db,
        auditContext(req),
        {
          email: b.email,
          name: b.name ?? '',
          organizationId: b.organization_id ?? null,
          role: b.role,
          systemRole: b.system_role ?? null,
        },
        { lang: b.lang ?? lang, publicUrl: app.config.publicUrl, mailer: app.mailer },
      );
      const person = personDetailJson(await getManagedPerson(db, requireActor(req), r.personId, lang));
      return reply
        .code(r.created ? 201 : 200)
        .send({ person_id: r.personId, created: r.created, mailed: r.mailed, person });
    },
  );

  app.get(
    '/admin/people/:id',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'One person with their memberships and teams',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: PersonDetailSchema, ...errors },
      },
    },
    async (req) => personDetailJson(await getManagedPerson(db, requireActor(req), req.params.id, requestLang(req))),
  );

  app.patch(
    '/admin/people/:id',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: "Change a person's name, e-mail, system role or status (system administrators)",
        description: 'Disabling a person ends all their sessions at once.',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            email: Type.Optional(Type.String({ maxLength: 254 })),
            system_role: Type.Optional(Type.Union([SystemRole, Type.Null()])),
            status: Type.Optional(lit(['active', 'disabled'] as const)),
          },
          { additionalProperties: false },
        ),
        response: { 200: PersonDetailSchema, ...errors },
      },
    },
    async (req) => {
      const b = req.body;
      const ctx = auditContext(req);
      if (b.name !== undefined || b.email !== undefined)
        await updatePersonIdentity(db, ctx, req.params.id, { name: b.name, email: b.email });
      if (b.system_role !== undefined) await setSystemRole(db, ctx, req.params.id, b.system_role);
      if (b.status !== undefined) await setPersonStatus(db, ctx, req.params.id, b.status);
      return personDetailJson(await getManagedPerson(db, requireActor(req), req.params.id, requestLang(req)));
    },
  );

  app.post(
    '/admin/people/:id/invitation',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Send a new single-use link to set a password',
        params: IdParams,
        body: Type.Optional(Type.Object({ lang: Type.Optional(Lang) }, { additionalProperties: false })),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await resendInvitation(db, auditContext(req), req.params.id, {
        lang: req.body?.lang ?? requestLang(req),
        publicUrl: app.config.publicUrl,
        mailer: app.mailer,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/people/:id/memberships',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: "A person's memberships of organisations",
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.Object({ items: Type.Array(MembershipSchema) }), ...errors },
      },
    },
    async (req) => ({
      items: personDetailJson(await getManagedPerson(db, requireActor(req), req.params.id, requestLang(req)))
        .memberships,
    }),
  );

  const MembershipParams = Type.Object({ id: Type.String(), organizationId: Type.String() });

  app.put(
    '/admin/people/:id/memberships/:organizationId',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'Add a membership or change its role (administrators of that organisation)',
        params: MembershipParams,
        body: Type.Object({ role: OrgRole }, { additionalProperties: false }),
        response: { 200: PersonDetailSchema, ...errors },
      },
    },
    async (req) => {
      await setMembership(db, auditContext(req), req.params.id, req.params.organizationId, req.body.role);
      return personDetailJson(await getManagedPerson(db, requireActor(req), req.params.id, requestLang(req)));
    },
  );

  app.delete(
    '/admin/people/:id/memberships/:organizationId',
    {
      schema: {
        tags: [TAG_ADMIN],
        summary: 'End a membership (administrators of that organisation)',
        params: MembershipParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeMembership(db, auditContext(req), req.params.id, req.params.organizationId);
      return reply.code(204).send(null);
    },
  );

  // ---- The professional directory ----

  app.get(
    '/people',
    {
      schema: {
        tags: [TAG_PEOPLE],
        summary: 'The professional directory (signed-in professionals only)',
        description: 'Names are sorted in the alphabet of `lang`.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          organization_id: Type.Optional(Type.String()),
          team_id: Type.Optional(Type.String()),
          language: Type.Optional(lit(PERSON_LANGUAGES)),
          lang: Type.Optional(Lang),
          page: PageQuery.page,
          per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Paged(DirectoryEntrySchema), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      const r = await searchDirectory(db, actor, requestLang(req), {
        q: q.q,
        organizationId: q.organization_id,
        teamId: q.team_id,
        language: q.language,
        page: q.page,
        perPage: q.per_page,
      });
      return { total: r.total, page: r.page, per_page: r.perPage, items: r.rows.map(entryJson) };
    },
  );

  app.get(
    '/people/me',
    {
      schema: {
        tags: [TAG_PEOPLE],
        summary: 'My own directory entry',
        querystring: LangQuery,
        response: { 200: DirectoryEntrySchema, ...errors },
      },
    },
    async (req) => entryJson(await ownEntry(db, requireActor(req), requestLang(req))),
  );

  const OwnEntryBody = Type.Object(
    {
      title: Type.Optional(TranslatedIn),
      phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
      languages: Type.Optional(Type.Array(Type.String({ maxLength: 3 }), { maxItems: 30 })),
    },
    { additionalProperties: false },
  );

  app.patch(
    '/people/me',
    {
      schema: {
        tags: [TAG_PEOPLE],
        summary: 'Change my own title, phone or languages',
        body: OwnEntryBody,
        response: { 200: DirectoryEntrySchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const lang = requestLang(req);
      const current = await ownEntry(db, actor, lang);
      const b: Static<typeof OwnEntryBody> = req.body;
      await updateOwnEntry(db, auditContext(req), {
        title: b.title ?? current.title,
        phone: b.phone === undefined ? (current.phone ?? '') : (b.phone ?? ''),
        languages: b.languages ?? current.languages,
      });
      return entryJson(await ownEntry(db, actor, lang));
    },
  );

  app.get(
    '/people/:id',
    {
      schema: {
        tags: [TAG_PEOPLE],
        summary: 'One professional',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: DirectoryEntrySchema, ...errors },
      },
    },
    async (req) => {
      const e = await getDirectoryEntry(db, requireActor(req), req.params.id, requestLang(req));
      if (!e) throw notFound();
      return entryJson(e);
    },
  );

  // ---- The audit log ----

  app.get(
    '/audit',
    {
      schema: {
        tags: [TAG_AUDIT],
        summary: 'Search the audit log',
        description:
          'System administrators and coordinators read every entry; an organisation administrator reads the entries of their own organisations. Newest first.',
        querystring: Type.Object({
          person: Type.Optional(
            Type.String({ maxLength: 200, description: "A person's id, e-mail address or part of their name." }),
          ),
          action: Type.Optional(
            Type.String({
              maxLength: 80,
              description: 'An action or its prefix, e.g. "auth." or "membership.update".',
            }),
          ),
          organization_id: Type.Optional(Type.String()),
          outcome: Type.Optional(lit(AUDIT_OUTCOMES)),
          from: Type.Optional(Type.String({ format: 'date', description: 'First day (Europe/Helsinki), inclusive.' })),
          to: Type.Optional(Type.String({ format: 'date', description: 'Last day (Europe/Helsinki), inclusive.' })),
          ...PageQuery,
        }),
        response: { 200: Paged(AuditItemSchema), ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await auditView(db, requireActor(req), {
        person: q.person,
        action: q.action,
        organizationId: q.organization_id,
        outcome: q.outcome,
        from: q.from,
        to: q.to,
        page: q.page,
        perPage: q.per_page,
      });
      return {
        total: r.total,
        page: r.page,
        per_page: r.perPage,
        items: r.rows.map((x) => ({
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
        })),
      };
    },
  );
}
