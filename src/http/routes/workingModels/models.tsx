/**
 * Working models: public pages (/:lang/working-models, published and public), the network's workspace
 * (/:lang/work/working-models: drafts, editing, publishing; the core authorises), and open data
 * (GET /api/v1/working-models?municipality=…, one model, its Innokylä-shaped export). Routes are thin: schema →
 * readForm → one core call → presenter or page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { ForbiddenError } from '../../../core/access/permissions.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { pick } from '../../../core/shared/translated.js';
import { innokylaExport, presentModel, presentModelSummary } from '../../../core/workingModels/presenters.js';
import {
  editChoices,
  listModels,
  modelDetail,
  modelVersion,
  type ModelDetail,
} from '../../../core/workingModels/queries.js';
import { createModel, publishModel, saveDraft } from '../../../core/workingModels/saveModel.js';
// The daily review reminders (a schedule of the job queue) are registered with the routes that need them.
import '../../../core/workingModels/reviewReminders.js';
import { CONTENT_FIELDS, type WorkingModelContent, type WorkingModelInput } from '../../../core/workingModels/types.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import {
  WorkingModelEditPage,
  WorkingModelPage,
  WorkingModelsListPage,
  type ModelForm,
} from '../../../web/pages/workingModels/WorkingModelPages.js';
import { auditContext } from '../../auth.js';
import { attemptForm, badRequest, notFound } from '../../errors.js';
import { readForm, uuidParam } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { errorResponses, FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

const KeyParams = Type.Object({ lang: Type.String(), key: Type.String() });
type KeyParams = Static<typeof KeyParams>;
const ApiKeyParams = Type.Object({ key: Type.String() });
type ApiKeyParams = Static<typeof ApiKeyParams>;
const MunicipalityQuery = Type.Object({
  municipality: Type.Optional(Type.String({ description: 'Official municipality code, e.g. 018 (Askola)' })),
});
const NOTICES = new Set(['created', 'saved', 'published']);

function municipalityOf(query: unknown, api: boolean): string {
  const v = readForm(query).text('municipality');
  if (!v) return '';
  if (!municipalityByCode(v)) {
    if (api) throw badRequest('unknown_municipality', { value: v });
    return '';
  }
  return v;
}

function readModelForm(body: unknown): ModelForm {
  const f = readForm(body);
  const content = Object.fromEntries(CONTENT_FIELDS.map((k) => [k, f.translated(k)])) as unknown as WorkingModelContent;
  const municipalities = f.list('municipalities');
  return {
    content,
    organizationId: f.text('organization'),
    teamId: f.text('team'),
    originActionId: f.text('origin_action'),
    reviewDue: f.text('review_due'),
    public: f.list('public').includes('yes'),
    municipalities,
    since: Object.fromEntries(municipalities.map((c) => [c, f.text(`since.${c}`)])),
    serviceIds: f.list('services'),
    ownerIds: f.list('owners'),
    contactIds: f.list('contacts'),
  };
}

const toInput = (form: ModelForm): WorkingModelInput => ({
  content: form.content,
  organizationId: form.organizationId,
  teamId: form.teamId,
  originActionId: form.originActionId,
  reviewDue: form.reviewDue,
  public: form.public,
  municipalities: form.municipalities.map((code) => ({ code, since: form.since[code] ?? '' })),
  serviceIds: form.serviceIds,
  ownerIds: form.ownerIds,
  contactIds: form.contactIds,
});

const formOf = (m: ModelDetail): ModelForm => ({
  content: m.draft,
  organizationId: m.organizationId,
  teamId: m.teamId ?? '',
  originActionId: m.originAction?.id ?? '',
  reviewDue: m.reviewDue ?? '',
  public: m.public,
  municipalities: m.municipalities.map((x) => x.code),
  since: Object.fromEntries(m.municipalities.map((x) => [x.code, x.since ?? ''])),
  serviceIds: m.services.map((s) => s.id),
  ownerIds: m.owners.map((o) => o.id),
  contactIds: m.contacts.map((c) => c.id),
});

export async function workingModelRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const base = app.config.publicUrl;
  const page = { schema: { hide: true, params: LangParams } };

  // ---- Public pages ----

  app.get('/:lang/working-models', page, async (req, reply) => {
    const lang = langParam(req);
    const municipality = municipalityOf(req.query, false);
    const models = await listModels(db, null, { municipality: municipality || undefined, publicOnly: true });
    return sendPage(req, reply, {
      title: tFor(lang)('workingModels.list.title'),
      description: tFor(lang)('workingModels.list.lead'),
      body: <WorkingModelsListPage models={models} municipality={municipality} work={false} />,
    });
  });

  app.get<{ Params: KeyParams }>(
    '/:lang/working-models/:key',
    { schema: { hide: true, params: KeyParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const model = await modelDetail(db, req.actor ?? null, req.params.key);
      // Keepers see the draft until it is first published; everybody else the published text.
      const showingDraft = !model.published;
      const notice = readForm(req.query).text('notice');
      return sendPage(req, reply, {
        title: pick(model.content.name, lang) || model.key,
        description: pick(model.content.summary, lang),
        noindex: !model.public,
        body: (
          <WorkingModelPage
            model={model}
            content={model.content}
            showingDraft={showingDraft}
            notice={NOTICES.has(notice) ? notice : null}
          />
        ),
      });
    },
  );

  const VersionParams = Type.Object({ lang: Type.String(), key: Type.String(), version: Type.String() });
  app.get<{ Params: Static<typeof VersionParams> }>(
    '/:lang/working-models/:key/versions/:version',
    { schema: { hide: true, params: VersionParams } },
    async (req, reply) => {
      const lang = langParam(req);
      const n = /^\d{1,6}$/.test(req.params.version) ? Number(req.params.version) : NaN;
      if (!Number.isInteger(n)) throw notFound();
      const { model, content } = await modelVersion(db, req.actor ?? null, req.params.key, n);
      return sendPage(req, reply, {
        title: `${pick(content.name, lang) || model.key} – ${tFor(lang)('workingModels.field.version')} ${n}`,
        noindex: true,
        body: <WorkingModelPage model={model} content={content} showingDraft={false} shownVersion={n} />,
      });
    },
  );

  // ---- The workspace ----

  app.get('/:lang/work/working-models', page, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const municipality = municipalityOf(req.query, false);
    const models = await listModels(db, actor, { municipality: municipality || undefined });
    return sendPage(req, reply, {
      title: tFor(lang)('workingModels.work.title'),
      body: <WorkingModelsListPage models={models} municipality={municipality} work />,
    });
  });

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    model: ModelDetail | null,
    form: ModelForm,
    errors: FormError[],
    status = errors.length ? 400 : 200,
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const title = model
      ? t('workingModels.edit_title', { name: pick(model.draft.name, lang) })
      : t('workingModels.work.new');
    return sendPage(req, reply, {
      status,
      title: errors.length ? `${t('form.error_prefix')} ${title}` : title,
      body: (
        <WorkingModelEditPage
          model={model}
          form={form}
          errors={errors}
          choices={await editChoices(db, req.actor!)}
          notice={NOTICES.has(readForm(req.query).text('notice')) ? readForm(req.query).text('notice') : null}
        />
      ),
    });
  };

  const emptyForm = (organizationId: string): ModelForm => ({
    content: Object.fromEntries(CONTENT_FIELDS.map((k) => [k, {}])) as unknown as WorkingModelContent,
    organizationId,
    teamId: '',
    originActionId: '',
    reviewDue: '',
    public: false,
    municipalities: [],
    since: {},
    serviceIds: [],
    ownerIds: [],
    contactIds: [],
  });

  app.get('/:lang/work/working-models/new', page, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const first = actor.memberships.find((m) => m.role !== 'member')?.organizationId ?? '';
    return editPage(req, reply, null, emptyForm(first), []);
  });

  app.post<{ Params: Static<typeof LangParams>; Body: FormBody }>(
    '/:lang/work/working-models/new',
    { schema: { hide: true, params: LangParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const form = readModelForm(req.body);
      const done = await attemptForm(lang, () => createModel(db, auditContext(req), toInput(form)));
      if (!done.ok) return editPage(req, reply, null, form, done.errors);
      return reply.redirect(`/${lang}/work/working-models/${done.value.id}/edit?notice=created#wm-notice`, 303);
    },
  );

  const keeperModel = async (req: FastifyRequest, id: string) => {
    const model = await modelDetail(db, req.actor ?? null, uuidParam(id));
    if (!model.canKeep) throw new ForbiddenError('working_model.edit', { organizationId: model.organizationId });
    return model;
  };

  app.get<{ Params: LangIdParams }>(
    '/:lang/work/working-models/:id/edit',
    { schema: { hide: true, params: LangIdParams } },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      const model = await keeperModel(req, req.params.id);
      return editPage(req, reply, model, formOf(model), []);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/work/working-models/:id/edit',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const form = readModelForm(req.body);
      const done = await attemptForm(lang, () => saveDraft(db, auditContext(req), id, toInput(form)));
      if (!done.ok) return editPage(req, reply, await keeperModel(req, id), form, done.errors);
      return reply.redirect(`/${lang}/work/working-models/${id}/edit?notice=saved#wm-notice`, 303);
    },
  );

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/work/working-models/:id/publish',
    { schema: { hide: true, params: LangIdParams, body: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const done = await attemptForm(lang, () => publishModel(db, auditContext(req), id));
      if (!done.ok) {
        const model = await keeperModel(req, id);
        return editPage(req, reply, model, formOf(model), done.errors, done.error.kind === 'conflict' ? 409 : 400);
      }
      const model = await modelDetail(db, req.actor ?? null, id);
      return reply.redirect(`/${lang}/working-models/${model.key}?notice=published#wm-notice`, 303);
    },
  );

  // ---- Open data ----

  const tags = ['working-models'];
  const Obj = Type.Object({}, { additionalProperties: true });

  app.get<{ Querystring: Static<typeof MunicipalityQuery> }>(
    '/api/v1/working-models',
    {
      schema: {
        tags,
        summary:
          'Published working models that their municipalities chose to make public, optionally of one municipality',
        querystring: MunicipalityQuery,
        response: { 200: Type.Object({ working_models: Type.Array(Obj) }), 400: errorResponses[400] },
      },
    },
    async (req) => {
      const municipality = municipalityOf(req.query, true);
      const models = await listModels(db, null, { municipality: municipality || undefined, publicOnly: true });
      return { working_models: models.map((m) => presentModelSummary(m, base)) };
    },
  );

  app.get<{ Params: ApiKeyParams }>(
    '/api/v1/working-models/:key',
    {
      schema: {
        tags,
        summary: 'One published, public working model: its whole published text in fi/sv/en',
        params: ApiKeyParams,
        response: { 200: Obj, 404: errorResponses[404] },
      },
    },
    async (req) => presentModel(await publicModel(req.params.key), base),
  );

  app.get<{ Params: ApiKeyParams }>(
    '/api/v1/working-models/:key/innokyla',
    {
      schema: {
        tags,
        summary: "One published, public working model in the shape of Innokylä's description (docs/working-models.md)",
        params: ApiKeyParams,
        response: { 200: Obj, 404: errorResponses[404] },
      },
    },
    async (req) => innokylaExport(await publicModel(req.params.key), base),
  );

  /** Open data: only what is published and public, whoever asks (a session changes nothing here). */
  const publicModel = (key: string) => modelDetail(db, null, key);
}
