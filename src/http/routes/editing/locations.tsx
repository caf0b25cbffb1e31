/**
 * Editing locations (the places where services are given), as pages and as JSON side by side: the edit form,
 * changes with submit and publish. Every page works without JavaScript: forms POST and redirect (303); a form
 * with problems comes back with status 400, the draft saved as typed. The JSON API
 * (/api/v1/editing/locations/…) calls the same core functions. The core checks every permission.
 */
import type { FastifyInstance } from 'fastify';
import { getEditState, newEditState } from '../../../core/editing/drafts.js';
import type { LocationDraftData } from '../../../core/editing/types.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import { LocationEditPage } from '../../../web/pages/editing/LocationEditPage.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody, LangParams, type LangIdParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';
import {
  draftApiRoutes,
  draftFormErrors,
  flowPageRoutes,
  noticeOf,
  pageSchema,
  PageQuery,
  postSchema,
  saveForm,
  type ShowForm,
} from './shared.js';

const newSchema = { hide: true, params: LangParams, querystring: PageQuery } as const;

export async function locationEditingRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const locationForm: ShowForm<LocationDraftData> = async (req, reply, state, o = {}) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const errors = o.errors ?? (o.showErrors ? draftFormErrors(state.errors, lang) : []);
    const action = state.ref
      ? `/${lang}/work/locations/${state.ref}/edit`
      : `/${lang}/work/locations/new?organization=${state.organizationId}`;
    const name = pick(state.data.name, lang) || pick(state.published?.name, lang);
    const title = state.ref
      ? t('editing.location.edit_title', { name: name || t('editing.location.unnamed') })
      : t('editing.location.new_title');
    return sendPage(req, reply, {
      status: o.status ?? 200,
      title: errors.length ? `${t('form.error_prefix')} ${title}` : title,
      body: (
        <LocationEditPage
          state={state}
          data={o.data ?? state.data}
          errors={errors}
          action={action}
          notice={noticeOf(req)}
          conflict={o.conflict}
        />
      ),
    });
  };

  app.get<{ Querystring: PageQuery }>('/:lang/work/locations/new', { schema: newSchema }, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const org = req.query.organization ?? '';
    return locationForm(req, reply, await newEditState<LocationDraftData>(db, actor, 'location', org));
  });

  app.post<{ Querystring: PageQuery; Body: FormBody }>(
    '/:lang/work/locations/new',
    { schema: { ...newSchema, body: FormBody } },
    async (req, reply) => {
      const org = req.query.organization ?? readForm(req.body).text('organization');
      return saveForm(req, reply, 'location', { organizationId: org }, locationForm);
    },
  );

  app.get<{ Params: LangIdParams; Querystring: PageQuery }>(
    '/:lang/work/locations/:id/edit',
    { schema: pageSchema },
    async (req, reply) => {
      const actor = signedInOrRedirect(req, reply);
      if (!actor) return reply;
      const state = await getEditState<LocationDraftData>(db, actor, 'location', req.params.id);
      return locationForm(req, reply, state, { showErrors: Boolean(state.draft) });
    },
  );

  app.post<{ Params: LangIdParams; Querystring: PageQuery; Body: FormBody }>(
    '/:lang/work/locations/:id/edit',
    { schema: postSchema },
    async (req, reply) => saveForm(req, reply, 'location', { ref: req.params.id }, locationForm),
  );

  // ---- Changes, submit, publish, discard, bring up to date ----
  flowPageRoutes(app, 'location');

  // ---- JSON ----
  draftApiRoutes(app, 'location');
}
