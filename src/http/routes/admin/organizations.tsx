/**
 * Organisations: the administration's pages (/:lang/work/admin, …/organizations) and the JSON API
 * (/api/v1/admin/organizations), side by side. The core authorises every call.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorize, can } from '../../../core/access/permissions.js';
import {
  createOrganization,
  getManagedOrganization,
  listManagedOrganizations,
  updateOrganization,
  updateOrganizationSettings,
  type NewOrganization,
} from '../../../core/admin/organizations.js';
import { listManagedPeople } from '../../../core/admin/people.js';
import { presentOrganization, presentOrganizationDetail } from '../../../core/admin/presenters.js';
import { ORG_TYPES } from '../../../core/directory/vocabulary.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import { AdminHomePage } from '../../../web/pages/admin/AdminHomePage.js';
import {
  OrganizationFormPage,
  OrganizationPage,
  OrganizationsPage,
  type OrganizationForm,
  type SavedMeanwhile,
} from '../../../web/pages/admin/OrganizationPages.js';
import { auditContext, requireActor } from '../../auth.js';
import { attemptForm, requestLang } from '../../errors.js';
import { readForm, type FormReader } from '../../forms.js';
import { ErrorSchema, errorResponses, FormBody, LangIdParams, LangParams, Uuid } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import {
  adminBase,
  FormQuery,
  IdParams,
  LangQuery,
  lit,
  noticeOf,
  NStr,
  resourceRoutes,
  TAG,
  TranslatedIn,
  TranslatedOut,
  who,
  workPage,
  type Refused,
} from './shared.js';

const OrganizationSchema = Type.Object({
  id: Uuid,
  key: Type.String(),
  name: TranslatedOut,
  type: Type.String(),
  municipality_code: NStr,
  source: Type.String(),
  publish_needs_second_person: Type.Boolean(),
  people_count: Type.Integer(),
  team_count: Type.Integer(),
});
const OrganizationDetailSchema = Type.Object({
  ...OrganizationSchema.properties,
  version: Type.String({ description: 'Send it back in If-Match when changing the organisation.' }),
  people: Type.Array(
    Type.Object({
      person_id: Uuid,
      name: Type.String(),
      email: Type.String(),
      role: Type.String(),
      status: Type.String(),
    }),
  ),
  teams: Type.Array(Type.Object({ id: Uuid, name: TranslatedOut, member_count: Type.Integer() })),
});
const MunicipalityCode = Type.Union([Type.String({ maxLength: 3 }), Type.Null()]);

const readOrganizationForm = (f: FormReader): OrganizationForm => ({
  name: f.translated('name'),
  type: f.text('type'),
  municipality: f.text('municipality'),
  version: f.text('version') || undefined,
});
const organizationInput = (form: OrganizationForm): NewOrganization & { version?: string } => ({
  name: form.name,
  type: form.type,
  municipalityCode: form.municipality,
  version: form.version,
});
/** The organisation as saved meanwhile, from an edit_conflict refusal. */
const savedMeanwhile = (r: Refused): SavedMeanwhile | null => {
  const c = r.error.code === 'edit_conflict' ? (r.error.extra.current as Record<string, unknown> | undefined) : null;
  return c
    ? {
        name: c.name as SavedMeanwhile['name'],
        type: String(c.type),
        municipalityCode: (c.municipality_code as string | null) ?? null,
        publishNeedsSecondPerson: Boolean(c.publish_needs_second_person),
      }
    : null;
};
/** The version in an If-Match header ("v", W/"v" or v); `*` and nothing mean any version. */
const ifMatch = (h: string | string[] | undefined): string | undefined => {
  const v = (Array.isArray(h) ? h[0] : h)?.trim();
  return !v || v === '*' ? undefined : v.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
};

export async function adminOrganizationRoutes(base: FastifyInstance): Promise<void> {
  const app = resourceRoutes(base);
  const db = app.database.db;

  // ---- Pages ----

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { id?: string; form: OrganizationForm; refused?: Refused },
  ) => {
    const meanwhile = o.refused ? savedMeanwhile(o.refused) : null;
    // After a conflict the form keeps what was typed and carries the version now saved: saving again is a choice.
    const form = meanwhile
      ? { ...o.form, version: (o.refused!.error.extra.current as { version: string }).version }
      : o.form;
    return workPage(req, reply, {
      title: tFor(langParam(req))(o.id ? 'admin.org_edit_title' : 'admin.org_new_title'),
      body: <OrganizationFormPage id={o.id} form={form} errors={o.refused?.errors ?? []} meanwhile={meanwhile} />,
      refused: o.refused,
    });
  };

  app.get('/:lang/work/admin', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const lang = langParam(req);
    const actor = who(req, reply);
    if (!actor) return reply;
    const organizations = await listManagedOrganizations(db, actor, lang);
    const people = await listManagedPeople(db, actor, lang, { perPage: 1 });
    return workPage(req, reply, {
      title: tFor(lang)('admin.title'),
      body: (
        <AdminHomePage
          organizations={organizations}
          systemAdmin={can(actor, 'person.manage_all')}
          peopleCount={people.total}
        />
      ),
    });
  });

  app.get(
    '/:lang/work/admin/organizations',
    { schema: { hide: true, params: LangParams, querystring: FormQuery } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      const organizations = await listManagedOrganizations(db, actor, lang);
      return workPage(req, reply, {
        title: tFor(lang)('admin.section.organizations'),
        body: (
          <OrganizationsPage
            organizations={organizations}
            canCreate={can(actor, 'organization.create')}
            notice={noticeOf(readForm(req.query))}
          />
        ),
      });
    },
  );

  app.get('/:lang/work/admin/organizations/new', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const actor = who(req, reply);
    if (!actor) return reply;
    authorize(actor, 'organization.create');
    return formPage(req, reply, { form: { name: {}, type: '', municipality: '' } });
  });

  app.post(
    '/:lang/work/admin/organizations',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const form = readOrganizationForm(readForm(req.body));
      const r = await attemptForm(lang, () => createOrganization(db, auditContext(req), organizationInput(form)));
      if (!r.ok) return formPage(req, reply, { form, refused: r });
      return reply.redirect(`${adminBase(lang)}/organizations/${r.value}?notice=org_created`, 303);
    },
  );

  app.get(
    '/:lang/work/admin/organizations/:id',
    { schema: { hide: true, params: LangIdParams, querystring: FormQuery } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      const org = await getManagedOrganization(db, actor, req.params.id, lang);
      return workPage(req, reply, {
        title: pick(org.name, lang),
        body: (
          <OrganizationPage
            org={org}
            canEdit={can(actor, 'organization.create')}
            notice={noticeOf(readForm(req.query))}
          />
        ),
      });
    },
  );

  app.get(
    '/:lang/work/admin/organizations/:id/edit',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      authorize(actor, 'organization.create');
      const org = await getManagedOrganization(db, actor, req.params.id, lang);
      return formPage(req, reply, {
        id: org.id,
        form: { name: org.name, type: org.type, municipality: org.municipalityCode ?? '', version: org.version },
      });
    },
  );

  app.post(
    '/:lang/work/admin/organizations/:id',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const { id } = req.params;
      const form = readOrganizationForm(readForm(req.body));
      const r = await attemptForm(lang, () => updateOrganization(db, auditContext(req), id, organizationInput(form)));
      if (!r.ok) return formPage(req, reply, { id, form, refused: r });
      return reply.redirect(`${adminBase(lang)}/organizations/${id}?notice=org_updated`, 303);
    },
  );

  app.post(
    '/:lang/work/admin/organizations/:id/settings',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const { id } = req.params;
      const form = readForm(req.body);
      const publishNeedsSecondPerson = form.list('publish_needs_second_person').includes('true');
      const version = form.text('version') || undefined;
      const r = await attemptForm(lang, () =>
        updateOrganizationSettings(db, auditContext(req), id, { publishNeedsSecondPerson, version }),
      );
      if (!r.ok) {
        // Someone else changed the organisation meanwhile: their version shown, this person's choice kept.
        const actor = requireActor(req);
        const org = await getManagedOrganization(db, actor, id, lang);
        return workPage(req, reply, {
          title: pick(org.name, lang),
          body: (
            <OrganizationPage
              org={{ ...org, publishNeedsSecondPerson }}
              canEdit={can(actor, 'organization.create')}
              settingsErrors={r.errors}
              meanwhile={savedMeanwhile(r)}
            />
          ),
          refused: r,
        });
      }
      return reply.redirect(`${adminBase(lang)}/organizations/${id}?notice=settings_saved`, 303);
    },
  );

  // ---- JSON ----

  app.get(
    '/api/v1/admin/organizations',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Organisations the caller manages (all, for system administrators)',
        querystring: LangQuery,
        response: { 200: Type.Object({ items: Type.Array(OrganizationSchema) }), ...errorResponses },
      },
    },
    async (req) => ({
      items: (await listManagedOrganizations(db, requireActor(req), requestLang(req))).map(presentOrganization),
    }),
  );

  app.post(
    '/api/v1/admin/organizations',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Add an organisation (system administrators)',
        body: Type.Object(
          { name: TranslatedIn, type: lit(ORG_TYPES), municipality_code: Type.Optional(MunicipalityCode) },
          { additionalProperties: false },
        ),
        response: { 201: OrganizationDetailSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await createOrganization(db, auditContext(req), {
        name: b.name,
        type: b.type,
        municipalityCode: b.municipality_code ?? null,
      });
      const org = await getManagedOrganization(db, requireActor(req), id, requestLang(req));
      return reply.code(201).send(presentOrganizationDetail(org));
    },
  );

  app.get(
    '/api/v1/admin/organizations/:id',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'One organisation with its people and teams',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: OrganizationDetailSchema, ...errorResponses },
      },
    },
    async (req) =>
      presentOrganizationDetail(await getManagedOrganization(db, requireActor(req), req.params.id, requestLang(req))),
  );

  app.patch(
    '/api/v1/admin/organizations/:id',
    {
      schema: {
        tags: [TAG.admin],
        summary: 'Change an organisation',
        description:
          "publish_needs_second_person: the organisation's administrators. name, type, municipality_code: system administrators.",
        params: IdParams,
        headers: Type.Object({
          'if-match': Type.Optional(
            Type.String({ description: "The organisation's version when it was read; a newer one answers 409." }),
          ),
        }),
        body: Type.Object(
          {
            name: Type.Optional(TranslatedIn),
            type: Type.Optional(lit(ORG_TYPES)),
            municipality_code: Type.Optional(MunicipalityCode),
            publish_needs_second_person: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: OrganizationDetailSchema,
          ...errorResponses,
          409: Type.Object({
            ...ErrorSchema.properties,
            current: Type.Optional(
              Type.Object({
                version: Type.String(),
                name: TranslatedOut,
                type: Type.String(),
                municipality_code: NStr,
                publish_needs_second_person: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { id } = req.params;
      const b = req.body;
      const ctx = auditContext(req);
      let version = ifMatch(req.headers['if-match']);
      if (b.name !== undefined || b.type !== undefined || b.municipality_code !== undefined) {
        await updateOrganization(db, ctx, id, {
          name: b.name,
          type: b.type,
          municipalityCode: b.municipality_code,
          version,
        });
        version = undefined; // the version was checked; the settings below are part of the same request
      }
      if (b.publish_needs_second_person !== undefined)
        await updateOrganizationSettings(db, ctx, id, {
          publishNeedsSecondPerson: b.publish_needs_second_person,
          version,
        });
      return presentOrganizationDetail(await getManagedOrganization(db, requireActor(req), id, requestLang(req)));
    },
  );
}
