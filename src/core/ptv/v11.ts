/**
 * The parts of PTV Open API v11 records that the import reads (the API returns more). Every field is optional
 * here on purpose: records come from outside, and the mapping checks what it needs and says what is missing.
 */
export interface PtvText {
  language?: string | null;
  value?: string | null;
  type?: string | null;
}
export interface PtvCodeName {
  language?: string | null;
  value?: string | null;
}

export interface PtvFintoItem {
  name?: PtvCodeName[] | null;
  code?: string | null;
  ontologyType?: string | null;
  uri?: string | null;
  parentUri?: string | null;
}

export interface PtvMunicipality {
  code?: string | null;
  name?: PtvCodeName[] | null;
}

export interface PtvArea {
  type?: string | null; // Municipality, Province, BusinessRegions, HospitalRegions
  code?: string | null;
  name?: PtvCodeName[] | null;
  municipalities?: PtvMunicipality[] | null;
}

export interface PtvOrganizationRef {
  id?: string | null;
  name?: string | null;
}

export interface PtvServiceOrganization {
  organization?: PtvOrganizationRef | null;
  roleType?: string | null; // Responsible, Producer, OtherResponsible
  provisionType?: string | null;
}

export interface PtvOpeningHour {
  dayFrom?: string | null;
  dayTo?: string | null;
  from?: string | null;
  to?: string | null;
  isExtra?: boolean;
}

export interface PtvServiceHour {
  serviceHourType?: string | null; // DaysOfTheWeek, Exceptional, Special
  validFrom?: string | null;
  validTo?: string | null;
  isClosed?: boolean | null;
  isAlwaysOpen?: boolean | null;
  isReservation?: boolean | null;
  additionalInformation?: PtvCodeName[] | null;
  openingHour?: PtvOpeningHour[] | null;
}

export interface PtvService {
  id?: string;
  type?: string | null;
  serviceNames?: PtvText[] | null;
  serviceDescriptions?: PtvText[] | null;
  serviceChargeType?: string | null; // Charged, Free, Other
  fundingType?: string | null;
  areaType?: string | null; // Nationwide, NationwideExceptAlandIslands, LimitedType
  areas?: PtvArea[] | null;
  languages?: string[] | null;
  serviceClasses?: PtvFintoItem[] | null;
  ontologyTerms?: PtvFintoItem[] | null;
  targetGroups?: PtvFintoItem[] | null;
  lifeEvents?: PtvFintoItem[] | null;
  keywords?: PtvCodeName[] | null;
  serviceChannels?: { serviceChannel?: { id?: string | null; name?: string | null } | null }[] | null;
  organizations?: PtvServiceOrganization[] | null;
  publishingStatus?: string | null;
  modified?: string | null;
}

export interface PtvPhone {
  type?: string | null;
  additionalInformation?: string | null;
  prefixNumber?: string | null;
  number?: string | null;
  isFinnishServiceNumber?: boolean | null;
  language?: string | null;
}

export interface PtvWebPage {
  url?: string | null;
  value?: string | null;
  language?: string | null;
  type?: string | null;
}

export interface PtvStreetAddress {
  street?: PtvCodeName[] | null;
  streetNumber?: string | null;
  postalCode?: string | null;
  postOffice?: PtvCodeName[] | null;
  municipality?: PtvMunicipality | null;
  latitude?: string | number | null;
  longitude?: string | number | null;
}

export interface PtvSentenceGroup {
  sentenceGroup?: PtvCodeName[] | null;
  sentences?: { sentence?: PtvCodeName[] | null }[] | null;
}

export interface PtvAddress {
  type?: string | null; // Location, Postal
  subType?: string | null; // Single, Street, PostOfficeBox, Abroad, Other, NoAddress
  streetAddress?: PtvStreetAddress | null;
  entrances?:
    | {
        isMainEntrance?: boolean | null;
        coordinates?: { latitude?: string | number | null; longitude?: string | number | null } | null;
        accessibilitySentences?: PtvSentenceGroup[] | null;
      }[]
    | null;
}

export interface PtvChannel {
  id?: string;
  serviceChannelType?: string | null; // ServiceLocation, Phone, EChannel, WebPage, PrintableForm
  organizationId?: string | null;
  serviceChannelNames?: PtvText[] | null;
  serviceChannelDescriptions?: PtvText[] | null;
  areas?: PtvArea[] | null;
  phoneNumbers?: PtvPhone[] | null;
  emails?: PtvCodeName[] | null;
  languages?: string[] | null;
  webPages?: PtvWebPage[] | null;
  urls?: PtvWebPage[] | null;
  channelUrls?: PtvWebPage[] | null;
  addresses?: PtvAddress[] | null;
  serviceHours?: PtvServiceHour[] | null;
  services?: { service?: { id?: string | null; name?: string | null } | null }[] | null;
  publishingStatus?: string | null;
  modified?: string | null;
}

export interface PtvOrganization {
  id?: string;
  organizationType?: string | null; // Municipality, State, RegionalOrganization, Organization, Company, SotePublic, SotePrivate, …
  organizationNames?: PtvText[] | null;
  organizationDescriptions?: PtvText[] | null;
  municipality?: PtvMunicipality | null;
  emails?: PtvCodeName[] | null;
  phoneNumbers?: PtvPhone[] | null;
  webPages?: PtvWebPage[] | null;
  publishingStatus?: string | null;
  modified?: string | null;
}

export type PtvKind = 'service' | 'channel' | 'organization';

/** What kind of PTV record an object is, by the fields only that kind has; null when none. */
export function kindOf(r: Record<string, unknown>): PtvKind | null {
  if ('serviceChannelType' in r || 'serviceChannelNames' in r) return 'channel';
  if ('serviceNames' in r) return 'service';
  if ('organizationNames' in r || 'organizationType' in r) return 'organization';
  return null;
}
