/**
 * RFC 7946 in JSON Schema, as much of it as a FeatureCollection of Points needs: positions are [longitude,
 * latitude] (two numbers, longitude first, within their ranges), no `crs` member (removed by RFC 7946, §4), a
 * Feature has `type`, `geometry` and `properties`, an id is a string or a number.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const position = {
  type: 'array',
  minItems: 2,
  maxItems: 3,
  prefixItems: [
    { type: 'number', minimum: -180, maximum: 180 },
    { type: 'number', minimum: -90, maximum: 90 },
  ],
  items: { type: 'number' },
};

export const featureCollectionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['type', 'features'],
  not: { anyOf: [{ required: ['crs'] }, { required: ['geometry'] }, { required: ['properties'] }] },
  properties: {
    type: { const: 'FeatureCollection' },
    bbox: { type: 'array', minItems: 4 },
    features: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'geometry', 'properties'],
        not: { anyOf: [{ required: ['crs'] }, { required: ['features'] }, { required: ['coordinates'] }] },
        properties: {
          type: { const: 'Feature' },
          id: { type: ['string', 'number'] },
          geometry: {
            type: 'object',
            required: ['type', 'coordinates'],
            properties: { type: { const: 'Point' }, coordinates: position },
          },
          properties: { type: ['object', 'null'] },
        },
      },
    },
  },
} as const;

// ajv's CommonJS default export, whichever way the loader hands it over.
type Ctor = new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: unknown } };
const AjvClass = ((Ajv2020 as unknown as { default?: Ctor }).default ?? Ajv2020) as unknown as Ctor;
const formats = ((addFormats as unknown as { default?: (a: unknown) => void }).default ?? addFormats) as unknown as (
  a: unknown,
) => void;
const ajv = new AjvClass({ strict: false, allErrors: true });
formats(ajv);

export const validateFeatureCollection = ajv.compile(featureCollectionSchema);
