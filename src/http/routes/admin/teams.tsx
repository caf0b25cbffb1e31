/**
 * Teams: the administration's pages (/:lang/work/admin/teams…) and the JSON API (/api/v1/admin/teams…), side by
 * side. A team belongs to one organisation, whose administrators manage it; the core authorises every call.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorize, TEAM_ROLES, type Actor } from '../../../core/access/permissions.js';
import { listManagedOrganizations } from '../../../core/admin/organizations.js';
import { presentTeam, presentTeamDetail } from '../../../core/admin/presenters.js';
import {
  createTeam,
  deleteTeam,
  getManagedTeam,
  listManagedTeams,
  removeTeamMember,
  setTeamMember,
  updateTeam,
} from '../../../core/admin/teams.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import {
  TeamDeletePage,
  TeamFormPage,
  TeamPage,
  TeamsPage,
  type TeamForm,
  type TeamMemberForm,
} from '../../../web/pages/admin/TeamPages.js';
import { auditContext, requireActor } from '../../auth.js';
import { attemptForm, requestLang } from '../../errors.js';
import { readForm, type FormReader } from '../../forms.js';
import { errorResponses, FormBody, LangIdParams, LangParams, Uuid } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import {
  adminBase,
  FormQuery,
  IdParams,
  LangQuery,
  LangLit,
  lit,
  noticeOf,
  optionalUuid,
  resourceRoutes,
  TAG,
  TranslatedIn,
  TranslatedOut,
  who,
  workPage,
  type Refused,
} from './shared.js';

const TeamSchema = Type.Object({
  id: Uuid,
  organization_id: Uuid,
  organization_name: TranslatedOut,
  name: TranslatedOut,
  description: TranslatedOut,
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
const TeamMemberParams = Type.Object({ id: Type.String(), personId: Type.String() });
const LangTeamMemberParams = Type.Object({ lang: Type.String(), id: Type.String(), personId: Type.String() });

const readTeamForm = (f: FormReader): TeamForm => ({
  organization: f.text('organization'),
  name: f.translated('name'),
  description: f.translated('description'),
});

export async function adminTeamRoutes(base: FastifyInstance): Promise<void> {
  const app = resourceRoutes(base);
  const db = app.database.db;
  const teamsUrl = (req: FastifyRequest) => `${adminBase(langParam(req))}/teams`;

  // ---- Pages ----

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    o: { id?: string; form: TeamForm; refused?: Refused },
  ) => {
    const lang = langParam(req);
    // A new team chooses its organisation among those the person manages; an existing one keeps its own.
    const organizations = o.id ? [] : await listManagedOrganizations(db, actor, lang);
    return workPage(req, reply, {
      title: tFor(lang)(o.id ? 'admin.team_edit_title' : 'admin.team_new_title'),
      body: <TeamFormPage id={o.id} form={o.form} organizations={organizations} errors={o.refused?.errors ?? []} />,
      refused: o.refused,
    });
  };

  const teamPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    o: { notice?: string | null; memberForm?: TeamMemberForm; refused?: Refused } = {},
  ) => {
    const lang = langParam(req);
    const team = await getManagedTeam(db, actor, id, lang);
    return workPage(req, reply, {
      title: pick(team.name, lang),
      body: (
        <TeamPage
          team={team}
          notice={o.notice}
          memberForm={o.memberForm ?? { email: '', role: 'member' }}
          errors={o.refused?.errors ?? []}
        />
      ),
      refused: o.refused,
    });
  };

  app.get(
    '/:lang/work/admin/teams',
    { schema: { hide: true, params: LangParams, querystring: FormQuery } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      const teams = await listManagedTeams(db, actor, lang);
      return workPage(req, reply, {
        title: tFor(lang)('admin.section.teams'),
        body: <TeamsPage teams={teams} notice={noticeOf(readForm(req.query))} />,
      });
    },
  );

  app.get(
    '/:lang/work/admin/teams/new',
    { schema: { hide: true, params: LangParams, querystring: FormQuery } },
    async (req, reply) => {
      const actor = who(req, reply);
      if (!actor) return reply;
      authorize(actor, 'organization.manage');
      const organization = optionalUuid(readForm(req.query).text('organization'));
      return formPage(req, reply, actor, { form: { organization, name: {}, description: {} } });
    },
  );

  app.post(
    '/:lang/work/admin/teams',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const form = readTeamForm(readForm(req.body));
      const r = await attemptForm(langParam(req), () =>
        createTeam(db, auditContext(req), form.organization, { name: form.name, description: form.description }),
      );
      if (!r.ok) return formPage(req, reply, requireActor(req), { form, refused: r });
      return reply.redirect(`${teamsUrl(req)}/${r.value}?notice=team_created`, 303);
    },
  );

  app.get(
    '/:lang/work/admin/teams/:id',
    { schema: { hide: true, params: LangIdParams, querystring: FormQuery } },
    async (req, reply) => {
      const actor = who(req, reply);
      if (!actor) return reply;
      return teamPage(req, reply, actor, req.params.id, { notice: noticeOf(readForm(req.query)) });
    },
  );

  app.get('/:lang/work/admin/teams/:id/edit', { schema: { hide: true, params: LangIdParams } }, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    const team = await getManagedTeam(db, actor, req.params.id, langParam(req));
    return formPage(req, reply, actor, {
      id: team.id,
      form: { organization: team.organizationId, name: team.name, description: team.description },
    });
  });

  app.post(
    '/:lang/work/admin/teams/:id',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const { id } = req.params;
      const form = readTeamForm(readForm(req.body));
      const r = await attemptForm(langParam(req), () =>
        updateTeam(db, auditContext(req), id, { name: form.name, description: form.description }),
      );
      if (!r.ok) return formPage(req, reply, requireActor(req), { id, form, refused: r });
      return reply.redirect(`${teamsUrl(req)}/${id}?notice=team_updated`, 303);
    },
  );

  // Adds a person by e-mail (the form under the list) or changes a member's role (the list's own forms).
  app.post(
    '/:lang/work/admin/teams/:id/members',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const { id } = req.params;
      const f = readForm(req.body);
      const personId = f.text('person_id');
      const memberForm = { email: f.text('email'), role: f.text('role') };
      const r = await attemptForm(langParam(req), () =>
        setTeamMember(
          db,
          auditContext(req),
          id,
          personId ? { personId } : { email: memberForm.email },
          memberForm.role,
        ),
      );
      if (!r.ok) return teamPage(req, reply, requireActor(req), id, { memberForm, refused: r });
      return reply.redirect(`${teamsUrl(req)}/${id}?notice=member_saved`, 303);
    },
  );

  app.post(
    '/:lang/work/admin/teams/:id/members/:personId/remove',
    { schema: { hide: true, params: LangTeamMemberParams, body: FormBody } },
    async (req, reply) => {
      const { id, personId } = req.params;
      await removeTeamMember(db, auditContext(req), id, personId);
      return reply.redirect(`${teamsUrl(req)}/${id}?notice=member_removed`, 303);
    },
  );

  app.get(
    '/:lang/work/admin/teams/:id/delete',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      const team = await getManagedTeam(db, actor, req.params.id, lang);
      return workPage(req, reply, {
        title: tFor(lang)('admin.team_delete_confirm', { name: pick(team.name, lang) }),
        body: <TeamDeletePage team={team} />,
      });
    },
  );

  app.post(
    '/:lang/work/admin/teams/:id/delete',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      await deleteTeam(db, auditContext(req), req.params.id);
      return reply.redirect(`${teamsUrl(req)}?notice=team_deleted`, 303);
    },
  );

  // ---- JSON ----

  app.get(
    '/api/v1/admin/teams',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Teams of the organisations the caller manages',
        querystring: Type.Object({ organization_id: Type.Optional(Type.String()), lang: Type.Optional(LangLit) }),
        response: { 200: Type.Object({ items: Type.Array(TeamSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const teams = await listManagedTeams(db, requireActor(req), requestLang(req), {
        organizationId: req.query.organization_id,
      });
      return { items: teams.map(presentTeam) };
    },
  );

  app.post(
    '/api/v1/admin/teams',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Add a team to an organisation the caller manages',
        body: Type.Object(
          { organization_id: Type.String(), name: TranslatedIn, description: Type.Optional(TranslatedIn) },
          { additionalProperties: false },
        ),
        response: { 201: TeamDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { organization_id, name, description } = req.body;
      const id = await createTeam(db, auditContext(req), organization_id, { name, description });
      const team = await getManagedTeam(db, requireActor(req), id, requestLang(req));
      return reply.code(201).send(presentTeamDetail(team));
    },
  );

  app.get(
    '/api/v1/admin/teams/:id',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'One team with its members',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: TeamDetailSchema, ...errorResponses },
      },
    },
    async (req) => presentTeamDetail(await getManagedTeam(db, requireActor(req), req.params.id, requestLang(req))),
  );

  app.patch(
    '/api/v1/admin/teams/:id',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Rename a team or change its description',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(TranslatedIn), description: Type.Optional(TranslatedIn) },
          { additionalProperties: false },
        ),
        response: { 200: TeamDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      await updateTeam(db, auditContext(req), req.params.id, req.body);
      return presentTeamDetail(await getManagedTeam(db, requireActor(req), req.params.id, requestLang(req)));
    },
  );

  app.delete(
    '/api/v1/admin/teams/:id',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Remove a team (its memberships end; the people stay)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteTeam(db, auditContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/admin/teams/:id/members/:personId',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Add a person to a team or change their role there',
        params: TeamMemberParams,
        body: Type.Object({ role: lit(TEAM_ROLES) }, { additionalProperties: false }),
        response: { 200: TeamDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { id, personId } = req.params;
      await setTeamMember(db, auditContext(req), id, { personId }, req.body.role);
      return presentTeamDetail(await getManagedTeam(db, requireActor(req), id, requestLang(req)));
    },
  );

  app.delete(
    '/api/v1/admin/teams/:id/members/:personId',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Remove a person from a team',
        params: TeamMemberParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await removeTeamMember(db, auditContext(req), req.params.id, req.params.personId);
      return reply.code(204).send(null);
    },
  );
}
