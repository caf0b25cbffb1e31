/**
 * Programme tracking through JSON (issue 16): the same operations as the forms, for a municipality's own tools.
 * Signed in (401) with the CSRF header (403); the core authorises each change (a representative of another
 * municipality gets 403 and nothing changes) and audits it. PATCH changes only the fields sent. Importing a plan
 * text needs the import right; a text over the cap is refused whole (413) and nothing is saved.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { checkPlanSize, importPlanDocument } from '../../../core/programme/importPlan.js';
import { NotAPlanError, parsePlanDocument } from '../../../core/programme/planDocument/parsePlanDocument.js';
import { presentAction, presentMilestone, presentPlan } from '../../../core/programme/presenters.js';
import { itemWithPlan, planDetail } from '../../../core/programme/queries.js';
import {
  updateAction,
  updateMilestone,
  updatePlanAreas,
  updateStructuralChange,
} from '../../../core/programme/tracking.js';
import { authorize } from '../../../core/access/permissions.js';
import { invalid } from '../../../core/shared/errors.js';
import { auditContext, requireActor } from '../../auth.js';
import { notFound } from '../../errors.js';
import { uuidParam } from '../../forms.js';
import { errorResponses } from '../../schemas/common.js';

const IdParams = Type.Object({ id: Type.String() });
type IdParams = Static<typeof IdParams>;
const NStr = Type.Union([Type.String({ maxLength: 4000 }), Type.Null()]);
const Short = Type.String({ maxLength: 4000 });

const ActionPatch = Type.Object(
  {
    status: Type.Optional(Type.String({ description: 'idea, trial, evaluated, permanent, stopped, spread' })),
    area: Type.Optional(NStr),
    owner_team: Type.Optional(Short),
    owner_team_id: Type.Optional(
      Type.Union([Type.String(), Type.Null()], { description: "One of the network's teams" }),
    ),
    evidence: Type.Optional(Short),
    notes: Type.Optional(Short),
    progress: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    spread_to: Type.Optional(Type.Array(Type.String(), { maxItems: 40 })),
    adopted_from: Type.Optional(NStr),
    entry: Type.Optional(Type.String({ maxLength: 4000, description: 'A dated progress entry for the history' })),
    entry_date: Type.Optional(Type.String({ description: 'yyyy-mm-dd, today when not given' })),
  },
  { additionalProperties: false },
);
type ActionPatch = Static<typeof ActionPatch>;

const MilestonePatch = Type.Object(
  {
    status: Type.Optional(Type.String({ description: 'planned, in_progress, done, delayed, dropped' })),
    notes: Type.Optional(Short),
    entry: Type.Optional(Type.String({ maxLength: 4000 })),
    entry_date: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
type MilestonePatch = Static<typeof MilestonePatch>;

const NotesBody = Type.Object({ notes: Short }, { additionalProperties: false });
const AreasBody = Type.Object(
  {
    areas: Type.Array(Type.String(), {
      maxItems: 4,
      description: 'family_centre, school_wellbeing, special_services, culture_change',
    }),
  },
  { additionalProperties: false },
);
/** The JSON of a plan text is longer than the text; the core's cap (characters) is what is promised. */
const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;
const ImportBody = Type.Object(
  {
    text: Type.String({ description: 'The plan as plain text (UTF-8), at most 500 000 characters' }),
    file_name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
type ImportBody = Static<typeof ImportBody>;

const tags = ['programme'];
const Item = Type.Object({}, { additionalProperties: true });

export async function programmeApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const found = async (type: 'action' | 'milestone' | 'structural_change', id: string) => {
    const f = await itemWithPlan(db, type, id);
    if (!f) throw notFound();
    return f;
  };

  app.patch<{ Params: IdParams; Body: ActionPatch }>(
    '/api/v1/programme/actions/:id',
    {
      schema: {
        tags,
        summary: "Update an experiment's tracking (only the fields sent); its representatives and coordinators",
        params: IdParams,
        body: ActionPatch,
        response: { 200: Item, ...errorResponses },
      },
    },
    async (req) => {
      requireActor(req);
      const id = uuidParam(req.params.id);
      const a = (await found('action', id)).action!;
      const b = req.body;
      await updateAction(db, auditContext(req), id, {
        status: b.status ?? a.status,
        area: b.area === undefined ? (a.area ?? '') : (b.area ?? ''),
        ownerTeam: b.owner_team ?? a.ownerTeam,
        ownerTeamId: b.owner_team_id === undefined ? (a.ownerTeamId ?? '') : (b.owner_team_id ?? ''),
        evidence: b.evidence ?? a.evidence,
        notes: b.notes ?? a.notes,
        progress:
          b.progress === undefined
            ? a.progress === null
              ? ''
              : String(a.progress)
            : b.progress === null
              ? ''
              : String(b.progress),
        spreadTo: b.spread_to ?? a.spreadTo,
        adoptedFrom: b.adopted_from === undefined ? (a.adoptedFrom ?? '') : (b.adopted_from ?? ''),
        entry: b.entry ?? '',
        entryDate: b.entry_date ?? '',
      });
      return presentAction((await found('action', id)).action!);
    },
  );

  app.patch<{ Params: IdParams; Body: MilestonePatch }>(
    '/api/v1/programme/milestones/:id',
    {
      schema: {
        tags,
        summary: "Update a roadmap goal's status and notes (only the fields sent)",
        params: IdParams,
        body: MilestonePatch,
        response: { 200: Item, ...errorResponses },
      },
    },
    async (req) => {
      requireActor(req);
      const id = uuidParam(req.params.id);
      const m = (await found('milestone', id)).milestone!;
      await updateMilestone(db, auditContext(req), id, {
        status: req.body.status ?? m.status,
        notes: req.body.notes ?? m.notes,
        entry: req.body.entry ?? '',
        entryDate: req.body.entry_date ?? '',
      });
      return presentMilestone((await found('milestone', id)).milestone!);
    },
  );

  app.patch<{ Params: IdParams; Body: Static<typeof NotesBody> }>(
    '/api/v1/programme/structural-changes/:id',
    {
      schema: {
        tags,
        summary: "Update a structural change's notes",
        params: IdParams,
        body: NotesBody,
        response: { 200: Type.Object({ id: Type.String(), notes: Type.String() }), ...errorResponses },
      },
    },
    async (req) => {
      requireActor(req);
      const id = uuidParam(req.params.id);
      await found('structural_change', id);
      await updateStructuralChange(db, auditContext(req), id, { notes: req.body.notes });
      const c = (await found('structural_change', id)).change!;
      return { id: c.id, notes: c.notes };
    },
  );

  app.put<{ Params: IdParams; Body: Static<typeof AreasBody> }>(
    '/api/v1/programme/plans/:id/areas',
    {
      schema: {
        tags,
        summary: 'Set the development areas a plan works on (replaces what its text was read to say)',
        params: IdParams,
        body: AreasBody,
        response: { 200: Item, ...errorResponses },
      },
    },
    async (req) => {
      requireActor(req);
      const id = uuidParam(req.params.id);
      await updatePlanAreas(db, auditContext(req), id, req.body.areas);
      return presentPlan(await planDetail(db, id));
    },
  );

  app.post<{ Body: ImportBody }>(
    '/api/v1/programme/plans',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import a plan document (plain text): a new version when the text is new; coordinators. Over 500 000 characters: 413, nothing saved',
        body: ImportBody,
        response: {
          200: Type.Object({ plan_id: Type.String(), version: Type.Integer(), changed: Type.Boolean() }),
          413: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'programme.import');
      checkPlanSize(req.body.text);
      if (!req.body.text.trim()) throw invalid('programme', 'text_required', 'text');
      let doc;
      try {
        doc = parsePlanDocument(req.body.text);
      } catch (e) {
        if (e instanceof NotAPlanError) throw invalid('programme', 'plan_not_a_plan', 'text');
        throw e;
      }
      const r = await importPlanDocument(db, auditContext(req), doc, {
        text: req.body.text,
        fileName: req.body.file_name,
      });
      return { plan_id: r.planId, version: r.version, changed: r.changed };
    },
  );
}
