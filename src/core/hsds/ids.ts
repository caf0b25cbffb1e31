/**
 * HSDS identifiers. Every HSDS id is a UUID: records that have one in the directory keep it (service, organization,
 * location, service_at_location, phone, contact, schedule, taxonomy_term, accessibility); the rest get a stable
 * UUID v5 of what they are, so an id never changes between requests, exports or databases.
 */
import { idFromKey } from '../shared/ids.js';

/** The directory names its taxonomies by slug (life-situation, …); HSDS wants a UUID. */
export const hsdsTaxonomyId = (slug: string) => idFromKey('hsds_taxonomy', slug);
export const serviceAreaId = (serviceId: string, municipalityCode: string) =>
  idFromKey('hsds_service_area', `${serviceId}:${municipalityCode}`);
export const serviceLanguageId = (serviceId: string, code: string) =>
  idFromKey('hsds_language', `service:${serviceId}:${code}`);
export const attributeId = (serviceId: string, termId: string) => idFromKey('hsds_attribute', `${serviceId}:${termId}`);
export const addressId = (locationId: string) => idFromKey('hsds_address', locationId);
export const costOptionId = (serviceId: string) => idFromKey('hsds_cost_option', serviceId);
export const organizationPhoneId = (organizationId: string) =>
  idFromKey('hsds_phone', `organization:${organizationId}`);
export const contactPhoneId = (contactId: string) => idFromKey('hsds_phone', `contact:${contactId}`);
