/**
 * People, their memberships and system roles: the administration's pages (/:lang/work/admin/people…) and the JSON
 * API (/api/v1/admin/people…), side by side. Inviting makes an account (or adds a membership to an existing one)
 * and mails a link; the core authorises every call.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorize, can, ORG_ROLES, SYSTEM_ROLES, type Actor } from '../../../core/access/permissions.js';
import { listManagedOrganizations } from '../../../core/admin/organizations.js';
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
  type Invitation,
} from '../../../core/admin/people.js';
import { presentMemberships, presentPage, presentPerson, presentPersonDetail } from '../../../core/admin/presenters.js';
import { isLang, type Lang } from '../../../core/shared/lang.js';
import { tFor } from '../../../i18n/index.js';
import {
  InvitePage,
  PeopleListPage,
  PersonPage,
  type InviteForm,
  type PersonForm,
} from '../../../web/pages/admin/PeoplePages.js';
import { auditContext, requireActor } from '../../auth.js';
import { attemptForm, requestLang } from '../../errors.js';
import { readForm, type FormReader } from '../../forms.js';
import { errorResponses, FormBody, LangIdParams, LangParams, Uuid } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import {
  adminBase,
  FormQuery,
  IdParams,
  LangLit,
  LangQuery,
  lit,
  noticeOf,
  NStr,
  optionalUuid,
  PageQuery,
  Paged,
  pageNo,
  resourceRoutes,
  TAG,
  TranslatedOut,
  who,
  workPage,
  type Refused,
} from './shared.js';

const MembershipSchema = Type.Object({ organization_id: Uuid, organization_name: TranslatedOut, role: Type.String() });
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
  title: TranslatedOut,
  phone: NStr,
  languages: Type.Array(Type.String()),
  created_at: Type.String(),
  teams: Type.Array(
    Type.Object({
      team_id: Uuid,
      name: TranslatedOut,
      organization_id: Uuid,
      organization_name: TranslatedOut,
      role: Type.String(),
    }),
  ),
});
const InviteReply = Type.Object({
  person_id: Uuid,
  created: Type.Boolean(),
  mailed: Type.Boolean(),
  person: PersonDetailSchema,
});
const SystemRole = lit(SYSTEM_ROLES);
const MembershipParams = Type.Object({ id: Type.String(), organizationId: Type.String() });
const LangMembershipParams = Type.Object({ lang: Type.String(), id: Type.String(), organizationId: Type.String() });

const readInviteForm = (f: FormReader, lang: Lang): InviteForm => {
  const mailLang = f.text('mail_lang');
  return {
    email: f.text('email'),
    name: f.text('name'),
    organization: f.text('organization'),
    role: f.text('role'),
    systemRole: f.text('system_role'),
    mailLang: isLang(mailLang) ? mailLang : lang,
  };
};
const invitation = (form: InviteForm): Invitation => ({
  email: form.email,
  name: form.name,
  organizationId: form.organization || null,
  role: form.role,
  systemRole: form.systemRole || null,
});

/** The person page's forms without fields of their own (status, invitation, a row's role): their errors link nowhere. */
const general = (r: Refused): PersonForm => ({ form: 'general', errors: r.errors.map((e) => ({ ...e, field: '' })) });

export async function adminPeopleRoutes(base: FastifyInstance): Promise<void> {
  const app = resourceRoutes(base);
  const db = app.database.db;
  const mail = (lang: Lang) => ({ lang, publicUrl: app.config.publicUrl, mailer: app.mailer });
  const personUrl = (req: FastifyRequest, id: string, notice: string) =>
    `${adminBase(langParam(req))}/people/${id}?notice=${notice}`;

  // ---- Pages ----

  const invitePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    form: InviteForm,
    refused?: Refused,
  ) => {
    const lang = langParam(req);
    return workPage(req, reply, {
      title: tFor(lang)('admin.invite_title'),
      body: (
        <InvitePage
          form={form}
          organizations={await listManagedOrganizations(db, actor, lang)}
          systemAdmin={can(actor, 'person.manage_all')}
          errors={refused?.errors ?? []}
        />
      ),
      refused,
    });
  };

  /** A person's page; after a refused form, that form again with its errors (`failed`), without the notice. */
  const personPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    o: { notice?: string | null; failed?: PersonForm; refused?: Refused } = {},
  ) => {
    const lang = langParam(req);
    const person = await getManagedPerson(db, actor, id, lang);
    return workPage(req, reply, {
      title: person.name,
      body: (
        <PersonPage
          person={person}
          organizations={await listManagedOrganizations(db, actor, lang)}
          notice={o.notice}
          failed={o.failed}
        />
      ),
      refused: o.refused,
    });
  };

  app.get(
    '/:lang/work/admin/people',
    { schema: { hide: true, params: LangParams, querystring: FormQuery } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      const q = readForm(req.query);
      const form = { q: q.text('q').slice(0, 200), organization: optionalUuid(q.text('organization')) };
      const result = await listManagedPeople(db, actor, lang, {
        q: form.q,
        organizationId: form.organization || undefined,
        page: pageNo(q),
      });
      return workPage(req, reply, {
        title: tFor(lang)('admin.section.people'),
        body: (
          <PeopleListPage
            result={result}
            form={form}
            organizations={await listManagedOrganizations(db, actor, lang)}
            notice={noticeOf(q)}
          />
        ),
      });
    },
  );

  app.get(
    '/:lang/work/admin/people/new',
    { schema: { hide: true, params: LangParams, querystring: FormQuery } },
    async (req, reply) => {
      const actor = who(req, reply);
      if (!actor) return reply;
      authorize(actor, 'organization.manage');
      const organization = optionalUuid(readForm(req.query).text('organization'));
      return invitePage(req, reply, actor, {
        email: '',
        name: '',
        organization,
        role: 'member',
        systemRole: '',
        mailLang: langParam(req),
      });
    },
  );

  app.post(
    '/:lang/work/admin/people',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const form = readInviteForm(readForm(req.body), lang);
      const r = await attemptForm(lang, () =>
        invitePerson(db, auditContext(req), invitation(form), mail(form.mailLang as Lang)),
      );
      if (!r.ok) return invitePage(req, reply, requireActor(req), form, r);
      // An existing account was invited: nothing of them is shown until they accept.
      if (r.value.invited) return reply.redirect(`${adminBase(lang)}/people?notice=invited`, 303);
      const notice = !r.value.mailed ? 'invited_not_mailed' : r.value.created ? 'invited' : 'invited_existing';
      return reply.redirect(personUrl(req, r.value.personId, notice), 303);
    },
  );

  app.get(
    '/:lang/work/admin/people/:id',
    { schema: { hide: true, params: LangIdParams, querystring: FormQuery } },
    async (req, reply) => {
      const actor = who(req, reply);
      if (!actor) return reply;
      return personPage(req, reply, actor, req.params.id, { notice: noticeOf(readForm(req.query)) });
    },
  );

  // Adds a membership (the form under the list) or changes the role of one (the list's own forms).
  app.post(
    '/:lang/work/admin/people/:id/memberships',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const { id } = req.params;
      const f = readForm(req.body);
      const organization = f.text('organization');
      const role = f.text('role');
      const r = await attemptForm(lang, () => setMembership(db, auditContext(req), id, organization, role));
      if (!r.ok) {
        const actor = requireActor(req);
        const person = await getManagedPerson(db, actor, id, lang);
        const existing = person.memberships.some((m) => m.organizationId === organization.toLowerCase());
        const failed: PersonForm = existing ? general(r) : { form: 'membership', organization, role, errors: r.errors };
        return personPage(req, reply, actor, id, { failed, refused: r });
      }
      return reply.redirect(personUrl(req, id, 'membership_saved'), 303);
    },
  );

  app.post(
    '/:lang/work/admin/people/:id/memberships/:organizationId/remove',
    { schema: { hide: true, params: LangMembershipParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const { id, organizationId } = req.params;
      const actor = requireActor(req);
      const r = await attemptForm(lang, () => removeMembership(db, auditContext(req), id, organizationId));
      if (!r.ok) return personPage(req, reply, actor, id, { failed: general(r), refused: r });
      // After removing someone from one's only organisation, their page may no longer be one's to see.
      const stillVisible = await getManagedPerson(db, actor, id, lang).then(
        () => true,
        () => false,
      );
      return reply.redirect(
        stillVisible ? personUrl(req, id, 'membership_removed') : `${adminBase(lang)}/people?notice=membership_removed`,
        303,
      );
    },
  );

  app.post(
    '/:lang/work/admin/people/:id/identity',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const { id } = req.params;
      const f = readForm(req.body);
      const identity = { name: f.text('name'), email: f.text('email') };
      const r = await attemptForm(langParam(req), () => updatePersonIdentity(db, auditContext(req), id, identity));
      if (!r.ok)
        return personPage(req, reply, requireActor(req), id, {
          failed: { form: 'identity', ...identity, errors: r.errors },
          refused: r,
        });
      return reply.redirect(personUrl(req, id, 'identity_saved'), 303);
    },
  );

  app.post(
    '/:lang/work/admin/people/:id/system-role',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const { id } = req.params;
      const systemRole = readForm(req.body).text('system_role');
      const r = await attemptForm(langParam(req), () => setSystemRole(db, auditContext(req), id, systemRole || null));
      if (!r.ok)
        return personPage(req, reply, requireActor(req), id, {
          failed: { form: 'system_role', systemRole, errors: r.errors },
          refused: r,
        });
      return reply.redirect(personUrl(req, id, 'system_role_saved'), 303);
    },
  );

  app.post(
    '/:lang/work/admin/people/:id/status',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const { id } = req.params;
      const status = readForm(req.body).text('status');
      const r = await attemptForm(langParam(req), () =>
        setPersonStatus(db, auditContext(req), id, status as 'active' | 'disabled'),
      );
      if (!r.ok) return personPage(req, reply, requireActor(req), id, { failed: general(r), refused: r });
      return reply.redirect(personUrl(req, id, status === 'disabled' ? 'disabled' : 'enabled'), 303);
    },
  );

  app.post(
    '/:lang/work/admin/people/:id/invitation',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const { id } = req.params;
      const r = await attemptForm(lang, () => resendInvitation(db, auditContext(req), id, mail(lang)));
      if (!r.ok) return personPage(req, reply, requireActor(req), id, { failed: general(r), refused: r });
      return reply.redirect(personUrl(req, id, 'invitation_sent'), 303);
    },
  );

  // ---- JSON ----

  app.get(
    '/api/v1/admin/people',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'People of the organisations the caller manages (everyone, for system administrators)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          organization_id: Type.Optional(Type.String()),
          lang: Type.Optional(LangLit),
          ...PageQuery,
        }),
        response: { 200: Paged(PersonSchema), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const people = await listManagedPeople(db, requireActor(req), requestLang(req), {
        q: q.q,
        organizationId: q.organization_id,
        page: q.page,
        perPage: q.per_page,
      });
      return presentPage(people, presentPerson);
    },
  );

  app.post(
    '/api/v1/admin/people',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Invite a person',
        description:
          'A new e-mail address becomes an account and gets a single-use link to set a password (201). An address that already has an account gets the membership instead (200) when a system administrator invites; an invitation by an organisation administrator of an existing account waits for the person to accept it (202, invited: true, nothing of the person in the answer). Organisation administrators invite into their own organisations; only system administrators give system roles or invite without an organisation.',
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            organization_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
            role: Type.Optional(lit(ORG_ROLES)),
            system_role: Type.Optional(Type.Union([SystemRole, Type.Null()])),
            lang: Type.Optional(LangLit),
          },
          { additionalProperties: false },
        ),
        response: {
          200: InviteReply,
          201: InviteReply,
          202: Type.Object({ invited: Type.Boolean(), mailed: Type.Boolean() }),
          ...errorResponses,
        },
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
        mail(b.lang ?? lang),
      );
      if (r.invited) return reply.code(202).send({ invited: true, mailed: r.mailed });
      const person = presentPersonDetail(await getManagedPerson(db, requireActor(req), r.personId, lang));
      return reply
        .code(r.created ? 201 : 200)
        .send({ person_id: r.personId, created: r.created, mailed: r.mailed, person });
    },
  );

  app.get(
    '/api/v1/admin/people/:id',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'One person with their memberships and teams',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: PersonDetailSchema, ...errorResponses },
      },
    },
    async (req) => presentPersonDetail(await getManagedPerson(db, requireActor(req), req.params.id, requestLang(req))),
  );

  app.patch(
    '/api/v1/admin/people/:id',
    {
      schema: {
        tags: [TAG.admin],
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
        response: { 200: PersonDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { id } = req.params;
      const b = req.body;
      const ctx = auditContext(req);
      if (b.name !== undefined || b.email !== undefined)
        await updatePersonIdentity(db, ctx, id, { name: b.name, email: b.email });
      if (b.system_role !== undefined) await setSystemRole(db, ctx, id, b.system_role);
      if (b.status !== undefined) await setPersonStatus(db, ctx, id, b.status);
      return presentPersonDetail(await getManagedPerson(db, requireActor(req), id, requestLang(req)));
    },
  );

  app.post(
    '/api/v1/admin/people/:id/invitation',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Send a new single-use link to set a password',
        params: IdParams,
        body: Type.Optional(Type.Object({ lang: Type.Optional(LangLit) }, { additionalProperties: false })),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await resendInvitation(db, auditContext(req), req.params.id, mail(req.body?.lang ?? requestLang(req)));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/people/:id/memberships',
    {
      schema: {
        tags: [TAG.admin],
        summary: "A person's memberships of organisations",
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.Object({ items: Type.Array(MembershipSchema) }), ...errorResponses },
      },
    },
    async (req) => ({
      items: presentMemberships(await getManagedPerson(db, requireActor(req), req.params.id, requestLang(req))),
    }),
  );

  app.put(
    '/api/v1/admin/people/:id/memberships/:organizationId',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Add a membership or change its role (administrators of that organisation)',
        params: MembershipParams,
        body: Type.Object({ role: lit(ORG_ROLES) }, { additionalProperties: false }),
        response: { 200: PersonDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { id, organizationId } = req.params;
      await setMembership(db, auditContext(req), id, organizationId, req.body.role);
      return presentPersonDetail(await getManagedPerson(db, requireActor(req), id, requestLang(req)));
    },
  );

  app.delete(
    '/api/v1/admin/people/:id/memberships/:organizationId',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'End a membership (administrators of that organisation)',
        params: MembershipParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await removeMembership(db, auditContext(req), req.params.id, req.params.organizationId);
      return reply.code(204).send(null);
    },
  );
}
