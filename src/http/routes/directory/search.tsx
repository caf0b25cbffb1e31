/**
 * Searching the directory: the results page (/:lang/search), the same search as JSON (/api/v1/services) and its
 * places as GeoJSON for the map (/api/v1/locations.geojson).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { GEOJSON_DEFAULT_LIMIT, searchLocationsGeojson } from '../../../core/directory/locationsGeojson.js';
import { presentServiceItem } from '../../../core/directory/presenters.js';
import { getOrganization } from '../../../core/directory/queries.js';
import { recordClick, recordSearch } from '../../../core/directory/search/queryStats.js';
import { findServices, rememberedAnswer, searchCards } from '../../../core/directory/search/indexedSearch.js';
import { MAX_MATCHING, minuteOfWeek, type SearchResult } from '../../../core/directory/search/searchServices.js';
import { wayOn as findWayOn } from '../../../core/directory/search/wayOn.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { readForm, uuidParam } from '../../forms.js';
import type { WayOnView } from '../../../web/pages/SearchPage.js';
import { tFor } from '../../../i18n/index.js';
import { SearchPage } from '../../../web/pages/SearchPage.js';
import { requestLang } from '../../errors.js';
import { sendPage } from '../../pages.js';
import { ErrorSchema, FormBody, LangIdParams, LangParams } from '../../schemas/common.js';
import { ServiceListSchema } from '../../schemas/directory.js';
import { SearchQuerySchema, searchParamsFrom } from '../../searchQuery.js';
import { langParam } from '../langParam.js';
import { geojsonHref, readSearchForm } from './searchForm.js';

const { page: _page, per_page: _perPage, sort: _sort, ...filterParams } = SearchQuerySchema.properties;

/** The search's parameters, without paging and order (the set is what counts), and how many services at most. */
const LocationsQuerySchema = Type.Object(
  {
    ...filterParams,
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_MATCHING,
        default: GEOJSON_DEFAULT_LIMIT,
        description:
          'At most this many services (nearest first with a point, else by name); `truncated` says when more match.',
      }),
    ),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const LocationFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Object({
    type: Type.Literal('Point'),
    coordinates: Type.Array(Type.Number(), {
      minItems: 2,
      maxItems: 2,
      description: '[longitude, latitude], WGS84 (RFC 7946).',
    }),
  }),
  properties: Type.Object({
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    name_lang: Type.String({
      description: 'The language `name` is in: another than asked for when no text exists in that language.',
    }),
    address: Type.Object({
      street: Nullable(Type.String()),
      postal_code: Nullable(Type.String()),
      city: Nullable(Type.String()),
    }),
    municipality: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
    service_ids: Type.Array(Type.String({ format: 'uuid' })),
    services: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        name: Type.String(),
        name_lang: Type.String(),
        url: Type.String(),
      }),
    ),
    url: Type.String({ description: 'The page of the first of the services.' }),
    distance_km: Type.Optional(Type.Number({ description: 'From the point given (lat/lon or place).' })),
  }),
});
const LocationsSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(LocationFeatureSchema),
    total_services: Type.Integer({ description: 'Services matching the search.' }),
    services_included: Type.Integer({ description: 'Services whose places are in this answer.' }),
    truncated: Type.Boolean(),
    corrected_query: Nullable(Type.String()),
  },
  { description: 'GeoJSON FeatureCollection (RFC 7946); the counts are foreign members.' },
);

/** "My municipality": a functional cookie (a municipality code, nothing about the person), kept a year. */
export const MY_MUNICIPALITY_COOKIE = 'yh_municipality';
const MY_MUNICIPALITY_MAX_AGE = 365 * 24 * 3600;

/** Where the "my municipality" form goes back to: a search page of this site, or the empty search. */
function searchBack(back: string, lang: string): URL {
  try {
    const u = new URL(back, 'http://self');
    if (u.origin === 'http://self' && /^\/(fi|sv|en)\/search$/.test(u.pathname)) return u;
  } catch {
    /* not a URL: the empty search */
  }
  return new URL(`/${lang}/search`, 'http://self');
}

/** Little was found: nothing, fewer than three, or only services meeting part of the words. */
export function isWeak(r: SearchResult): boolean {
  return r.total < 3 || (r.parts > 1 && r.minMatch === 1);
}

export async function searchRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.database.db;

  app.get(
    '/:lang/search',
    { schema: { hide: true, params: LangParams, querystring: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const t = tFor(lang);
      const cookie = req.cookies[MY_MUNICIPALITY_COOKIE];
      const myMunicipality = cookie && municipalityByCode(cookie) ? cookie : null;
      const { form, errors, params, near } = await readSearchForm(db, req.query, lang, t, myMunicipality);
      const result = await findServices(db, params);
      const cards = await searchCards(
        db,
        result.hits.map((h) => h.id),
      );
      if (form.q && form.page === 1 && !errors.length) {
        // Counting is not worth failing a search for.
        await recordSearch(db, { lang, q: form.q, total: result.total }).catch((e: unknown) =>
          req.log.warn({ err: e }, 'search statistics not recorded'),
        );
      }
      let wayOn: WayOnView | null = null;
      if (!errors.length && (form.q || result.total === 0) && isWeak(result)) {
        const municipality = params.municipality?.length === 1 ? params.municipality[0]! : myMunicipality;
        const way = await findWayOn(db, { q: form.q, concepts: result.concepts, municipality });
        wayOn = { ...way, cards: await searchCards(db, [...way.socialEmergency, ...way.serviceGuidance]) };
      }
      const organizationName = form.organization
        ? ((await getOrganization(db, form.organization))?.name ?? null)
        : null;
      const title = form.q ? t('search.title_for', { q: form.q }) : t('search.title');
      return sendPage(req, reply, {
        status: errors.length ? 400 : 200,
        title: errors.length ? `${t('form.error_prefix')} ${title}` : title,
        forms: true,
        body: (
          <SearchPage
            form={form}
            errors={errors}
            result={result}
            cards={cards}
            organizationName={organizationName}
            near={near}
            map={app.config.map ? { config: app.config.map, geojsonUrl: geojsonHref(params) } : null}
            wayOn={wayOn}
            myMunicipality={myMunicipality}
            clickHref={
              form.q ? (id) => `/${lang}/search/go/${id}?${new URLSearchParams({ q: form.q }).toString()}` : undefined
            }
            backUrl={req.url}
          />
        ),
      });
    },
  );

  // A result followed: counted for the query (no person, no IP), then on to the service's page.
  app.get<{ Params: { lang: string; id: string }; Querystring: FormBody }>(
    '/:lang/search/go/:id',
    { schema: { hide: true, params: LangIdParams, querystring: FormBody } },
    async (req, reply) => {
      const lang = langParam(req);
      const id = uuidParam(req.params.id);
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
      if (q)
        await recordClick(db, { lang, q }).catch((e: unknown) => req.log.warn({ err: e }, 'search click not recorded'));
      return reply.redirect(`/${lang}/services/${id}`, 303);
    },
  );

  // "My municipality": chosen once, remembered in a functional cookie, cleared with one button.
  app.post<{ Body: FormBody }>(
    '/:lang/search/my-municipality',
    { schema: { hide: true, params: LangParams, body: FormBody }, config: { public: true } },
    async (req, reply) => {
      const lang = langParam(req);
      const f = readForm(req.body);
      const code = f.text('municipality');
      const opts = { path: '/', sameSite: 'lax' as const, httpOnly: true, secure: app.config.secureCookies };
      const url = searchBack(f.text('back'), lang);
      url.searchParams.delete('page');
      if (f.text('action') === 'save' && municipalityByCode(code)) {
        void reply.setCookie(MY_MUNICIPALITY_COOKIE, code, { ...opts, maxAge: MY_MUNICIPALITY_MAX_AGE });
        url.searchParams.delete('mine');
      } else {
        void reply.clearCookie(MY_MUNICIPALITY_COOKIE, opts);
      }
      return reply.redirect(`${url.pathname}${url.search}`, 303);
    },
  );

  app.get(
    '/api/v1/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Search services',
        description: 'Full-text search in Finnish, Swedish and English with filters and facet counts.',
        querystring: SearchQuerySchema,
        response: { 200: ServiceListSchema, 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      // The answer depends on the directory, the validated query, the language and, for "open now", the minute.
      const key = JSON.stringify([lang, req.query.open_now ? minuteOfWeek(new Date()) : null, req.query]);
      const body = await rememberedAnswer(db, key, async () => {
        const { params } = await searchParamsFrom(db, req.query, lang);
        const result = await findServices(db, params);
        const cards = await searchCards(
          db,
          result.hits.map((h) => h.id),
        );
        const base = app.config.publicUrl;
        return Buffer.from(
          String(
            reply.serialize({
              total: result.total,
              page: result.page,
              per_page: result.perPage,
              sort: result.sort,
              corrected_query: result.correctedQuery,
              items: cards.map((c, i) =>
                presentServiceItem(c, lang, base, params.near ? result.hits[i]!.distanceKm : undefined),
              ),
              facets: result.facets,
            }),
          ),
        );
      });
      // JSON already serialized by this route's own response schema: Fastify sends bytes as they are.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.get(
    '/api/v1/locations.geojson',
    {
      schema: {
        tags: ['services'],
        summary: 'Places of the matching services as GeoJSON',
        description:
          'The same words and filters as /services; one Point feature per place ([longitude, latitude]), with the matching services given there. Nearest first when a point (lat/lon or place) is given.',
        querystring: LocationsQuerySchema,
        response: { 200: { content: { 'application/geo+json': { schema: LocationsSchema } } }, 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const { limit, ...query } = req.query;
      const { params } = await searchParamsFrom(app.database.db, query, lang);
      const body = await searchLocationsGeojson(app.database.db, params, app.config.publicUrl, limit);
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  );
}
