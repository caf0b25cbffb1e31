/**
 * Drafts of records kept by their own units. A draft holds the record as the editor typed it (strings, so that
 * nothing typed is lost even when it is not yet valid); publishing turns it into the directory's
 * ServiceInput/LocationInput, which must then pass the directory's rules.
 */
import type { Translated } from '../shared/lang.js';

export type DraftKind = 'service' | 'location';
export type DraftStatus = 'draft' | 'submitted';

export interface HoursRow {
  days: string[]; // MO … SU
  opens: string; // HH:MM as typed
  closes: string;
  note: Translated;
  validFrom?: string; // kept from the published record, not edited here
  validTo?: string;
}

export interface PhoneRow {
  number: string;
  note: Translated;
}

/** A service as its editor sees it: every field editable in the form. */
export interface ServiceDraftData {
  name: Translated;
  summary: Translated;
  description: Translated;
  feeNote: Translated;
  accessNote: Translated;
  networkNote: Translated;
  languages: string[];
  modes: string[];
  ageMin: string;
  ageMax: string;
  fee: string;
  access: string;
  lifeSituations: string[];
  areas: string[];
  locations: string[]; // location ids
  phones: PhoneRow[];
  email: string;
  url: string;
  hours: HoursRow[];
}

/** A place as its editor sees it. */
export interface LocationDraftData {
  name: Translated;
  street: Translated;
  postalCode: string;
  city: Translated;
  municipalityCode: string;
  lat: string;
  lon: string;
  accessibility: Translated;
  hours: HoursRow[];
}

export type DraftData = ServiceDraftData | LocationDraftData;

/** A problem in a draft: the field's path (e.g. "hours[0].opens", "name") and a code the pages translate. */
export interface DraftError {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/** A record being edited: the published record (if any), its draft (if any), and what the editor may do. */
export interface EditState<D extends DraftData> {
  kind: DraftKind;
  /** The published record's id, or null for a record that does not exist yet. */
  recordId: string | null;
  /** The id to address the record by in URLs: the record's id, or the draft's id for a new record. */
  ref: string;
  organizationId: string;
  organizationName: Translated;
  source: string;
  /** PTV records: these fields follow PTV and cannot be changed here. */
  readOnlyFields: string[];
  /** PTV services: life situations that come from PTV (the others are local additions). */
  ptvLifeSituations: string[];
  published: D | null;
  draft: null | {
    id: string;
    data: D;
    base: D | null;
    status: DraftStatus;
    createdBy: string;
    updatedBy: string;
    updatedByName: string | null;
    submittedBy: string | null;
    submittedByName: string | null;
    updatedAt: Date;
  };
  /** What the form shows: the draft, or the published record when there is no draft. */
  data: D;
  /** The version of `data` (a save naming an older version is refused: someone else saved meanwhile). */
  version: string;
  /** The draft's problems (empty when it could be published). */
  errors: DraftError[];
  /** The published record changed after the draft was started. */
  baseChanged: boolean;
  needsSecondPerson: boolean;
  lastReviewed: string | null;
  lastReviewedByName: string | null;
}
