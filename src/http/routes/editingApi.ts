/**
 * The editing flow in the JSON API (/api/v1/editing/…): read a record's editing state, save a draft, submit,
 * publish, discard, bring a draft up to date, confirm "still correct", and the list of services not reviewed
 * for twelve months. The same core functions as the pages; every write needs a session and the CSRF header.
 */
import type { Lang } from '../../core/shared/lang.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import {
  changesOf,
  discardDraft,
  getEditState,
  publishDraft,
  saveDraft,
  submitDraft,
  updateDraftBase,
} from '../../core/editing/drafts.js';
import { confirmReviewed, staleServices } from '../../core/editing/freshness.js';
import {
  EditingError,
  type DraftData,
  type DraftError,
  type DraftKind,
  type EditState,
} from '../../core/editing/types.js';
import { tFor } from '../../i18n/index.js';
import { draftErrorMessage } from '../../web/pages/editing/parts.js';
import { auditContext } from '../auth.js';
import { notFound, requestLang } from '../errors.js';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const Translated = Type.Object(
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

const serviceFields = {
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
const locationFields = {
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

/** A patch: the fields to change; a field left out keeps its value. */
const patchSchema = (fields: Record<string, TSchema>) =>
  Type.Partial(Type.Object(fields, { additionalProperties: false }));
const dataSchema = (fields: Record<string, TSchema>) => Type.Object(fields);

const ProblemSchema = Type.Object({ field: Str, code: Str, message: Str });
const ErrorReply = Type.Object({
  error: Str,
  message: Str,
  details: Type.Optional(Type.Array(Type.Object({ parameter: Str, message: Str }))),
  problems: Type.Optional(Type.Array(ProblemSchema)),
  draft_saved: Type.Optional(Type.Boolean()),
  id: Type.Optional(Str),
});

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

const problems = (lang: Lang, errors: DraftError[]) =>
  errors.map((e) => ({ field: e.field, code: e.code, message: draftErrorMessage(tFor(lang), e) }));

function presentState(state: EditState<DraftData>, lang: Lang) {
  const view = changesOf(state);
  return {
    id: state.ref,
    record_id: state.recordId,
    organization_id: state.organizationId,
    source: state.source,
    read_only_fields: state.readOnlyFields,
    ptv_life_situations: state.ptvLifeSituations,
    data: state.data,
    published: state.published,
    draft: state.draft
      ? {
          id: state.draft.id,
          status: state.draft.status,
          updated_at: state.draft.updatedAt.toISOString(),
          updated_by: state.draft.updatedByName,
          submitted_by: state.draft.submittedByName,
        }
      : null,
    problems: problems(lang, state.errors),
    base_changed: state.baseChanged,
    needs_second_person: state.needsSecondPerson,
    last_reviewed: state.lastReviewed,
    changes: view.changes,
    changed_meanwhile: view.meanwhile,
  };
}

/** A refusal of the editing flow as a translated JSON error. */
function sendEditingError(reply: FastifyReply, lang: Lang, e: EditingError, extra: Record<string, unknown> = {}) {
  const t = tFor(lang);
  if (e.code === 'not_found') throw notFound();
  const list = problems(lang, e.errors);
  return reply.code(e.status).send({
    error: e.code,
    message: t(`editing.flow.${e.code}`),
    ...(list.length ? { problems: list, details: list.map((p) => ({ parameter: p.field, message: p.message })) } : {}),
    ...extra,
  });
}

async function guarded<T>(req: FastifyRequest, reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> {
  if (!req.actor)
    return reply
      .code(401)
      .send({ error: 'sign_in_required', message: tFor(requestLang(req))('error.sign_in_required') });
  try {
    return await run();
  } catch (e) {
    if (e instanceof EditingError) return sendEditingError(reply, requestLang(req), e);
    throw e;
  }
}

export async function editingApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const IdParams = Type.Object({
    id: Type.String({ description: 'Record id (or the draft id of a record not yet published).' }),
  });
  const LangQuery = Type.Object({
    lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])),
  });

  for (const kind of ['service', 'location'] as const satisfies DraftKind[]) {
    const area = kind === 'service' ? 'services' : 'locations';
    const fields = kind === 'service' ? serviceFields : locationFields;
    const State = stateSchema(fields);
    const tags = ['editing'];
    const reply200 = {
      200: State,
      400: ErrorReply,
      401: ErrorReply,
      403: ErrorReply,
      404: ErrorReply,
      409: ErrorReply,
    };
    const state = async (req: FastifyRequest, ref: string) =>
      presentState(await getEditState(db, req.actor, kind, ref), requestLang(req));

    app.get(
      `/editing/${area}/:id`,
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
        return guarded(req, reply, () => state(req, (req.params as { id: string }).id));
      },
    );

    const saved = async (
      req: FastifyRequest,
      reply: FastifyReply,
      result: { ref: string; errors: DraftError[] },
      created: boolean,
    ) => {
      const lang = requestLang(req);
      if (result.errors.length) {
        const list = problems(lang, result.errors);
        return reply.code(400).send({
          error: 'invalid_draft',
          message: tFor(lang)('editing.flow.saved_with_problems'),
          problems: list,
          details: list.map((p) => ({ parameter: p.field, message: p.message })),
          draft_saved: true,
          id: result.ref,
        });
      }
      return reply.code(created ? 201 : 200).send(await state(req, result.ref));
    };

    app.put(
      `/editing/${area}/:id/draft`,
      {
        schema: {
          tags,
          summary: `Save the ${kind}'s draft (fields left out keep their value)`,
          description:
            "What is sent is saved even when it breaks a rule: the answer is then 400 with the problems and draft_saved: true. A PTV record's PTV fields cannot be changed: such a request is rejected (400 ptv_read_only) and nothing is saved.",
          params: IdParams,
          querystring: LangQuery,
          body: patchSchema(fields),
          response: reply200,
        },
      },
      async (req, reply) =>
        guarded(req, reply, async () => {
          const r = await saveDraft(
            db,
            auditContext(req),
            kind,
            { ref: (req.params as { id: string }).id },
            req.body as Record<string, unknown>,
          );
          return saved(req, reply, r, false);
        }),
    );

    app.post(
      `/editing/${area}`,
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
      async (req, reply) =>
        guarded(req, reply, async () => {
          const body = req.body as { organization_id: string; data: Record<string, unknown> };
          const r = await saveDraft(db, auditContext(req), kind, { organizationId: body.organization_id }, body.data);
          return saved(req, reply, r, true);
        }),
    );

    app.post(
      `/editing/${area}/:id/submit`,
      {
        schema: {
          tags,
          summary: 'Submit the draft for publishing by another person',
          params: IdParams,
          querystring: LangQuery,
          response: reply200,
        },
      },
      async (req, reply) =>
        guarded(req, reply, async () => {
          const id = (req.params as { id: string }).id;
          await submitDraft(db, auditContext(req), kind, id);
          return state(req, id);
        }),
    );

    app.post(
      `/editing/${area}/:id/publish`,
      {
        schema: {
          tags,
          summary: 'Publish the draft',
          description:
            'Where the organisation requires a second person, the draft must have been submitted, and not by the publisher (403 second_person_required).',
          params: IdParams,
          querystring: LangQuery,
          response: {
            200: Type.Object({ id: Str, web_url: Str }),
            400: ErrorReply,
            401: ErrorReply,
            403: ErrorReply,
            404: ErrorReply,
            409: ErrorReply,
          },
        },
      },
      async (req, reply) =>
        guarded(req, reply, async () => {
          const id = await publishDraft(db, auditContext(req), kind, (req.params as { id: string }).id);
          const lang = requestLang(req);
          return {
            id,
            web_url:
              kind === 'service'
                ? `${app.config.publicUrl}/${lang}/services/${id}`
                : `${app.config.publicUrl}/${lang}/work/locations/${id}/edit`,
          };
        }),
    );

    app.post(
      `/editing/${area}/:id/rebase`,
      {
        schema: {
          tags,
          summary: 'Bring the draft up to date with a record published meanwhile',
          params: IdParams,
          querystring: LangQuery,
          response: reply200,
        },
      },
      async (req, reply) =>
        guarded(req, reply, async () => {
          const id = (req.params as { id: string }).id;
          await updateDraftBase(db, auditContext(req), kind, id);
          return state(req, id);
        }),
    );

    app.delete(
      `/editing/${area}/:id/draft`,
      {
        schema: {
          tags,
          summary: 'Discard the draft',
          params: IdParams,
          querystring: LangQuery,
          response: { 204: Type.Null(), 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
        },
      },
      async (req, reply) =>
        guarded(req, reply, async () => {
          await discardDraft(db, auditContext(req), kind, (req.params as { id: string }).id);
          return reply.code(204).send();
        }),
    );
  }

  app.post(
    '/editing/services/:id/review',
    {
      schema: {
        tags: ['editing'],
        summary: 'Confirm that the service is still correct (marks it reviewed today)',
        params: IdParams,
        querystring: LangQuery,
        response: {
          200: Type.Object({ id: Str, last_reviewed: Str }),
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
        },
      },
    },
    async (req, reply) =>
      guarded(req, reply, async () => {
        const id = (req.params as { id: string }).id;
        const r = await confirmReviewed(db, auditContext(req), id);
        return { id, last_reviewed: r.lastReviewed };
      }),
  );

  app.get(
    '/editing/stale',
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
          401: ErrorReply,
          403: ErrorReply,
        },
      },
    },
    async (req, reply) => {
      if (!req.actor)
        return reply
          .code(401)
          .send({ error: 'sign_in_required', message: tFor(requestLang(req))('error.sign_in_required') });
      const q = req.query as { organization?: string };
      const r = await staleServices(db, req.actor, { organizationId: q.organization });
      reply.header('cache-control', 'no-store');
      return {
        cutoff: r.cutoff,
        total: r.total,
        organizations: r.groups.map((g) => ({
          id: g.organization.id,
          name: g.organization.name,
          services: g.services.map((s) => ({
            id: s.id,
            name: s.name,
            last_reviewed: s.lastReviewed,
            last_reviewed_by: s.lastReviewedByName,
            has_draft: s.hasDraft,
            can_review: s.canReview,
          })),
        })),
      };
    },
  );
}
