/**
 * The official HSDS 3.0 schemas (copied into ./schema, see SOURCE.md) and validators for them: Ajv with the
 * 2020-12 dialect and ajv-formats, every entity schema registered under its file name so that their `$ref`s
 * ("phone.json") resolve without the network.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: TypeScript sees its default export on `.default`, Node gives the function itself.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'schema');

/** Keywords of the specification's own (data package and documentation metadata), not validation keywords. */
const SPEC_KEYWORDS = [
  'name',
  'path',
  'datapackage_metadata',
  'constraints',
  'example',
  'core',
  'tabular_required',
  'datapackage_type',
];

export function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** What each endpoint answers with, and the official schema it is validated against. */
export const RESPONSE_SCHEMAS = {
  service: 'compiled/service.json',
  service_list_item: 'compiled/service_list.json',
  organization: 'organization.json',
  organization_list_item: 'compiled/organization_list.json',
  taxonomy: 'taxonomy.json',
  taxonomy_term: 'taxonomy_term.json',
  service_at_location: 'service_at_location.json',
  service_at_location_list_item: 'compiled/service_at_location_list.json',
  location: 'location.json',
} as const;
export type ResponseKind = keyof typeof RESPONSE_SCHEMAS;

export interface HsdsValidator {
  /** Validates one record; returns Ajv's errors, or null when valid. */
  errors(kind: ResponseKind | 'page', data: unknown): ValidateFunction['errors'] | null;
}

/** The Page wrapper of the HSDS OpenAPI document (components/schemas/Page), without its `contents`. */
export function pageSchema(): Record<string, unknown> {
  const openapi = readSchema('openapi.json') as { components: { schemas: { Page: Record<string, unknown> } } };
  return {
    ...openapi.components.schemas.Page,
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  };
}

/** Compiling the full service schema takes a couple of seconds: build one validator and reuse it. */
export function createHsdsValidator(): HsdsValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(SPEC_KEYWORDS);
  for (const f of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json'))
    ajv.addSchema(readSchema(f), f);
  const compiled = new Map<string, ValidateFunction>();
  const get = (kind: ResponseKind | 'page'): ValidateFunction => {
    let v = compiled.get(kind);
    if (!v) {
      v = (
        kind === 'page'
          ? ajv.compile({
              ...pageSchema(),
              properties: { ...(pageSchema().properties as object), contents: { type: 'array' } },
            })
          : (ajv.getSchema(RESPONSE_SCHEMAS[kind]) ?? ajv.compile(readSchema(RESPONSE_SCHEMAS[kind])))
      ) as ValidateFunction;
      compiled.set(kind, v);
    }
    return v;
  };
  return {
    errors(kind, data) {
      const v = get(kind);
      return v(data) ? null : (v.errors ?? []);
    },
  };
}
