/**
 * Open data (issue 12): published child impact assessments as JSON or CSV (`?format=csv`, UTF-8 with BOM), by
 * municipality; and where each LAPE municipality stands in UNICEF's child-friendly municipality process.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { toCsv } from '../../../core/shared/csv.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { listPublished } from '../../../core/childImpact/queries.js';
import {
  ASSESSMENT_CSV_COLUMNS,
  AssessmentSchema,
  assessmentCsvRow,
  ChildFriendlySchema,
  presentAssessment,
  presentRegionRow,
} from '../../../core/childImpact/presenters.js';
import { regionStatus } from '../../../core/childFriendly/queries.js';
import { badRequest } from '../../errors.js';
import { ErrorSchema } from '../../schemas/common.js';

const AssessmentQuery = Type.Object(
  {
    municipality: Type.Optional(Type.String({ description: 'A municipality code, e.g. 710 (Raasepori).' })),
    body: Type.Optional(Type.String({ description: 'Only the assessments of this body.' })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
  },
  { additionalProperties: false },
);
type AssessmentQuery = Static<typeof AssessmentQuery>;

export async function childImpactOpenDataRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const publicUrl = app.config.publicUrl;

  app.get<{ Querystring: AssessmentQuery }>(
    '/api/v1/child-impact-assessments',
    {
      schema: {
        tags: ['child-impact'],
        summary: 'Published child impact assessments (JSON, or CSV with format=csv)',
        querystring: AssessmentQuery,
        response: {
          200: Type.Object({ assessments: Type.Array(AssessmentSchema) }),
          400: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const { municipality, body, format } = req.query;
      if (municipality && !municipalityByCode(municipality))
        throw badRequest('unknown_municipality', { value: municipality });
      const items = (await listPublished(db, { municipality: municipality || undefined, body: body || undefined })).map(
        (a) => presentAssessment(a, publicUrl),
      );
      if (format === 'csv') {
        reply.header(
          'content-disposition',
          `attachment; filename="child-impact-assessments${municipality ? `-${municipality}` : ''}.csv"`,
        );
        return reply
          .type('text/csv; charset=utf-8')
          .serializer((x: unknown) => String(x))
          .send(`\uFEFF${toCsv(items.map(assessmentCsvRow), { header: true, columns: [...ASSESSMENT_CSV_COLUMNS] })}`);
      }
      return { assessments: items };
    },
  );

  app.get(
    '/api/v1/child-friendly-municipalities',
    {
      schema: {
        tags: ['child-impact'],
        summary: "Where each LAPE municipality stands in UNICEF's child-friendly municipality process",
        response: { 200: Type.Object({ municipalities: Type.Array(ChildFriendlySchema) }) },
      },
    },
    async () => ({ municipalities: (await regionStatus(db)).map(presentRegionRow) }),
  );
}
