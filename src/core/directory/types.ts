/** What the directory's write operations take. Keys are stable references (demo slug, PTV id, …). */
import type { Translated } from '../shared/translated.js';
import type { Access, DeliveryMode, Fee, Lang, LifeSituation, OrgType, Weekday } from './vocabulary.js';

export type Source = 'local' | 'ptv' | 'demo';

export interface OpeningHours {
  days: Weekday[];
  opens: string; // HH:MM
  closes: string; // HH:MM; "24:00" allowed
  note?: Translated;
  validFrom?: string;
  validTo?: string;
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
  source?: Source;
}

export interface PhoneInput { number: string; note?: Translated }

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
  source?: Source;
}

export interface FieldError { field: string; code: string; params?: Record<string, string | number> }
