/**
 * The OpenAPI document served at /hsds/openapi.json: the official HSDS 3.0 openapi.json (schema/openapi.json, kept
 * unchanged on disk) with this installation's details filled in, the `lang` parameter added, and two slips of the
 * specification corrected (docs/hsds-profile.md lists them). The response schemas stay the official ones, by URL.
 */
import { readSchema } from './schemas.js';

type Operation = {
  operationId?: string;
  parameters?: unknown[];
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type OpenApi = { info: Record<string, unknown>; servers?: unknown[]; paths: Record<string, { get: Operation }> };

const LANG_PARAMETER = {
  name: 'lang',
  in: 'query',
  required: false,
  description:
    'Language of the texts: fi (default), sv or en. Without it, the Accept-Language header decides. A text missing in that language is given in another, named in `text_languages`.',
  schema: { type: 'string', enum: ['fi', 'sv', 'en'] },
};

export function hsdsOpenApi(baseUrl: string): OpenApi {
  const doc = readSchema('openapi.json') as unknown as OpenApi;
  doc.info = {
    title: 'Yhdessä – Open Referral HSDS 3.0 API',
    version: '1.0.0',
    summary: 'Services for families with children in Uusimaa, Finland, as Open Referral HSDS 3.0.',
    description: `The published services of the Yhdessä family centre network directory (public, NGO and parish services) in Finnish, Swedish or English. The profile — how the directory maps onto HSDS, the extra properties, languages and taxonomies — is at ${baseUrl}/hsds/profile.`,
    license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
  };
  doc.servers = [{ url: `${baseUrl}/hsds` }];
  for (const [path, item] of Object.entries(doc.paths)) {
    const op = item.get;
    op.parameters = [...(op.parameters ?? []), LANG_PARAMETER];
    // The specification points the one-record endpoint of service_at_locations at the service schema.
    if (path === '/service_at_locations/{id}') {
      const schema = op.responses?.['200']?.content?.['application/json']?.schema;
      if (schema)
        schema.$ref =
          'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/service_at_location.json';
    }
  }
  // …and swaps the operationIds of the two taxonomy_terms endpoints.
  const terms = doc.paths['/taxonomy_terms']?.get;
  const term = doc.paths['/taxonomy_terms/{id}']?.get;
  if (terms && term) {
    terms.operationId = 'getPaginatedListOfTaxonomyTerms';
    term.operationId = 'getTaxonomyTermById';
  }
  return doc;
}
