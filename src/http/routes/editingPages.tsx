/**
 * The editors' pages: my services, the edit form (fi | sv | en side by side), preview, changes with publish,
 * locations, and the review list. Every page works without JavaScript: forms POST and redirect (303); a form
 * with problems comes back with status 400, the draft saved as typed. The core checks every permission.
 */
import type { Translated } from '../../core/shared/lang.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { can, organizationsWhere } from '../../core/access/permissions.js';
import {
  changesOf,
  discardDraft,
  getEditState,
  mayPublish,
  newEditState,
  publishDraft,
  saveDraft,
  submitDraft,
  updateDraftBase,
} from '../../core/editing/drafts.js';
import { patchFromForm } from '../../core/editing/forms.js';
import { confirmReviewed, staleServices } from '../../core/editing/freshness.js';
import { locationChoices, workOverview } from '../../core/editing/lists.js';
import { previewService } from '../../core/editing/preview.js';
import {
  EditingError,
  type DraftData,
  type DraftError,
  type DraftKind,
  type EditState,
  type LocationDraftData,
  type ServiceDraftData,
} from '../../core/editing/types.js';
import { UUID_RE } from '../../core/shared/ids.js';
import { pick } from '../../core/shared/translated.js';
import { tFor } from '../../i18n/index.js';
import { ChangesPage } from '../../web/pages/editing/ChangesPage.js';
import { LocationEditPage } from '../../web/pages/editing/LocationEditPage.js';
import { draftErrorMessage, formErrors } from '../../web/pages/editing/parts.js';
import { PreviewPage } from '../../web/pages/editing/PreviewPage.js';
import { ReviewPage } from '../../web/pages/editing/ReviewPage.js';
import { ServiceEditPage } from '../../web/pages/editing/ServiceEditPage.js';
import { WorkServicesPage } from '../../web/pages/editing/WorkServicesPage.js';
import { auditContext } from '../auth.js';
import { notFound } from '../errors.js';
import { sendPage } from '../pages.js';
import { langParam } from './langParam.js';
import { signedInOrRedirect } from './workPages.js';

const NOTICES = ['saved', 'no_changes', 'submitted', 'published', 'discarded', 'rebased', 'reviewed'] as const;
const noticeOf = (req: FastifyRequest) =>
  NOTICES.find((n) => n === (req.query as Record<string, unknown>).notice) ?? null;
const AREA: Record<DraftKind, string> = { service: 'services', location: 'locations' };

/** Not-found from the core becomes the site's 404 page; other refusals are shown by the page. */
function rethrowNotFound(e: unknown): asserts e is EditingError {
  if (e instanceof EditingError && e.code === 'not_found') throw notFound();
  if (!(e instanceof EditingError)) throw e;
}

async function locationNames(req: FastifyRequest, ids: string[]): Promise<Record<string, Translated>> {
  if (!ids.length) return {};
  const rows = await req.server.database.db
    .selectFrom('location')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

export async function editingPageRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const hide = { schema: { hide: true } };

  // ---- My services ----
  app.get('/:lang/work/services', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const q = req.query as Record<string, unknown>;
    const chosen = typeof q.organization === 'string' && UUID_RE.test(q.organization) ? q.organization : '';
    const overview = await workOverview(db, actor, { organizationId: chosen || undefined });
    const chooser = organizationsWhere(actor, 'service.edit') === 'all';
    return sendPage(req, reply, {
      title: tFor(lang)('editing.services.title'),
      body: <WorkServicesPage overview={overview} chooser={chooser} chosen={chosen} notice={noticeOf(req)} />,
    });
  });

  // ---- Service form ----
  const serviceForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: EditState<ServiceDraftData>,
    o: { data?: ServiceDraftData; errors?: DraftError[]; status?: number; showErrors?: boolean } = {},
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const data = o.data ?? state.data;
    const errors = o.errors ?? (o.showErrors ? state.errors : []);
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
          errors={formErrors(t, errors)}
          locations={locations}
          action={action}
          notice={noticeOf(req)}
        />
      ),
    });
  };

  app.get('/:lang/work/services/new', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const q = req.query as Record<string, unknown>;
    let org = typeof q.organization === 'string' ? q.organization : '';
    if (!org) {
      const own = actor.memberships.filter((m) => can(actor, 'service.edit', { organizationId: m.organizationId }));
      if (own.length !== 1) return reply.redirect(`/${lang}/work/services`, 303);
      org = own[0]!.organizationId;
    }
    try {
      return await serviceForm(req, reply, await newEditState<ServiceDraftData>(db, actor, 'service', org));
    } catch (e) {
      rethrowNotFound(e);
      throw e;
    }
  });

  app.get('/:lang/work/services/:id/edit', hide, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    try {
      const state = await getEditState<ServiceDraftData>(db, actor, 'service', (req.params as { id: string }).id);
      return await serviceForm(req, reply, state, { showErrors: Boolean(state.draft) });
    } catch (e) {
      rethrowNotFound(e);
      throw e;
    }
  });

  /** Saves the posted form; then goes where the pressed button asked, or shows the problems (400). */
  const saveForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    kind: DraftKind,
    target: { ref: string } | { organizationId: string },
  ) => {
    const lang = langParam(req);
    const ctx = auditContext(req);
    let state: EditState<DraftData>;
    try {
      state =
        'ref' in target
          ? await getEditState(db, req.actor, kind, target.ref)
          : await newEditState(db, req.actor, kind, target.organizationId);
    } catch (e) {
      rethrowNotFound(e);
      throw e;
    }
    const patch = patchFromForm(kind, req.body, state.readOnlyFields);
    if (kind === 'service' && state.ptvLifeSituations.length)
      patch.lifeSituations = [...new Set([...(patch.lifeSituations as string[]), ...state.ptvLifeSituations])];
    const action = String((req.body as Record<string, unknown>)?.action ?? 'save');
    let result;
    try {
      result = await saveDraft(db, ctx, kind, target, patch);
    } catch (e) {
      rethrowNotFound(e);
      // Rejected (a PTV field, a PTV location): nothing saved; the form shows what is published and why.
      if (kind === 'service')
        return serviceForm(req, reply, state as EditState<ServiceDraftData>, {
          errors: e.errors.length ? e.errors : [{ field: 'name', code: e.code }],
          status: 400,
        });
      return locationForm(req, reply, state as EditState<LocationDraftData>, {
        errors: e.errors.length ? e.errors : [{ field: 'name', code: e.code }],
        status: 400,
      });
    }
    const base = `/${lang}/work/${AREA[kind]}/${result.ref}`;
    if (result.errors.length) {
      const saved = await getEditState(db, req.actor, kind, result.ref).catch(() => state);
      return kind === 'service'
        ? serviceForm(req, reply, saved as EditState<ServiceDraftData>, { errors: result.errors, status: 400 })
        : locationForm(req, reply, saved as EditState<LocationDraftData>, { errors: result.errors, status: 400 });
    }
    if (action === 'preview' && kind === 'service') return reply.redirect(`${base}/preview`, 303);
    if (action === 'changes') return reply.redirect(`${base}/changes`, 303);
    return reply.redirect(`${base}/edit?notice=${result.changed ? 'saved' : 'no_changes'}`, 303);
  };

  app.post('/:lang/work/services/new', hide, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const org = String((req.query as Record<string, unknown>).organization ?? body.organization ?? '');
    return saveForm(req, reply, 'service', { organizationId: org });
  });

  app.post('/:lang/work/services/:id/edit', hide, async (req, reply) =>
    saveForm(req, reply, 'service', { ref: (req.params as { id: string }).id }),
  );

  // ---- Preview ----
  app.get('/:lang/work/services/:id/preview', hide, async (req, reply) => {
    const lang = langParam(req);
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    try {
      const p = await previewService(db, actor, (req.params as { id: string }).id);
      const t = tFor(lang);
      return await sendPage(req, reply, {
        title: `${t('editing.preview.title')}: ${pick(p.service.name, lang) || t('editing.service.unnamed')}`,
        body: (
          <PreviewPage
            service={p.service}
            networkNote={p.networkNote}
            ref={p.state.ref}
            hasDraft={Boolean(p.state.draft)}
            errors={p.state.errors}
          />
        ),
      });
    } catch (e) {
      rethrowNotFound(e);
      throw e;
    }
  });

  // ---- Changes, submit, publish, discard, bring up to date ----
  const changesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    kind: DraftKind,
    ref: string,
    problem?: { error: EditingError; t: TFunction },
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const actor = req.actor!;
    let state: EditState<DraftData>;
    try {
      state = await getEditState(db, actor, kind, ref);
    } catch (e) {
      // A new record's draft that was just discarded or published is gone.
      if (e instanceof EditingError && e.code === 'not_found' && problem)
        return reply.redirect(`/${lang}/work/services`, 303);
      rethrowNotFound(e);
      throw e;
    }
    const view = changesOf(state);
    const ids =
      kind === 'service'
        ? [
            ...new Set([
              ...((state.published as ServiceDraftData | null)?.locations ?? []),
              ...(state.data as ServiceDraftData).locations,
            ]),
          ]
        : [];
    const publishable = mayPublish(actor, state);
    const maySubmit = Boolean(
      state.draft &&
      state.needsSecondPerson &&
      state.draft.status === 'draft' &&
      !state.errors.length &&
      can(actor, 'service.edit', { organizationId: state.organizationId }),
    );
    const waitingForOther = Boolean(
      state.draft &&
      state.needsSecondPerson &&
      state.draft.status === 'submitted' &&
      state.draft.submittedBy === actor.personId,
    );
    const name = pick(state.data.name, lang) || pick(state.published?.name, lang) || t(`editing.${kind}.unnamed`);
    return sendPage(req, reply, {
      status: problem?.error.status ?? 200,
      title: problem
        ? `${t('form.error_prefix')} ${t('editing.changes.title', { name })}`
        : t('editing.changes.title', { name }),
      body: (
        <ChangesPage
          kind={kind}
          state={state}
          view={view}
          locationNames={await locationNames(req, ids)}
          mayPublish={publishable}
          maySubmit={maySubmit}
          waitingForOther={waitingForOther}
          notice={noticeOf(req)}
          problem={problem ? t(`editing.flow.${problem.error.code}`) : null}
          problems={problem?.error.errors.map((e) => draftErrorMessage(t, e))}
        />
      ),
    });
  };

  for (const kind of ['service', 'location'] as const) {
    const area = AREA[kind];
    app.get(`/:lang/work/${area}/:id/changes`, hide, async (req, reply) => {
      const actor = signedInOrRedirect(req, reply);
      if (!actor) return reply;
      return changesPage(req, reply, kind, (req.params as { id: string }).id);
    });

    const action = (path: string, run: (ref: string, req: FastifyRequest) => Promise<string>) => {
      app.post(`/:lang/work/${area}/:id/${path}`, hide, async (req, reply) => {
        const lang = langParam(req);
        const ref = (req.params as { id: string }).id;
        try {
          return reply.redirect(`/${lang}${await run(ref, req)}`, 303);
        } catch (e) {
          rethrowNotFound(e);
          return changesPage(req, reply, kind, ref, { error: e, t: tFor(lang) });
        }
      });
    };
    action('submit', async (ref, req) => {
      await submitDraft(db, auditContext(req), kind, ref);
      return `/work/${area}/${ref}/changes?notice=submitted`;
    });
    action('publish', async (ref, req) => {
      const id = await publishDraft(db, auditContext(req), kind, ref);
      return `/work/${area}/${id}/edit?notice=published`;
    });
    action('discard', async (ref, req) => {
      await discardDraft(db, auditContext(req), kind, ref);
      return `/work/services?notice=discarded`;
    });
    action('rebase', async (ref, req) => {
      await updateDraftBase(db, auditContext(req), kind, ref);
      return `/work/${area}/${ref}/changes?notice=rebased`;
    });
  }

  // ---- Locations ----
  const locationForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: EditState<LocationDraftData>,
    o: { errors?: DraftError[]; status?: number; showErrors?: boolean } = {},
  ) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const errors = o.errors ?? (o.showErrors ? state.errors : []);
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
          data={state.data}
          errors={formErrors(t, errors)}
          action={action}
          notice={noticeOf(req)}
        />
      ),
    });
  };

  app.get('/:lang/work/locations/new', hide, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    const org = String((req.query as Record<string, unknown>).organization ?? '');
    try {
      return await locationForm(req, reply, await newEditState<LocationDraftData>(db, actor, 'location', org));
    } catch (e) {
      rethrowNotFound(e);
      throw e;
    }
  });

  app.post('/:lang/work/locations/new', hide, async (req, reply) => {
    const org = String(
      (req.query as Record<string, unknown>).organization ??
        (req.body as Record<string, unknown> | undefined)?.organization ??
        '',
    );
    return saveForm(req, reply, 'location', { organizationId: org });
  });

  app.get('/:lang/work/locations/:id/edit', hide, async (req, reply) => {
    const actor = signedInOrRedirect(req, reply);
    if (!actor) return reply;
    try {
      const state = await getEditState<LocationDraftData>(db, actor, 'location', (req.params as { id: string }).id);
      return await locationForm(req, reply, state, { showErrors: Boolean(state.draft) });
    } catch (e) {
      rethrowNotFound(e);
      throw e;
    }
  });

  app.post('/:lang/work/locations/:id/edit', hide, async (req, reply) =>
    saveForm(req, reply, 'location', { ref: (req.params as { id: string }).id }),
  );

  // ---- Freshness ----
  app.get('/:lang/work/review', hide, async (req, reply) => {
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

  app.post('/:lang/work/services/:id/review', hide, async (req, reply) => {
    const lang = langParam(req);
    try {
      await confirmReviewed(db, auditContext(req), (req.params as { id: string }).id);
    } catch (e) {
      rethrowNotFound(e);
      throw e;
    }
    const next = (req.body as Record<string, unknown> | undefined)?.next;
    return reply.redirect(`/${lang}/work/${next === 'services' ? 'services' : 'review'}?notice=reviewed`, 303);
  });
}
