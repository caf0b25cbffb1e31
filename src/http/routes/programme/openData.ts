/**
 * Programme tracking as open data (issue 5), under /api/v1: everything as JSON, one plan as JSON, experiments and
 * milestones as CSV (UTF-8 with BOM, so spreadsheet programs read ä and å). Public reads; the core does the work.
 */
import { toCsv } from '../../../core/shared/csv.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import {
  EXPERIMENT_CSV_COLUMNS,
  experimentCsvRow,
  MILESTONE_CSV_COLUMNS,
  milestoneCsvRow,
  presentPlan,
  presentProgramme,
} from '../../../core/programme/presenters.js';
import { planDetail, programmeExport } from '../../../core/programme/queries.js';
import { badRequest } from '../../errors.js';
import { ErrorSchema } from '../../schemas/common.js';
import { readForm, uuidParam } from '../../forms.js';

const IdParams = Type.Object({ id: Type.String() });
type IdParams = Static<typeof IdParams>;

function municipalityFilter(query: unknown): string | undefined {
  const q = readForm(query);
  if (!q.has('municipality')) return undefined;
  const v = q.text('municipality');
  if (v === '') return undefined;
  if (!municipalityByCode(v)) throw badRequest('unknown_municipality', { value: v });
  return v;
}

function sendCsv(reply: FastifyReply, name: string, columns: readonly string[], rows: Record<string, string>[]) {
  reply.header('content-disposition', `attachment; filename="${name}"`);
  return reply.type('text/csv; charset=utf-8').send(`\uFEFF${toCsv(rows, { header: true, columns: [...columns] })}`);
}

export async function programmeOpenDataRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const tags = ['programme'];
  const csvQuery = Type.Object({
    municipality: Type.Optional(Type.String({ description: 'Official code, e.g. 710' })),
  });
  const doc = (summary: string, extra: Record<string, unknown> = {}) => ({
    schema: { tags, summary, response: { 400: ErrorSchema, 404: ErrorSchema }, ...extra },
  });

  app.get(
    '/api/v1/programme.json',
    doc(
      'The whole programme: its description and every plan with what is tracked (overdue goals and experiments flagged)',
    ),
    async () => {
      const all = await programmeExport(db);
      return { programme: presentProgramme(all.description), plans: all.plans.map(presentPlan) };
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/v1/programme/plans/:id.json',
    doc('One plan with what is tracked', { params: IdParams }),
    async (req) => presentPlan(await planDetail(db, uuidParam(req.params.id))),
  );

  app.get(
    '/api/v1/programme/experiments.csv',
    doc('Experiments as CSV (UTF-8 with BOM), optionally of one municipality', { querystring: csvQuery }),
    async (req, reply) => {
      const code = municipalityFilter(req.query);
      const all = await programmeExport(db);
      const rows = all.plans
        .flatMap((p) => p.actions)
        .filter((a) => !code || a.municipalityCodes.includes(code))
        .map(experimentCsvRow);
      return sendCsv(reply, code ? `experiments-${code}.csv` : 'experiments.csv', EXPERIMENT_CSV_COLUMNS, rows);
    },
  );

  app.get(
    '/api/v1/programme/milestones.csv',
    doc('Roadmap goals as CSV (UTF-8 with BOM), optionally of one municipality', { querystring: csvQuery }),
    async (req, reply) => {
      const code = municipalityFilter(req.query);
      const all = await programmeExport(db);
      const rows = all.plans
        .flatMap((p) => p.milestones)
        .filter((m) => !code || m.municipalityCodes.includes(code))
        .map(milestoneCsvRow);
      return sendCsv(reply, code ? `milestones-${code}.csv` : 'milestones.csv', MILESTONE_CSV_COLUMNS, rows);
    },
  );
}
