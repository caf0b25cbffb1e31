/**
 * Editing services, as pages and as JSON side by side: my services, the edit form (fi | sv | en side by side),
 * preview, changes with submit and publish, and "still correct" (the review list of services not reviewed for
 * twelve months). Every page works without JavaScript: forms POST and redirect (303); a form with problems comes
 * back with status 400, the draft saved as typed. The JSON API (/api/v1/editing/services/…, /api/v1/editing/stale)
 * calls the same core functions; every write needs a session and the CSRF header. The core checks every permission.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { can, organizationsWhere } from '../../../core/access/permissions.js';
import { getEditState, newEditState } from '../../../core/editing/drafts.js';
import { confirmReviewed, staleServices } from '../../../core/editing/freshness.js';
import { locationChoices, workOverview } from '../../../core/editing/lists.js';
import { presentReviewed, presentStale } from '../../../core/editing/presenters.js';
import { previewService } from '../../../core/editing/preview.js';
import type { ServiceDraftData } from '../../../core/editing/types.js';
import { UUID_RE } from '../../../core/shared/ids.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import { PreviewPage } from '../../../web/pages/editing/PreviewPage.js';
import { ReviewPage } from '../../../web/pages/editing/ReviewPage.js';
import { ServiceEditPage } from '../../../web/pages/editing/ServiceEditPage.js';
import { WorkServicesPage } from '../../../web/pages/editing/WorkServicesPage.js';
import { auditContext, requireActor } from '../../auth.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { errorResponses, FormBody, LangParams, type LangIdParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';
import {
  draftApiRoutes,
  draftFormErrors,
  draftMessages,
  flowPageRoutes,
  IdParams,
  LangQuery,
  noticeOf,
  pageSchema,
  PageQuery,
  postSchema,
  saveForm,
  Translated,
  type ShowForm,
} from './shared.js';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const listSchema = { hide: true, params: LangParams, querystring: PageQuery } as const;

export async function serviceEditingRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  // ---- My services ----
  app.get<{ Querystring: PageQuery }>('/:lang/work/services', { schema: listSchema }, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const chosen = req.query.organization && UUID_RE.test(req.query.organization) ? req.query.organization : '';
    const overview = await workOverview(db, actor, { organizationId: chosen || undefined });
    const chooser = organizationsWhere(actor, 'service.edit') === 'all';
    return sendPage(req, reply, {
      title: tFor(lang)('editing.services.title'),
      body: <WorkServicesPage overview={overview} chooser={chooser} chosen={chosen} notice={noticeOf(req)} />,
    });
  });

  // ---- The edit form ----
  const serviceForm: ShowForm<ServiceDraftData> = async (req, reply, state, o = {}) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const data = o.data ?? state.data;
    const errors = o.errors ?? (o.showErrors ? draftFormErrors(state.errors, lang) : []);
    const locations = await locationChoices(db, state.organizationId, data.locations);
    const action = state.ref
      ? `/${lang}/work/services/${state.ref}/edit`
      : `/${lang}/work/services/new?organization=${state.organizationId}`;
    const name = pick(data.name, lang) || pick(state.published?.name, lang);
    const title = state.ref
      ? t('editing.service.edit_title', { name: name || t('editing.service.unnamed') })
      : t('editing.service.new_title');
    return sendPage(req, reply, {
      status: o.status ?? 200,
      title: errors.length ? `${t('form.error_prefix')} ${title}` : title,
      body: (
        <ServiceEditPage
          state={state}
          data={data}
          errors={errors}
          locations={locations}
          action={action}
          notice={noticeOf(req)}
          conflict={o.conflict}
        />
      ),
    });
  };

  app.get<{ Querystring: PageQuery }>('/:lang/work/services/new', { schema: listSchema }, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    let org = req.query.organization ?? '';
    if (!org) {
      const own = actor.memberships.filter((m) => can(actor, 'service.edit', { organizationId: m.organizationId }));
      if (own.length !== 1) return reply.redirect(`/${lang}/work/services`, 303);
      org = own[0]!.organizationId;
    }
    return serviceForm(req, reply, await newEditState<ServiceDraftData>(db, actor, 'service', org));
  });

  app.post<{ Querystring: PageQuery; Body: FormBody }>(
    '/:lang/work/services/new',
    { schema: { ...listSchema, body: FormBody } },
    async (req, reply) => {
      const org = req.query.organization ?? readForm(req.body).text('organization');
      return saveForm(req, reply, 'service', { organizationId: org }, serviceForm);
    },
  );

  app.get<{ Params: LangIdParams; Querystring: PageQuery }>(
    '/:lang/work/services/:id/edit',
    { schema: pageSchema },
    async (req, reply) => {
      const actor = signedInOrRedirect(req, reply);
      if (!actor) return reply;
      const state = await getEditState<ServiceDraftData>(db, actor, 'service', req.params.id);
      return serviceForm(req, reply, state, { showErrors: Boolean(state.draft) });
    },
  );

  app.post<{ Params: LangIdParams; Querystring: PageQuery; Body: FormBody }>(
    '/:lang/work/services/:id/edit',
    { schema: postSchema },
    async (req, reply) => saveForm(req, reply, 'service', { ref: req.params.id }, serviceForm),
  );

  // ---- Preview ----
  app.get<{ Params: LangIdParams }>('/:lang/work/services/:id/preview', { schema: pageSchema }, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const p = await previewService(db, actor, req.params.id);
    const t = tFor(lang);
    return sendPage(req, reply, {
      title: `${t('editing.preview.title')}: ${pick(p.service.name, lang) || t('editing.service.unnamed')}`,
      body: (
        <PreviewPage
          service={p.service}
          networkNote={p.networkNote}
          ref={p.state.ref}
          hasDraft={Boolean(p.state.draft)}
          problems={draftMessages(p.state.errors, lang)}
        />
      ),
    });
  });

  // ---- Changes, submit, publish, discard, bring up to date ----
  flowPageRoutes(app, 'service');

  // ---- Freshness ----
  app.get<{ Querystring: PageQuery }>('/:lang/work/review', { schema: listSchema }, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const r = await staleServices(db, actor);
    return sendPage(req, reply, {
      title: tFor(lang)('editing.review.title'),
      body: (
        <ReviewPage
          groups={r.groups}
          total={r.total}
          cutoff={r.cutoff}
          everywhere={Boolean(actor.systemRole)}
          notice={noticeOf(req)}
        />
      ),
    });
  });

  app.post<{ Params: LangIdParams; Body: FormBody }>(
    '/:lang/work/services/:id/review',
    { schema: postSchema },
    async (req, reply) => {
      const lang = langParam(req);
      await confirmReviewed(db, auditContext(req), req.params.id);
      const next = readForm(req.body).text('next');
      return reply.redirect(`/${lang}/work/${next === 'services' ? 'services' : 'review'}?notice=reviewed`, 303);
    },
  );

  // ---- JSON ----
  draftApiRoutes(app, 'service');

  app.post<{ Params: IdParams }>(
    '/api/v1/editing/services/:id/review',
    {
      schema: {
        tags: ['editing'],
        summary: 'Confirm that the service is still correct (marks it reviewed today)',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.Object({ id: Str, last_reviewed: Str }), ...errorResponses },
      },
    },
    async (req) => {
      const r = await confirmReviewed(db, auditContext(req), req.params.id);
      return presentReviewed(req.params.id, r.lastReviewed);
    },
  );

  app.get<{ Querystring: { organization?: string } }>(
    '/api/v1/editing/stale',
    {
      schema: {
        tags: ['editing'],
        summary: 'Services not reviewed for twelve months (editors: their organisations; coordinators: all)',
        querystring: Type.Object(
          { organization: Type.Optional(Type.String()), lang: LangQuery.properties.lang },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            cutoff: Str,
            total: Type.Integer(),
            organizations: Type.Array(
              Type.Object({
                id: Str,
                name: Translated,
                services: Type.Array(
                  Type.Object({
                    id: Str,
                    name: Translated,
                    last_reviewed: NStr,
                    last_reviewed_by: NStr,
                    has_draft: Type.Boolean(),
                    can_review: Type.Boolean(),
                  }),
                ),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const r = await staleServices(db, actor, { organizationId: req.query.organization });
      reply.header('cache-control', 'no-store');
      return presentStale(r);
    },
  );
}
