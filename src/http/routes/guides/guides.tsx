/**
 * Life-event guides for everyone: the index (/:lang/guides), one guide (/:lang/guides/:slug?municipality=078) and
 * the same as JSON (/api/v1/guides, /api/v1/guides/:slug). The services of each step come from the directory.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { countyEmergencies } from '../../../core/guides/helpLines.js';
import { presentGuide, presentGuideList } from '../../../core/guides/presenters.js';
import { guideServices, getPublishedGuide, listPublishedGuides } from '../../../core/guides/queries.js';
import { invalid, notFound } from '../../../core/shared/errors.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { pick } from '../../../core/shared/translated.js';
import { tFor } from '../../../i18n/index.js';
import { GuidePage, GuidesIndexPage } from '../../../web/pages/guides/GuidePages.js';
import { requestLang } from '../../errors.js';
import { sendPage } from '../../pages.js';
import { ErrorSchema, LangParams, LangSchema } from '../../schemas/common.js';
import { GuideListSchema, GuideSchema } from '../../schemas/guides.js';
import { langParam } from '../langParam.js';

const SlugParams = Type.Object({ lang: Type.String(), slug: Type.String({ maxLength: 80 }) });
const PageQuery = Type.Object({ municipality: Type.Optional(Type.String({ maxLength: 10 })) });

/** A municipality code the reader chose, or null (an empty or unknown choice is no choice). */
export const chosenMunicipality = (v: string | undefined) => (v && municipalityByCode(v) ? v : null);

export async function guideRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;

  app.get('/:lang/guides', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
    const lang = langParam(req);
    const guides = await listPublishedGuides(db);
    return sendPage(req, reply, {
      title: tFor(lang)('guides.index_title'),
      description: tFor(lang)('guides.index_lead'),
      body: <GuidesIndexPage guides={guides} />,
    });
  });

  app.get(
    '/:lang/guides/:slug',
    { schema: { hide: true, params: SlugParams, querystring: PageQuery } },
    async (req, reply) => {
      const lang = langParam(req);
      const g = await getPublishedGuide(db, req.params.slug);
      if (!g) throw notFound('guides', 'guide');
      const municipality = chosenMunicipality(req.query.municipality);
      const [services, counties] = await Promise.all([
        guideServices(db, g.content.steps, municipality, lang),
        countyEmergencies(db),
      ]);
      return sendPage(req, reply, {
        title: pick(g.content.title, lang),
        description: pick(g.content.summary, lang),
        body: (
          <GuidePage
            slug={g.slug}
            content={g.content}
            services={services}
            municipality={municipality}
            lastReviewed={g.lastReviewed}
            counties={counties}
          />
        ),
      });
    },
  );

  const LangQuery = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false });

  app.get(
    '/api/v1/guides',
    {
      schema: {
        tags: ['guides'],
        summary: 'Life-event guides',
        querystring: LangQuery,
        response: { 200: GuideListSchema, 400: ErrorSchema },
      },
    },
    async (req) => presentGuideList(await listPublishedGuides(db), requestLang(req), app.config.publicUrl),
  );

  app.get(
    '/api/v1/guides/:slug',
    {
      schema: {
        tags: ['guides'],
        summary: "One guide, with each step's services in a municipality",
        params: Type.Object({ slug: Type.String({ maxLength: 80 }) }),
        querystring: Type.Object(
          {
            lang: Type.Optional(LangSchema),
            municipality: Type.Optional(
              Type.String({ pattern: '^\\d{3}$', description: 'Municipality code, e.g. 078 for Hanko' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: GuideSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const lang = requestLang(req);
      const g = await getPublishedGuide(db, req.params.slug);
      if (!g) throw notFound('guides', 'guide');
      const code = req.query.municipality ?? null;
      if (code && !municipalityByCode(code)) throw invalid('guides', 'municipality_unknown', 'municipality');
      const services = await guideServices(db, g.content.steps, code, lang);
      return presentGuide(g, services, code, lang, app.config.publicUrl);
    },
  );
}
