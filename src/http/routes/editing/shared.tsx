/**
 * What the editing routes of services and locations share: the JSON API of a record's draft (read, save, start,
 * submit, publish, bring up to date, discard), the pages of its changes and the buttons there, saving a posted
 * edit form, and their schemas. The core checks every permission and every rule of the flow; its refusals are
 * DomainErrors, which the app's one error handler answers (JSON) or the page shows with the form (attemptForm).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { can } from '../../../core/access/permissions.js';
import {
  changesOf,
  fieldsOf as fieldsOfKind,
  discardDraft,
  getEditState,
  mayPublish,
  newEditState,
  publishDraft,
  saveDraft,
  submitDraft,
  updateDraftBase,
} from '../../../core/editing/drafts.js';
import { AREA as ERROR_AREA, conflictVersions, draftInvalid } from '../../../core/editing/errors.js';
import { patchFromForm } from '../../../core/editing/forms.js';
import { presentPublished, presentState } from '../../../core/editing/presenters.js';
import { diffRecords, type FieldChange } from '../../../core/editing/fields.js';
import type { DraftData, DraftError, DraftKind, EditState, ServiceDraftData } from '../../../core/editing/types.js';
import { isDomainError, type DomainError } from '../../../core/shared/errors.js';
import type { Lang, Translated as TranslatedText } from '../../../core/shared/lang.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import type { FormError } from '../../../web/components/forms.js';
import { ChangesPage } from '../../../web/pages/editing/ChangesPage.js';
import { auditContext, requireActor } from '../../auth.js';
import { attemptForm, formErrors, messageOf, problemsOf, requestLang, STATUS, type Attempt } from '../../errors.js';
import { readForm } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { ErrorSchema, errorResponses, FormBody, LangIdParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { signedInOrRedirect } from '../workPages.js';

export const AREA: Record<DraftKind, 'services' | 'locations'> = { service: 'services', location: 'locations' };

// ---- Schemas ----

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
export const Translated = Type.Object(
  { fi: Type.Optional(Str), sv: Type.Optional(Str), en: Type.Optional(Str) },
  { additionalProperties: false },
);
const Num = Type.Union([Type.String({ maxLength: 40 }), Type.Number()]);
const List = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 });
const HoursRow = Type.Object(
  {
    days: List,
    opens: Type.String({ maxLength: 20 }),
    closes: Type.String({ maxLength: 20 }),
    note: Type.Optional(Translated),
    validFrom: Type.Optional(Type.String({ maxLength: 20 })),
    validTo: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const PhoneRow = Type.Object(
  { number: Type.String({ maxLength: 50 }), note: Type.Optional(Translated) },
  { additionalProperties: false },
);

export const serviceFields = {
  name: Translated,
  summary: Translated,
  description: Translated,
  feeNote: Translated,
  accessNote: Translated,
  networkNote: Type.Object(
    { fi: Type.Optional(Str), sv: Type.Optional(Str), en: Type.Optional(Str) },
    {
      additionalProperties: false,
      description: 'For the network only: shown to signed-in professionals, never to the public.',
    },
  ),
  languages: List,
  modes: List,
  ageMin: Num,
  ageMax: Num,
  fee: Str,
  access: Str,
  lifeSituations: List,
  areas: List,
  locations: Type.Array(Type.String(), { maxItems: 100, description: 'Location ids (of the organisation).' }),
  phones: Type.Array(PhoneRow, { maxItems: 20 }),
  email: Str,
  url: Str,
  hours: Type.Array(HoursRow, { maxItems: 50 }),
};
export const locationFields = {
  name: Translated,
  street: Translated,
  postalCode: Str,
  city: Translated,
  municipalityCode: Str,
  lat: Num,
  lon: Num,
  accessibility: Translated,
  hours: Type.Array(HoursRow, { maxItems: 50 }),
};

/** 409 edit_conflict: what someone else saved meanwhile (current) and what this save would have saved (yours). */
const conflictSchema = (fields: Record<string, TSchema>) =>
  Type.Object({
    ...ErrorSchema.properties,
    current: Type.Optional(
      Type.Object({
        version: Str,
        data: dataSchema(fields),
        updated_at: NStr,
        updated_by: NStr,
      }),
    ),
    yours: Type.Optional(Type.Object({ data: dataSchema(fields) })),
  });

/** A patch: the fields to change; a field left out keeps its value. */
const patchSchema = (fields: Record<string, TSchema>) =>
  Type.Partial(Type.Object(fields, { additionalProperties: false }));
const dataSchema = (fields: Record<string, TSchema>) => Type.Object(fields);

const ProblemSchema = Type.Object({ field: Str, code: Str, message: Str });

const Change = Type.Object({
  field: Str,
  kind: Str,
  lang: Type.Optional(Str),
  parts: Type.Optional(Type.Array(Type.Object({ value: Str, added: Type.Boolean(), removed: Type.Boolean() }))),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
  removed: Type.Optional(Type.Array(Type.Unknown())),
  added: Type.Optional(Type.Array(Type.Unknown())),
  kept: Type.Optional(Type.Array(Type.Unknown())),
});

const stateSchema = (fields: Record<string, TSchema>) =>
  Type.Object({
    id: Type.String({ description: 'The record id, or for a record not yet published the draft id.' }),
    record_id: NStr,
    organization_id: Str,
    source: Str,
    read_only_fields: Type.Array(Str, {
      description: 'PTV records: fields that follow PTV and cannot be changed here.',
    }),
    ptv_life_situations: Type.Array(Str),
    data: dataSchema(fields),
    version: Type.String({
      description:
        'The version of `data`. Send it back in If-Match when saving: a save over a version someone else has changed meanwhile is refused (409 edit_conflict, with both versions).',
    }),
    published: Type.Union([dataSchema(fields), Type.Null()]),
    draft: Type.Union([
      Type.Null(),
      Type.Object({
        id: Str,
        status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
        updated_at: Str,
        updated_by: NStr,
        submitted_by: NStr,
      }),
    ]),
    problems: Type.Array(ProblemSchema),
    base_changed: Type.Boolean(),
    needs_second_person: Type.Boolean(),
    last_reviewed: NStr,
    changes: Type.Array(Change),
    changed_meanwhile: Type.Array(Change),
  });

export const IdParams = Type.Object({
  id: Type.String({ description: 'Record id (or the draft id of a record not yet published).' }),
});
export type IdParams = Static<typeof IdParams>;
export const LangQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])),
});

/** The query of the editing pages: a notice after an action, the organisation of a new record. */
export const PageQuery = Type.Object({
  notice: Type.Optional(Type.String()),
  organization: Type.Optional(Type.String()),
});
export type PageQuery = Static<typeof PageQuery>;

/** A page with a record's id, and what it may be posted. */
export const pageSchema = { hide: true, params: LangIdParams, querystring: PageQuery } as const;
export const postSchema = { ...pageSchema, body: FormBody } as const;

// ---- Pages: helpers ----

const NOTICES = ['saved', 'no_changes', 'submitted', 'published', 'discarded', 'rebased', 'reviewed'] as const;
/** A page request of the editing pages. */
export type PageRequest = FastifyRequest<{ Querystring: PageQuery }>;
export const noticeOf = (req: PageRequest) => NOTICES.find((n) => n === req.query.notice) ?? null;

/** Form errors without two for one field (the first problem of a field is the one to fix first). */
const unique = (errors: FormError[]): FormError[] => {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
};

/** A draft's problems as a form's errors, each linked to its field. */
export const draftFormErrors = (errors: DraftError[], lang: Lang): FormError[] =>
  errors.length ? unique(formErrors(draftInvalid(errors), lang)) : [];

/** A draft's problems as sentences (the preview lists them). */
export const draftMessages = (errors: DraftError[], lang: Lang): string[] =>
  problemsOf(draftInvalid(errors), lang).map((p) => p.message);

/** How an edit form is shown: the record's state, and what to show over it. */
export type ShowForm<D extends DraftData> = (
  req: PageRequest,
  reply: FastifyReply,
  state: EditState<D>,
  o?: { data?: D; errors?: FormError[]; status?: number; showErrors?: boolean; conflict?: EditConflict<D> },
) => Promise<FastifyReply>;

/** Someone else saved the record while this editor was typing: their version beside what was typed. */
export interface EditConflict<D extends DraftData> {
  /** What the other editor saved (the form now carries its version, so saving again is a deliberate choice). */
  current: D;
  updatedBy: string | null;
  updatedAt: string | null;
  /** Their version (before) against what this editor typed (after). */
  changes: FieldChange[];
}

/**
 * Saves a posted edit form as the draft; then goes where the pressed button asked, or shows the form again with
 * its problems (400: the draft is saved as typed, or a change the flow refuses — a PTV field — saved nothing).
 */
export async function saveForm<D extends DraftData>(
  req: PageRequest,
  reply: FastifyReply,
  kind: DraftKind,
  target: { ref: string } | { organizationId: string },
  show: ShowForm<D>,
): Promise<FastifyReply> {
  const db = req.server.database.db;
  const lang = langParam(req);
  const state =
    'ref' in target
      ? await getEditState<D>(db, req.actor, kind, target.ref)
      : await newEditState<D>(db, req.actor, kind, target.organizationId);
  const attempt = await attemptForm(lang, async () => {
    const form = readForm(req.body);
    const patch = patchFromForm(kind, form, state.readOnlyFields);
    if (kind === 'service' && state.ptvLifeSituations.length)
      patch.lifeSituations = [...new Set([...(patch.lifeSituations as string[]), ...state.ptvLifeSituations])];
    const version = form.text('version');
    return {
      action: form.text('action') || 'save',
      result: await saveDraft(db, auditContext(req), kind, target, patch, version ? { version } : {}),
    };
  });
  // Someone else saved meanwhile: nothing saved; the form keeps what was typed, beside the other version.
  const versions = !attempt.ok ? conflictVersions<D>(attempt.error) : null;
  if (!attempt.ok && versions && 'ref' in target) {
    const now = await getEditState<D>(db, req.actor, kind, target.ref);
    return show(req, reply, now, {
      data: versions.yours.data,
      errors: unique(attempt.errors),
      status: 409,
      conflict: {
        current: versions.current.data,
        updatedBy: versions.current.updated_by,
        updatedAt: versions.current.updated_at,
        changes: diffRecords(fieldsOfKind(kind), versions.current.data, versions.yours.data),
      },
    });
  }
  // Refused (a PTV field, a PTV location, text that cannot be stored): nothing saved; the form says why.
  if (!attempt.ok)
    return show(req, reply, state, { errors: unique(attempt.errors), status: STATUS[attempt.error.kind] });
  const { action, result } = attempt.value;
  if (result.errors.length) {
    const saved = await getEditState<D>(db, req.actor, kind, result.ref).catch(() => state);
    return show(req, reply, saved, { errors: draftFormErrors(result.errors, lang), status: 400 });
  }
  const base = `/${lang}/work/${AREA[kind]}/${result.ref}`;
  if (action === 'preview' && kind === 'service') return reply.redirect(`${base}/preview`, 303);
  if (action === 'changes') return reply.redirect(`${base}/changes`, 303);
  return reply.redirect(`${base}/edit?notice=${result.changed ? 'saved' : 'no_changes'}`, 303);
}

/**
 * What a button of the changes page asked for. Refusals the person can act on come back to be shown on the page:
 * those of attemptForm, and a publisher who submitted the draft themselves (403, another editor publishes it).
 */
async function attemptFlow<T>(lang: Lang, run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return await attemptForm(lang, run);
  } catch (e) {
    if (isDomainError(e) && e.area === ERROR_AREA && e.kind === 'forbidden')
      return { ok: false, error: e, errors: formErrors(e, lang) };
    throw e;
  }
}

async function locationNames(req: FastifyRequest, ids: string[]): Promise<Record<string, TranslatedText>> {
  if (!ids.length) return {};
  const rows = await req.server.database.db
    .selectFrom('location')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** The changes page of a draft, with the buttons to submit, publish, discard or bring it up to date. */
async function changesPage(
  req: FastifyRequest<{ Params: LangIdParams; Querystring: PageQuery }>,
  reply: FastifyReply,
  kind: DraftKind,
  ref: string,
  refused?: DomainError,
) {
  const lang = langParam(req);
  const t = tFor(lang);
  const actor = req.actor!;
  let state: EditState<DraftData>;
  try {
    state = await getEditState(req.server.database.db, actor, kind, ref);
  } catch (e) {
    // A new record's draft that was just discarded or published is gone.
    if (refused && isDomainError(e) && e.kind === 'not_found') return reply.redirect(`/${lang}/work/services`, 303);
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
    status: refused ? STATUS[refused.kind] : 200,
    title: refused
      ? `${t('form.error_prefix')} ${t('editing.changes.title', { name })}`
      : t('editing.changes.title', { name }),
    body: (
      <ChangesPage
        kind={kind}
        state={state}
        view={view}
        locationNames={await locationNames(req, ids)}
        mayPublish={mayPublish(actor, state)}
        maySubmit={maySubmit}
        waitingForOther={waitingForOther}
        notice={noticeOf(req)}
        problem={refused ? messageOf(refused, lang) : null}
        problems={refused ? problemsOf(refused, lang).map((p) => p.message) : undefined}
      />
    ),
  });
}

/** The changes page of a kind of record and its buttons: submit, publish, discard, bring up to date. */
export function flowPageRoutes(app: FastifyInstance, kind: DraftKind): void {
  const db = app.database.db;
  const area = AREA[kind];
  app.get<{ Params: LangIdParams; Querystring: PageQuery }>(
    `/:lang/work/${area}/:id/changes`,
    { schema: pageSchema },
    async (req, reply) => {
      if (!signedInOrRedirect(req, reply)) return reply;
      return changesPage(req, reply, kind, req.params.id);
    },
  );

  const action = (path: string, run: (ref: string, req: FastifyRequest) => Promise<string>) => {
    app.post<{ Params: LangIdParams; Querystring: PageQuery; Body: FormBody }>(
      `/:lang/work/${area}/:id/${path}`,
      { schema: postSchema },
      async (req, reply) => {
        const lang = langParam(req);
        const ref = req.params.id;
        const done = await attemptFlow(lang, () => run(ref, req));
        if (!done.ok) return changesPage(req, reply, kind, ref, done.error);
        return reply.redirect(`/${lang}${done.value}`, 303);
      },
    );
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

// ---- JSON ----

/** The version in an If-Match header ("v", W/"v" or v); `*` and nothing mean any version. */
function ifMatch(h: string | string[] | undefined): string | undefined {
  const v = (Array.isArray(h) ? h[0] : h)?.trim();
  if (!v || v === '*') return undefined;
  return v.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** The JSON API of a kind of record's draft: /api/v1/editing/{services|locations}/… */
export function draftApiRoutes(app: FastifyInstance, kind: DraftKind): void {
  const db = app.database.db;
  const area = AREA[kind];
  const fields = kind === 'service' ? serviceFields : locationFields;
  const State = stateSchema(fields);
  const tags = ['editing'];
  const reply200 = { 200: State, ...errorResponses };
  const prefix = `/api/v1/editing/${area}`;
  const state = async (req: FastifyRequest, ref: string) =>
    presentState(await getEditState(db, requireActor(req), kind, ref), requestLang(req));

  app.get<{ Params: IdParams }>(
    `${prefix}/:id`,
    {
      schema: {
        tags,
        summary: `A ${kind} as its editor sees it: published version, draft, problems, changes`,
        params: IdParams,
        querystring: LangQuery,
        response: reply200,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const s = await state(req, req.params.id);
      reply.header('etag', `"${s.version}"`);
      return s;
    },
  );

  /** A draft saved with problems is still saved: 400 with the problems, draft_saved and its id. */
  const saved = async (
    req: FastifyRequest,
    reply: FastifyReply,
    result: { ref: string; errors: DraftError[] },
    created: boolean,
  ) => {
    if (result.errors.length) throw draftInvalid(result.errors, result.ref);
    const s = await state(req, result.ref);
    return reply
      .code(created ? 201 : 200)
      .header('etag', `"${s.version}"`)
      .send(s);
  };

  app.put<{ Params: IdParams; Body: Record<string, unknown> }>(
    `${prefix}/:id/draft`,
    {
      schema: {
        tags,
        summary: `Save the ${kind}'s draft (fields left out keep their value)`,
        description:
          "What is sent is saved even when it breaks a rule: the answer is then 400 with the problems and draft_saved: true. A PTV record's PTV fields cannot be changed: such a request is rejected (400 ptv_read_only) and nothing is saved.",
        params: IdParams,
        querystring: LangQuery,
        headers: Type.Object({
          'if-match': Type.Optional(
            Type.String({ description: "The version the change was made from (the state's version or ETag)." }),
          ),
        }),
        body: patchSchema(fields),
        response: { ...reply200, 409: conflictSchema(fields) },
      },
    },
    async (req, reply) => {
      const version = ifMatch(req.headers['if-match']);
      const result = await saveDraft(db, auditContext(req), kind, { ref: req.params.id }, req.body, { version });
      return saved(req, reply, result, false);
    },
  );

  app.post<{ Body: { organization_id: string; data: Record<string, unknown> } }>(
    prefix,
    {
      schema: {
        tags,
        summary: `Start a new ${kind} (a draft until published)`,
        querystring: LangQuery,
        body: Type.Object(
          { organization_id: Type.String(), data: patchSchema(fields) },
          { additionalProperties: false },
        ),
        response: { ...reply200, 201: State },
      },
    },
    async (req, reply) => {
      const target = { organizationId: req.body.organization_id };
      return saved(req, reply, await saveDraft(db, auditContext(req), kind, target, req.body.data), true);
    },
  );

  app.post<{ Params: IdParams }>(
    `${prefix}/:id/submit`,
    {
      schema: {
        tags,
        summary: 'Submit the draft for publishing by another person',
        params: IdParams,
        querystring: LangQuery,
        response: reply200,
      },
    },
    async (req) => {
      await submitDraft(db, auditContext(req), kind, req.params.id);
      return state(req, req.params.id);
    },
  );

  app.post<{ Params: IdParams }>(
    `${prefix}/:id/publish`,
    {
      schema: {
        tags,
        summary: 'Publish the draft',
        description:
          'Where the organisation requires a second person, the draft must have been submitted, and not by the publisher (403 second_person_required).',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Type.Object({ id: Str, web_url: Str }), ...errorResponses },
      },
    },
    async (req) => {
      const id = await publishDraft(db, auditContext(req), kind, req.params.id);
      const lang = requestLang(req);
      return presentPublished(
        id,
        kind === 'service'
          ? `${app.config.publicUrl}/${lang}/services/${id}`
          : `${app.config.publicUrl}/${lang}/work/locations/${id}/edit`,
      );
    },
  );

  app.post<{ Params: IdParams }>(
    `${prefix}/:id/rebase`,
    {
      schema: {
        tags,
        summary: 'Bring the draft up to date with a record published meanwhile',
        params: IdParams,
        querystring: LangQuery,
        response: reply200,
      },
    },
    async (req) => {
      await updateDraftBase(db, auditContext(req), kind, req.params.id);
      return state(req, req.params.id);
    },
  );

  app.delete<{ Params: IdParams }>(
    `${prefix}/:id/draft`,
    {
      schema: {
        tags,
        summary: 'Discard the draft',
        params: IdParams,
        querystring: LangQuery,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await discardDraft(db, auditContext(req), kind, req.params.id);
      return reply.code(204).send();
    },
  );
}
