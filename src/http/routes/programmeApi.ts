/**
 * Programme tracking as open data (issue 5), under /api/v1: everything as JSON, one plan as JSON, experiments and
 * milestones as CSV (UTF-8 with BOM, so spreadsheet programs read ä and å). Public reads; the core does the work.
 */
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { planDetail, programmeExport } from '../../core/programme/queries.js';
import {
  EXPERIMENT_CSV_COLUMNS,
  experimentCsvRow,
  MILESTONE_CSV_COLUMNS,
  milestoneCsvRow,
  presentPlan,
  presentProgramme,
} from '../../core/programme/presenters.js';
import { ProgrammeError } from '../../core/programme/errors.js';
import { municipalityByCode } from '../../core/places/municipalities.js';
import { UUID_RE } from '../../core/shared/ids.js';
import { badRequest, notFound } from '../errors.js';

const hide = { schema: { hide: true } };

function municipalityFilter(q: unknown): string | undefined {
  const v = (q as { municipality?: unknown } | undefined)?.municipality;
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !municipalityByCode(v)) throw badRequest('unknown_municipality', { value: String(v) });
  return v;
}

function sendCsv(reply: FastifyReply, name: string, columns: readonly string[], rows: Record<string, string>[]) {
  reply.header('content-disposition', `attachment; filename="${name}"`);
  return reply
    .type('text/csv; charset=utf-8')
    .send(`\uFEFF${stringify(rows, { header: true, columns: [...columns] })}`);
}

export async function programmeApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/programme.json', hide, async () => {
    const all = await programmeExport(db);
    return { programme: presentProgramme(all.description), plans: all.plans.map(presentPlan) };
  });

  app.get('/programme/plans/:id.json', hide, async (req) => {
    const id = (req.params as { id: string }).id;
    if (!UUID_RE.test(id)) throw notFound();
    try {
      return presentPlan(await planDetail(db, id));
    } catch (e) {
      if (e instanceof ProgrammeError) throw notFound();
      throw e;
    }
  });

  app.get('/programme/experiments.csv', hide, async (req, reply) => {
    const code = municipalityFilter(req.query);
    const all = await programmeExport(db);
    const rows = all.plans
      .flatMap((p) => p.actions)
      .filter((a) => !code || a.municipalityCodes.includes(code))
      .map(experimentCsvRow);
    return sendCsv(reply, code ? `experiments-${code}.csv` : 'experiments.csv', EXPERIMENT_CSV_COLUMNS, rows);
  });

  app.get('/programme/milestones.csv', hide, async (req, reply) => {
    const code = municipalityFilter(req.query);
    const all = await programmeExport(db);
    const rows = all.plans
      .flatMap((p) => p.milestones)
      .filter((m) => !code || m.municipalityCodes.includes(code))
      .map(milestoneCsvRow);
    return sendCsv(reply, code ? `milestones-${code}.csv` : 'milestones.csv', MILESTONE_CSV_COLUMNS, rows);
  });
}
