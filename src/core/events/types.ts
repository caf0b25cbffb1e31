/** What the events capability takes and gives: an event's input, and the outgoing mail of an operation. */
import type { EventKind, EventStatus, RegistrationMode } from '../../db/schema.events.js';
import type { Translated } from '../shared/lang.js';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditContext } from '../audit/auditLog.js';

export const AREA = 'events';

export interface OccurrenceInput {
  /** ISO time with an offset, or local Helsinki time 'YYYY-MM-DDTHH:MM'. */
  start: string;
  end: string;
}

export interface RuleInput {
  /** The RRULE part, e.g. 'FREQ=WEEKLY;BYDAY=TU;COUNT=14'. */
  rule: string;
  /** The first occurrence, local Helsinki time 'YYYY-MM-DDTHH:MM' (or ISO with an offset). */
  start: string;
  end: string;
  /** Local dates left out ('YYYY-MM-DD'): holidays, a week off. */
  exdates?: string[];
}

/** An event as an editor gives it (the API's and the form's input, in the core's words). */
export interface EventInput {
  key?: string | null;
  organizationId: string;
  serviceId?: string | null;
  kind: EventKind;
  status: EventStatus;
  name: Translated;
  description?: Translated;
  practical?: Translated;
  languages: string[];
  municipality?: string | null;
  locationId?: string | null;
  onlineUrl?: string | null;
  onlineUrlRegisteredOnly?: boolean;
  ageMin?: number | null;
  ageMax?: number | null;
  free?: boolean;
  price?: Translated;
  accessibility?: Translated;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  keywords?: string[];
  lifeSituations?: string[];
  registration?: RegistrationMode;
  capacity?: number | null;
  maxPeople?: number;
  retentionDays?: number;
  /** Either explicit occurrences or a rule. */
  occurrences?: OccurrenceInput[];
  rrule?: RuleInput | null;
}

/** A change: any of the fields, and occurrences to cancel (their ids). */
export type EventPatch = Partial<Omit<EventInput, 'organizationId'>> & { cancelOccurrences?: string[] };

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * What an operation needs besides the database: who acts (audit), the site's address (links in mail), and where
 * its e-mail goes: `queue` is the job queue's queueMail, called inside the operation's transaction, so a mail
 * is sent only if the change commits and is retried while the mail server is down.
 */
export interface EventsDeps {
  audit: AuditContext;
  publicUrl: string;
  queue: (db: Kysely<DB> | Transaction<DB>, mail: OutgoingMail) => Promise<void>;
}
