/**
 * A working model (toimintamalli / verksamhetsmodell): how a piece of the network's work is done, documented in
 * the structure Finland's Innokylä uses (docs/working-models.md maps each field), so that a new employee can
 * learn it and another municipality can adopt it. The text is versioned (a draft, then published versions); who
 * keeps it, whom to contact, where it is used and which services it works through are kept beside the text.
 */
import type { Translated } from '../shared/lang.js';

/** The versioned text, each field in fi/sv/en. Lists (steps, roles) are one item per line. */
export interface WorkingModelContent {
  name: Translated;
  summary: Translated;
  /** The problem it solves (Innokylä: "Tarve, johon toimintamalli vastaa"). */
  problem: Translated;
  /** Who it is for (Innokylä: "Kohderyhmä"). */
  target_group: Translated;
  /** How it works, one step per line (Innokylä: "Toimintamallin kuvaus", "Toteutus"). */
  steps: Translated;
  /** Who does what, one role per line (Innokylä: "Toimijat ja roolit"). */
  roles: Translated;
  /** How a family or a colleague gets in (Innokylä: "Miten asiakas ohjautuu"). */
  access: Translated;
  /** What it needs: training, time, money (Innokylä: "Resurssit", "Osaaminen"). */
  resources: Translated;
  /** Evidence and evaluation (Innokylä: "Arviointi", "Vaikutukset"). */
  evidence: Translated;
}

export const CONTENT_FIELDS = [
  'name',
  'summary',
  'problem',
  'target_group',
  'steps',
  'roles',
  'access',
  'resources',
  'evidence',
] as const satisfies readonly (keyof WorkingModelContent)[];
export type ContentField = (typeof CONTENT_FIELDS)[number];

/** What an editor sends: the text and what is kept beside it. */
export interface WorkingModelInput {
  content: WorkingModelContent;
  organizationId: string;
  teamId: string; // '' = none
  originActionId: string; // '' = none
  reviewDue: string; // '' or yyyy-mm-dd
  public: boolean;
  /** Where it is used: municipality code → since (yyyy-mm-dd or ''). */
  municipalities: { code: string; since: string; adoptedFrom?: string }[];
  serviceIds: string[];
  ownerIds: string[];
  contactIds: string[];
}
