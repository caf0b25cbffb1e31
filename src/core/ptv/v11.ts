/**
 * The parts of PTV Open API v11 records that the import reads (the API returns more), as JSON Schemas (TypeBox)
 * with the TypeScript types derived from them, so the checked shape and the mapped shape cannot drift apart.
 * Every field is optional and may be null: records come from outside, and the mapping checks what it needs and
 * says what is missing. What the schema refuses is the wrong *type* (a list that is a string, a number where an
 * object belongs): such a record is reported and skipped before anything reads it (records.ts). Fields the
 * schema does not name are allowed and kept as PTV gave them.
 */
import { Type, type Static, type TSchema } from 'typebox';

/** Optional, and null allowed: PTV writes null for what it does not have. */
const opt = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const list = <T extends TSchema>(t: T) => opt(Type.Array(t));
const str = () => opt(Type.String());

export const PtvTextSchema = Type.Object({ language: str(), value: str(), type: str() });
export type PtvText = Static<typeof PtvTextSchema>;

export const PtvCodeNameSchema = Type.Object({ language: str(), value: str() });
export type PtvCodeName = Static<typeof PtvCodeNameSchema>;

export const PtvFintoItemSchema = Type.Object({
  name: list(PtvCodeNameSchema),
  code: str(),
  ontologyType: str(),
  uri: str(),
  parentUri: str(),
});
export type PtvFintoItem = Static<typeof PtvFintoItemSchema>;

export const PtvMunicipalitySchema = Type.Object({ code: str(), name: list(PtvCodeNameSchema) });
export type PtvMunicipality = Static<typeof PtvMunicipalitySchema>;

export const PtvAreaSchema = Type.Object({
  type: str(), // Municipality, Province, BusinessRegions, HospitalRegions
  code: str(),
  name: list(PtvCodeNameSchema),
  municipalities: list(PtvMunicipalitySchema),
});
export type PtvArea = Static<typeof PtvAreaSchema>;

export const PtvOrganizationRefSchema = Type.Object({ id: str(), name: str() });
export type PtvOrganizationRef = Static<typeof PtvOrganizationRefSchema>;

export const PtvServiceOrganizationSchema = Type.Object({
  organization: opt(PtvOrganizationRefSchema),
  roleType: str(), // Responsible, Producer, OtherResponsible
  provisionType: str(),
});
export type PtvServiceOrganization = Static<typeof PtvServiceOrganizationSchema>;

export const PtvOpeningHourSchema = Type.Object({
  dayFrom: str(),
  dayTo: str(),
  from: str(),
  to: str(),
  isExtra: opt(Type.Boolean()),
});
export type PtvOpeningHour = Static<typeof PtvOpeningHourSchema>;

export const PtvServiceHourSchema = Type.Object({
  serviceHourType: str(), // DaysOfTheWeek, Exceptional, Special
  validFrom: str(),
  validTo: str(),
  isClosed: opt(Type.Boolean()),
  isAlwaysOpen: opt(Type.Boolean()),
  isReservation: opt(Type.Boolean()),
  additionalInformation: list(PtvCodeNameSchema),
  openingHour: list(PtvOpeningHourSchema),
});
export type PtvServiceHour = Static<typeof PtvServiceHourSchema>;

export const PtvServiceSchema = Type.Object({
  id: Type.Optional(Type.String()),
  type: str(),
  serviceNames: list(PtvTextSchema),
  serviceDescriptions: list(PtvTextSchema),
  serviceChargeType: str(), // Charged, Free, Other
  fundingType: str(),
  areaType: str(), // Nationwide, NationwideExceptAlandIslands, LimitedType
  areas: list(PtvAreaSchema),
  languages: list(Type.String()),
  serviceClasses: list(PtvFintoItemSchema),
  ontologyTerms: list(PtvFintoItemSchema),
  targetGroups: list(PtvFintoItemSchema),
  lifeEvents: list(PtvFintoItemSchema),
  keywords: list(PtvCodeNameSchema),
  serviceChannels: list(Type.Object({ serviceChannel: opt(Type.Object({ id: str(), name: str() })) })),
  organizations: list(PtvServiceOrganizationSchema),
  publishingStatus: str(),
  modified: str(),
});
export type PtvService = Static<typeof PtvServiceSchema>;

export const PtvPhoneSchema = Type.Object({
  type: str(),
  additionalInformation: str(),
  prefixNumber: str(),
  number: str(),
  isFinnishServiceNumber: opt(Type.Boolean()),
  language: str(),
});
export type PtvPhone = Static<typeof PtvPhoneSchema>;

export const PtvWebPageSchema = Type.Object({ url: str(), value: str(), language: str(), type: str() });
export type PtvWebPage = Static<typeof PtvWebPageSchema>;

/** PTV gives coordinates as strings of metres; numbers are read too. */
const coordinate = () => opt(Type.Union([Type.String(), Type.Number()]));

export const PtvStreetAddressSchema = Type.Object({
  street: list(PtvCodeNameSchema),
  streetNumber: str(),
  postalCode: str(),
  postOffice: list(PtvCodeNameSchema),
  municipality: opt(PtvMunicipalitySchema),
  latitude: coordinate(),
  longitude: coordinate(),
});
export type PtvStreetAddress = Static<typeof PtvStreetAddressSchema>;

export const PtvSentenceGroupSchema = Type.Object({
  sentenceGroup: list(PtvCodeNameSchema),
  sentences: list(Type.Object({ sentence: list(PtvCodeNameSchema) })),
});
export type PtvSentenceGroup = Static<typeof PtvSentenceGroupSchema>;

export const PtvAddressSchema = Type.Object({
  type: str(), // Location, Postal
  subType: str(), // Single, Street, PostOfficeBox, Abroad, Other, NoAddress
  streetAddress: opt(PtvStreetAddressSchema),
  entrances: list(
    Type.Object({
      isMainEntrance: opt(Type.Boolean()),
      coordinates: opt(Type.Object({ latitude: coordinate(), longitude: coordinate() })),
      accessibilitySentences: list(PtvSentenceGroupSchema),
    }),
  ),
});
export type PtvAddress = Static<typeof PtvAddressSchema>;

export const PtvChannelSchema = Type.Object({
  id: Type.Optional(Type.String()),
  serviceChannelType: str(), // ServiceLocation, Phone, EChannel, WebPage, PrintableForm
  organizationId: str(),
  serviceChannelNames: list(PtvTextSchema),
  serviceChannelDescriptions: list(PtvTextSchema),
  areas: list(PtvAreaSchema),
  phoneNumbers: list(PtvPhoneSchema),
  emails: list(PtvCodeNameSchema),
  languages: list(Type.String()),
  webPages: list(PtvWebPageSchema),
  urls: list(PtvWebPageSchema),
  channelUrls: list(PtvWebPageSchema),
  addresses: list(PtvAddressSchema),
  serviceHours: list(PtvServiceHourSchema),
  services: list(Type.Object({ service: opt(Type.Object({ id: str(), name: str() })) })),
  publishingStatus: str(),
  modified: str(),
});
export type PtvChannel = Static<typeof PtvChannelSchema>;

export const PtvOrganizationSchema = Type.Object({
  id: Type.Optional(Type.String()),
  organizationType: str(), // Municipality, State, RegionalOrganization, Organization, Company, SotePublic, …
  organizationNames: list(PtvTextSchema),
  organizationDescriptions: list(PtvTextSchema),
  municipality: opt(PtvMunicipalitySchema),
  emails: list(PtvCodeNameSchema),
  phoneNumbers: list(PtvPhoneSchema),
  webPages: list(PtvWebPageSchema),
  publishingStatus: str(),
  modified: str(),
});
export type PtvOrganization = Static<typeof PtvOrganizationSchema>;

export type PtvKind = 'service' | 'channel' | 'organization';

export const PTV_SCHEMAS = {
  service: PtvServiceSchema,
  channel: PtvChannelSchema,
  organization: PtvOrganizationSchema,
} as const;

/** What kind of PTV record an object is, by the fields only that kind has; null when none. */
export function kindOf(r: Record<string, unknown>): PtvKind | null {
  if ('serviceChannelType' in r || 'serviceChannelNames' in r) return 'channel';
  if ('serviceNames' in r) return 'service';
  if ('organizationNames' in r || 'organizationType' in r) return 'organization';
  return null;
}
