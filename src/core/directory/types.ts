/** What the directory's write operations take. Keys are stable references (demo slug, PTV id, …). */
import type { Translated, Lang } from '../shared/lang.js';
import type { Access, DeliveryMode, Fee, LifeSituation, OrgType, Weekday } from './vocabulary.js';

export type Source = 'local' | 'ptv' | 'demo';

export interface OpeningHours {
  days: Weekday[];
  opens: string; // HH:MM
  closes: string; // HH:MM; "24:00" allowed
  note?: Translated;
  validFrom?: string;
  validTo?: string;
}

/** A dated exception to the weekly hours: closed (a holiday) or open at other times. Dates YYYY-MM-DD, inclusive. */
export interface HoursException {
  from: string;
  to: string;
  closed: boolean;
  opens?: string; // HH:MM, when not closed
  closes?: string; // HH:MM; "24:00" allowed
  note?: Translated;
}

/** A link beyond the one `url`: a web page, an e-service or a printable form (PTV's channels). */
export interface LinkInput {
  kind: 'web_page' | 'e_service' | 'printable_form';
  url: string;
  label?: Translated;
  /** Language of the page linked to. */
  lang?: string;
}

/** An organisation's role in a service besides the one responsible (`organizationKey`). */
export interface ServiceOrganizationInput {
  organizationKey: string;
  role: 'responsible' | 'producer' | 'other_responsible';
  provisionType?: string;
}

export interface OrganizationInput {
  key: string;
  type: OrgType;
  name: Translated;
  description?: Translated;
  email?: string;
  website?: string;
  phone?: string;
  municipalityCode?: string;
  source?: Source;
}

export interface LocationInput {
  key: string;
  organizationKey: string;
  name: Translated;
  description?: Translated;
  street?: Translated;
  postalCode?: string;
  city?: Translated;
  municipalityCode?: string;
  lat?: number;
  lon?: number;
  accessibility?: Translated;
  hours?: OpeningHours[];
  /** When given, replaces the place's dated exceptions; when absent, they are left as they are. */
  exceptions?: HoursException[];
  /** When given, replaces the place's links; when absent, they are left as they are. */
  links?: LinkInput[];
  source?: Source;
}

export interface PhoneInput {
  number: string;
  note?: Translated;
}

export interface ServiceInput {
  key: string;
  organizationKey: string;
  status?: 'active' | 'inactive';
  name: Translated;
  summary?: Translated;
  description?: Translated;
  keywords?: Partial<Record<Lang, string[]>>;
  email?: string;
  url?: string;
  languages: Lang[];
  modes: DeliveryMode[];
  ageMin?: number;
  ageMax?: number;
  fee: Fee;
  feeNote?: Translated;
  access: Access;
  accessNote?: Translated;
  lastReviewed?: string;
  areas: string[];
  lifeSituations: LifeSituation[];
  serviceClasses?: string[];
  targetGroups?: string[];
  phones?: PhoneInput[];
  locationKeys?: string[];
  hours?: OpeningHours[];
  /** When given, replaces the service's dated exceptions; when absent, they are left as they are. */
  exceptions?: HoursException[];
  /** When given, replaces the service's links; when absent, they are left as they are. */
  links?: LinkInput[];
  /** When given, replaces the service's organisations by role; when absent, they are left as they are. */
  organizations?: ServiceOrganizationInput[];
  /** Further taxonomy terms by id (already in taxonomy_term), e.g. PTV life events and ontology terms. */
  taxonomyTermIds?: string[];
  source?: Source;
}

export interface FieldError {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}
