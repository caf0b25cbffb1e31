/**
 * Service coverage (issue 5): municipality × life situation, by language and mode. Calls src/core/coverage/.
 * Public (derived from the public directory): the page /:lang/coverage, its CSV /:lang/coverage.csv (labels in the
 * reader's language, semicolons and a byte order mark for Excel), and the open data GET /api/v1/coverage (JSON)
 * and /api/v1/coverage.csv (column codes, RFC 4180).
 */
import { FormBody, LangParams } from '../../schemas/common.js';
import { LANGS, type Lang } from '../../../core/shared/lang.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { coverageCsv, presentCoverage, type CsvColumn } from '../../../core/coverage/presenters.js';
import { serviceCoverage } from '../../../core/coverage/serviceCoverage.js';
import { MUNICIPALITY_GROUPS, type CoverageFilter, type MunicipalityGroup } from '../../../core/coverage/types.js';
import {
  DELIVERY_MODES,
  LIFE_SITUATIONS,
  isOneOf,
  type DeliveryMode,
  type LifeSituation,
} from '../../../core/directory/vocabulary.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { tFor } from '../../../i18n/index.js';
import { CoveragePage } from '../../../web/pages/coverage/CoveragePage.js';
import { badRequest, requestLang } from '../../errors.js';
import { sendPage } from '../../pages.js';
import { langParam } from '../langParam.js';

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/** The page's GET form, read leniently: unknown values are left out (the form cannot produce them). */
export function parseCoverageForm(query: Record<string, unknown>): CoverageFilter {
  const group = typeof query.group === 'string' && isOneOf(MUNICIPALITY_GROUPS, query.group) ? query.group : 'all';
  return {
    group,
    municipalities: asList(query.municipality).filter((c) => municipalityByCode(c)),
    lifeSituations: asList(query.life_situation).filter((v): v is LifeSituation => isOneOf(LIFE_SITUATIONS, v)),
    languages: asList(query.language).filter((v): v is Lang => isOneOf(LANGS, v)),
    modes: asList(query.mode).filter((v): v is DeliveryMode => isOneOf(DELIVERY_MODES, v)),
    onlyGaps: query.gaps === 'true',
  };
}

const list = (values: readonly string[], description: string) =>
  Type.Optional(Type.Array(Type.Union(values.map((v) => Type.Literal(v))), { maxItems: 30, description }));

const CoverageQuerySchema = Type.Object(
  {
    lang: Type.Optional(
      Type.Union(
        LANGS.map((l) => Type.Literal(l)),
        { description: 'Language of names and labels (default fi, or Accept-Language).' },
      ),
    ),
    group: Type.Optional(
      Type.Union(
        MUNICIPALITY_GROUPS.map((g) => Type.Literal(g)),
        { description: 'all, bilingual, lape (the LAPE project), or a wellbeing services county.' },
      ),
    ),
    municipality: Type.Optional(
      Type.Array(Type.String({ pattern: '^\\d{3}$' }), {
        maxItems: 30,
        description: 'Municipality code(s), within the group.',
      }),
    ),
    life_situation: list(LIFE_SITUATIONS, 'The columns; every life situation when left out.'),
    language: list(
      LANGS,
      'Only services given in one of these languages; gaps are looked for in these languages only.',
    ),
    mode: list(DELIVERY_MODES, 'Only services delivered in one of these ways.'),
    gaps: Type.Optional(Type.Boolean({ description: 'Only the municipalities and life situations with a gap.' })),
  },
  { additionalProperties: false },
);
type CoverageQuery = Static<typeof CoverageQuerySchema>;

function apiFilter(q: CoverageQuery): CoverageFilter {
  for (const code of q.municipality ?? [])
    if (!municipalityByCode(code)) throw badRequest('unknown_municipality', { value: code });
  return {
    group: (q.group ?? 'all') as MunicipalityGroup,
    municipalities: q.municipality,
    lifeSituations: q.life_situation as LifeSituation[] | undefined,
    languages: q.language as Lang[] | undefined,
    modes: q.mode as DeliveryMode[] | undefined,
    onlyGaps: q.gaps,
  };
}

const csvName = (lang: Lang, now: Date) => `${tFor(lang)('coverage.file_name')}-${now.toISOString().slice(0, 10)}.csv`;

export async function coveragePageRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;
  const baseUrl = app.config.publicUrl;
  // The filters are read leniently (unknown ones ignored), so the query is any set of strings.
  const pageSchema = { hide: true, params: LangParams, querystring: FormBody };

  app.get<{ Querystring: FormBody }>('/:lang/coverage', { schema: pageSchema }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const coverage = await serviceCoverage(db, parseCoverageForm(req.query), lang);
    return sendPage(req, reply, {
      title: t('coverage.title'),
      description: t('coverage.lead'),
      body: <CoveragePage coverage={coverage} />,
    });
  });

  app.get<{ Querystring: FormBody }>('/:lang/coverage.csv', { schema: pageSchema }, async (req, reply) => {
    const lang = langParam(req);
    const t = tFor(lang);
    const coverage = await serviceCoverage(db, parseCoverageForm(req.query), lang);
    const body = coverageCsv(coverage, {
      lang,
      baseUrl,
      header: (c: CsvColumn) => t(`coverage.csv.${c}`),
      delimiter: ';',
      bom: true,
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvName(lang, coverage.generatedAt)}"`)
      .send(body);
  });

  const apiSchema = (summary: string) => ({
    tags: ['coverage'],
    summary,
    querystring: CoverageQuerySchema,
    description:
      'For each municipality × life situation, the active services serving it (a service counts where its area covers), by language of service and delivery mode; gaps where an official language of the municipality has no service.',
  });

  app.get(
    '/api/v1/coverage',
    { schema: apiSchema('Service coverage by municipality and life situation') },
    async (req) => {
      const lang = requestLang(req);
      return presentCoverage(await serviceCoverage(db, apiFilter(req.query), lang), lang, baseUrl);
    },
  );

  app.get(
    '/api/v1/coverage.csv',
    { schema: apiSchema('Service coverage as CSV, one line per municipality × life situation') },
    async (req, reply) => {
      const lang = requestLang(req);
      const coverage = await serviceCoverage(db, apiFilter(req.query), lang);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="coverage-${coverage.generatedAt.toISOString().slice(0, 10)}.csv"`,
        )
        .send(coverageCsv(coverage, { lang, baseUrl }));
    },
  );
}
