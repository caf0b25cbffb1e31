/**
 * Open Referral HSDS 3.0 API under /hsds (issue 3): thin routes over src/core/hsds. Parameters are checked by the
 * route schemas (a bad one is a 400 with a translated message, like the rest of the API); what a schema cannot say
 * (a known postcode, a UUID, a date) is checked here. docs/hsds-profile.md is the profile, served at /hsds/profile.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import {
  HSDS_VERSION,
  organizationById,
  organizationsPage,
  serviceAtLocationById,
  serviceAtLocationsPage,
  serviceById,
  servicesPage,
  taxonomiesPage,
  taxonomyById,
  taxonomySlug,
  taxonomyTermById,
  taxonomyTermsPage,
  type HsdsPage,
  type Paging,
  type Reader,
} from '../../../core/hsds/hsdsDirectory.js';
import { hsdsOpenApi } from '../../../core/hsds/openapi.js';
import { resolvePostcode } from '../../../core/hsds/postcode.js';
import type { ServiceFilters } from '../../../core/hsds/queries.js';
import { UUID_RE } from '../../../core/shared/ids.js';
import { badRequest, notFound, requestLang } from '../../errors.js';

const PROFILE_FILE = new URL('../../../../docs/hsds-profile.md', import.meta.url);

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const MAX_PER_PAGE = 100;
const MAX_PER_PAGE_MINIMAL = 10_000;

const common = {
  lang: Type.Optional(
    Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')], {
      description: 'Language of the texts (default fi, or Accept-Language).',
    }),
  ),
};
const listing = {
  ...common,
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Full text search.' })),
  page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number of paginated result.' }),
  ),
  per_page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PER_PAGE_MINIMAL,
      default: 20,
      description: `Number of results in a page (at most ${MAX_PER_PAGE}; with minimal=true at most ${MAX_PER_PAGE_MINIMAL}).`,
    }),
  ),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('ndjson')], {
      description: '`ndjson` streams every result, one JSON object a line, without pagination.',
    }),
  ),
};
const serviceFilters = {
  taxonomy_term_id: Type.Optional(Type.String({ pattern: UUID, description: 'Services with this taxonomy term.' })),
  taxonomy_id: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'Services with any term of this taxonomy (its id, or life-situation, ptv-service-class, ptv-target-group).',
    }),
  ),
  organization_id: Type.Optional(Type.String({ pattern: UUID, description: 'Services of this organization.' })),
  modified_after: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'Changed on or after this date or time (ISO 8601; without a zone, UTC).',
    }),
  ),
  full: Type.Optional(Type.Boolean({ description: 'Fully nested records.' })),
  postcode: Type.Optional(
    Type.String({ pattern: '^\\d{5}$', description: 'A Finnish postal code: services whose service area covers it.' }),
  ),
  proximity: Type.Optional(
    Type.Number({
      minimum: 1,
      maximum: 500_000,
      description: 'With postcode: within this many metres of the centre of the postcode.',
    }),
  ),
};

const ServicesQuery = Type.Object(
  {
    ...listing,
    ...serviceFilters,
    minimal: Type.Optional(Type.Boolean({ description: "Just each service's id and last_modified." })),
  },
  { additionalProperties: false },
);
const SalQuery = Type.Object({ ...listing, ...serviceFilters }, { additionalProperties: false });
const OrganizationsQuery = Type.Object(
  { ...listing, full: Type.Optional(Type.Boolean()), full_service: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const OrganizationQuery = Type.Object(
  { ...common, full_service: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const TaxonomiesQuery = Type.Object(listing, { additionalProperties: false });
const TermsQuery = Type.Object(
  {
    ...listing,
    taxonomy_id: serviceFilters.taxonomy_id,
    top_only: Type.Optional(Type.Boolean({ description: 'Only top-level terms (no parent).' })),
    parent_id: Type.Optional(Type.String({ pattern: UUID, description: 'Only the children of this term.' })),
  },
  { additionalProperties: false },
);
const OneQuery = Type.Object(common, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

const DESCRIPTION = 'Open Referral HSDS 3.0; response schemas: /hsds/openapi.json. Profile: /hsds/profile.';
const listSchema = <Q extends TSchema>(summary: string, querystring: Q) => ({
  tags: ['hsds'],
  summary,
  description: DESCRIPTION,
  querystring,
});
const oneSchema = <Q extends TSchema>(summary: string, querystring: Q) => ({
  tags: ['hsds'],
  summary,
  description: DESCRIPTION,
  querystring,
  params: IdParams,
});

function paging(q: { page?: number; per_page?: number; minimal?: boolean }): Paging {
  const perPage = q.per_page ?? 20;
  if (!q.minimal && perPage > MAX_PER_PAGE) throw badRequest('hsds_per_page_limit', { limit: MAX_PER_PAGE });
  return { page: q.page ?? 1, perPage };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

async function filters(req: FastifyRequest, q: Static<typeof SalQuery>): Promise<ServiceFilters> {
  const db = req.server.database.db;
  const f: ServiceFilters = {
    search: q.search,
    organizationId: q.organization_id?.toLowerCase(),
    taxonomyTermId: q.taxonomy_term_id?.toLowerCase(),
  };
  if (q.taxonomy_id !== undefined) {
    const slug = await taxonomySlug(db, q.taxonomy_id);
    if (!slug && !UUID_RE.test(q.taxonomy_id))
      throw badRequest('hsds_invalid_id', { name: 'taxonomy_id', value: q.taxonomy_id });
    // A well-formed id of no taxonomy of ours matches nothing, like an unknown term or organisation.
    f.taxonomy = slug ?? 'unknown';
  }
  if (q.modified_after !== undefined) {
    const v = q.modified_after.trim();
    const d = DATE_RE.test(v)
      ? new Date(/[T ]\d{2}:\d{2}/.test(v) && !/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? `${v.replace(' ', 'T')}Z` : v)
      : null;
    if (!d || Number.isNaN(d.getTime())) throw badRequest('hsds_invalid_datetime', { value: v });
    f.modifiedAfter = d;
  }
  if (q.proximity !== undefined && q.postcode === undefined) throw badRequest('hsds_proximity_needs_postcode');
  if (q.postcode !== undefined) {
    const p = await resolvePostcode(db, q.postcode);
    if (!p) throw badRequest('hsds_unknown_postcode', { value: q.postcode });
    f.postcode = p;
    if (q.proximity !== undefined) f.withinKm = q.proximity / 1000;
  }
  return f;
}

function reader(req: FastifyRequest, reply: FastifyReply): Reader {
  const lang = requestLang(req);
  reply.header('content-language', lang).header('vary', 'Accept-Language');
  return { lang, baseUrl: req.server.config.publicUrl };
}

/** format=ndjson: every result of a list, one JSON object a line, read page by page. */
async function sendNdjson(reply: FastifyReply, pageOf: (p: Paging) => Promise<HsdsPage>) {
  // The first page is read before anything is sent, so that a parameter it cannot answer is still a clean 400.
  const first = await pageOf({ page: 1, perPage: MAX_PER_PAGE });
  async function* lines() {
    let p = first;
    for (let page = 1; ; p = await pageOf({ page: ++page, perPage: MAX_PER_PAGE })) {
      for (const item of p.contents) yield `${JSON.stringify(item)}\n`;
      if (p.last_page || !p.contents.length) return;
    }
  }
  return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(lines()));
}

export async function hsdsApiRoutes(appBase: FastifyInstance): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;

  app.get('/', { schema: { tags: ['hsds'], summary: 'About this HSDS API', querystring: OneQuery } }, async () => ({
    version: HSDS_VERSION,
    profile: `${app.config.publicUrl}/hsds/profile`,
    openapi_url: `${app.config.publicUrl}/hsds/openapi.json`,
  }));

  app.get(
    '/profile',
    { schema: { tags: ['hsds'], summary: 'The HSDS profile of this API (Markdown)' } },
    async (_req, reply) => reply.type('text/markdown; charset=utf-8').send(readFileSync(PROFILE_FILE, 'utf8')),
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => hsdsOpenApi(app.config.publicUrl));

  app.get('/services', { schema: listSchema('Services (HSDS Page)', ServicesQuery) }, async (req, reply) => {
    const r = reader(req, reply);
    const f = await filters(req, req.query);
    const shape = req.query.minimal ? 'minimal' : req.query.full ? 'full' : 'item';
    if (req.query.format === 'ndjson') return sendNdjson(reply, (p) => servicesPage(db(), r, f, p, shape));
    const p = paging(req.query);
    return servicesPage(db(), r, f, p, shape);
  });

  app.get('/services/:id', { schema: oneSchema('A fully nested service', OneQuery) }, async (req, reply) => {
    const s = await serviceById(db(), reader(req, reply), req.params.id);
    if (!s) throw notFound('hsds_service_not_found');
    return s;
  });

  app.get(
    '/organizations',
    { schema: listSchema('Organizations (HSDS Page)', OrganizationsQuery) },
    async (req, reply) => {
      const r = reader(req, reply);
      const o = { full: !!req.query.full || !!req.query.full_service, fullService: !!req.query.full_service };
      if (req.query.format === 'ndjson')
        return sendNdjson(reply, (p) => organizationsPage(db(), r, req.query.search, p, o));
      return organizationsPage(db(), r, req.query.search, paging(req.query), o);
    },
  );

  app.get(
    '/organizations/:id',
    { schema: oneSchema('A fully nested organization', OrganizationQuery) },
    async (req, reply) => {
      const o = await organizationById(db(), reader(req, reply), req.params.id, !!req.query.full_service);
      if (!o) throw notFound('hsds_organization_not_found');
      return o;
    },
  );

  app.get('/taxonomies', { schema: listSchema('Taxonomies (HSDS Page)', TaxonomiesQuery) }, async (req, reply) => {
    const r = reader(req, reply);
    if (req.query.format === 'ndjson') return sendNdjson(reply, (p) => taxonomiesPage(db(), r, req.query.search, p));
    return taxonomiesPage(db(), r, req.query.search, paging(req.query));
  });

  app.get('/taxonomies/:id', { schema: oneSchema('A taxonomy', OneQuery) }, async (req, reply) => {
    const t = await taxonomyById(db(), reader(req, reply), req.params.id);
    if (!t) throw notFound('hsds_taxonomy_not_found');
    return t;
  });

  app.get('/taxonomy_terms', { schema: listSchema('Taxonomy terms (HSDS Page)', TermsQuery) }, async (req, reply) => {
    const r = reader(req, reply);
    const q = req.query;
    let taxonomy: string | undefined;
    if (q.taxonomy_id !== undefined) {
      const slug = await taxonomySlug(db(), q.taxonomy_id);
      if (!slug && !UUID_RE.test(q.taxonomy_id))
        throw badRequest('hsds_invalid_id', { name: 'taxonomy_id', value: q.taxonomy_id });
      taxonomy = slug ?? 'unknown';
    }
    const f = { search: q.search, taxonomy, topOnly: q.top_only, parentId: q.parent_id?.toLowerCase() };
    if (q.format === 'ndjson') return sendNdjson(reply, (p) => taxonomyTermsPage(db(), r, f, p));
    return taxonomyTermsPage(db(), r, f, paging(q));
  });

  app.get('/taxonomy_terms/:id', { schema: oneSchema('A taxonomy term', OneQuery) }, async (req, reply) => {
    const t = await taxonomyTermById(db(), reader(req, reply), req.params.id);
    if (!t) throw notFound('hsds_taxonomy_term_not_found');
    return t;
  });

  app.get(
    '/service_at_locations',
    { schema: listSchema('Services at locations (HSDS Page)', SalQuery) },
    async (req, reply) => {
      const r = reader(req, reply);
      const f = await filters(req, req.query);
      const full = !!req.query.full;
      if (req.query.format === 'ndjson') return sendNdjson(reply, (p) => serviceAtLocationsPage(db(), r, f, p, full));
      const p = paging(req.query);
      return serviceAtLocationsPage(db(), r, f, p, full);
    },
  );

  app.get(
    '/service_at_locations/:id',
    { schema: oneSchema('A fully nested service at a location', OneQuery) },
    async (req, reply) => {
      const s = await serviceAtLocationById(db(), reader(req, reply), req.params.id);
      if (!s) throw notFound('hsds_service_at_location_not_found');
      return s;
    },
  );
}
